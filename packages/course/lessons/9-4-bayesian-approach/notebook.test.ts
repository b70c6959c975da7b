// Notebook 9.4: `gradkit run 9-4-bayesian-approach` (udlbook/9_4_Bayesian_Approach.md). The
// notebook prints nothing and states no numbers; its values are compared with
// tests/fixtures/udl_bayesian.json (numpy: the notebook's code with its TODOs completed as the
// book intends, tests/fixtures/gen_udl_bayesian.py). The data and the standard normals behind
// np.random.multivariate_normal come from numpy's RandomState stream (exact); the posterior goes
// through inv (LAPACK's LU there, gradkit's here: 1e-11 of the largest entry; measured ≤ 7e-14).
// multivariate_normal transforms its draws by the SVD of the covariance, whose row signs LAPACK
// fixes by its own arithmetic (core's Jacobi `svd` flips two of the six here): the lesson's samples
// (core's `RandomState.multivariateNormal`) are the notebook's draws through the same transform
// with core's signs, so they are asserted equal to numpy's once each row's sign is matched, and by
// their statistics over 10000 draws.
import { readFileSync } from 'node:fs';
import { RandomState, svd } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { computeParamMeanCovar, drawPosteriorSample, notebookData, predictive } from './notebook.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_bayesian.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const flat = (v: unknown): number[] => (v as (number | number[])[]).flat() as number[];
function maxRel(a: unknown, b: unknown): number {
  const x = flat(a);
  const y = flat(b);
  expect(x.length).toBe(y.length);
  const scale = Math.max(...y.map(Math.abs));
  return Math.max(...x.map((v, i) => Math.abs(v - y[i]!) / scale));
}

