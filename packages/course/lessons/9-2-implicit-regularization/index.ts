/**
 * Notebook 9.2: Implicit Regularization (UDL 9.2, figure 9.3). Exercise: the implicit
 * regularization term (α/4)‖∂L/∂φ‖² of eq. 9.8, with the notebook's finite-difference gradient
 * handed to the student's function (`harness.ts`).
 */

import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { lossGradient } from './harness.js';
import { getRegTerm, START } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const implicitRegTerm: Exercise = {
  id: 'reg-term',
  title: 'The implicit regularization term',
  prompt:
    'Gradient descent with step α follows the gradient flow of the modified loss `L + (α/4)‖∂L/∂φ‖²` (UDL eq. 9.8). Write `regTerm(phi0, phi1, alpha, lossGradient)` that returns `(α/4)(g0² + g1²)` where `[g0, g1] = lossGradient(phi0, phi1)`.',
  check: {
    export: 'regTerm',
    cases: () => [
      {
        name: 'the notebook start (-0.7, -0.75), alpha 0.1',
        args: [START[0], START[1], 0.1, harnessCall('lossGradient')],
        expected: getRegTerm(START[0], START[1], 0.1),
      },
    ],
    property: {
      trials: 6,
      seed: 92,
      generate: (rng, t) => {
        const p0 = -1 + 2 * rng.randomSample();
        const p1 = -1 + 2 * rng.randomSample();
        const a = 0.01 + 0.2 * rng.randomSample();
        return {
          name: `random point #${t + 1}`,
          args: [p0, p1, a, harnessCall('lossGradient')],
          expected: getRegTerm(p0, p1, a),
        };
      },
    },
    rtol: 1e-9,
    hint: 'Square and add the two gradient components, then multiply by alpha / 4.',
    reference: { '@gradkit/optimizers': ['withImplicitRegularization'] },
  },
};

export default defineLesson({
  questions,
  id: '9-2-implicit-regularization',
  aliases: ['implicit-regularization'],
  title: 'Implicit regularization (UDL 9.2)',
  notebook: {
    collection: 'udlbook',
    file: '9_2_Implicit_Regularization.md',
    title: 'Notebook 9.2: Implicit Regularization',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap09/9_2_Implicit_Regularization.ipynb',
  },
  book: { section: '9.2', title: 'Implicit regularization' },
  packages: ['@gradkit/core', '@gradkit/optimizers'],
  summary:
    'Finite-step gradient descent behaves like gradient flow on a modified loss with an extra gradient-norm penalty (UDL eq. 9.8).',
  goals: [
    'Compute the implicit regularization term',
    'Compare descent paths on the original and modified losses',
  ],
  figures: ['implicit-regularization'],
  exercises: [implicitRegTerm],
  harness: { lossGradient },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
