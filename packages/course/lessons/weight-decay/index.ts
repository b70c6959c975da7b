/**
 * Weight decay (D2L 3.7 and its exercises; UDL 9.1, L2 regularization). Exercise: the SGD update
 * with weight decay, `w ← w − η(∇L + λw)`, checked against `@gradkit/optimizers`' `sgdReference`
 * (PyTorch's update rule).
 */
import { type RandomState, tensor } from '@gradkit/core';
import { sgdReference } from '@gradkit/optimizers';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));

const weightDecayExercise: Exercise = {
  id: 'sgd-weight-decay',
  title: 'SGD with weight decay',
  prompt:
    'Minimising `L + (λ/2)‖w‖²` by SGD gives the update `w ← w − η (∇L + λ w)` (D2L 3.7, eq. 3.7.5). Write `sgdWeightDecayStep(w, grad, lr, weightDecay)` returning the new weights.',
  check: {
    export: 'sgdWeightDecayStep',
    cases: () => [
      sgdCase('w = [1, -2], λ = 3', [1, -2], [0.5, 0.5], 0.03, 3),
      sgdCase('λ = 0 is plain SGD', [0.3, 0.2, 0.1], [1, 2, 3], 0.1, 0),
    ],
    property: {
      trials: 6,
      seed: 37,
      generate: (rng, t) =>
        sgdCase(
          `random #${t + 1}`,
          list(rng, 3 + t, -2, 2),
          list(rng, 3 + t, -1, 1),
          u(rng, 0.001, 0.5),
          u(rng, 0, 5),
        ),
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'The penalty’s gradient is λ w: add it to the loss gradient before scaling by the learning rate.',
    reference: { '@gradkit/optimizers': ['sgdReference', 'sgdUpdate', 'SGD', 'makeOptimizer', 'minimize'] },
  },
};

function sgdCase(name: string, w: number[], grad: number[], lr: number, weightDecay: number) {
  const r = sgdReference(tensor(w), tensor(grad), null, {
    lr,
    momentum: 0,
    dampening: 0,
    nesterov: false,
    weightDecay,
    maximize: false,
  });
  return { name, args: [w, grad, lr, weightDecay], expected: r.param.toList() };
}

export default defineLesson({
  questions,
  id: 'weight-decay',
  title: 'Weight decay (D2L 3.7)',
  notebook: {
    collection: 'seeds',
    file: 'd2l-3.7-weight-decay-exercises.md',
    title: 'Dive into Deep Learning 3.7: Weight Decay (exercises)',
  },
  book: { section: '9.1', title: 'Explicit regularization' },
  packages: ['@gradkit/optimizers', '@gradkit/losses', '@gradkit/core'],
  summary:
    'An L2 penalty on the weights shrinks them at every step; in SGD it becomes weight decay (D2L 3.7, UDL 9.1).',
  goals: ['Derive the SGD update with an L2 penalty', 'See the validation error as a function of λ'],
  figures: ['weight-decay-lambda'],
  exercises: [weightDecayExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
