/**
 * UDL Notebook 18.2: 1D diffusion model (`udlbook/18_2_1D_Diffusion_Model.md`, book sections
 * 18.3–18.4, figure 18.7), the notebook translated to library calls. The data come from a
 * mixture of four Gaussians; the encoder adds noise in T = 100 steps of variance β = 0.01511
 * (`diffusionKernel`, equation 18.7); the decoder is one `NonParametricModel` per step, a lookup
 * table of the mean step from `z_t` to `z_{t-1}`, trained on pairs drawn from the diffusion kernel
 * and from the conditional `q(z_{t-1} | z_t, x)` (`conditionalDiffusionDistribution`, equation
 * 18.15, the first TODO); sampling (`sample`, equation 18.16, the second TODO) starts from
 * standard normals at `z_100` and applies the models down to `z_0 = x`, adding noise of standard
 * deviation σ_t = 0.12288 at every step. The samples' histogram matches the mixture.
 *
 * Seeds: the notebook seeds nothing; here `RandomState(0)` (numpy's `np.random.seed(0)`) draws
 * everything in the notebook's order: the training data (`choice` of the components, then their
 * normals), two normal vectors per step (one for `t = 1`), then the sampling's normals.
 *
 * ```ts
 * import { RandomState } from '@gradkit/core';
 * import * as d from '@gradkit/course/lessons/18-2-1d-diffusion-model/notebook';
 * const rng = new RandomState(0);
 * const xTrain = new d.TrueDataDistribution().sample(100000, rng);
 * const models = d.trainModels(xTrain, 100, 0.01511, rng); // one lookup table per step
 * const samples = d.sample(models, 100, 0.12288, 1000, rng); // samples[0]: 1000 draws of x
 * ```
 */
import { arange, histogram, RandomState, ValueError } from '@gradkit/core';
import type { Notebook } from '../../src/notebook.js';
import { NonParametricModel } from './harness.js';

export { NonParametricModel } from './harness.js';

/** The notebook's settings. */
export const SETTINGS = {
  /** Training examples (`n_sample`). */
  nSample: 100000,
  /** Diffusion steps (`T`). */
  T: 100,
  /** The noise schedule, constant (`beta`). */
  beta: 0.01511,
  /** The decoder's noise (`sigma_t`). */
  sigmaT: 0.12288,
  /** Samples drawn (`n_samples`). */
  nSamples: 100000,
  /** numpy's seed here (the notebook seeds nothing). */
  seed: 0,
} as const;

/** The notebook's `norm_pdf(x, mu, sigma)`, the normal density, written as it writes it. */
export function normPdf(x: number, mu: number, sigma: number): number {
  return Math.exp((-0.5 * (x - mu) * (x - mu)) / (sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma);
}

/** The notebook's `TrueDataDistribution`: a mixture of four Gaussians. */
export class TrueDataDistribution {
  readonly mu = [1.5, -0.216, 0.45, -1.875] as const;
  readonly sigma = [0.3, 0.15, 0.525, 0.075] as const;
  readonly w = [0.2, 0.3, 0.35, 0.15] as const;

  /** The mixture's density at `x`, summed in the notebook's order. */
  pdf(x: number): number {
    const { mu, sigma, w } = this;
    return (
      w[0] * normPdf(x, mu[0], sigma[0]) +
      w[1] * normPdf(x, mu[1], sigma[1]) +
      w[2] * normPdf(x, mu[2], sigma[2]) +
      w[3] * normPdf(x, mu[3], sigma[3])
    );
  }

  /** `n` draws: the components (`choice(4, n, p=w)`), then one standard normal each, `mu + sigma·ε`. */
  sample(n: number, rng: RandomState): Float64Array {
    const hidden = rng.choice(4, { size: n, p: [...this.w] }).data;
    const epsilon = rng.standardNormal(n).data as Float64Array;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.mu[hidden[i]!]! + this.sigma[hidden[i]!]! * epsilon[i]!;
    return out;
  }
}

/** `α_t = (1 − β)^t`, the fraction of the data's variance left after t steps (the notebook's `alpha`). */
export function alphaT(t: number, beta: number): number {
  return (1 - beta) ** t;
}

/**
 * The notebook's `diffusion_kernel(x, t, beta)`: `Pr(z_t | x) = Norm[√α_t · x, (1 − α_t)]`
 * (equation 18.7), its mean for each x and its standard deviation.
 */
export function diffusionKernel(
  x: ArrayLike<number>,
  t: number,
  beta: number,
): { mean: Float64Array; std: number } {
  const alpha = alphaT(t, beta);
  const s = Math.sqrt(alpha);
  const mean = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) mean[i] = x[i]! * s;
  return { mean, std: Math.sqrt(1 - alpha) };
}

