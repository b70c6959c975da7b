/**
 * Notebook 9.1: L2 Regularization (UDL 9.1, figure 9.1). Exercises: the regularization term
 * `φ0² + (φ1 − 12.5)²` and its two partial derivatives times λ, which turn the Gabor model's
 * fixed-step gradient descent from a local into the global minimum.
 */

import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { computeRegTerm, dregdphi0, dregdphi1, START } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const reference = { '@gradkit/optimizers': ['l2Penalty', 'withL2Regularization'] };

const regTerm: Exercise = {
  id: 'reg-term',
  title: 'The regularization term',
  prompt:
    "Write `computeRegTerm(phi0, phi1)`, the term in large brackets of `L'[φ] = L[φ] + λ·(φ0² + (φ1 − 12.5)²)`: it is zero at the prior guess (0, 12.5) and grows with the squared distance from it.",
  check: {
    export: 'computeRegTerm',
    cases: () => [
      {
        name: 'the start (2.6, 8.5)',
        args: [START[0], START[1]],
        expected: computeRegTerm(START[0], START[1]),
      },
      { name: 'the prior guess (0, 12.5)', args: [0, 12.5], expected: 0 },
      { name: 'a grid corner (-10, 2.5)', args: [-10, 2.5], expected: computeRegTerm(-10, 2.5) },
    ],
    property: {
      trials: 8,
      seed: 91,
      generate: (rng, t) => {
        const p0 = -10 + 20 * rng.randomSample();
        const p1 = 2.5 + 20 * rng.randomSample();
        return { name: `random point #${t + 1}`, args: [p0, p1], expected: computeRegTerm(p0, p1) };
      },
    },
    rtol: 1e-12,
    hint: 'Square phi0, square (phi1 - 12.5), add.',
    reference,
  },
};

function derivative(
  id: string,
  name: 'dregdphi0' | 'dregdphi1',
  fn: typeof dregdphi0,
  formula: string,
): Exercise {
  return {
    id,
    title: `The derivative of the penalty with respect to φ${name.slice(-1)}`,
    prompt: `Write \`${name}(phi, lambda)\` with \`phi = [phi0, phi1]\`: the partial derivative of the penalty \`λ·(φ0² + (φ1 − 12.5)²)\` with respect to φ${name.slice(-1)}, ${formula}. It is added to the Gabor loss's gradient in \`compute_gradient2\`.`,
    check: {
      export: name,
      cases: () => [
        { name: 'the start (2.6, 8.5), lambda 0.2', args: [[...START], 0.2], expected: fn(START, 0.2) },
        { name: 'the prior guess (0, 12.5), lambda 0.2', args: [[0, 12.5], 0.2], expected: 0 },
      ],
      property: {
        trials: 8,
        seed: 910 + Number(name.slice(-1)),
        generate: (rng, t) => {
          const phi = [-10 + 20 * rng.randomSample(), 2.5 + 20 * rng.randomSample()];
          const lambda = rng.randomSample();
          return { name: `random point #${t + 1}`, args: [phi, lambda], expected: fn(phi, lambda) };
        },
      },
      rtol: 1e-12,
      atol: 1e-12,
      hint: 'Differentiate λ·(φ0² + (φ1 − 12.5)²) term by term: only one of the two squares depends on this parameter.',
      reference,
    },
  };
}

export default defineLesson({
  questions,
  id: '9-1-l2-regularization',
  title: 'L2 regularization (UDL 9.1)',
  notebook: {
    collection: 'udlbook',
    file: '9_1_L2_Regularization.md',
    title: 'Notebook 9.1: L2 Regularization',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap09/9_1_L2_Regularization.ipynb',
  },
  book: { section: '9.1', title: 'Explicit regularization' },
  packages: ['@gradkit/optimizers'],
  summary:
    "Add an L2 penalty towards a prior guess to the Gabor model's loss (the Training III model) so that gradient descent from a bad start reaches the global minimum instead of a local one (UDL figure 9.1).",
  goals: [
    'Write the regularization term and its gradient',
    'See how the penalty reshapes the loss surface',
    'Compare gradient descent with and without it',
  ],
  figures: ['l2-loss-descent', 'l2-reg-term', 'l2-reg-loss-descent', 'l2-model-local', 'l2-model-global'],
  exercises: [
    regTerm,
    derivative('dreg-dphi0', 'dregdphi0', dregdphi0, 'a multiple of `φ0`'),
    derivative('dreg-dphi1', 'dregdphi1', dregdphi1, 'a multiple of `(φ1 − 12.5)`'),
  ],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
