/**
 * Training III: stochastic gradient descent (CM20315 Training III, UDL 6.1–6.2). Exercise: the
 * least-squares loss of a model given as a function (the Gabor model, handed to the student's code
 * through the lesson's harness), checked against `@gradkit/optimizers`' `computeLoss`.
 */
import type { RandomState } from '@gradkit/core';
import { computeLoss, GABOR_DATA, gaborModel, type Phi } from '@gradkit/optimizers';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { gaborModel as gaborModelArgument } from './harness.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const plain = (d: { x: readonly number[]; y: readonly number[] }) => ({ x: [...d.x], y: [...d.y] });

const computeLossExercise: Exercise = {
  id: 'compute-loss',
  title: 'The least-squares loss of a model',
  prompt:
    'Write `computeLoss(data, model, phi)`: make the model’s predictions `model(phi, x_i)`, then sum the squared differences to the true `y_i` (Training III).',
  check: {
    export: 'computeLoss',
    cases: () => [
      {
        name: 'the Gabor model at φ = (-1.5, 40)',
        args: [plain(GABOR_DATA), harnessCall('gaborModel'), [-1.5, 40]],
        expected: computeLoss(GABOR_DATA, gaborModel, [-1.5, 40]),
      },
    ],
    property: {
      trials: 6,
      seed: 3,
      generate: (rng, t) => {
        const phi = [u(rng, -5, 5), u(rng, 0, 60)];
        return {
          name: `the Gabor model at random φ #${t + 1}`,
          args: [plain(GABOR_DATA), harnessCall('gaborModel'), phi],
          expected: computeLoss(GABOR_DATA, gaborModel, phi as Phi),
        };
      },
    },
    rtol: 1e-9,
    hint: 'The model takes (phi, x) for one x at a time; square each difference before summing.',
    reference: { '@gradkit/optimizers': ['computeLoss', 'gaborObjective', 'gabor'] },
  },
};

export default defineLesson({
  questions,
  id: 'training-iii',
  title: 'Training III: stochastic gradient descent',
  notebook: {
    collection: 'seeds',
    file: 'udl-cm20315-training_iii.md',
    title: 'CM20315 Training (part III)',
  },
  book: { section: '6.1–6.2', title: 'Gradient descent; stochastic gradient descent' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'A Gabor model with many local minima: gradient descent gets stuck, fixed learning rates and minibatch SGD behave differently (UDL 6.2).',
  goals: ['Compute the loss of a nonlinear model', 'Compare line search, fixed steps and minibatch SGD'],
  figures: ['training-iii-gabor'],
  exercises: [computeLossExercise],
  harness: { gaborModel: gaborModelArgument },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