/**
 * The first TODO, the notebook's `conditional_diffusion_distribution(x, z_t, t, beta)`: the
 * distribution of the previous step given the current one and the data (equation 18.15),
 *
 *   q(z_{t-1} | z_t, x) = Norm[ (1 − α_{t−1}) / (1 − α_t) · √(1 − β) · z_t + √α_{t−1} · β / (1 − α_t) · x,
 *                               β (1 − α_{t−1}) / (1 − α_t) ],
 *
 * its mean for each pair and its standard deviation (0 at t = 1: `z_0` is `x`).
 */
export function conditionalDiffusionDistribution(
  x: ArrayLike<number>,
  zT: ArrayLike<number>,
  t: number,
  beta: number,
): { mean: Float64Array; std: number } {
  if (x.length !== zT.length)
    throw new ValueError(
      'conditionalDiffusionDistribution',
      `x and z_t must pair up: received ${x.length} and ${zT.length} values`,
    );
  if (!Number.isInteger(t) || t < 1)
    throw new ValueError('conditionalDiffusionDistribution', `t must be an integer ≥ 1, received ${t}`);
  const at = alphaT(t, beta);
  const atMinus1 = alphaT(t - 1, beta);
  const cz = ((1 - atMinus1) / (1 - at)) * Math.sqrt(1 - beta);
  const cx = (Math.sqrt(atMinus1) * beta) / (1 - at);
  const mean = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) mean[i] = cz * zT[i]! + cx * x[i]!;
  return { mean, std: Math.sqrt((beta * (1 - atMinus1)) / (1 - at)) };
}

/**
 * The notebook's `get_data_pairs(x_train, t, beta)`: for each x a `z_t` drawn from the diffusion
 * kernel and a `z_{t-1}` drawn from `q(z_{t-1} | z_t, x)` (x itself at t = 1, with no draw).
 */
export function getDataPairs(
  xTrain: Float64Array,
  t: number,
  beta: number,
  rng: RandomState,
): [Float64Array, Float64Array] {
  const n = xTrain.length;
  const dk = diffusionKernel(xTrain, t, beta);
  const zt = rng.standardNormal(n).data as Float64Array;
  for (let i = 0; i < n; i++) zt[i] = zt[i]! * dk.std + dk.mean[i]!;
  const cd = conditionalDiffusionDistribution(xTrain, zt, t, beta);
  if (t === 1) return [zt, xTrain];
  const ztMinus1 = rng.standardNormal(n).data as Float64Array;
  for (let i = 0; i < n; i++) ztMinus1[i] = ztMinus1[i]! * cd.std + cd.mean[i]!;
  return [zt, ztMinus1];
}

/**
 * The notebook's training loop: for t = 1 … T, pairs from `getDataPairs` train model t − 1
 * (`models[t]` maps `z_{t+1}` to `z_t`).
 */
export function trainModels(
  xTrain: Float64Array,
  T: number,
  beta: number,
  rng: RandomState,
): NonParametricModel[] {
  const models: NonParametricModel[] = [];
  for (let t = 0; t < T; t++) {
    const [zt, ztMinus1] = getDataPairs(xTrain, t + 1, beta, rng);
    const m = new NonParametricModel();
    m.train(zt, ztMinus1);
    models.push(m);
  }
  return models;
}

/**
 * Anything with the notebook's `predict(zt)`: a trained `NonParametricModel`, or the grader's.
 * `predict` returns a new array (as numpy's `zt + self.model[bin_index]` does): `sample` adds the
 * decoder's noise into a returned `Float64Array` in place.
 */
export interface StepModel {
  predict(zt: ArrayLike<number>): ArrayLike<number>;
}

/**
 * The second TODO, the notebook's `sample(model, T, sigma_t, n_samples)` (equation 18.16):
 * `z_T` from a standard normal, then for t = T … 1, `z_{t-1} = f_t[z_t] + σ_t ε` with
 * `f_t = model[t − 1].predict`. The notebook's `if t>0` holds at every step of its loop, so the
 * noise is added to `x = z_0` too (the book's `Pr(x | z_1)` is a normal as well). Returns the
 * T + 1 rows `samples[t]` (`samples[0]` the data), drawing `n_samples` normals for `z_T` and then
 * per step.
 */
