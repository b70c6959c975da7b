// Notebook 8.4: `gradkit run 8-4-high-dimensional-spaces` prints the notebook's numbers
// (8_4_High_Dimensional_Spaces.md; the CM20315 Coursework IV is the same code with a data-sum
// check, "Should be 1036.321", and "Note down" lines, which the book's notebook does not print).
// The numbers of each part come from tests/fixtures/coursework_iv.json (numpy, the notebook's code
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

describe('8-4-high-dimensional-spaces notebook', async () => {
  const { values, report } = await runLesson('8-4-high-dimensional-spaces');

  it('draws the data the CM20315 coursework checks (its sum "should be 1036.321"), printing no sum', () => {
    const sum = (values.x_1000D as number[][]).flat().reduce((a, b) => a + b, 0);
    expect(printed(sum)).toBe('1036.321');
    expect(report.some((l) => l.startsWith('Sum of your data'))).toBe(false);
    expect(report).toHaveLength(3 + 10 + 10);
  });

  it('part (a): the distance ratios in 2D, 100D and 1000D', () => {
    for (const d of ['2', '100', '1000'])
      expect(printed(values[`distance_ratio(x_${d}D)`]), `${d}D`).toBe(printed(fx.distance_ratio[d]));
    expect(report.slice(0, 3)).toEqual([
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
    // the notebook: "by the time we get to 300 dimensions most of the volume is in the outer 1 percent"
    expect(props[props.length - 1]!).toBeGreaterThan(0.5);
    expect(report.filter((l) => l.startsWith('**Note down')).length).toBe(0);
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
