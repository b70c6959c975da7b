/**
 * Notebook 6.4: Momentum (UDL 6.3, figure 6.7). Exercises, one per TODO: a step of SGD with
 * momentum (eq. 6.11) and a step of Nesterov accelerated momentum (eq. 6.12), the latter with the
 * batch gradient handed to the student's function (`harness.ts`).
 */
import type { RandomState } from '@gradkit/core';
import { gaborGradient } from '@gradkit/optimizers';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { batchGradient } from './harness.js';
import { ALPHA, BETA, batchOf, descent, momentumStep, nesterovStep } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const randomBatch = (rng: RandomState) => Array.from(rng.permutation(30).data).slice(0, 5);

/** The state of the notebook's momentum run after `k` steps, and its next batch. */
function notebookState(method: 'momentum' | 'nesterov', k: number) {
  const d = descent(method, k);
  const next = descent(method, k + 1);
  return { phi: d.path[k]!, momentum: k === 0 ? [0, 0] : d.momentum, batch: next.batchIndex };
}

const reference = {
  '@gradkit/optimizers': ['SGD', 'sgdUpdate', 'sgdReference', 'makeOptimizer', 'minimize'],
};

const momentumExercise: Exercise = {
  id: 'momentum-step',
  title: 'SGD with momentum',
  prompt:
    'Write `momentumStep(phi, momentum, gradient, alpha, beta)` returning `{ phi, momentum }` after one step of SGD with momentum as the book writes it (UDL eq. 6.11): `m ← β·m + (1 − β)·g`, then `φ ← φ − α·m`. All vectors are plain arrays `[φ0, φ1]`.',
  check: {
    export: 'momentumStep',
    cases: () =>
      [0, 10].map((k) => {
        const s = notebookState('momentum', k);
        const g = gaborGradient(batchOf(s.batch), s.phi);
        return {
          name: k === 0 ? 'the first step of the notebook (m = 0)' : `step ${k + 1} of the notebook`,
          args: [s.phi, s.momentum, [...g], ALPHA, BETA],
          expected: momentumStep(s.phi, s.momentum, g, ALPHA, BETA),
        };
      }),
    property: {
      trials: 8,
      seed: 64,
      generate: (rng, t) => {
        const phi = [u(rng, -5, 5), u(rng, 2, 20)];
        const m = [u(rng, -1, 1), u(rng, -1, 1)];
        const g = [u(rng, -3, 3), u(rng, -3, 3)];
        const alpha = u(rng, 0.05, 1);
        const beta = u(rng, 0, 0.95);
        return {
          name: `random state #${t + 1}`,
          args: [phi, m, g, alpha, beta],
          expected: momentumStep(phi, m, g, alpha, beta),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Update the momentum first (a weighted average of the old momentum and the new gradient), then step the parameters along the new momentum.',
    reference,
  },
};

const nesterovExercise: Exercise = {
  id: 'nesterov-step',
  title: 'Nesterov accelerated momentum',
  prompt:
    'Write `nesterovStep(phi, momentum, computeGradient, alpha, beta)` returning `{ phi, momentum }` after one step of Nesterov momentum as the book writes it (UDL eq. 6.12): evaluate the gradient at the point the momentum is about to carry us to, `g = computeGradient(φ − α·β·m)`, then `m ← β·m + (1 − β)·g` and `φ ← φ − α·m`. `computeGradient` is the batch gradient of the Gabor loss.',
  check: {
    export: 'nesterovStep',
    cases: () => {
      const s = notebookState('nesterov', 10);
      return [
        {
          name: 'step 11 of the notebook',
          args: [s.phi, s.momentum, harnessCall('batchGradient', s.batch), ALPHA, BETA],
          expected: nesterovStep(s.phi, s.momentum, (p) => gaborGradient(batchOf(s.batch), p), ALPHA, BETA),
        },
      ];
    },
    property: {
      trials: 8,
      seed: 612,
      generate: (rng, t) => {
        const phi = [u(rng, -5, 5), u(rng, 2, 20)];
        const m = [u(rng, -1, 1), u(rng, -1, 1)];
        const alpha = u(rng, 0.05, 1);
        const beta = u(rng, 0.05, 0.95);
        const batch = randomBatch(rng);
        return {
          name: `random state and batch #${t + 1}`,
          args: [phi, m, harnessCall('batchGradient', batch), alpha, beta],
          expected: nesterovStep(phi, m, (p) => gaborGradient(batchOf(batch), p), alpha, beta),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'The only change from momentum: the gradient is measured at φ − α·β·m (where the old momentum would take us), not at φ.',
    reference,
  },
};

export default defineLesson({
  questions,
  id: '6-4-momentum',
  title: 'Momentum (UDL 6.3)',
  notebook: {
    collection: 'udlbook',
    file: '6_4_Momentum.md',
    title: 'Notebook 6.4: Momentum',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap06/6_4_Momentum.ipynb',
  },
  book: { section: '6.3', title: 'Momentum' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'Minibatch SGD, momentum (eq. 6.11) and Nesterov momentum (eq. 6.12) fit the Gabor model of Training III: momentum smooths the noisy minibatch steps (UDL 6.3).',
  goals: [
    'Write a step of SGD with momentum',
    'Write a step of Nesterov accelerated momentum',
    "Relate the book's momentum to PyTorch's SGD(momentum=β)",
  ],
  figures: ['momentum-sgd', 'momentum-momentum', 'momentum-nesterov', 'momentum-fit'],
  exercises: [momentumExercise, nesterovExercise],
  harness: { batchGradient },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
