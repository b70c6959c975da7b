/**
 * Loss III: multiclass classification with a categorical likelihood (CM20315 Loss III, UDL 5.5).
 * Exercises: a stable softmax (eq. 5.22) and the categorical negative log-likelihood with classes
 * in rows (eq. 5.24), checked against `@gradkit/losses`.
 */
import type { RandomState } from '@gradkit/core';
import { categoricalNll, softmax } from '@gradkit/losses';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));

const softmaxExercise: Exercise = {
  id: 'softmax',
  title: 'The softmax',
  prompt:
    'Write `softmax(z)` = `exp(z_k) / Σ_j exp(z_j)` (UDL eq. 5.22) for a vector of logits; subtract the maximum first so that large logits do not overflow.',
  check: {
    export: 'softmax',
    cases: () => [
      { name: '[1, 2, 3]', args: [[1, 2, 3]], expected: softmax([1, 2, 3]).toList() },
      { name: 'large logits [1000, 1001]', args: [[1000, 1001]], expected: softmax([1000, 1001]).toList() },
    ],
    property: {
      trials: 8,
      seed: 522,
      generate: (rng, t) => {
        const z = list(rng, 2 + t, -10, 10);
        return { name: `${z.length} random logits`, args: [z], expected: softmax(z).toList() };
      },
    },
    rtol: 1e-9,
    atol: 1e-15,
    hint: 'exp(z_k − max z) / Σ_j exp(z_j − max z) is the same value without overflow.',
    reference: {
      '@gradkit/losses': ['softmaxNaive', 'logSoftmax', 'logSoftmaxNaive'],
      '@gradkit/transformers': ['softmaxRow', 'logSoftmaxRow'],
    },
  },
};

/** Also notebook 5.3's `compute_negative_log_likelihood` (`5-3-multiclass-cross-entropy-loss`). */
export const categoricalNllExercise: Exercise = {
  id: 'categorical-nll',
  title: 'Negative log-likelihood of a categorical model',
  prompt:
    'Write `categoricalNll(y, lambda)`: `−Σ_i log λ[y_i][i]` for class labels `y` `[N]` and class probabilities `lambda` `[K, N]` (classes in rows, examples in columns, as in the book; UDL eq. 5.24).',
  check: {
    export: 'categoricalNll',
    cases: () => {
      const y = [0, 2, 2];
      const lam = [
        [0.7, 0.1, 0.2],
        [0.2, 0.3, 0.5],
        [0.1, 0.6, 0.3],
      ];
      return [{ name: '3 classes, 3 examples', args: [y, lam], expected: categoricalNll(y, lam).item() }];
    },
    property: {
      trials: 6,
      seed: 24,
      generate: (rng, t) => {
        const k = 2 + (t % 4);
        const n = 3 + 5 * t;
        const logits = Array.from({ length: k }, () => list(rng, n, -3, 3));
        const lam = softmax(logits, { axis: 0 }).toArray() as number[][];
        const y = Array.from({ length: n }, () => rng.randint(0, k));
        return { name: `K=${k}, N=${n}`, args: [y, lam], expected: categoricalNll(y, lam).item() };
      },
    },
    rtol: 1e-9,
    hint: 'Column i holds example i’s class probabilities: pick lambda[y[i]][i], not lambda[i][y[i]].',
    reference: { '@gradkit/losses': ['categoricalPmf', 'categoricalLikelihood', 'nllLoss', 'crossEntropy'] },
  },
};

export default defineLesson({
  questions,
  id: 'loss-iii',
  title: 'Loss III: multiclass classification and the categorical likelihood',
  notebook: {
    collection: 'seeds',
    file: 'udl-cm20315-loss_iii.md',
    title: 'CM20315 Loss functions part III',
  },
  book: { section: '5.5', title: 'Example 3: multiclass classification' },
  packages: ['@gradkit/losses', '@gradkit/nn', '@gradkit/datasets'],
  summary:
    'Multiclass classification: the softmax maps outputs to class probabilities and the NLL is the cross-entropy (UDL 5.5).',
  goals: ['Implement a stable softmax', 'Compute the categorical NLL with classes in rows'],
  figures: ['loss-iii-classification'],
  exercises: [softmaxExercise, categoricalNllExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
