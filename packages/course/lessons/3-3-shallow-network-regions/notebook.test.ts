// Notebook 3.3: `gradkit run 3-3-shallow-network-regions` (udlbook/3_3_Shallow_Network_Regions.md)
// prints the notebook's true values (7, 13432735556, 256, 256, 97) and computes the arrays of
// figure 3.9a and 3.9b, compared bit for bit with the notebook's code run by numpy and Python's
// math.comb (tests/fixtures/combinatorics.json, tests/fixtures/gen_combinatorics.py). Fast: no
// training, no --scale needed (~0.5 s for both figures' 7000 exact counts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/combinatorics.json', import.meta.url), 'utf8'),
) as { notebook_3_3: { regions_a: number[][]; regions_b: number[][]; params_b: number[][] } };

const counting = [1, 5, 10, 50, 100].map((d) => `Counting regions for ${d} input dimensions`);

describe('3-3-shallow-network-regions notebook', async () => {
  const { values, report } = await runLesson('3-3-shallow-network-regions');

  it("prints the notebook's true values", () => {
    expect(report).toEqual([
      'Di=2, D=3, Number of regions = 7, True value = 7',
      'Di=10, D=50, Number of regions = 13432735556, True value = 13432735556',
      'Di=10, D=8, Number of regions = 256, True value = 256',
      'Di=10, D=8, Number of regions = 256, Number of regions = 256, True value = 256',
      ...counting,
      'Di=10, D=8, Number of parameters = 97, True value = 97',
      ...counting,
    ]);
    expect(values['N#all']).toEqual([7, 13432735556, 256, 256, 97]);
    expect(values.N).toBe(97);
    expect(values.N2).toBe(256);
  });

  it("computes figure 3.9b's regions and params as the notebook does (the last arrays bound)", () => {
    expect(values.dims).toEqual([1, 5, 10, 50, 100]);
    expect(values.regions).toEqual(fx.notebook_3_3.regions_b);
    expect(values.params).toEqual(fx.notebook_3_3.params_b);
    // the loop's last iteration: D_i = 100, c_hidden = 199, D = int(199 * 500 / 100) = 995
    expect([values.D_i, values.c_hidden, values.D]).toEqual([100, 199, 995]);
  });

  it("computes figure 3.9a's regions bit for bit", async () => {
    const { regionsByHiddenUnits } = await import('./notebook.js');
    const a = regionsByHiddenUnits();
    expect(a).toEqual(fx.notebook_3_3.regions_a);
    expect(a[4]![999]).toBeCloseTo(6.463747184146269e139, -125); // ~6.5e139, inside the plot's 1e150
    expect(a[0]![999]).toBe(1000); // one input: D + 1 regions
  });
});
