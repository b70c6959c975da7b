/**
 * Notebook 3.4, Activation functions (UDL 3.1 and the notes of chapter 3, figure 3.13).
 * Exercises: the notebook's two TODOs, the steep logistic sigmoid `1 / (1 + exp(−10 z))` and the
 * Heaviside step, checked against `@gradkit/nn` (`sigmoid`, `heaviside`).
 */
import { arange, type RandomState } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { heaviside, sigmoid } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));
const z = () => arange(-1, 1, 0.01).toList() as number[];

const sigmoidExercise: Exercise = {
  id: 'sigmoid',
  title: 'A steep logistic sigmoid',
  prompt:
    'Write the notebook’s `sigmoid(preactivation)`: `f[z] = 1 / (1 + exp(−10 z))` for every element of a list (the factor 10 is the notebook’s, so that the curve fits the same axes as the ReLU examples; use `Math.exp`).',
  check: {
    export: 'sigmoid',
    cases: () => [
      { name: 'the notebook’s z = arange(-1, 1, 0.01)', args: [z()], expected: sigmoid(z()).toList() },
      { name: 'z = 0 gives 0.5', args: [[0]], expected: [0.5] },
    ],
    property: {
      trials: 6,
      seed: 341,
      generate: (rng, t) => {
        const v = list(rng, 3 + 3 * t, -3, 3);
        return { name: `random #${t + 1}`, args: [v], expected: sigmoid(v).toList() };
      },
    },
    rtol: 1e-12,
    atol: 1e-15,
    hint: 'Multiply the pre-activation by 10 before negating and exponentiating: 1 / (1 + Math.exp(-10 * z)).',
    reference: {
      '@gradkit/core': ['sigmoid'],
      '@gradkit/nn': ['Sigmoid', 'silu', 'SiLU', 'swish'],
      '@gradkit/losses': ['sigmoidNaive', 'logSigmoid'],
    },
  },
};

const heavisideExercise: Exercise = {
  id: 'heaviside',
  title: 'The Heaviside step',
  prompt:
    'Write the notebook’s `heaviside(preactivation)`: 0 where `z < 0` and 1 where `z ≥ 0`, for every element of a list (numbers, not booleans).',
  check: {
    export: 'heaviside',
    cases: () => [
      { name: 'the notebook’s z = arange(-1, 1, 0.01)', args: [z()], expected: heaviside(z()).toList() },
      { name: 'zero is a step up', args: [[-1e-9, 0, 1e-9]], expected: [0, 1, 1] },
    ],
    property: {
      trials: 6,
      seed: 342,
      generate: (rng, t) => {
        const v = list(rng, 3 + 3 * t, -3, 3);
        if (t % 2) v[0] = 0;
        return { name: `random #${t + 1}`, args: [v], expected: heaviside(v).toList() };
      },
    },
    hint: 'Compare each element with 0: z >= 0 ? 1 : 0 (0 itself gives 1).',
  },
};

export default defineLesson({
  questions,
  id: '3-4-activation-functions',
  title: 'Activation functions (UDL 3.1, figure 3.13)',
  notebook: {
    collection: 'udlbook',
    file: '3_4_Activation_Functions.md',
    title: 'Notebook 3.4 -- Activation functions',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap03/3_4_Activation_Functions.ipynb',
  },
  book: {
    section: '3.1, chapter 3 notes',
    title: 'Neural network example; Activation functions (figure 3.13)',
  },
  packages: ['@gradkit/nn'],
  summary:
    'The shallow network of notebook 3.1 with other activation functions: a steep sigmoid gives smooth curves, the Heaviside step gives a staircase, and a linear activation collapses the network to a line. The rest of figure 3.13 (ELU, SELU, SiLU, swish, PReLU, hard tanh) is in @gradkit/nn. The CM20315 practical "Shallow" has the sigmoid and linear cells too (lesson `shallow`).',
  goals: [
    'Write a steep sigmoid and the Heaviside step',
    'See what each activation does to the shallow network',
    'Explain why a linear activation makes the network linear',
  ],
  figures: [
    'activations-sigmoid',
    'activations-heaviside',
    'activations-sigmoid-grid',
    'activations-heaviside-grid',
    'activations-linear-grid',
    'activations-outputs',
  ],
  exercises: [sigmoidExercise, heavisideExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