describe('9-4-bayesian-approach notebook', async () => {
  const { values, report } = await runLesson('9-4-bayesian-approach');

  it('prints nothing; draws the true function and 15 points from np.random.seed(1)', () => {
    expect(report).toEqual([]);
    expect(values.sigma_func).toBe(0.3);
    expect(values.n_data).toBe(15);
    expect(maxRel(values.y_func, fx.y_func)).toBeLessThan(1e-15);
    expect(values.x_data).toEqual(fx.x_data); // the RandomState stream, bit for bit
    expect(maxRel(values.y_data, fx.y_data)).toBeLessThan(1e-15);
  });

  it('the TODO compute_param_mean_covar: posterior mean (6, 1) and covariance (6, 6)', () => {
    expect(values.n_hidden).toBe(5);
    expect(values.sigma_sq).toBeCloseTo(0.09, 15);
    expect(values.sigma_p_sq).toBe(1000);
    expect((values.phi_mean as number[][]).length).toBe(6);
    expect((values.phi_mean as number[][])[0]!.length).toBe(1);
    expect(maxRel(values.phi_mean, fx.phi_mean)).toBeLessThan(1e-11);
    expect(maxRel(values.phi_covar, fx.phi_covar)).toBeLessThan(1e-11);
    expect(maxRel(values.y_model_mean, fx.y_model_mean)).toBeLessThan(1e-11);
  });

  it('the TODO samples: numpy’s draws through numpy’s transform, up to the SVD row signs', () => {
    const { x_data, y_data, rng } = notebookData();
    const post = computeParamMeanCovar(x_data, y_data, 5, 0.09, 1000);
    // the same standard normals as np.random.multivariate_normal drew, bit for bit: a copy of the
    // stream just before the two draws gives them
    const copy = new RandomState(0);
    copy.setState(rng.getState());
    const d1 = {
      sample: drawPosteriorSample(rng, post.phiMean, post.phiCovar),
      z: copy.standardNormal(6).toList(),
    };
    const d2 = {
      sample: drawPosteriorSample(rng, post.phiMean, post.phiCovar),
      z: copy.standardNormal(6).toList(),
    };
    expect([d1.z, d2.z]).toEqual(fx.mvn_z);
    // the run's samples are these draws
    expect(flat(values.phi_sample1)).toEqual(d1.sample);
    expect(flat(values.phi_sample2)).toEqual(d2.sample);
    // the SVD: same singular values, same rows up to sign
    const r = svd(post.phiCovar);
    const s = r.S.toList();
    const vh = r.Vh.toArray() as number[][];
    const npVh = fx.mvn_vh as number[][];
    expect(maxRel(s, fx.mvn_s)).toBeLessThan(1e-11);
    const signs = vh.map((row, k) => Math.sign(row.reduce((acc, v, j) => acc + v * npVh[k]![j]!, 0)));
    vh.forEach((row, k) => {
      expect(
        maxRel(
          row.map((v) => v * signs[k]!),
          npVh[k],
        ),
      ).toBeLessThan(1e-11);
    });
    // LAPACK's gesdd chose the opposite sign for rows 0 and 3 of this covariance's Vh
    expect(signs).toEqual([-1, 1, 1, -1, 1, 1]);
    // with numpy's signs the lesson's transform gives numpy's samples
    const npSample = (z: number[]) =>
      post.phiMean.map(
        (m, j) => z.reduce((acc, zk, k) => acc + zk * signs[k]! * Math.sqrt(s[k]!) * vh[k]![j]!, 0) + m,
      );
    expect(maxRel(npSample(d1.z), fx.phi_sample1)).toBeLessThan(1e-11);
    expect(maxRel(npSample(d2.z), fx.phi_sample2)).toBeLessThan(1e-11);
    // the recorded samples: their coordinates in numpy's SVD basis are numpy's draws up to sign
    for (const [key, z] of [
      ['phi_sample1', d1.z],
      ['phi_sample2', d2.z],
    ] as const) {
      const dev = flat(values[key]).map((v, j) => v - post.phiMean[j]!);
      npVh.forEach((row, k) => {
        const coord = row.reduce((acc, v, j) => acc + v * dev[j]!, 0) / Math.sqrt(s[k]!);
        expect(Math.abs(Math.abs(coord) - Math.abs(z[k]!))).toBeLessThan(1e-10);
      });
    }
    expect((values.y_model_sample1 as number[]).length).toBe(100);
  });

  it('posterior samples have the posterior’s mean and covariance (10000 draws)', () => {
    const { x_data, y_data } = notebookData();
    const post = computeParamMeanCovar(x_data, y_data, 5, 0.09, 1000);
    const rng = new RandomState(94);
    const n = 10000;
    const draws = Array.from({ length: n }, () => drawPosteriorSample(rng, post.phiMean, post.phiCovar));
    for (let i = 0; i < 6; i++) {
      const sd = Math.sqrt(post.phiCovar[i]![i]!);
      const mean = draws.reduce((a, d) => a + d[i]!, 0) / n;
      expect(Math.abs(mean - post.phiMean[i]!)).toBeLessThan((5 * sd) / Math.sqrt(n));
      for (let j = 0; j <= i; j++) {
        const c = draws.reduce((a, d) => a + (d[i]! - post.phiMean[i]!) * (d[j]! - post.phiMean[j]!), 0) / n;
        const sdj = Math.sqrt(post.phiCovar[j]![j]!);
        expect(Math.abs(c - post.phiCovar[i]![j]!)).toBeLessThan((5 * 1.5 * sd * sdj) / Math.sqrt(n));
      }
    }
  });

  it('the TODO inference: posterior predictive mean and standard deviation at 100 inputs', () => {
    expect(maxRel(values.y_model, fx.y_model)).toBeLessThan(1e-11);
    expect(maxRel(values.y_model_std, fx.y_model_std)).toBeLessThan(1e-11);
    expect(values.y_star_mean).toBeCloseTo(flat(fx.y_model)[99]!, 9);
    // the mean of the predictive is the mean model's output
    expect(maxRel(values.y_model, fx.y_model_mean)).toBeLessThan(1e-11);
  });

  it("the notebook's experiments: 3 and 10 hidden units, prior variance 1", () => {
    const { x_data, y_data } = notebookData();
    const ex = fx.experiments as Record<string, { y_model: number[]; y_model_std: number[] }>;
    for (const [nh, sp] of [
      [3, 1000],
      [10, 1000],
      [5, 1],
    ] as const) {
      const r = predictive(x_data, y_data, 0.09, sp, nh);
      expect(maxRel(r.yModel, ex[`${nh}_${sp}`]!.y_model)).toBeLessThan(1e-11);
      expect(maxRel(r.yModelStd, ex[`${nh}_${sp}`]!.y_model_std)).toBeLessThan(1e-11);
    }
  });
});
