/**
 * Notebook 9.4: Bayesian approach (UDL 9.3.5, figure 9.11). Exercises: the posterior over the toy
 * network's output weights (the notebook's `compute_param_mean_covar`), two networks sampled from
 * it (a multivariate normal draw), and the posterior predictive mean and variance (`inference`),
 * with the notebook's `compute_H` and a seeded `RandomState` handed to the student by `harness.ts`.
 */
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { computeH, randomState } from './harness.js';
import { computeParamMeanCovar, inference, notebookData } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

function randomData(rng: import('@gradkit/core').RandomState): {
  x: number[];
  y: number[];
  nHidden: number;
  sigmaSq: number;
  sigmaPSq: number;
} {
  const n = 4 + rng.randint(0, 20);
  const x = Array.from({ length: n }, (_, i) => (i + rng.randomSample()) / n);
  const y = x.map((xi) => Math.exp(Math.sin(2 * Math.PI * xi)) + rng.normal(0, 0.3));
  const nHidden = 1 + rng.randint(0, 8);
  const sigmaSq = 0.01 + 0.3 * rng.randomSample();
  const sigmaPSq = [1, 10, 1000][rng.randint(0, 3)]!;
  return { x, y, nHidden, sigmaSq, sigmaPSq };
}

const posterior: Exercise = {
  id: 'param-mean-covar',
  title: 'The posterior over the parameters',
  prompt:
    "Complete the notebook's `compute_param_mean_covar`: write `computeParamMeanCovar(xData, yData, nHidden, sigmaSq, sigmaPSq, computeH)` returning `[phiMean, phiCovar]`, the mean (a vector of `nHidden + 1` numbers) and the covariance (`(nHidden + 1) × (nHidden + 1)`) of the posterior `Norm[μ, Σ]` over φ = [ω, β], with `H = computeH(xData, nHidden)`: `Σ = (H Hᵀ / σ² + I / σp²)⁻¹` and `μ = Σ H y / σ²`.",
  check: {
    export: 'computeParamMeanCovar',
    cases: () => {
      const { x_data, y_data } = notebookData();
      const p = computeParamMeanCovar(x_data, y_data, 5, 0.09, 1000);
      return [
        {
          name: 'the notebook: 15 points, 5 hidden units, sigma_sq 0.09, sigma_p_sq 1000',
          args: [x_data, y_data, 5, 0.09, 1000, harnessCall('computeH')],
          expected: [p.phiMean, p.phiCovar],
        },
      ];
    },
    property: {
      trials: 6,
      seed: 941,
      generate: (rng, t) => {
        const { x, y, nHidden, sigmaSq, sigmaPSq } = randomData(rng);
        const p = computeParamMeanCovar(x, y, nHidden, sigmaSq, sigmaPSq);
        return {
          name: `random data #${t + 1} (${x.length} points, ${nHidden} hidden units, sigma_p_sq ${sigmaPSq})`,
          args: [x, y, nHidden, sigmaSq, sigmaPSq, harnessCall('computeH')],
          expected: [p.phiMean, p.phiCovar],
        };
      },
    },
    rtol: 1e-7,
    atol: 1e-9,
    hint: 'Build A = H·Hᵀ/sigmaSq + I/sigmaPSq (I the identity of size nHidden + 1); the covariance is inv(A) (`inv` from @gradkit/core, or solve) and the mean is inv(A)·(H·y)/sigmaSq.',
  },
};

/** Mean and covariance of samples within a statistical tolerance of the posterior's. */
function compareSamples(received: unknown, _expected: unknown, args: unknown[]): string | null {
  const mean = args[0] as number[];
  const covar = args[1] as number[][];
  const n = args[2] as number;
  const d = mean.length;
  if (!Array.isArray(received) || received.length !== n)
    return `expected an array of ${n} samples, received ${Array.isArray(received) ? `${received.length} items` : typeof received}`;
  for (const [k, s] of received.entries())
    if (!Array.isArray(s) || s.length !== d || !s.every((v) => typeof v === 'number' && Number.isFinite(v)))
      return `sample ${k}: expected ${d} finite numbers`;
  const draws = received as number[][];
  for (let i = 0; i < d; i++) {
    const sd = Math.sqrt(covar[i]![i]!);
    const m = draws.reduce((a, s) => a + s[i]!, 0) / n;
    if (Math.abs(m - mean[i]!) > (5 * sd) / Math.sqrt(n))
      return `the samples' mean of component ${i} is ${m}, the posterior's ${mean[i]} (sd ${sd})`;
    for (let j = 0; j <= i; j++) {
      const sdj = Math.sqrt(covar[j]![j]!);
      const c = draws.reduce((a, s) => a + (s[i]! - mean[i]!) * (s[j]! - mean[j]!), 0) / n;
      if (Math.abs(c - covar[i]![j]!) > (7.5 * sd * sdj) / Math.sqrt(n))
        return `the samples' covariance [${i}][${j}] is ${c}, the posterior's ${covar[i]![j]}`;
    }
  }
  return null;
}

