/**
 * The lessons `@gradkit/losses` serves (Loss I–III: normal, Bernoulli and categorical
 * likelihoods), as data: goals, figures and graded exercises whose reference values come from this
 * package. Types and the checker are in `@gradkit/core` (`Lesson`, `Exercise`, `checkExercise`).
 */
import { type Exercise, type Lesson, type RandomState, starterFile } from '@gradkit/core';
import { bernoulliNll, categoricalNll, normalNll, normalPdf } from './distributions.js';
import { sigmoid, softmax } from './softmax.js';

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));

const normalPdfExercise: Exercise = {
  id: 'normal-pdf',
  title: 'The normal probability density',
  prompt: 'Write `normalPdf(y, mu, sigma)` = `1/√(2πσ²) · exp(−(y − μ)² / (2σ²))` (UDL eq. 5.7) for scalars.',
  starter: starterFile(
    'loss-i',
    `/** The normal density N(y; mu, sigma²). */
export function normalPdf(y: number, mu: number, sigma: number): number {
  throw new Error('TODO: write the equation for the normal distribution');
}`,
  ),
  check: {
    export: 'normalPdf',
    cases: () =>
      [
        [1, -1, 2.3],
        [0, 0, 1],
        [0.3, 0.5, 0.2],
      ].map(([y, mu, s]) => ({
        name: `y=${y}, mu=${mu}, sigma=${s}`,
        args: [y, mu, s],
        expected: normalPdf(y!, mu!, s!).item(),
      })),
    property: {
      trials: 10,
      seed: 5,
      generate: (rng, t) => {
        const args = [u(rng, -3, 3), u(rng, -3, 3), u(rng, 0.1, 3)];
        return { name: `random #${t + 1}`, args, expected: normalPdf(args[0]!, args[1]!, args[2]!).item() };
      },
    },
    rtol: 1e-9,
    hint: 'The variance is sigma² (square sigma), both in the normalising constant and in the exponent.',
  },
};

const normalNllExercise: Exercise = {
  id: 'normal-nll',
  title: 'Negative log-likelihood of a normal model',
  prompt:
    'Write `normalNll(y, mu, sigma)`: the negative sum of the log normal densities of the data `y[i]` under means `mu[i]` and a common `sigma` (UDL eq. 5.8), computed from logs (not as the log of a product, which underflows).',
  starter: starterFile(
    'loss-i',
    `/** −Σ_i log N(y_i; mu_i, sigma²). */
export function normalNll(y: number[], mu: number[], sigma: number): number {
  throw new Error('TODO: the negative sum of the log probabilities');
}`,
  ),
  check: {
    export: 'normalNll',
    cases: () => {
      const y = [-0.1, 0.8, 1.9, 2.2, 3.5];
      const mu = [0.1, 0.7, 1.5, 2.5, 3.1];
      return [{ name: 'five points, sigma 0.2', args: [y, mu, 0.2], expected: normalNll(y, mu, 0.2).item() }];
    },
    property: {
      trials: 6,
      seed: 6,
      generate: (rng, t) => {
        const n = 5 + 40 * t;
        const y = list(rng, n, -2, 2);
        const mu = list(rng, n, -2, 2);
        const s = u(rng, 0.2, 2);
        return { name: `${n} random points`, args: [y, mu, s], expected: normalNll(y, mu, s).item() };
      },
    },
    rtol: 1e-9,
    hint: 'log N(y; μ, σ²) = −0.5 log(2πσ²) − (y − μ)² / (2σ²); sum over the points and negate.',
  },
};

const sigmoidExercise: Exercise = {
  id: 'sigmoid',
  title: 'The logistic sigmoid',
  prompt:
    'Write `sigmoid(z)` = `1 / (1 + exp(−z))` (UDL eq. 5.18); for large negative z it should not overflow to NaN.',
  starter: starterFile(
    'loss-ii',
    `/** The logistic sigmoid 1 / (1 + exp(−z)). */
export function sigmoid(z: number): number {
  throw new Error('TODO: implement the logistic sigmoid function');
}`,
  ),
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
  },
};

