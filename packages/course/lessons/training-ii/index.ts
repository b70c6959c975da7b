/**
 * Training II: gradient descent on a line (CM20315 Training II, UDL 6.1). Exercise: the gradient
 * of the least-squares loss of the line model, checked against `@gradkit/optimizers`'
 * `lineGradient` on the notebook's data and on random data.
 */
import type { RandomState } from '@gradkit/core';
import { LINE_DATA, lineGradient } from '@gradkit/optimizers';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));
const plain = (d: { x: readonly number[]; y: readonly number[] }) => ({ x: [...d.x], y: [...d.y] });

const lineGradientExercise: Exercise = {
  id: 'line-gradient',
  title: 'The gradient of the least-squares loss of a line',
  prompt:
    'For the model `y = φ0 + φ1 x` and the loss `L = Σ_i (φ0 + φ1 x_i − y_i)²`, write `lineGradient(data, phi)` returning `[∂L/∂φ0, ∂L/∂φ1]` (Training II).',
  check: {
    export: 'lineGradient',
    cases: () => [
      {
        name: 'the Training II data at φ = (1.6, -0.5)',
        args: [plain(LINE_DATA), [1.6, -0.5]],
        expected: lineGradient(LINE_DATA, [1.6, -0.5]),
      },
    ],
    property: {
      trials: 6,
      seed: 2,
      generate: (rng, t) => {
        const n = 3 + 4 * t;
        const data = { x: list(rng, n, -1, 1), y: list(rng, n, -1, 1) };
        const phi = list(rng, 2, -2, 2);
        return { name: `${n} random points`, args: [data, phi], expected: lineGradient(data, phi) };
      },
    },
    rtol: 1e-9,
    hint: 'Both components share the residual r_i = φ0 + φ1 x_i − y_i: ∂L/∂φ0 = Σ 2 r_i, ∂L/∂φ1 = Σ 2 r_i x_i.',
    reference: { '@gradkit/optimizers': ['lineGradient', 'lineObjective', 'line'] },
  },
};

export default defineLesson({
  questions,
  id: 'training-ii',
  title: 'Training II: gradient descent',
  notebook: { collection: 'seeds', file: 'udl-cm20315-training_ii.md', title: 'CM20315 Training (part II)' },
  book: { section: '6.1', title: 'Gradient descent' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'Fitting a line by gradient descent with line search: the loss surface, its gradient and the descent path (UDL 6.1).',
  goals: [
    'Derive the gradient of the least-squares loss',
    'Check it with finite differences',
    'Run gradient descent with line search',
  ],
  figures: ['training-ii-contour'],
  exercises: [lineGradientExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
