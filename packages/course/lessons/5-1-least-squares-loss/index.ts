/**
 * Notebook 5.1, Least squares loss (UDL 5.1–5.3; also the CM20315 practical "Loss functions"
 * part I, formerly the lesson `loss-i`): least squares as a normal likelihood. Exercises: the
 * notebook's four functions, checked against `@gradkit/losses`: the normal density (eq. 5.7),
 * the likelihood as a product of densities (eq. 5.3), the negative log-likelihood as a sum of
 * logs (eq. 5.4) and the sum of squares (eq. 5.10). The first and third are also the CLI's grader
 * tests' fixture.
 */
import type { RandomState } from '@gradkit/core';
import { LOSS_I_Y, LOSS_X } from '@gradkit/datasets';
import { normalLikelihood, normalNll, normalPdf, sumOfSquares } from '@gradkit/losses';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { getParameters, shallowNn } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));

const normalPdfExercise: Exercise = {
  id: 'normal-pdf',
  title: 'The normal probability density',
  prompt: 'Write `normalPdf(y, mu, sigma)` = `1/√(2πσ²) · exp(−(y − μ)² / (2σ²))` (UDL eq. 5.7) for scalars.',
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
    reference: { '@gradkit/losses': ['normalLogPdf'] },
  },
};

/** The notebook's test cell: its training data and the shallow network's predictions of their means. */
const notebookData = () => {
  const y = [...LOSS_I_Y];
  const mu = shallowNn([...LOSS_X], getParameters()).toList(); // [1, n]: the n means, flat
  return { y, mu };
};

const normalLikelihoodExercise: Exercise = {
  id: 'normal-likelihood',
  title: 'The likelihood of the data',
  prompt:
    "Write `normalLikelihood(y, mu, sigma)`: the product over the data of the normal densities `N(y[i]; mu[i], sigma²)` (the top line of UDL eq. 5.3). On the notebook's data with sigma = 0.2 it is about 0.000010624: tiny, though the model fits well.",
  check: {
    export: 'normalLikelihood',
    cases: () => {
      const { y, mu } = notebookData();
      return [
        {
          name: "the notebook's data, sigma 0.2",
          args: [y, mu, 0.2],
          expected: normalLikelihood(y, mu, 0.2).item(),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 7,
      generate: (rng, t) => {
        const n = 1 + 3 * t;
        const y = list(rng, n, -1, 1);
        const mu = list(rng, n, -1, 1);
        const s = u(rng, 0.3, 2);
        return { name: `${n} random points`, args: [y, mu, s], expected: normalLikelihood(y, mu, s).item() };
      },
    },
    rtol: 1e-9,
    hint: 'Start from 1 and multiply in the density of each point (your normalPdf, or its formula).',
    reference: { '@gradkit/losses': ['normalPdf'] },
  },
};

const sumOfSquaresExercise: Exercise = {
  id: 'sum-of-squares',
  title: 'The sum of squares',
  prompt:
    "Write `sumOfSquares(y, yPred)`: the sum of the squared differences between the data `y[i]` and the model's predictions `yPred[i]` (UDL eq. 5.10). On the notebook's data it is about 2.020992572.",
  check: {
    export: 'sumOfSquares',
    cases: () => {
      const { y, mu } = notebookData();
      return [{ name: "the notebook's data", args: [y, mu], expected: sumOfSquares(y, mu).item() }];
    },
    property: {
      trials: 6,
      seed: 8,
      generate: (rng, t) => {
        const n = 1 + 10 * t;
        const y = list(rng, n, -3, 3);
        const yPred = list(rng, n, -3, 3);
        return { name: `${n} random points`, args: [y, yPred], expected: sumOfSquares(y, yPred).item() };
      },
    },
    rtol: 1e-9,
    hint: 'Square each difference y[i] − yPred[i] and add them up; no square root, no mean.',
    reference: { '@gradkit/losses': ['mseLoss'] },
  },
};

const normalNllExercise: Exercise = {
  id: 'normal-nll',
  title: 'Negative log-likelihood of a normal model',
  prompt:
    'Write `normalNll(y, mu, sigma)`: the negative sum of the log normal densities of the data `y[i]` under means `mu[i]` and a common `sigma` (UDL eq. 5.8), computed from logs (not as the log of a product, which underflows).',
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
    reference: { '@gradkit/losses': ['normalLogPdf', 'normalNllNaive'] },
  },
};

export default defineLesson({
  questions,
  id: '5-1-least-squares-loss',
  aliases: ['loss-i', 'loss'],
  title: 'Least squares loss (UDL 5.1)',
  notebook: {
    collection: 'udlbook',
    file: '5_1_Least_Squares_Loss.md',
    title: 'Notebook 5.1: Least Squares Loss',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap05/5_1_Least_Squares_Loss.ipynb',
  },
  book: { section: '5.1–5.3', title: 'Maximum likelihood; Example 1: univariate regression' },
  packages: ['@gradkit/losses', '@gradkit/nn', '@gradkit/datasets'],
  summary:
    'Univariate regression as maximum likelihood: a network predicts the mean of a normal distribution, and the negative log-likelihood becomes the least-squares loss (UDL 5.3). The same code as the CM20315 practical "Loss functions" part I.',
  goals: [
    'Write the normal density',
    'Compute a likelihood and a negative log-likelihood',
    'See least squares as a normal NLL',
    'Fit σ by maximum likelihood',
  ],
  figures: ['loss-regression', 'loss-sweep', 'loss-sigma-sweep'],
  exercises: [normalPdfExercise, normalLikelihoodExercise, normalNllExercise, sumOfSquaresExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
