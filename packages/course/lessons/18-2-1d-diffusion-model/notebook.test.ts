// Notebook 18.2: `gradkit run 18-2-1d-diffusion-model` (udlbook/18_2_1D_Diffusion_Model.md). The
// notebook prints only its progress and states no numbers; its values are compared with
// tests/fixtures/udl_diffusion_1d.json (numpy 1.24 and scipy 1.10 running the notebook's code from
// np.random.seed(0), its TODOs completed as the book intends: tests/fixtures/gen_udl_diffusion_1d.py).
// - The data are numpy's RandomState stream (choice, then normals): bit for bit.
// - α_t = (1 − β)^t: numpy 1.24 computes it with its vectorised `power` (AVX-512 here), which is
//   neither glibc's pow nor correctly rounded; V8's `**` differs from it by one ulp for 26 of
//   t = 0 … 100. Everything after that inherits last-bit differences: the lookup tables agree to
//   1e-14 (measured ≤ 8e-15; the tables of t = 1 and 100 are equal bit for bit), the paths to 1e-13
//   (measured ≤ 5.4e-15). A last-bit difference could in principle move one sample across a
//   histogram edge, so the histogram's counts are compared within 2 per bin (measured: equal).
// - The second part checks the notebook's intent rather than numpy: the samples' histogram follows
//   the true density, and the first TODO's mean and variance are those of the product of the two
//   normals q(z_t | z_{t−1}) q(z_{t−1} | x), computed here by completing the square numerically.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import {
  alphaT,
  conditionalDiffusionDistribution,
  diffusionRun,
  NonParametricModel,
  normPdf,
  SETTINGS,
  sampledHistogram,
  TrueDataDistribution,
} from './notebook.js';