const samples: Exercise = {
  id: 'posterior-samples',
  title: 'Draw networks from the posterior',
  prompt:
    "The notebook draws two parameter vectors from the posterior with `np.random.multivariate_normal`. Write `samplePosterior(phiMean, phiCovar, nSamples, rng)` returning `nSamples` draws (each a vector like `phiMean`) from `Norm[phiMean, phiCovar]`, using only the standard normals of `rng` (a `RandomState`: `rng.standardNormal()`) and a square root of the covariance: a matrix `L` with `L Lᵀ = Σ` (a Cholesky factor, or `V diag(√s)` from its eigen/singular value decomposition, as numpy does), so that each draw is `μ + L z`. The checker compares the mean and covariance of 1000 of your draws with the posterior's.",
  check: {
    export: 'samplePosterior',
    cases: () => {
      const { x_data, y_data } = notebookData();
      const p = computeParamMeanCovar(x_data, y_data, 5, 0.09, 1000);
      return [
        {
          name: "the notebook's posterior (5 hidden units), 1000 draws",
          args: [p.phiMean, p.phiCovar, 1000, harnessCall('randomState', 1)],
          expected: null,
        },
      ];
    },
    property: {
      trials: 3,
      seed: 942,
      generate: (rng, t) => {
        const { x, y, nHidden, sigmaSq, sigmaPSq } = randomData(rng);
        const p = computeParamMeanCovar(x, y, nHidden, sigmaSq, sigmaPSq);
        return {
          name: `random posterior #${t + 1} (${nHidden + 1} parameters), 1000 draws`,
          args: [p.phiMean, p.phiCovar, 1000, harnessCall('randomState', 100 + t)],
          expected: null,
        };
      },
    },
    compare: compareSamples,
    hint: 'Factor the covariance, Σ = L Lᵀ (Cholesky: L[i][i] = √(Σ[i][i] − Σ_k<i L[i][k]²), L[j][i] = (Σ[j][i] − Σ_k<i L[j][k] L[i][k]) / L[i][i]); each draw is phiMean + L·z with z a vector of rng.standardNormal() values.',
  },
};

const predictiveEx: Exercise = {
  id: 'inference',
  title: 'The posterior predictive distribution',
  prompt:
    "Complete the notebook's `inference`: write `inference(xStar, xData, yData, sigmaSq, sigmaPSq, nHidden, computeH)` returning `[yStarMean, yStarVar]`, the mean and variance of the prediction at the new input `xStar` after integrating over the posterior: with `h* = computeH([xStar], nHidden)` (a column: the hidden activations and a final 1), `H = computeH(xData, nHidden)` and `A = H Hᵀ/σ² + I/σp²`, the mean is `h*ᵀ A⁻¹ H y / σ²` and the variance `h*ᵀ A⁻¹ h*`.",
  check: {
    export: 'inference',
    cases: () => {
      const { x_data, y_data } = notebookData();
      return [0, 0.25, 0.5, 0.9, 1].map((xs) => {
        const r = inference(xs, x_data, y_data, 0.09, 1000, 5);
        return {
          name: `the notebook's data, 5 hidden units, x* = ${xs}`,
          args: [xs, x_data, y_data, 0.09, 1000, 5, harnessCall('computeH')],
          expected: [r.mean, r.variance],
        };
      });
    },
    property: {
      trials: 6,
      seed: 943,
      generate: (rng, t) => {
        const { x, y, nHidden, sigmaSq, sigmaPSq } = randomData(rng);
        const xs = -0.1 + 1.2 * rng.randomSample();
        const r = inference(xs, x, y, sigmaSq, sigmaPSq, nHidden);
        return {
          name: `random data #${t + 1} (${x.length} points, ${nHidden} hidden units, x* = ${xs.toFixed(3)})`,
          args: [xs, x, y, sigmaSq, sigmaPSq, nHidden, harnessCall('computeH')],
          expected: [r.mean, r.variance],
        };
      },
    },
    rtol: 1e-7,
    atol: 1e-9,
    hint: 'Compute the posterior (your computeParamMeanCovar, or A⁻¹ directly); the mean is h*·phiMean and the variance h*ᵀ·phiCovar·h*, with h* the single column of computeH([xStar], nHidden).',
  },
};

export default defineLesson({
  questions,
  id: '9-4-bayesian-approach',
  title: 'Bayesian approach (UDL 9.3.5)',
  notebook: {
    collection: 'udlbook',
    file: '9_4_Bayesian_Approach.md',
    title: 'Notebook 9.4: Bayesian approach',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap09/9_4_Bayesian_Approach.ipynb',
  },
  book: { section: '9.3.5', title: 'Bayesian inference' },
  packages: ['@gradkit/core'],
  summary:
    'Instead of one best set of weights, keep a distribution over them: the closed-form posterior of a network that is linear in its output weights, networks sampled from it, and the posterior predictive whose uncertainty grows away from the data (UDL figure 9.11).',
  goals: [
    'Combine a Gaussian prior and a Gaussian likelihood into the posterior over the weights',
    'Sample plausible networks from the posterior',
    'Predict by integrating over the posterior: a mean and an uncertainty at each input',
  ],
  figures: [
    'bayesian-data',
    'bayesian-mean',
    'bayesian-sample-1',
    'bayesian-sample-2',
    'bayesian-predictive',
  ],
  exercises: [posterior, samples, predictiveEx],
  harness: { computeH, randomState },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
