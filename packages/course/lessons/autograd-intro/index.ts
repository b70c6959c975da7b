/**
 * Introduction to autograd and neural network training (Tufts COMP 150 BDL). Exercise: the
 * negative log-likelihood of linear regression that the notebook differentiates, checked against
 * the lesson's `calcNegLikelihoodLinreg`.
 */
import { tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { calcNegLikelihoodLinreg } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const autogradLinreg: Exercise = {
  id: 'neg-likelihood-linreg',
  title: 'Negative log-likelihood of linear regression',
  prompt:
    'Write `negLikelihoodLinreg(w, x, y, sigma)` = `0.5/σ² · Σ_n (x_n · w − y_n)²` (the notebook’s `calc_neg_likelihood_linreg`, up to a constant) for weights `w` `[D]`, inputs `x` `[N, D]` and targets `y` `[N]`.',
  check: {
    export: 'negLikelihoodLinreg',
    cases: () => {
      const w = [1.5, -0.5];
      const x = [
        [1, 2],
        [0.5, -1],
        [-2, 0.25],
      ];
      const y = [0.3, 1.1, -2.5];
      return [
        {
          name: 'a 3-point example',
          args: [w, x, y, 0.1],
          expected: calcNegLikelihoodLinreg(tensor(w), tensor(x), tensor(y), 0.1).item(),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 11,
      generate: (rng, t) => {
        const n = 5 + t;
        const d = 1 + (t % 3);
        const x = rng.randn(n, d).toArray() as number[][];
        const w = rng.randn(d).toList() as number[];
        const y = rng.randn(n).toList() as number[];
        const sigma = 0.1 + rng.randomSample();
        return {
          name: `random data N=${n} D=${d}`,
          args: [w, x, y, sigma],
          expected: calcNegLikelihoodLinreg(tensor(w), tensor(x), tensor(y), sigma).item(),
        };
      },
    },
    rtol: 1e-9,
    hint: 'Predict with a dot product per row, subtract y, square, sum, then multiply by 0.5 / sigma² (not 1 / sigma²).',
    reference: { '@gradkit/losses': ['sumOfSquares', 'mseLoss'] },
  },
};

export default defineLesson({
  questions,
  id: 'autograd-intro',
  title: 'Introduction to autograd and neural network training',
  notebook: {
    collection: 'seeds',
    file: 'tufts-intro-autograd-nn-training.md',
    title: 'Intro to neural net training with autograd',
  },
  packages: ['@gradkit/core'],
  summary:
    'Automatic differentiation computes exact gradients of any composition of differentiable operations. We use `grad` to fit linear regression and a small neural network by gradient descent.',
  goals: [
    'Differentiate a function with `grad`',
    'Write a loss as a function of a parameter vector',
    'Run gradient descent with autograd gradients',
  ],
  figures: ['autograd-derivative'],
  exercises: [autogradLinreg],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