export function sample(
  model: readonly StepModel[],
  T: number,
  sigmaT: number,
  nSamples: number,
  rng: RandomState,
): Float64Array[] {
  if (model.length < T)
    throw new ValueError('sample', `model must hold T = ${T} step models, received ${model.length}`);
  const samples: Float64Array[] = new Array(T + 1);
  samples[T] = rng.standardNormal(nSamples).data as Float64Array;
  for (let t = T; t > 0; t--) {
    const predicted = model[t - 1]!.predict(samples[t]!);
    // the prediction is a fresh array (NonParametricModel's is a Float64Array): add the noise in place
    const next = predicted instanceof Float64Array ? predicted : Float64Array.from(predicted);
    const noise = rng.standardNormal(nSamples).data as Float64Array;
    for (let i = 0; i < nSamples; i++) next[i] = next[i]! + noise[i]! * sigmaT;
    samples[t - 1] = next;
  }
  return samples;
}

/** Everything the notebook computes, at `scale` of its sample sizes (1: the notebook's). */
export interface DiffusionRun {
  xTrain: Float64Array;
  models: NonParametricModel[];
  samples: Float64Array[];
}

const runs = new Map<number, DiffusionRun>();

/** The notebook's data, models and samples from `RandomState(0)` (computed once per scale). */
export function diffusionRun(scale = 1): DiffusionRun {
  const cached = runs.get(scale);
  if (cached) return cached;
  const { nSample, nSamples, T, beta, sigmaT, seed } = SETTINGS;
  const rng = new RandomState(seed);
  const size = (n: number) => (scale === 1 ? n : Math.max(1000, Math.round(n * scale)));
  const xTrain = new TrueDataDistribution().sample(size(nSample), rng);
  const models = trainModels(xTrain, T, beta, rng);
  const samples = sample(models, T, sigmaT, size(nSamples), rng);
  const run = { xTrain, models, samples };
  runs.set(scale, run);
  return run;
}

/** The notebook's `x_vals = np.arange(-3, 3, 0.01)` and `pr_x_true` (the mixture's density there). */
export function truePdf(): { xVals: number[]; prXTrue: number[] } {
  const dist = new TrueDataDistribution();
  const xVals = arange(-3, 3, 0.01).toList() as number[];
  return { xVals, prXTrue: xVals.map((x) => dist.pdf(x)) };
}

/** The histogram of the sampled data as `plt.hist(..., bins=np.arange(-3, 3.05, 0.05), density=True)` draws it. */
export function sampledHistogram(sampledData: Float64Array): {
  bins: number[];
  density: number[];
  counts: number[];
} {
  const bins = arange(-3, 3.05, 0.05);
  return {
    bins: bins.toList() as number[],
    density: histogram(sampledData, { bins, density: true }).hist.toList() as number[],
    counts: histogram(sampledData, { bins }).hist.toList() as number[],
  };
}

/**
 * Run the notebook. It prints only progress ("Training timestep %d", "Predicting z_{%d} from
 * z_{%d}") through `clear_output`, so a finished run shows the last line of each: so does this.
 * `--scale` scales the sample sizes (`n_sample`, `n_samples`; at least 1000), not the 100 steps
 * that the noise schedule is made for.
 */
export function run(nb: Notebook): void {
  const { T, beta, sigmaT } = SETTINGS;
  const { xVals, prXTrue } = truePdf();
  nb.setAll({ x_vals: xVals, pr_x_true: prXTrue });
  const { xTrain, samples } = diffusionRun(nb.scale);
  nb.setAll({ n_sample: xTrain.length, T, beta });
  nb.print(`'Training timestep ${T - 1}'`);
  nb.setAll({ sigma_t: sigmaT, n_samples: samples[0]!.length });
  nb.print(`'Predicting z_{0} from z_{1}'`);
  const { bins, density } = sampledHistogram(samples[0]!);
  // plt.hist(sampled_data, bins=bins, density=True): the heights it draws
  nb.setAll({ bins, sampled_data_density: density });
  // the five paths of the last figure, samples[:, 0:5]
  nb.set(
    'paths',
    samples.map((row) => Array.from(row.subarray(0, 5))),
  );
}
