// Notebook 8.2: `gradkit run 8-2-bias-variance-trade-off` (udlbook/8_2_Bias_Variance_Trade_Off.md).
// The notebook prints nothing and states no numbers; its drawn values are compared with
// tests/fixtures/udl_bias_variance.json (numpy: the notebook's code with its TODOs completed as the
// book intends, tests/fixtures/gen_udl_bias_variance.py). The data come from numpy's RandomState
// stream (exact); the fits go through lstsq (LAPACK there, a Jacobi SVD here: 1e-9).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_bias_variance.json', import.meta.url), 'utf8'),
) as Record<string, number[] | number[][] | number>;

const flat = (v: unknown): number[] => (v as (number | number[])[]).flat() as number[];
function maxDiff(a: unknown, b: unknown): number {
  const x = flat(a);
  const y = flat(b);
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - y[i]!)));
}

describe('8-2-bias-variance-trade-off notebook', async () => {
  const { values, report } = await runLesson('8-2-bias-variance-trade-off');

  it('prints nothing; draws the true function and 15 points from np.random.seed(1)', () => {
    expect(report).toEqual([]);
    expect(values.sigma_func).toBe(0.3);
    expect(values.n_data).toBe(15);
    expect(maxDiff(values.y_func, fx.y_func)).toBeLessThan(1e-15);
    expect(values.x_data).toEqual(fx.x_data); // the RandomState stream, bit for bit
    expect(maxDiff(values.y_data, fx.y_data)).toBeLessThan(1e-15);
  });

  it('fits 3 hidden units in closed form (np.linalg.lstsq)', () => {
    expect(Math.abs((values.beta as number) - (fx.beta as number))).toBeLessThan(1e-9);
    expect((values.omega as number[]).length).toBe(3);
    expect(maxDiff(values.omega, fx.omega)).toBeLessThan(1e-8);
    expect(maxDiff(values.y_model, fx.y_model)).toBeLessThan(1e-9);
  });

  it('the TODO get_model_mean_variance: the last model of the capacity sweep (12 hidden units)', () => {
    expect(maxDiff(values.mean_model, fx.mean_model_12)).toBeLessThan(1e-9);
    expect(maxDiff(values.std_model, fx.std_model_12)).toBeLessThan(1e-9);
  });

  it('the TODO bias and variance for 1..12 hidden units, shape (12, 1)', () => {
    expect(values.hidden_variables).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const bias = values.bias as number[][];
    const variance = values.variance as number[][];
    expect(bias.length).toBe(12);
    expect(bias[0]!.length).toBe(1);
    flat(bias).forEach((b, i) => expect(Math.abs(b / flat(fx.bias)[i]! - 1)).toBeLessThan(1e-9));
    flat(variance).forEach((v, i) => expect(Math.abs(v / flat(fx.variance)[i]! - 1)).toBeLessThan(1e-9));
    // the trade-off of figure 8.9: bias falls with capacity, variance grows
    expect(flat(bias)[0]!).toBeGreaterThan(10 * flat(bias)[11]!);
    expect(flat(variance)[11]!).toBeGreaterThan(10 * flat(variance)[0]!);
    expect(values.n_hidden).toBe(5); // reset before the loop: the plot's x axis stops at 5
  });
});
