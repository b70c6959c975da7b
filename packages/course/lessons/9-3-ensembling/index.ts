/**
 * Notebook 9.3: Ensembling (UDL 9.3). Exercises: a bootstrap resample of the data drawn with
 * replacement from the notebook's random stream (`harness.ts` hands the student the stream), and the
 * median and the mean of the ensemble's predictions.
 */

import { RandomState } from '@gradkit/core';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { randomState } from './harness.js';
import { ensemble, ensembleMean, ensembleMedian, generateToyData, N_DATA, resampleData } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

/** The notebook's 15 points (np.random.seed(1)). */
function notebookData(): [number[], number[]] {
  return generateToyData(new RandomState(1), N_DATA, 0.3);
}

/** `np.random.seed(seed)` and the draws of the notebook's `generate_data(15)`. */
function afterData(seed: number): RandomState {
  const rng = new RandomState(seed);
  generateToyData(rng, N_DATA, 0.3);
  return rng;
}

/** The reference resample of `rng` (the lesson's own `resampleData`), as `[x, y]`. */
function expectedResample(x: number[], y: number[], rng: RandomState): [number[], number[]] {
  const r = resampleData(x, y, rng);
  return [r.x, r.y];
}

const resample: Exercise = {
  id: 'resample-data',
  title: 'Resample the data with replacement',
  prompt:
    "The notebook's first TODO: write `resampleData(xData, yData, rng)` that draws `n = xData.length` indices uniformly from `0..n-1` **with replacement** from the random stream `rng` (numpy's `np.random.choice(n_data, n_data, replace=True)`; `rng.choice(n, { size: n })` here) and returns `[xResampled, yResampled]`, the points at those indices in the order drawn. Some points appear twice or more, others not at all: a bootstrap sample.",
  check: {
    export: 'resampleData',
    cases: () => {
      const [x, y] = notebookData();
      return [
        {
          name: "the notebook's 15 points, first resample (seed 1, after generate_data)",
          args: [x, y, harnessCall('randomState', 1, N_DATA)],
          expected: expectedResample(x, y, afterData(1)),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 93,
      generate: (rng, t) => {
        const n = 2 + rng.randint(0, 40);
        const seed = rng.randint(0, 100000);
        const x = Array.from({ length: n }, (_, i) => i / n + 0.01 * t);
        const y = Array.from({ length: n }, () => rng.normal(0, 1));
        return {
          name: `random data #${t + 1} (${n} points, RandomState(${seed}))`,
          args: [x, y, harnessCall('randomState', seed)],
          expected: expectedResample(x, y, new RandomState(seed)),
        };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'One call draws all n indices: `rng.choice(n, { size: n })` (or `rng.randint(0, n, n)`, the same stream). Then map each index to `xData[i]` and `yData[i]`.',
  },
};

/**
 * A random ensemble for trial `t`: an even number of models on even trials, odd on odd ones, with
 * predictions of both signs and of several magnitudes (so a string sort or the upper middle fails).
 */
function randomEnsemble(rng: RandomState, t: number): number[][] {
  const nModel = t % 2 === 0 ? 2 + 2 * rng.randint(0, 5) : 1 + 2 * rng.randint(0, 5);
  const width = 1 + rng.randint(0, 30);
  return Array.from({ length: nModel }, () =>
    Array.from({ length: width }, () => rng.normal(0, 1) * 10 ** rng.randint(-1, 3)),
  );
}

const medianExercise: Exercise = {
  id: 'ensemble-median',
  title: 'The median of the models',
  prompt:
    "The second TODO: write `ensembleMedian(allYModel)` for the predictions `allYModel[m][j]` of `M` models at the inputs `j`; return, at each input, the median over the models (numpy's `np.median(all_y_model, axis=0)`): the middle value of the sorted predictions, or the mean of the two middle values when `M` is even.",
  check: {
    export: 'ensembleMedian',
    cases: () => {
      const e = ensemble();
      return [
        {
          name: "the notebook's four bootstrap models (100 inputs)",
          args: [e.all_y_model],
          expected: ensembleMedian(e.all_y_model),
        },
        {
          name: 'three models (an odd count), ties',
          args: [
            [
              [1, 5, 2],
              [3, 5, -1],
              [2, 4, -1],
            ],
          ],
          expected: [2, 5, -1],
        },
      ];
    },
    property: {
      trials: 6,
      seed: 931,
      generate: (rng, t) => {
        const all = randomEnsemble(rng, t);
        return {
          name: `random ensemble #${t + 1} (${all.length} models × ${all[0]!.length} inputs)`,
          args: [all],
          expected: ensembleMedian(all),
        };
      },
    },
    rtol: 1e-12,
    atol: 1e-12,
    hint: 'For each input j, collect the M predictions allYModel[m][j], sort them numerically ((a, b) => a - b), take the middle one, or average the two middle ones when M is even.',
    reference: { '@gradkit/core': ['median'] },
  },
};

const meanExercise: Exercise = {
  id: 'ensemble-mean',
  title: 'The mean of the models',
  prompt:
    "The third TODO: write `ensembleMean(allYModel)` returning, at each input `j`, the mean of the `M` models' predictions `allYModel[m][j]` (numpy's `np.mean(all_y_model, axis=0)`).",
  check: {
    export: 'ensembleMean',
    cases: () => {
      const e = ensemble();
      return [
        {
          name: "the notebook's four bootstrap models (100 inputs)",
          args: [e.all_y_model],
          expected: ensembleMean(e.all_y_model),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 932,
      generate: (rng, t) => {
        const all = randomEnsemble(rng, t);
        return {
          name: `random ensemble #${t + 1} (${all.length} models × ${all[0]!.length} inputs)`,
          args: [all],
          expected: ensembleMean(all),
        };
      },
    },
    rtol: 1e-12,
    atol: 1e-12,
    hint: 'For each input j, add allYModel[m][j] over the models m and divide by the number of models.',
    reference: { '@gradkit/core': ['mean'] },
  },
};

export default defineLesson({
  questions,
  id: '9-3-ensembling',
  title: 'Ensembling (UDL 9.3)',
  notebook: {
    collection: 'udlbook',
    file: '9_3_Ensembling.md',
    title: 'Notebook 9.3: Ensembling',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap09/9_3_Ensembling.ipynb',
  },
  book: { section: '9.3.2', title: 'Ensembling' },
  packages: ['@gradkit/core'],
  summary:
    'Fit the chapter-8 toy network to four bootstrap resamples of 15 points and combine them: the median and the mean of the ensemble beat every single model.',
  goals: [
    'Draw a bootstrap sample with replacement from a seeded stream',
    "Combine an ensemble's predictions by their median and by their mean",
    'See the ensemble beat each of its members on the true function',
  ],
  figures: ['ensembling-data', 'ensembling-single', 'ensembling-bootstrap', 'ensembling-combined'],
  exercises: [resample, medianExercise, meanExercise],
  harness: { randomState },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
