/**
 * Notebook 8.2: Bias-Variance Trade-Off (UDL 8.2, figure 8.9). Exercises: the mean and spread of
 * the closed-form fits over many data sets (the notebook's `get_model_mean_variance`, with the
 * notebook's data generator, fit and network handed to the student by `harness.ts`), and the bias
 * and variance estimates of its last cell (UDL eq. 8.7).
 */

import { RandomState } from '@gradkit/core';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { fitModelClosedForm, generateData, network } from './harness.js';
import { estimateBiasVariance, getModelMeanVariance, X_MODEL } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const meanVariance: Exercise = {
  id: 'get-model-mean-variance',
  title: 'Refit the model on many data sets',
  prompt:
    "Complete the notebook's `get_model_mean_variance`: write `getModelMeanVariance(nData, nDatasets, nHidden, sigmaFunc, xModel, generateData, fitModelClosedForm, network)` that, for each of `nDatasets` data sets, draws `[x, y] = generateData(nData, sigmaFunc)`, fits `{ beta, omega } = fitModelClosedForm(x, y, nHidden)` and runs `network(xModel, beta, omega)`; it returns `[meanModel, stdModel]`, the mean and the standard deviation (divisor N, as `np.std`) of the predictions at each point of `xModel` over the data sets.",
  check: {
    export: 'getModelMeanVariance',
    cases: () => [
      {
        name: 'the notebook: 15 points, 100 data sets, 5 hidden units, sigma 0.3, seed 1',
        args: [
          15,
          100,
          5,
          0.3,
          [...X_MODEL],
          harnessCall('generateData', 1),
          harnessCall('fitModelClosedForm'),
          harnessCall('network'),
        ],
        expected: getModelMeanVariance(new RandomState(1), 15, 100, 5, 0.3),
      },
    ],
    property: {
      trials: 4,
      seed: 82,
      generate: (rng, t) => {
        const nData = 8 + rng.randint(0, 20);
        const nDatasets = 5 + rng.randint(0, 30);
        const nHidden = 1 + rng.randint(0, 6);
        const sigma = 0.05 + 0.5 * rng.randomSample();
        const seed = rng.randint(0, 10000);
        const xModel = Array.from({ length: 25 }, (_, i) => i / 24);
        return {
          name: `random setting #${t + 1} (${nData} points, ${nDatasets} data sets, ${nHidden} hidden units)`,
          args: [
            nData,
            nDatasets,
            nHidden,
            sigma,
            xModel,
            harnessCall('generateData', seed),
            harnessCall('fitModelClosedForm'),
            harnessCall('network'),
          ],
          expected: getModelMeanVariance(new RandomState(seed), nData, nDatasets, nHidden, sigma, xModel),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: "Store each data set's predictions as a row; then, for each x, average the rows (the mean) and average the squared deviations from that mean before the square root (the standard deviation).",
  },
};

const biasVariance: Exercise = {
  id: 'bias-variance',
  title: 'Estimate the bias and the variance',
  prompt:
    "Write `estimateBiasVariance(meanModel, stdModel, yFunc)` returning `{ bias, variance }`: the variance is the average over x of the fitted models' variance `stdModel²`, the bias the average over x of the squared gap `(meanModel − yFunc)²` between the mean fitted model and the true function (UDL eq. 8.7).",
  check: {
    export: 'estimateBiasVariance',
    cases: () => {
      const [m, s] = getModelMeanVariance(new RandomState(1), 15, 100, 5, 0.3);
      const yFunc = X_MODEL.map((x) => Math.exp(Math.sin(x * (2 * 3.1413))));
      return [
        {
          name: "the notebook's 5-hidden-unit model (100 data sets of 15 points, seed 1)",
          args: [m, s, yFunc],
          expected: estimateBiasVariance(m, s, yFunc),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 87,
      generate: (rng, t) => {
        const n = 5 + rng.randint(0, 100);
        const m = Array.from({ length: n }, () => rng.normal(1, 0.5));
        const s = Array.from({ length: n }, () => 0.3 * rng.randomSample());
        const y = Array.from({ length: n }, () => rng.normal(1, 0.5));
        return {
          name: `random curves #${t + 1} (${n} points)`,
          args: [m, s, y],
          expected: estimateBiasVariance(m, s, y),
        };
      },
    },
    rtol: 1e-9,
    hint: 'Both are means over the x positions: of stdModel[i]², and of (meanModel[i] − yFunc[i])².',
  },
};

export default defineLesson({
  questions,
  id: '8-2-bias-variance-trade-off',
  title: 'Bias-variance trade-off (UDL 8.2)',
  notebook: {
    collection: 'udlbook',
    file: '8_2_Bias_Variance_Trade_Off.md',
    title: 'Notebook 8.2: Bias-Variance Trade-Off',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap08/8_2_Bias_Variance_Trade_Off.ipynb',
  },
  book: { section: '8.2', title: 'Sources of error' },
  packages: ['@gradkit/core'],
  summary:
    'Refit a closed-form toy model on 100 fresh data sets to measure its bias and variance, and watch them trade off as the capacity grows from 1 to 12 hidden units (UDL figure 8.9).',
  goals: [
    "Estimate a model's variance by refitting it on many data sets",
    'Estimate its bias against the true function',
    'See bias fall and variance rise with capacity',
  ],
  figures: ['bias-variance-data', 'bias-variance-fit', 'bias-variance-spread', 'bias-variance-curves'],
  exercises: [meanVariance, biasVariance],
  harness: { generateData, fitModelClosedForm, network },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