const bernoulliNllExercise: Exercise = {
  id: 'bernoulli-nll',
  title: 'Negative log-likelihood of a Bernoulli model',
  prompt:
    'Write `bernoulliNll(y, lambda)` = `−Σ_i [y_i log λ_i + (1 − y_i) log(1 − λ_i)]` for labels `y_i ∈ {0, 1}` and probabilities `λ_i` (UDL eq. 5.20).',
  starter: starterFile(
    'loss-ii',
    `/** −Σ_i log Bern(y_i; lambda_i). */
export function bernoulliNll(y: number[], lambda: number[]): number {
  throw new Error('TODO');
}`,
  ),
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
  },
};

const softmaxExercise: Exercise = {
  id: 'softmax',
  title: 'The softmax',
  prompt:
    'Write `softmax(z)` = `exp(z_k) / Σ_j exp(z_j)` (UDL eq. 5.22) for a vector of logits; subtract the maximum first so that large logits do not overflow.',
  starter: starterFile(
    'loss-iii',
    `/** softmax over a vector of logits. */
export function softmax(z: number[]): number[] {
  throw new Error('TODO');
}`,
  ),
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
  },
};

const categoricalNllExercise: Exercise = {
  id: 'categorical-nll',
  title: 'Negative log-likelihood of a categorical model',
  prompt:
    'Write `categoricalNll(y, lambda)`: `−Σ_i log λ[y_i][i]` for class labels `y` `[N]` and class probabilities `lambda` `[K, N]` (classes in rows, examples in columns, as in the book; UDL eq. 5.24).',
  starter: starterFile(
    'loss-iii',
    `/** −Σ_i log lambda[y_i][i]; lambda is [K, N] (one column per example). */
export function categoricalNll(y: number[], lambda: number[][]): number {
  throw new Error('TODO');
}`,
  ),
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
  },
};

/** The lessons served by `@gradkit/losses`, in course order. */
export const lossesLessons: Lesson[] = [
  {
    id: 'loss-i',
    title: 'Loss I: least squares and the normal likelihood',
    package: '@gradkit/losses',
    seed: 'udl-cm20315-loss.md',
    summary:
      'Univariate regression as maximum likelihood: a network predicts the mean of a normal distribution, and the negative log-likelihood becomes the least-squares loss (UDL 5.3).',
    goals: [
      'Write the normal density',
      'Compute a likelihood and a negative log-likelihood',
      'See least squares as a normal NLL',
      'Fit σ by maximum likelihood',
    ],
    figures: ['regressionPlot', 'likelihoodSweep'],
    exercises: [normalPdfExercise, normalNllExercise],
  },
  {
    id: 'loss-ii',
    title: 'Loss II: binary classification and the Bernoulli likelihood',
    package: '@gradkit/losses',
    seed: 'udl-cm20315-loss_ii.md',
    summary:
      'Binary classification: the sigmoid maps the network output to the Bernoulli parameter λ, and the NLL is the binary cross-entropy (UDL 5.4).',
    goals: ['Implement the logistic sigmoid', 'Write the Bernoulli distribution and its NLL'],
    figures: ['classificationPlot', 'likelihoodSweep'],
    exercises: [sigmoidExercise, bernoulliNllExercise],
  },
  {
    id: 'loss-iii',
    title: 'Loss III: multiclass classification and the categorical likelihood',
    package: '@gradkit/losses',
    seed: 'udl-cm20315-loss_iii.md',
    summary:
      'Multiclass classification: the softmax maps outputs to class probabilities and the NLL is the cross-entropy (UDL 5.5).',
    goals: ['Implement a stable softmax', 'Compute the categorical NLL with classes in rows'],
    figures: ['classificationPlot', 'likelihoodSweep'],
    exercises: [softmaxExercise, categoricalNllExercise],
  },
];
