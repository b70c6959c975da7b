// Notebook 4.1: `gradkit run 4-1-composing-networks` reproduces the notebook's networks and
// compositions (4_1_Composing_Networks.md; the CM20315 practical "Deep" runs the same code). The
// notebook prints nothing; its curves and the numbers of linear regions it asks about are checked
// against numpy (tests/fixtures/nn_book.json, written by tests/fixtures/gen_nn.py from the
// notebook's code, regions counted on a 1e-6 grid).
import { readFileSync } from 'node:fs';
import { arange } from '@gradkit/core';
import { countLinearRegions, DEEP_NOTEBOOK_NETWORKS, shallowNetwork } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/nn_book.json', import.meta.url), 'utf8'),
) as {
  n1: Record<string, number>;
  n2: Record<string, number>;
  shallow_n1: Record<string, number[]>;
  deep_compositions: Record<string, { y: number[]; regions: number }>;
};

function expectAllClose(a: unknown, b: number[], tol = 1e-12) {
  const v = a as number[];
  expect(v.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(v[i]! - b[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('4-1-composing-networks notebook', async () => {
  const { lesson, values, report } = await runLesson('4-1-composing-networks');
  it('is also the CM20315 practical "deep"', async () => {
    expect(lesson).toBe('4-1-composing-networks');
    expect((await runLesson('deep')).lesson).toBe('4-1-composing-networks');
  });
  it('prints nothing (the notebook only plots)', () => expect(report).toEqual([]));
  it("binds the notebook's twenty parameters n1_* and n2_*", () => {
    const names = ['theta_10', 'theta_11', 'theta_20', 'theta_21', 'theta_30', 'theta_31'];
    names.push('phi_0', 'phi_1', 'phi_2', 'phi_3');
    for (const [prefix, p] of [
      ['n1_', fx.n1],
      ['n2_', fx.n2],
    ] as const)
      for (const n of names) expect(values[`${prefix}${n}`], `${prefix}${n}`).toBe(p[n.replace('_', '')]);
    expect([values.n1_theta_30, values.n1_phi_3, values.n2_theta_10, values.n2_phi_0]).toEqual([
      -0.67, 9.3, -0.6, 0.5,
    ]);
  });
  it("the first network's curve is the CM20315 practical's n1_out on arange(-1, 1, 0.01)", () => {
    // The practical plots network 1 alone on a coarser grid first (n1_in, n1_out); notebook 4.1
    // does not, but every tenth point of its net1_out is that curve.
    const first = values.net1_out as number[]; // rebound to network 1 by the last cells
    const every10 = first.filter((_, i) => i % 10 === 0);
    expectAllClose(every10, fx.shallow_n1.y!, 1e-12);
  });
  it('the curves on arange(-1, 1, 0.001) match numpy', () => {
    const c = fx.deep_compositions;
    expect((values.x as number[]).length).toBe(2000);
    expectAllClose(values.net1_out, c.net1!.y);
    expectAllClose(values.net2_out, c.net2!.y);
    expectAllClose(values.net2_out_new, c.net1!.y);
    expectAllClose(values.net12_out, c.net11!.y); // last bound: the first network fed into itself
    expectAllClose(values.net123_out, c.net112!.y);
  });
  it('counts the linear regions the notebook asks about (3 and 4 alone, 12 composed, 36 for three layers)', () => {
    const counts = Object.fromEntries(Object.entries(fx.deep_compositions).map(([k, v]) => [k, v.regions]));
    expect(values.linear_regions).toEqual(counts);
    expect(counts).toMatchObject({ net1: 3, net2: 4, net12: 12, net112: 36 });
  });
  it('answers the last TODO: N copies of network 1 make 3^N regions, then network 2 makes 4·3^N', () => {
    const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
    const x = arange(-1, 1, 1e-4); // finer than the notebook's grid: 108 regions need it
    let h = x;
    for (let n = 1; n <= 3; n++) {
      h = shallowNetwork(h, n1);
      expect(countLinearRegions(x, h).count).toBe(3 ** n);
      expect(countLinearRegions(x, shallowNetwork(h, n2)).count).toBe(4 * 3 ** n);
    }
  });
});
