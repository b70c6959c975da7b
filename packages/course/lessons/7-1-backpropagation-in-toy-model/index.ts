/**
 * Notebook 7.1: Backpropagation in Toy Model (UDL 7.3). Exercises, one per TODO: the forward
 * pass (step 1), the backward pass (step 2) and the parameter derivatives (step 3) of the
 * least-squares loss of the toy function, checked against the lesson's code and autograd.
 */
import type { RandomState } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { backwardPass, forwardPass, PARAMS, type Params, parameterDerivatives, X, Y } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

function randomParams(rng: RandomState): Params {
  const u = (lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
  return {
    beta0: u(-2, 2),
    beta1: u(-1, 1),
    beta2: u(-3, 3),
    beta3: u(-1, 1),
    omega0: u(-1.5, 1.5),
    omega1: u(-1, 1),
    omega2: u(-2, 2),
    omega3: u(-3, 3),
  };
}

/** The notebook's pair, then random parameters and pairs. */
function cases<T>(make: (x: number, y: number, p: Params) => { args: unknown[]; expected: T }) {
  return {
    cases: () => [{ name: 'the notebook: x = 2.3, y = 2.0', ...make(X, Y, { ...PARAMS }) }],
    property: {
      trials: 8,
      seed: 71,
      generate: (rng: RandomState, t: number) => {
        const p = randomParams(rng);
        const x = -3 + 6 * rng.randomSample();
        const y = -2 + 4 * rng.randomSample();
        return { name: `random parameters, x and y #${t + 1}`, ...make(x, y, p) };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    reference: { '@gradkit/core': ['grad', 'valueAndGrad', 'vjp'] },
  };
}

const forwardExercise: Exercise = {
  id: 'forward-pass',
  title: 'Step 1: the forward pass',
  prompt:
    'Write `forwardPass(x, y, p)` returning `{ f0, h1, f1, h2, f2, h3, f3, l_i }`: `f0 = β0 + ω0·x`, `h1 = sin f0`, `f1 = β1 + ω1·h1`, `h2 = exp f1`, `f2 = β2 + ω2·h2`, `h3 = cos f2`, `f3 = β3 + ω3·h3` and the loss `l_i = (f3 − y)²` (UDL section 7.3).',
  check: {
    export: 'forwardPass',
    ...cases((x, y, p) => ({ args: [x, y, p], expected: forwardPass(x, y, p) })),
    hint: 'Each line uses only the line before it: alternate a linear function β_k + ω_k·(input) with sin, exp and cos.',
  },
};

const backwardExercise: Exercise = {
  id: 'backward-pass',
  title: 'Step 2: the backward pass',
  prompt:
    'Write `backwardPass(y, p, fwd)` returning `{ dldf3, dldh3, dldf2, dldh2, dldf1, dldh1, dldf0 }`, the derivatives of the loss with respect to the intermediate quantities of the stored forward pass `fwd`, in reverse order: `dldf3 = 2(f3 − y)`, `dldh3 = ω3·dldf3`, then each by one application of the chain rule.',
  check: {
    export: 'backwardPass',
    ...cases((x, y, p) => {
      const fwd = forwardPass(x, y, p);
      return { args: [y, p, fwd], expected: backwardPass(y, p, fwd) };
    }),
    hint: '∂h3/∂f2 = −sin f2, ∂h2/∂f1 = exp f1, ∂h1/∂f0 = cos f0, and ∂f_k/∂h_k = ω_k: multiply the previous derivative by one of them at each step.',
  },
};

const paramsExercise: Exercise = {
  id: 'parameter-derivatives',
  title: 'Step 3: the derivatives of the parameters',
  prompt:
    'Write `parameterDerivatives(x, fwd, bwd)` returning `{ dldbeta3, dldomega3, dldbeta2, dldomega2, dldbeta1, dldomega1, dldbeta0, dldomega0 }`. Since `f_k = β_k + ω_k·h_k` (with `x` in place of `h_0`), `∂ℓ/∂β_k = ∂ℓ/∂f_k` and `∂ℓ/∂ω_k = ∂ℓ/∂f_k · h_k`.',
  check: {
    export: 'parameterDerivatives',
    ...cases((x, y, p) => {
      const fwd = forwardPass(x, y, p);
      const bwd = backwardPass(y, p, fwd);
      return { args: [x, fwd, bwd], expected: parameterDerivatives(x, fwd, bwd) };
    }),
    hint: 'The betas add straight into f_k (derivative 1); the omegas multiply the input of layer k, which is x for the first layer.',
  },
};

export default defineLesson({
  questions,
  id: '7-1-backpropagation-in-toy-model',
  title: 'Backpropagation in a toy model (UDL 7.3)',
  notebook: {
    collection: 'udlbook',
    file: '7_1_Backpropagation_in_Toy_Model.md',
    title: 'Notebook 7.1: Backpropagation in Toy Model',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap07/7_1_Backpropagation_in_Toy_Model.ipynb',
  },
  book: { section: '7.3', title: 'Toy example' },
  packages: ['@gradkit/core'],
  summary:
    'The eight derivatives of a least-squares loss through sin, exp and cos, by the forward pass, the backward pass and the parameter derivatives, checked against the closed form and finite differences (UDL 7.3; the CM20315 practical Gradients I differentiates a five-layer variant).',
  goals: [
    'Store the intermediate quantities in a forward pass',
    'Apply the chain rule backwards from the loss',
    'Turn the intermediate derivatives into parameter derivatives',
  ],
  figures: ['toy-model-derivatives'],
  exercises: [forwardExercise, backwardExercise, paramsExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
