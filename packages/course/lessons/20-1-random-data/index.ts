/**
 * Notebook 20.1: Random Data (UDL 20.2.1, figure 20.1). Exercises: the notebook's two TODOs —
 * inputs replaced by Gaussian noise that keeps their overall mean and variance, and the labels
 * permuted — both drawn from numpy's generator as the notebook's `np.random` calls draw them.
 */
import { RandomState, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { permuteLabels, randomDataData, randomizeData } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const randomizedRef = (x: number[][], seed: number) =>
  randomizeData(tensor(x, { dtype: 'float64' }), new RandomState(seed)).toArray() as number[][];
const permutedRef = (y: number[], seed: number) =>
  Array.from(permuteLabels(tensor(y, { dtype: 'int32' }), new RandomState(seed)).data);

const randomize: Exercise = {
  id: 'randomize-data',
  title: 'Random inputs with the data’s mean and variance',
  prompt:
    "The notebook's first TODO: *randomize the input data (`train_data_x`), but retain overall mean and variance*. Write `randomizeData(x, seed)`: compute the mean and the (population, `ddof = 0`) standard deviation of all the numbers of `x`, then return fresh Gaussian noise of the same shape, drawn as `new RandomState(seed).normal(mean, std, [rows, cols])` — numpy's `np.random.normal(np.mean(x), np.std(x), x.shape)` after `np.random.seed(seed)`.",
  check: {
    export: 'randomizeData',
    cases: () => {
      const x = randomDataData().trainDataX.toArray() as number[][];
      return [
        {
          name: "the notebook's train_data_x [40, 4000], numpy seeded with 1",
          args: [x, 1],
          expected: randomizedRef(x, 1),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 2010,
      generate: (rng, t) => {
        const rows = 1 + rng.randint(0, 6);
        const cols = 2 + rng.randint(0, 30);
        const loc = 5 * rng.standardNormal();
        const scale = 0.1 + 3 * rng.randomSample();
        const x = rng.normal(loc, scale, [rows, cols]).toArray() as number[][];
        const seed = rng.randint(0, 100000);
        return {
          name: `random data #${t + 1} [${rows}, ${cols}], seed ${seed}`,
          args: [x, seed],
          expected: randomizedRef(x, seed),
        };
      },
    },
    rtol: 1e-10,
    atol: 1e-12,
    hint: 'One mean and one standard deviation over all the numbers (not per row or column); np.std divides by N. Then a single rng.normal(mean, std, [rows, cols]) call.',
  },
};

const permute: Exercise = {
  id: 'permute-labels',
  title: 'Permuted labels',
  prompt:
    "The notebook's second TODO: *permute the labels*. Write `permuteLabels(y, seed)` returning the labels in a random order, `new RandomState(seed).permutation(y)` (numpy's `np.random.permutation(train_data_y)` after `np.random.seed(seed)`): every class keeps its count, but a label no longer says anything about its input.",
  check: {
    export: 'permuteLabels',
    cases: () => {
      const y = Array.from(randomDataData().trainDataY.data);
      return [
        {
          name: "the notebook's 4000 training labels, numpy seeded with 1",
          args: [y, 1],
          expected: permutedRef(y, 1),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 2011,
      generate: (rng, t) => {
        const n = 2 + rng.randint(0, 200);
        const y = Array.from(rng.randint(0, 10, [n]).data);
        const seed = rng.randint(0, 100000);
        return {
          name: `random labels #${t + 1}: ${n} labels, seed ${seed}`,
          args: [y, seed],
          expected: permutedRef(y, seed),
        };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'A shuffled copy of the labels: RandomState.permutation draws exactly what numpy’s does.',
  },
};

export default defineLesson({
  questions,
  id: '20-1-random-data',
  title: 'Random data (UDL 20.1)',
  notebook: {
    collection: 'udlbook',
    file: '20_1_Random_Data.md',
    title: 'Notebook 20.1: Random Data',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap20/20_1_Random_Data.ipynb',
  },
  book: { section: '20.2.1', title: 'Fitting random data' },
  packages: ['@gradkit/nn', '@gradkit/core', '@gradkit/datasets', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Train a four-hidden-layer ReLU network on MNIST-1D three times — true data, Gaussian-noise inputs, permuted labels — and watch the training loss fall in every case: deep networks memorise data that has no structure at all (UDL figure 20.1).',
  goals: [
    'Replace the inputs by noise with the same overall mean and variance',
    'Permute the labels so that they carry no information about the inputs',
    'Compare how fast the network fits true, random-input and random-label data',
  ],
  figures: ['random-data-losses'],
  exercises: [randomize, permute],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