interface Fixture {
  pr_x_true: number[];
  x_train_head: number[];
  x_train_mean: number;
  x_train_std: number;
  models: Record<string, number[]>;
  alpha: number[];
  samples_T_head: number[];
  paths: number[][];
  sampled_mean: number;
  sampled_std: number;
  hist_counts: number[];
  hist_density: number[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_diffusion_1d.json', import.meta.url), 'utf8'),
) as Fixture;

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const meanStd = (v: Float64Array): [number, number] => {
  let s = 0;
  for (const x of v) s += x;
  const mean = s / v.length;
  let q = 0;
  for (const x of v) q += (x - mean) ** 2;
  return [mean, Math.sqrt(q / v.length)];
};

describe('18-2-1d-diffusion-model notebook', async () => {
  const { values, report } = await runLesson('18-2-1d-diffusion-model');
  const run = diffusionRun();

  it("shows what the notebook's cells leave on screen and binds its settings", () => {
    expect(report).toEqual(["'Training timestep 99'", "'Predicting z_{0} from z_{1}'"]);
    expect(values.n_sample).toBe(100000);
    expect(values.T).toBe(100);
    expect(values.beta).toBe(0.01511);
    expect(values.sigma_t).toBe(0.12288);
    expect(values.n_samples).toBe(100000);
    expect((values.bins as number[]).length).toBe(121);
  });

  it('the true distribution: pr_x_true on x_vals = arange(-3, 3, 0.01)', () => {
    expect(maxAbs(values.pr_x_true as number[], fx.pr_x_true)).toBeLessThan(1e-15);
  });

  it("the training data: numpy's stream, bit for bit", () => {
    expect(Array.from(run.xTrain.subarray(0, 20))).toEqual(fx.x_train_head);
    const [m, s] = meanStd(run.xTrain);
    expect(m).toBeCloseTo(fx.x_train_mean, 13);
    expect(s).toBeCloseTo(fx.x_train_std, 13);
  });

  it("alpha_t within one ulp of numpy's", () => {
    fx.alpha.forEach((a, t) => {
      expect(Math.abs(alphaT(t, SETTINGS.beta) - a), `t = ${t}`).toBeLessThanOrEqual(Number.EPSILON * a);
    });
  });

  it("the trained lookup tables of t = 0, 1, 49, 99 equal scipy's binned statistics", () => {
    for (const t of ['0', '1', '49', '99']) {
      const table = run.models[Number(t)]!.model;
      expect(table.length).toBe(600);
      expect(maxAbs(table, fx.models[t]!), `model ${t}`).toBeLessThan(1e-14);
    }
    // the first table's pairs are (z_1, x): no α difference reaches it
    expect(Array.from(run.models[0]!.model)).toEqual(fx.models['0']);
  });

  it("the samples: numpy's z_100, the paths and the histogram", () => {
    expect(Array.from(run.samples[100]!.subarray(0, 10))).toEqual(fx.samples_T_head);
    const paths = values.paths as number[][];
    expect(paths.length).toBe(101);
    expect(maxAbs(paths.flat(), fx.paths.flat())).toBeLessThan(1e-13);
    const [m, s] = meanStd(run.samples[0]!);
    expect(m).toBeCloseTo(fx.sampled_mean, 12);
    expect(s).toBeCloseTo(fx.sampled_std, 12);
    const { counts } = sampledHistogram(run.samples[0]!);
    counts.forEach((c, k) => expect(Math.abs(c - fx.hist_counts[k]!), `bin ${k}`).toBeLessThanOrEqual(2));
    expect(maxAbs(values.sampled_data_density as number[], fx.hist_density)).toBeLessThan(
      2 / (100000 * 0.05),
    );
  });

  it('the samples follow the true density (the notebook’s point): far closer than the noise they start from', () => {
    const { bins, density } = sampledHistogram(run.samples[0]!);
    const dist = new TrueDataDistribution();
    // total variation distance to the true density over [-3, 3] (each bin's probability by the
    // midpoint rule on 10 points): the samples' histogram against that of z_100's standard normal
    const binProb = (pdf: (x: number) => number, k: number) => {
      let p = 0;
      for (let j = 0; j < 10; j++) p += pdf(bins[k]! + ((j + 0.5) / 10) * 0.05) * 0.005;
      return p;
    };
    let tvSamples = 0;
    let tvNoise = 0;
    for (let k = 0; k < density.length; k++) {
      const p = binProb((x) => dist.pdf(x), k);
      tvSamples += 0.5 * Math.abs(p - density[k]! * 0.05);
      tvNoise += 0.5 * Math.abs(p - binProb((x) => normPdf(x, 0, 1), k));
    }
    expect(tvNoise).toBeGreaterThan(0.2);
    expect(tvSamples).toBeLessThan(tvNoise / 3);
  });

  it('the first TODO is the product of the two normals (completing the square)', () => {
    const beta = SETTINGS.beta;
    for (const t of [2, 7, 50, 100]) {
      // q(z_{t-1} | z_t, x) ∝ Norm_{z_t}[√(1−β) z_{t−1}, β] · Norm_{z_{t−1}}[√α_{t−1} x, 1 − α_{t−1}]:
      // as a function of z_{t−1} the log is quadratic, so its mean and variance come from three values
      const x = 0.7;
      const zt = -0.3;
      const logq = (z: number) =>
        Math.log(normPdf(zt, Math.sqrt(1 - beta) * z, Math.sqrt(beta))) +
        Math.log(normPdf(z, Math.sqrt(alphaT(t - 1, beta)) * x, Math.sqrt(1 - alphaT(t - 1, beta))));
      const [a, b, c] = [logq(-1), logq(0), logq(1)];
      const curvature = a - 2 * b + c; // = −1/variance
      const variance = -1 / curvature;
      const mean = ((c - a) / 2) * variance;
      const { mean: m, std } = conditionalDiffusionDistribution([x], [zt], t, beta);
      expect(m[0]!).toBeCloseTo(mean, 10);
      expect(std ** 2).toBeCloseTo(variance, 12);
    }
    expect(conditionalDiffusionDistribution([0.4], [1.2], 1, beta).std).toBe(0);
  });

  it('the lookup table: 3.0 counts in the last bin, the +1 shrinks sparse bins, predict clips', () => {
    const m = new NonParametricModel();
    m.train([3.5, 2.995, -3, -3], [2.0, 2.0, -2, -1]);
    expect(m.model.length).toBe(600);
    // z clipped to 3.0 and 2.995 both fall in the last bin: steps (2 − 3) and (2 − 2.995), over 2 + 1
    expect(m.model[599]).toBeCloseTo((2 - 3 + (2 - 2.995)) / 3, 15);
    expect(m.model[0]).toBeCloseTo((1 + 2) / 3, 15);
    expect(Array.from(m.predict([-10, 10, 0]))).toEqual([
      -10 + m.model[0]!,
      10 + m.model[599]!,
      0 + m.model[300]!,
    ]);
    expect(() => new NonParametricModel().predict([0])).toThrow(/not trained yet/);
    expect(() => m.train([1, 2], [1])).toThrow(/received 2 and 1 values/);
  });

  it('--scale scales the sample sizes, not the steps', async () => {
    const small = await runLesson('18-2-1d-diffusion-model', { scale: 0.01 });
    expect(small.values.n_sample).toBe(1000);
    expect(small.values.n_samples).toBe(1000);
    expect(small.values.T).toBe(100);
  });
});
