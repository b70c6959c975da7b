// Notebook 9.1: `gradkit run 9-1-l2-regularization` (udlbook/9_1_L2_Regularization.md).
// The notebook prints nothing and states no numbers: its losses are plot titles ("Initial
// parameters, Loss = %f", "Iteration %d, loss = %f"). They and both descents are compared with
// tests/fixtures/udl_l2_regularization.json (numpy: the notebook's code, its TODOs completed as
// the book intends, tests/fixtures/gen_udl_l2_regularization.py), to 1e-12 and to the titles' %f.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_l2_regularization.json', import.meta.url), 'utf8'),
) as { phi_all: number[][]; phi_all_reg: number[][]; losses: number[]; losses_reg: number[] };

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, r) => row.map((v, j) => Math.abs(v - b[r]![j]!))));

describe('9-1-l2-regularization notebook', async () => {
  const { values, report } = await runLesson('9-1-l2-regularization');
  const paths = values['phi_all#all'] as number[][][];
  const losses = values['loss#all'] as number[];

  it('prints nothing; the data and the initial parameters', () => {
    expect(report).toEqual([]);
    const data = values.data as number[][];
    expect([data.length, data[0]!.length]).toEqual([2, 30]);
    expect(data[0]![0]).toBe(-1.92);
    expect(data[1]![29]).toBe(0.5952);
    expect(values.phi).toEqual([[-5], [25]]);
    expect(values.n_steps).toBe(41);
  });

  it('gradient descent on the sum of squares ends in a local minimum', () => {
    expect(paths.length).toBe(2);
    expect(paths[0]![0]!.length).toBe(42);
    expect(maxDiff(paths[0]!, fx.phi_all)).toBeLessThan(1e-12);
    const titles = losses.slice(0, 7).map((l) => pyFormat('%f', l));
    expect(titles).toEqual(fx.losses.map((l) => pyFormat('%f', l)));
    expect(titles[0]).toBe('18.503199'); // "Initial parameters, Loss = 18.503199"
    expect(titles[6]).toBe('5.643186'); // "Iteration 41, loss = 5.643186"
  });

  it('the TODOs: with lambda_ = 0.2 the same descent reaches the global minimum near (0.1, 13.5)', () => {
    expect(values.lambda_).toBe(0.2);
    expect(maxDiff(paths[1]!, fx.phi_all_reg)).toBeLessThan(1e-12);
    expect(values.phi_all).toEqual(paths[1]);
    const titles = losses.slice(7).map((l) => pyFormat('%f', l));
    expect(titles).toEqual(fx.losses_reg.map((l) => pyFormat('%f', l)));
    expect(titles[0]).toBe('23.055199');
    expect(titles[6]).toBe('1.575801');
    const end = paths[1]!.map((row) => row[41]!);
    expect(end[0]).toBeCloseTo(0.10266, 4);
    expect(end[1]).toBeCloseTo(13.48003, 4);
  });
});
