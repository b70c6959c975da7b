/**
 * Notebook 18.2: 1D diffusion model (UDL 18.3–18.4, figure 18.7). Exercises: the conditional
 * distribution q(z_{t-1} | z_t, x) that the decoder's training pairs are drawn from (the
 * notebook's `conditional_diffusion_distribution`, equation 18.15), and ancestral sampling
 * through the trained step models (`sample`, equation 18.16), with the notebook's lookup-table
 * models and a seeded `RandomState` handed to the student by `harness.ts`.
 */
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { nonParametricModels, randomState } from './harness.js';
import {
  conditionalDiffusionDistribution,
  diffusionRun,
  getDataPairs,
  SETTINGS,
  sample,
  TrueDataDistribution,
  trainModels,
} from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const { beta: BETA, T, sigmaT: SIGMA_T } = SETTINGS;

/** x, and z_t drawn from the diffusion kernel at step t by the notebook's `get_data_pairs`. */
function pairs(rng: import('@gradkit/core').RandomState, n: number, t: number, beta: number) {
  const x = new TrueDataDistribution().sample(n, rng);
  const [z] = getDataPairs(x, t, beta, rng);
  return { x: Array.from(x), z: Array.from(z) };
}

function conditionalCase(name: string, x: number[], z: number[], t: number, beta: number) {
  const { mean, std } = conditionalDiffusionDistribution(x, z, t, beta);
  return { name, args: [x, z, t, beta], expected: [Array.from(mean), std] };
}

const conditional: Exercise = {
  id: 'conditional-diffusion-distribution',
  title: 'The conditional diffusion distribution',
  prompt:
    "Complete the notebook's `conditional_diffusion_distribution`: write `conditionalDiffusionDistribution(x, zT, t, beta)` returning `[cdMean, cdStd]`, the mean (one per pair `x[i]`, `zT[i]`) and the standard deviation of q(z_{t−1} | z_t, x) (equation 18.15). With `α_t = (1 − β)^t`: the mean is `(1 − α_{t−1}) / (1 − α_t) · √(1 − β) · z_t + √α_{t−1} · β / (1 − α_t) · x` and the variance `β (1 − α_{t−1}) / (1 − α_t)`.",
  check: {
    export: 'conditionalDiffusionDistribution',
    cases: () => {
      const rng = randomState(0);
      return [2, 10, 50, 100, 1].map((t) => {
        const { x, z } = pairs(rng, 8, t, BETA);
        return conditionalCase(`the notebook's beta 0.01511, t = ${t}, 8 pairs`, x, z, t, BETA);
      });
    },
    property: {
      trials: 6,
      seed: 182,
      generate: (rng, trial) => {
        const beta = 0.001 + 0.05 * rng.randomSample();
        const t = 1 + rng.randint(0, 200);
        const { x, z } = pairs(rng, 1 + rng.randint(0, 12), t, beta);
        return conditionalCase(`random #${trial + 1}: beta ${beta.toFixed(4)}, t = ${t}`, x, z, t, beta);
      },
    },
    rtol: 1e-10,
    atol: 1e-12,
    hint: 'With `alphaT = (1 - beta) ** t` and `alphaTMinus1 = (1 - beta) ** (t - 1)`: `cdMean[i] = (1 - alphaTMinus1) / (1 - alphaT) * Math.sqrt(1 - beta) * zT[i] + Math.sqrt(alphaTMinus1) * beta / (1 - alphaT) * x[i]` and `cdStd = Math.sqrt(beta * (1 - alphaTMinus1) / (1 - alphaT))`. At t = 1 the standard deviation is 0.',
  },
};

function tables(models: { model: Float64Array }[]): number[][] {
  return models.map((m) => Array.from(m.model));
}

function sampleCase(
  name: string,
  modelTables: number[][],
  steps: number,
  sigmaT: number,
  n: number,
  seed: number,
) {
  const models = nonParametricModels(modelTables);
  const expected = sample(models, steps, sigmaT, n, randomState(seed)).map((row) => Array.from(row));
  return {
    name,
    args: [
      harnessCall('nonParametricModels', modelTables),
      steps,
      sigmaT,
      n,
      harnessCall('randomState', seed),
    ],
    expected,
  };
}

const sampling: Exercise = {
  id: 'sample',
  title: 'Sample from the diffusion model',
  prompt:
    "Complete the notebook's `sample`: write `sample(model, T, sigmaT, nSamples, rng)` returning the `T + 1` rows `samples[t]` (each `nSamples` numbers; `samples[0]` is the data). Start with `samples[T]` drawn from a standard normal (`rng.standardNormal(nSamples)`); then for t = T, T − 1, …, 1 predict `samples[t − 1] = model[t − 1].predict(samples[t])` and add noise of standard deviation `sigmaT` drawn from `rng` (the notebook adds it at every step, `x` included). The checker replays the same generator, so draw in this order: `z_T` first, then one vector of `nSamples` normals per step.",
  check: {
    export: 'sample',
    cases: () => {
      const run = diffusionRun(0.1);
      return [
        sampleCase(
          "the notebook's 100 models (trained on 10000 samples), 200 samples",
          tables(run.models),
          T,
          SIGMA_T,
          200,
          2,
        ),
      ];
    },
    property: {
      trials: 2,
      seed: 1820,
      generate: (rng, trial) => {
        const steps = 3 + rng.randint(0, 8);
        const beta = 0.05 + 0.2 * rng.randomSample();
        const x = new TrueDataDistribution().sample(2000, rng);
        const models = trainModels(x, steps, beta, rng);
        const sigmaT = 0.05 + 0.3 * rng.randomSample();
        return sampleCase(
          `random #${trial + 1}: ${steps} steps of beta ${beta.toFixed(3)}, sigma_t ${sigmaT.toFixed(3)}, 40 samples`,
          tables(models),
          steps,
          sigmaT,
          40,
          100 + trial,
        );
      },
    },
    rtol: 1e-12,
    atol: 1e-12,
    hint: 'First `samples[T] = Array.from(rng.standardNormal(nSamples).data)`. Then loop t from T down to 1: `const f = model[t - 1].predict(samples[t])`, then `const eps = rng.standardNormal(nSamples).data`, and `samples[t - 1]` is `f[i] + eps[i] * sigmaT` for each i.',
  },
};

export default defineLesson({
  id: '18-2-1d-diffusion-model',
  title: '1D diffusion model (UDL 18.3–18.4)',
  notebook: {
    collection: 'udlbook',
    file: '18_2_1D_Diffusion_Model.md',
    title: 'Notebook 18.2: 1D diffusion model',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap18/18_2_1D_Diffusion_Model.ipynb',
  },
  book: { section: '18.3–18.4', title: 'Diffusion models: decoder, training and sampling' },
  packages: ['@gradkit/core'],
  summary:
    'A whole diffusion model in one dimension: noise a mixture of four Gaussians in 100 steps, learn each step back with a lookup table trained on pairs from q(z_{t−1} | z_t, x), and sample by running the steps from pure noise to data (UDL figure 18.7).',
  goals: [
    'Derive the distribution of the previous step given the current one and the data, the target of the decoder',
    'Train one model per step from pairs of noisy samples',
    'Generate data by ancestral sampling from pure noise, and watch the paths find the modes',
  ],
  figures: ['diffusion-1d-true-distribution', 'diffusion-1d-samples', 'diffusion-1d-paths'],
  exercises: [conditional, sampling],
  harness: { nonParametricModels, randomState },
  questions,
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
