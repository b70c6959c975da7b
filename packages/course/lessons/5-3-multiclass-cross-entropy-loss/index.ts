/**
 * Notebook 5.3, Multiclass cross-entropy loss (UDL 5.5): the softmax turns K network outputs into
 * class probabilities, and the negative log-likelihood of a categorical distribution is the
 * multiclass cross-entropy. Exercises, one per TODO: the softmax over the columns of a [K, N]
 * matrix (eq. 5.22), the likelihood (eq. 5.3, top) and the negative log-likelihood (eq. 5.24, the
 * exercise of the CM20315 lesson `loss-iii`), checked against `@gradkit/losses`.
 */
import type { RandomState } from '@gradkit/core';
import { categoricalLikelihood, softmax } from '@gradkit/losses';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { categoricalNllExercise } from '../loss-iii/index.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));
const columns = (out: number[][]) => softmax(out, { axis: 0 }).toArray() as number[][];

const softmaxExercise: Exercise = {
  id: 'softmax',
  title: 'The softmax of every column',
  prompt:
    'Write `softmax(modelOut)` for the network outputs `modelOut` `[K][N]` (one row per class, one column per example): in every column, `exp(z_k) / Σ_j exp(z_j)` (UDL eq. 5.22), so that each column is positive and sums to one. Subtract each column’s maximum first, so that large outputs do not overflow.',
  check: {
    export: 'softmax',
    cases: () => {
      const out = [
        [1, -24, 2],
        [2, 8, 2],
        [3, 16, 2],
      ];
      const big = [
        [1000, -5],
        [1001, 0],
      ];
      return [
        { name: 'three classes, three examples', args: [out], expected: columns(out) },
        { name: 'large outputs [[1000, −5], [1001, 0]]', args: [big], expected: columns(big) },
      ];
    },
    property: {
      trials: 8,
      seed: 522,
      generate: (rng, t) => {
        const k = 2 + (t % 4);
        const n = 1 + 3 * t;
        const out = Array.from({ length: k }, () => list(rng, n, -30, 30));
        return { name: `K=${k}, N=${n}`, args: [out], expected: columns(out) };
      },
    },
    rtol: 1e-9,
    atol: 1e-15,
    hint: 'Work column by column: exponentiate the column (minus its maximum), add the exponentials up, and divide each by the sum. The rows are the classes.',
    reference: {
      '@gradkit/losses': ['softmaxNaive', 'logSoftmax', 'logSoftmaxNaive'],
      '@gradkit/transformers': ['softmaxRow', 'logSoftmaxRow'],
    },
  },
};

const likelihoodExercise: Exercise = {
  id: 'categorical-likelihood',
  title: 'The likelihood of the training labels',
  prompt:
    'Write `computeLikelihood(y, lambda)`: the product over the examples of the categorical probabilities `λ[y_i][i]` of the labels `y` `[N]` under the class probabilities `lambda` `[K][N]` (classes in rows, examples in columns; UDL eq. 5.3, top line; the notebook’s 20 training labels give 0.000000041).',
  check: {
    export: 'computeLikelihood',
    cases: () => {
      const y = [0, 2, 2];
      const lam = [
        [0.7, 0.1, 0.2],
        [0.2, 0.3, 0.5],
        [0.1, 0.6, 0.3],
      ];
      return [
        { name: '3 classes, 3 examples', args: [y, lam], expected: categoricalLikelihood(y, lam).item() },
      ];
    },
    property: {
      trials: 6,
      seed: 53,
      generate: (rng, t) => {
        const k = 2 + (t % 4);
        const n = 2 + 4 * t;
        const lam = columns(Array.from({ length: k }, () => list(rng, n, -2, 2)));
        const y = Array.from({ length: n }, () => rng.randint(0, k));
        return { name: `K=${k}, N=${n}`, args: [y, lam], expected: categoricalLikelihood(y, lam).item() };
      },
    },
    rtol: 1e-9,
    atol: 0,
    hint: 'Start from 1 and multiply by lambda[y[i]][i] for every example i: the row is the class, the column the example.',
    reference: { '@gradkit/losses': ['categoricalPmf', 'categoricalNll', 'nllLoss', 'crossEntropy'] },
  },
};

export default defineLesson({
  questions,
  id: '5-3-multiclass-cross-entropy-loss',
  title: 'Multiclass cross-entropy loss (UDL 5.5)',
  notebook: {
    collection: 'udlbook',
    file: '5_3_Multiclass_Cross_entropy_Loss.md',
    title: 'Notebook 5.3 Multiclass Cross-Entropy Loss',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap05/5_3_Multiclass_Cross_entropy_Loss.ipynb',
  },
  book: { section: '5.5', title: 'Example 3: multiclass classification' },
  packages: ['@gradkit/losses', '@gradkit/nn', '@gradkit/datasets'],
  summary:
    'Multiclass classification: the softmax maps K network outputs to class probabilities, and the negative log-likelihood of the categorical distribution is the multiclass cross-entropy (UDL 5.5). The CM20315 practical "Loss functions part III" (lesson loss-iii) runs the same cells with the softmax given.',
  goals: [
    'Write the softmax over the classes of every example',
    'Compute the categorical likelihood and negative log-likelihood',
    'See the maximum likelihood and the minimum NLL at the same parameter',
  ],
  figures: ['multiclass-sweep', 'multiclass-best'],
  exercises: [softmaxExercise, likelihoodExercise, categoricalNllExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
