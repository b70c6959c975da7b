// Notebook 9.3: `gradkit run 9-3-ensembling` (udlbook/9_3_Ensembling.md). The notebook has no
// recorded outputs; it prints seven mean square errors (the single fit, four bootstrap models, their
// median and their mean) and states that the median and the mean beat every single model. Its values
// are compared with tests/fixtures/udl_ensembling.json (numpy: the notebook's code with its TODOs
// completed as the book intends, tests/fixtures/gen_udl_ensembling.py). The data and the bootstrap
// indices come from numpy's RandomState stream (exact); the fits go through the inverse of the
// nearly singular AᵀA + 10⁻⁵ I' (LAPACK there, gradkit's LU here: slopes 1e-8, predictions 1e-9).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { ensemble, meanSqError, Y_FUNC } from './notebook.js';

interface Fixture {
  y_func: number[];
  x_data: number[];
  y_data: number[];
  beta: number;
  omega: number[];
  y_model: number[];
  mean_sq_error_single: number;
  resampled_indices: number[][];
  betas: number[];
  omegas: number[][];
  all_y_model: number[][];
  mean_sq_error_resampled: number[];
  y_model_median: number[];
  mean_sq_error_median: number;
  y_model_mean: number[];
  mean_sq_error_mean: number;
  demo: { n_model: number; members: number[]; median: number; mean: number }[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_ensembling.json', import.meta.url), 'utf8'),
) as Fixture;

function maxDiff(a: unknown, b: unknown): number {
  const x = (a as number[]).flat(2) as number[];
  const y = (b as number[]).flat(2) as number[];
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - y[i]!)));
}

describe('9-3-ensembling notebook', async () => {
  const { values, report } = await runLesson('9-3-ensembling');
  const mse = values['mean_sq_error#all'] as number[];
  const numpyMse = [
    fx.mean_sq_error_single,
    ...fx.mean_sq_error_resampled,
    fx.mean_sq_error_median,
    fx.mean_sq_error_mean,
  ];

  it('prints the seven mean square errors at the precision printed (%3.3f)', () => {
    expect(report).toEqual(numpyMse.map((m) => pyFormat('Mean square error = %3.3f', m)));
    expect(report).toEqual([
      'Mean square error = 0.195',
      'Mean square error = 0.222',
      'Mean square error = 0.098',
      'Mean square error = 0.120',
      'Mean square error = 0.048',
      'Mean square error = 0.020',
      'Mean square error = 0.018',
    ]);
    expect(mse.length).toBe(7);
    expect(maxDiff(mse, numpyMse)).toBeLessThan(1e-9);
    expect(values.mean_sq_error).toBe(mse[6]);
  });

  it('draws the true function and 15 points from np.random.seed(1)', () => {
    expect(values.sigma_func).toBe(0.3);
    expect(values.n_data).toBe(15);
    expect(maxDiff(values.y_func, fx.y_func)).toBeLessThan(1e-15);
    expect(values.x_data).toEqual(fx.x_data); // the RandomState stream, bit for bit
    expect(maxDiff(values.y_data, fx.y_data)).toBeLessThan(1e-15);
    expect(maxDiff(values.y_model, fx.y_model)).toBeLessThan(1e-9);
  });

  it('the TODO: bootstrap indices are np.random.choice(15, 15, replace=True) continuing the stream', () => {
    expect(values['resampled_indices#all']).toEqual(fx.resampled_indices);
    expect(values.resampled_indices).toEqual(fx.resampled_indices[3]);
    expect(values.n_model).toBe(4);
    const all = values.all_y_model as number[][];
    expect([all.length, all[0]!.length]).toEqual([4, 100]);
    expect(maxDiff(all, fx.all_y_model)).toBeLessThan(1e-9);
    // the last model's parameters (the notebook rebinds beta, omega in the loop)
    expect(Math.abs((values.beta as number) - fx.betas[3]!)).toBeLessThan(1e-9);
    expect(maxDiff(values.omega, fx.omegas[3])).toBeLessThan(1e-8);
    expect(values.y_model_resampled).toEqual(all[3]);
  });

  it('the TODOs: the median and the mean of the four models (np.median / np.mean over axis 0)', () => {
    expect(maxDiff(values.y_model_median, fx.y_model_median)).toBeLessThan(1e-9);
    expect(maxDiff(values.y_model_mean, fx.y_model_mean)).toBeLessThan(1e-9);
  });

  it('"both the median and mean models are better than any of the individual models"', () => {
    const best = Math.min(...mse.slice(1, 5));
    expect(mse[5]!).toBeLessThan(best);
    expect(mse[6]!).toBeLessThan(best);
  });

  it("the page's demo: 8 and 32 bootstrap models from the same stream (numpy)", () => {
    for (const d of fx.demo) {
      const e = ensemble(d.n_model);
      const members = e.all_y_model.map((y) => meanSqError(y, [...Y_FUNC]));
      expect(maxDiff(members, d.members)).toBeLessThan(1e-9);
      expect(Math.abs(meanSqError(e.y_model_median, [...Y_FUNC]) - d.median)).toBeLessThan(1e-9);
      expect(Math.abs(meanSqError(e.y_model_mean, [...Y_FUNC]) - d.mean)).toBeLessThan(1e-9);
    }
    // the numbers the page quotes
    const [d8, d32] = fx.demo as [Fixture['demo'][0], Fixture['demo'][0]];
    expect(Math.max(...d8.members).toFixed(3)).toBe('0.613');
    expect([d8.median.toFixed(3), d8.mean.toFixed(3)]).toEqual(['0.170', '0.089']);
    expect([d32.median.toFixed(3), d32.mean.toFixed(3)]).toEqual(['0.075', '0.071']);
    expect((d32.members.reduce((a, b) => a + b, 0) / 32).toFixed(3)).toBe('0.202');
  });
});
