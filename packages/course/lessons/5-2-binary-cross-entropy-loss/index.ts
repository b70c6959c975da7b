/**
 * Notebook 5.2, Binary cross-entropy loss (UDL 5.4; also the CM20315 practical "Loss functions
 * part II", formerly the lesson `loss-ii`): binary classification with a Bernoulli likelihood.
 * Exercises, one per TODO: the logistic sigmoid (eq. 5.18), the Bernoulli distribution
 * (eq. 5.17), the likelihood (eq. 5.3, top) and the negative log-likelihood (eq. 5.20), checked
 * against `@gradkit/losses`.
 */
import type { RandomState } from '@gradkit/core';
import { sigmoid } from '@gradkit/core';
import { bernoulliLikelihood, bernoulliNll, bernoulliPmf } from '@gradkit/losses';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

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

const bernoulliPmfExercise: Exercise = {
  id: 'bernoulli-pmf',
  title: 'The Bernoulli distribution',
  prompt:
    'Write `bernoulliDistribution(y, lambda)` = `λ^y · (1 − λ)^(1−y)`, the probability of the label `y ∈ {0, 1}` when `Pr(y = 1) = λ` (UDL eq. 5.17; the notebook checks `bernoulli_distribution(0, 0.2)` = 0.8 and `bernoulli_distribution(1, 0.2)` = 0.2).',
  check: {
    export: 'bernoulliDistribution',
    cases: () =>
      [
        [0, 0.2],
        [1, 0.2],
        [1, 0.95],
        [0, 0.95],
      ].map(([y, lam]) => ({
        name: `y=${y}, lambda=${lam}`,
        args: [y, lam],
        expected: bernoulliPmf(y!, lam!).item(),
      })),
    property: {
      trials: 10,
      seed: 517,
      generate: (rng, t) => {
        const y = t % 2;
        const lam = u(rng, 0.001, 0.999);
        return {
          name: `y=${y}, lambda=${lam.toFixed(4)}`,
          args: [y, lam],
          expected: bernoulliPmf(y, lam).item(),
        };
      },
    },
    rtol: 1e-12,
    atol: 1e-15,
    hint: 'For y = 1 the probability is λ and for y = 0 it is 1 − λ; λ^y (1 − λ)^(1 − y) gives both in one formula.',
    reference: { '@gradkit/losses': ['bernoulliPmf', 'bernoulliLikelihood', 'bernoulliNll'] },
  },
};

const bernoulliLikelihoodExercise: Exercise = {
  id: 'bernoulli-likelihood',
  title: 'The likelihood of the training labels',
  prompt:
    'Write `computeLikelihood(y, lambda)`: the product over the examples of the Bernoulli probabilities `λ_i^y_i (1 − λ_i)^(1 − y_i)` of labels `y_i ∈ {0, 1}` under `λ_i = Pr(y_i = 1)` (UDL eq. 5.3, top line; the notebook’s 20 training labels give 0.000070237).',
  check: {
    export: 'computeLikelihood',
    cases: () => {
      const y = [0, 1, 1, 0, 1];
      const lam = [0.2, 0.7, 0.9, 0.4, 0.55];
      return [{ name: 'five labels', args: [y, lam], expected: bernoulliLikelihood(y, lam).item() }];
    },
    property: {
      trials: 6,
      seed: 53,
      generate: (rng, t) => {
        const n = 3 + 6 * t;
        const y = Array.from({ length: n }, () => rng.randint(0, 2));
        const lam = list(rng, n, 0.05, 0.95);
        return { name: `${n} random labels`, args: [y, lam], expected: bernoulliLikelihood(y, lam).item() };
      },
    },
    rtol: 1e-9,
    atol: 0,
    hint: 'Multiply the probabilities of the individual labels; start from 1, not 0.',
    reference: { '@gradkit/losses': ['bernoulliPmf', 'bernoulliLikelihood', 'bernoulliNll'] },
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
  questions,
  id: '5-2-binary-cross-entropy-loss',
  aliases: ['loss-ii'],
  title: 'Binary cross-entropy loss (UDL 5.4)',
  notebook: {
    collection: 'udlbook',
    file: '5_2_Binary_Cross_Entropy_Loss.md',
    title: 'Notebook 5.2 Binary Cross-Entropy Loss',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap05/5_2_Binary_Cross_Entropy_Loss.ipynb',
  },
  book: { section: '5.4', title: 'Example 2: binary classification' },
  packages: ['@gradkit/losses', '@gradkit/nn', '@gradkit/datasets'],
  summary:
    'Binary classification: the sigmoid maps the network output to the Bernoulli parameter λ, and the NLL is the binary cross-entropy (UDL 5.4). The same code as the CM20315 practical "Loss functions part II".',
  goals: [
    'Implement the logistic sigmoid',
    'Write the Bernoulli distribution, its likelihood and its NLL',
    'See the maximum likelihood and the minimum NLL at the same parameter',
  ],
  figures: ['loss-ii-classification', 'loss-ii-sweep'],
  exercises: [sigmoidExercise, bernoulliPmfExercise, bernoulliLikelihoodExercise, bernoulliNllExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
