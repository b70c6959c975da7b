// Coursework IV: `gradkit run coursework-iv` prints the notebook's numbers
// (udl-cm20315-coursework_iv.md). The data sum is the notebook's own "Should be 1036.321"; the
// three answers per part come from tests/fixtures/coursework_iv.json (numpy, the notebook's code
// with the TODOs completed: tests/fixtures/gen_coursework_iv.py), at the 3 decimals printed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/coursework_iv.json', import.meta.url), 'utf8'),
) as {
  distance_ratio: Record<string, number>;
  volume: Record<string, number>;
  outer_1_percent: Record<string, number>;
};

/** Equal as the notebook prints it (`%3.3f`). */
const printed = (value: unknown) => (value as number).toFixed(3);

describe('coursework-iv notebook', async () => {
  const { values, report } = await runLesson('coursework-iv');

  it('prints the data sum the notebook says it should be', () => {
    expect(printed(values['np.sum(x_1000D)'])).toBe('1036.321');
    expect(report[0]).toBe('Sum of your data is 1036.321, Should be 1036.321');
  });

  it('part (a): the distance ratios in 2D, 100D and 1000D', () => {
    for (const d of ['2', '100', '1000'])
      expect(printed(values[`distance_ratio(x_${d}D)`]), `${d}D`).toBe(printed(fx.distance_ratio[d]));
    expect(report.slice(1, 4)).toEqual([
      `Ratio of largest to smallest distance 2D: ${printed(fx.distance_ratio['2'])}`,
      `Ratio of largest to smallest distance 100D: ${printed(fx.distance_ratio['100'])}`,
      `Ratio of largest to smallest distance 1000D: ${printed(fx.distance_ratio['1000'])}`,
    ]);
  });

  it('part (b): the volume of the unit-diameter hypersphere in 1..10 dimensions', () => {
    const volumes = values['volume_of_hypersphere(diameter, c_dim)'] as number[];
    expect(volumes.map(printed)).toEqual(
      Array.from({ length: 10 }, (_, i) => printed(fx.volume[String(i + 1)])),
    );
    expect(report).toContain(
      `Volume of unit diameter hypersphere in 10 dimensions is ${printed(fx.volume['10'])}`,
    );
  });

  it('part (c): the proportion of the volume in the outer 1% of the radius', () => {
    const dims = [1, 2, 10, 20, 50, 100, 150, 200, 250, 300];
    const props = values['get_prop_of_volume_in_outer_1_percent(c_dim)'] as number[];
    expect(props.map(printed)).toEqual(dims.map((d) => printed(fx.outer_1_percent[String(d)])));
    expect(report).toContain(
      `Proportion of volume in outer 1 percent of radius in 300 dimensions =${printed(fx.outer_1_percent['300'])}`,
    );
    expect(report.filter((l) => l.startsWith('**Note down')).length).toBe(3);
  });

  it('keeps numpy shapes: (2,1000), (100,1000) and (1000,1000) data', () => {
    expect((values.x_2D as number[][]).length).toBe(2);
    expect((values.x_2D as number[][])[0]!.length).toBe(1000);
    expect((values.x_100D as number[][]).length).toBe(100);
    expect((values.x_1000D as number[][]).length).toBe(1000);
    expect(values.c_dim).toBe(300);
    expect(values.diameter).toBe(1);
  });
});
