/**
 * Loss II: binary classification with a Bernoulli likelihood (CM20315 Loss II, UDL 5.4).
 * Exercises: the logistic sigmoid (eq. 5.18) and the Bernoulli negative log-likelihood
 * (eq. 5.19), checked against `@gradkit/losses`.
 */
import type { RandomState } from '@gradkit/core';
import { bernoulliNll, sigmoid } from '@gradkit/losses';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));

const sigmoidExercise: Exercise = {
  id: 'sigmoid',
  title: 'The logistic sigmoid',
  prompt:
    'Write `sigmoid(z)` = `1 / (1 + exp(−z))` (UDL eq. 5.18); for large negative z it should not overflow to NaN.',
  check: {
    export: 'sigmoid',
    cases: () =>
      [-5, -1, 0, 0.5, 3, 30, -30].map((z) => ({ name: `z=${z}`, args: [z], expected: sigmoid(z).item() })),
    property: {
      trials: 10,
      seed: 18,
      generate: (rng) => {
        const z = u(rng, -20, 20);
        return { name: `z=${z.toFixed(3)}`, args: [z], expected: sigmoid(z).item() };
      },
    },
    rtol: 1e-9,
    atol: 1e-15,
    hint: 'Use Math.exp(-z) in the denominator; sigmoid(0) is 0.5.',
    reference: {
      '@gradkit/losses': ['sigmoidNaive', 'logSigmoid', 'logSigmoidNaive'],
      '@gradkit/nn': ['Sigmoid'],
      '@gradkit/core': ['sigmoid'],
    },
  },
};

const bernoulliNllExercise: Exercise = {
  id: 'bernoulli-nll',
  title: 'Negative log-likelihood of a Bernoulli model',
  prompt:
    'Write `bernoulliNll(y, lambda)` = `−Σ_i [y_i log λ_i + (1 − y_i) log(1 − λ_i)]` for labels `y_i ∈ {0, 1}` and probabilities `λ_i` (UDL eq. 5.20).',
  check: {
    export: 'bernoulliNll',
    cases: () => {
      const y = [0, 1, 1, 0, 1];
      const lam = [0.2, 0.7, 0.9, 0.4, 0.55];
      return [{ name: 'five labels', args: [y, lam], expected: bernoulliNll(y, lam).item() }];
    },
    property: {
      trials: 6,
      seed: 21,
      generate: (rng, t) => {
        const n = 4 + 10 * t;
        const y = Array.from({ length: n }, () => rng.randint(0, 2));
        const lam = list(rng, n, 0.01, 0.99);
        return { name: `${n} random labels`, args: [y, lam], expected: bernoulliNll(y, lam).item() };
      },
    },
    rtol: 1e-9,
    hint: 'For y = 1 the probability is λ, for y = 0 it is 1 − λ; sum the logs and negate.',
    reference: {
      '@gradkit/losses': [
        'bernoulliPmf',
        'bernoulliLikelihood',
        'binaryCrossEntropy',
        'binaryCrossEntropyWithLogits',
      ],
    },
  },
};

export default defineLesson({
  id: 'loss-ii',
  title: 'Loss II: binary classification and the Bernoulli likelihood',
  notebook: { collection: 'seeds', file: 'udl-cm20315-loss_ii.md', title: 'CM20315 Loss functions part II' },
  book: { section: '5.4', title: 'Example 2: binary classification' },
  packages: ['@gradkit/losses', '@gradkit/nn', '@gradkit/datasets'],
  summary:
    'Binary classification: the sigmoid maps the network output to the Bernoulli parameter λ, and the NLL is the binary cross-entropy (UDL 5.4).',
  goals: ['Implement the logistic sigmoid', 'Write the Bernoulli distribution and its NLL'],
  figures: ['loss-ii-classification', 'loss-ii-sweep'],
  exercises: [sigmoidExercise, bernoulliNllExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
