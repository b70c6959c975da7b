/**
 * Gradient-descent variants: momentum, Nesterov, Adagrad, RMSprop and Adam on the seed's test
 * surfaces (dl4cv seed, UDL 6.3–6.4). Exercise: one Adam step with bias correction (UDL eq.
 * 6.15–6.16), checked against `@gradkit/optimizers`' `adamReference` (PyTorch's update rule).
 */
import { type RandomState, tensor } from '@gradkit/core';
import { adamReference } from '@gradkit/optimizers';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));

const adamExercise: Exercise = {
  id: 'adam-step',
  title: 'One step of Adam',
  prompt: `Write \`adamStep(param, grad, m, v, step, lr, beta1, beta2, eps)\` returning \`{ param, m, v }\` after one Adam update (Kingma & Ba 2015, UDL eq. 6.15–6.16; \`step\` is 1 on the first call):
m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², m̂ = m / (1 − β1^step), v̂ = v / (1 − β2^step), θ ← θ − lr · m̂ / (√v̂ + ε).`,
  check: {
    export: 'adamStep',
    cases: () => [
      adamCase('first step from zero moments', [1, -2], [0.5, 0.1], [0, 0], [0, 0], 1, 0.1, 0.9, 0.999, 1e-8),
    ],
    property: {
      trials: 8,
      seed: 4,
      generate: (rng, t) => {
        const n = 1 + t;
        return adamCase(
          `random state, step ${t + 2}`,
          list(rng, n, -2, 2),
          list(rng, n, -1, 1),
          list(rng, n, -0.5, 0.5),
          list(rng, n, 0, 0.5),
          t + 2,
          u(rng, 0.001, 0.1),
          0.9,
          0.999,
          1e-8,
        );
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Update the moments first, then bias-correct them with the step number; ε goes outside the square root.',
    reference: {
      '@gradkit/optimizers': ['adamReference', 'adamUpdate', 'Adam', 'AdamW', 'makeOptimizer', 'minimize'],
    },
  },
};

function adamCase(
  name: string,
  param: number[],
  grad: number[],
  m: number[],
  v: number[],
  step: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
) {
  const r = adamReference(tensor(param), tensor(grad), { expAvg: tensor(m), expAvgSq: tensor(v) }, step, {
    lr,
    beta1,
    beta2,
    eps,
    weightDecay: 0,
    amsgrad: false,
    maximize: false,
    decoupled: false,
  });
  return {
    name,
    args: [param, grad, m, v, step, lr, beta1, beta2, eps],
    expected: { param: r.param.toList(), m: r.expAvg.toList(), v: r.expAvgSq.toList() },
  };
}

export default defineLesson({
  questions,
  id: 'gd-variants',
  title: 'Gradient-descent variants: momentum, Adagrad, RMSprop, Adam',
  notebook: {
    collection: 'seeds',
    file: 'dl4cv-gradient-descent-variants.md',
    title: 'Lecture 6: Gradient Descent and Variants Part 2 Code',
  },
  book: { section: '6.3–6.4', title: 'Momentum; Adam' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'Six optimizers race on pathological and steep surfaces: momentum carries through flat valleys, adaptive methods rescale each coordinate (UDL 6.3–6.4).',
  goals: ['Write the Adam update with bias correction', 'Compare optimizer trajectories on test surfaces'],
  figures: ['gd-variants', 'optimizers-all'],
  exercises: [adamExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
