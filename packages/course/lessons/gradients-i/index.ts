/**
 * Gradients I: backpropagation in a toy model (CM20315 Gradients I, UDL 7.3). Exercise: the
 * backward pass of the composed function by the chain rule, checked against the lesson's
 * `backwardPass`.
 */
import type { RandomState } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { backwardPass, forwardPass, PARAMS, type Params, X } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

function randomParams(rng: RandomState): Params {
  // Keep f3 = β3 + ω3·cos(f2) positive so log(f3) is defined: β3 in [2, 3], |ω3| < 1.
  const u = (lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
  return {
    beta0: u(-1, 1),
    beta1: u(-1, 1),
    beta2: u(-1, 1),
    beta3: u(2, 3),
    beta4: u(-1, 1),
    omega0: u(-1.5, 1.5),
    omega1: u(-1, 1),
    omega2: u(-1, 1),
    omega3: u(-0.9, 0.9),
    omega4: u(-1.5, 1.5),
  };
}

const gradientsIBackward: Exercise = {
  id: 'backward-pass',
  title: 'The backward pass',
  prompt:
    'Given the parameters and the stored forward pass `f0, h1, …, y` of the function `y = β4 + ω4·log(β3 + ω3·cos(β2 + ω2·exp(β1 + ω1·sin(β0 + ω0·x))))`, compute every derivative of the output with respect to the intermediate quantities, from `dydh4 = ω4` back to `dydf0`, each by one application of the chain rule (UDL section 7.3).',
  check: {
    export: 'backwardPass',
    cases: () => [
      {
        name: 'the notebook parameters at x = 2.3',
        args: [PARAMS, forwardPass(X, PARAMS)],
        expected: backwardPass(PARAMS, forwardPass(X, PARAMS)),
      },
    ],
    property: {
      trials: 8,
      seed: 20315,
      generate: (rng, t) => {
        const p = randomParams(rng);
        const x = -2 + 4 * rng.randomSample();
        const fwd = forwardPass(x, p);
        return { name: `random parameters #${t + 1}`, args: [p, fwd], expected: backwardPass(p, fwd) };
      },
    },
    rtol: 1e-8,
    hint: 'Work backwards: dydf3 = dydh4 · (1/f3), dydh3 = dydf3 · ω3, dydf2 = dydh3 · (−sin f2), … The local derivative of exp is exp, of sin is cos.',
    reference: { '@gradkit/core': ['grad', 'valueAndGrad', 'vjp'] },
  },
};

export default defineLesson({
  questions,
  id: 'gradients-i',
  title: 'Gradients I: backpropagation in a toy model',
  notebook: { collection: 'seeds', file: 'udl-cm20315-gradients_i.md', title: 'CM20315 Gradients I' },
  book: { section: '7.3', title: 'Toy example' },
  packages: ['@gradkit/core'],
  summary:
    'A scalar function built from sin, exp, cos and log, differentiated by hand with the forward pass, the backward pass and the parameter derivatives, and checked against finite differences (UDL 7.3).',
  goals: [
    'Store the intermediate quantities in a forward pass',
    'Apply the chain rule backwards',
    'Check derivatives with finite differences',
  ],
  figures: ['gradients-i-fd'],
  exercises: [gradientsIBackward],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
