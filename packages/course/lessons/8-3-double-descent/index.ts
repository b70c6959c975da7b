/**
 * Notebook 8.3: Double Descent (UDL 8.4). Exercises: the notebook's 15% label noise with Python's
 * `random` stream (`PythonRandom`, handed over by `harness.ts`), the weight count of its network
 * (the TODO asks to predict the curve "considering that there are 4000 training examples"), and
 * the plot's `closest_index`, the width whose weights equal the training examples.
 */
import { PythonRandom, RandomState } from '@gradkit/core';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { pythonRandom } from './harness.js';
import {
  addLabelNoise,
  closestIndex,
  countParameters,
  doubleDescentData,
  getModel,
  HIDDEN_VARIABLES,
  LABEL_NOISE,
} from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const weightsOf = (n: number) => countParameters(getModel(n, new RandomState(0)));

const labelNoise: Exercise = {
  id: 'label-noise',
  title: "The notebook's 15% label noise",
  prompt:
    "The notebook corrupts its training labels with Python's `random` (seeded with 0): for each label in order it draws `random_number = random.random()`, and when `random_number < 0.15` it replaces the label with `int(random.random() * 10)`. Write `addLabelNoise(labels, rng, p)` that returns a copy of `labels` with this noise, drawing from `rng` (a `PythonRandom`, Python's generator) exactly as the notebook does.",
  check: {
    export: 'addLabelNoise',
    cases: () => [
      {
        name: "the notebook's 4000 training labels, random.seed(0), p = 0.15",
        args: [Array.from(doubleDescentData().yClean.data), harnessCall('pythonRandom', 0), LABEL_NOISE],
        expected: addLabelNoise(doubleDescentData().yClean.data, new PythonRandom(0), LABEL_NOISE),
      },
    ],
    property: {
      trials: 6,
      seed: 83,
      generate: (rng, t) => {
        const n = 20 + Math.floor(rng.randomSample() * 200);
        const labels = Array.from({ length: n }, () => Math.floor(rng.randomSample() * 10));
        const seed = Math.floor(rng.randomSample() * 100000);
        const p = t === 0 ? 1 : 0.05 + 0.5 * rng.randomSample();
        return {
          name: `${n} random labels, random.seed(${seed}), p = ${p.toFixed(3)}`,
          args: [labels, harnessCall('pythonRandom', seed), p],
          expected: addLabelNoise(labels, new PythonRandom(seed), p),
        };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'Draw one rng.random() per label, and a second one only for the labels you replace: the stream must advance exactly as the notebook’s.',
  },
};

const totalWeights: Exercise = {
  id: 'total-weights',
  title: 'Weights of the network',
  prompt:
    "`get_model(n_hidden)` builds `Linear(40, D) → ReLU → Linear(D, D) → ReLU → Linear(D, 10)` with D = `n_hidden`, and the sweep stores `count_parameters(model)`. Write `totalWeights(nHidden)`, the number of weights and biases, without building the model. (The notebook's TODO: at what width does the network have as many weights as the 4000 training examples?)",
  check: {
    export: 'totalWeights',
    cases: () =>
      [2, 40, 45, 400].map((n) => ({ name: `n_hidden = ${n}`, args: [n], expected: weightsOf(n) })),
    property: {
      trials: 6,
      seed: 84,
      generate: (rng, t) => {
        const n = 1 + Math.floor(rng.randomSample() * 300);
        return { name: `random width #${t + 1}: ${n}`, args: [n], expected: weightsOf(n) };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'A Linear(n_in, n_out) layer has n_in·n_out weights and n_out biases; add the three layers.',
  },
};

const closest: Exercise = {
  id: 'closest-index',
  title: 'Where the weights equal the training examples',
  prompt:
    'The plot marks the width whose weight count is closest to the number of training examples: `closest_index = np.argmin(np.abs(np.array(total_weights_all) - num_training_examples))`. Write `closestIndex(totalWeightsAll, n)` (on a tie, the first index, as `np.argmin`).',
  check: {
    export: 'closestIndex',
    cases: () => {
      const all = HIDDEN_VARIABLES.map(weightsOf);
      return [
        {
          name: "the notebook's 28 widths, 4000 training examples",
          args: [all, 4000],
          expected: closestIndex(all, 4000),
        },
        { name: 'a tie: the first wins', args: [[10, 30, 50], 40], expected: 1 },
      ];
    },
    property: {
      trials: 6,
      seed: 85,
      generate: (rng, t) => {
        const m = 2 + Math.floor(rng.randomSample() * 20);
        const all = Array.from({ length: m }, () => Math.floor(rng.randomSample() * 10000));
        const n = Math.floor(rng.randomSample() * 10000);
        return {
          name: `random weights #${t + 1} (${m} widths), n = ${n}`,
          args: [all, n],
          expected: closestIndex(all, n),
        };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'Keep the index with the smallest |total_weights_all[i] − n|, replacing it only on a strictly smaller distance.',
  },
};

export default defineLesson({
  questions,
  id: '8-3-double-descent',
  title: 'Double descent (UDL 8.3)',
  notebook: {
    collection: 'udlbook',
    file: '8_3_Double_Descent.md',
    title: 'Notebook 8.3: Double Descent',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap08/8_3_Double_Descent.ipynb',
  },
  book: { section: '8.4', title: 'Double descent' },
  packages: ['@gradkit/core', '@gradkit/datasets', '@gradkit/nn', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Networks of 28 widths trained to zero training error on MNIST-1D with 15% noisy labels: the test error falls, peaks where the weights match the 4000 training examples, and falls again.',
  goals: [
    "Reproduce the notebook's label noise with Python's random stream",
    'Count the weights of a two-hidden-layer network and find the interpolation threshold',
    'Read the double-descent curve: zero training error, the first minimum and the peak of the test error',
  ],
  figures: ['double-descent'],
  exercises: [labelNoise, totalWeights, closest],
  harness: { pythonRandom },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
