/**
 * Coursework II: training hyperparameters on MNIST-1D (CM20315 Coursework II). The notebook trains
 * the coursework's 40-100-100-10 network with SGD + StepLR; the student changes only the training
 * hyperparameters to beat the 37.45 % validation error. Exercise: the courseworks' percent error
 * (checked against the lesson's `percentError`).
 */
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { percentError } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const errorExercise: Exercise = {
  id: 'percent-error',
  title: 'The classification error',
  prompt:
    'The courseworks measure a model by its validation error: the percentage of examples whose predicted class (the argmax of the model’s outputs) differs from the label. Write `percentError(logits, labels)` for outputs `[N, K]` and labels `[N]`.',
  check: {
    export: 'percentError',
    cases: () => {
      const logits = [
        [0.1, 2, -1],
        [3, 0, 0],
        [0, 0, 1],
        [-1, -2, -0.5],
      ];
      const labels = [1, 0, 0, 2];
      return [
        { name: '4 examples, 1 wrong', args: [logits, labels], expected: percentError(logits, labels) },
      ];
    },
    property: {
      trials: 5,
      seed: 40,
      generate: (rng, t) => {
        const n = 10 + 20 * t;
        const logits = rng.randn(n, 10).toArray() as number[][];
        const labels = Array.from({ length: n }, () => rng.randint(0, 10));
        return {
          name: `${n} random examples`,
          args: [logits, labels],
          expected: percentError(logits, labels),
        };
      },
    },
    rtol: 1e-12,
    hint: 'Predict with the index of the largest output in each row; report a percentage (0–100), not a fraction.',
  },
};

export default defineLesson({
  questions,
  id: 'coursework-ii',
  title: 'Coursework II: training hyperparameters on MNIST-1D',
  notebook: {
    collection: 'seeds',
    file: 'udl-cm20315-coursework_ii.md',
    title: 'CM20315 Coursework II -- Training hyperparameters',
  },
  book: { section: '6.1–6.4', title: 'Gradient descent, SGD, momentum' },
  packages: ['@gradkit/datasets', '@gradkit/nn', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Improve a network’s validation error on MNIST-1D by changing only the training hyperparameters: optimizer, learning rate, schedule, batch size, epochs.',
  goals: ['Measure the validation error', 'Tune the training hyperparameters'],
  figures: ['mnist1d-templates', 'coursework-ii-schedule'],
  exercises: [errorExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
