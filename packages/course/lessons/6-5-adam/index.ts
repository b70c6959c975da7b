/**
 * Notebook 6.5: Adam (UDL 6.4, figure 6.9). Exercises, one per TODO cell: normalized gradients
 * (eqs. 6.13–6.14) and Adam (eqs. 6.15–6.17), each a whole descent with the notebook's
 * finite-difference gradient handed to the student's function (`harness.ts`); Adam is checked
 * against `@gradkit/optimizers`' `Adam` (PyTorch's rule, the same one).
 */
import type { RandomState } from '@gradkit/core';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { lossGradient } from './harness.js';
import { adam, normalizedGradients, START_POSN } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();

const normalizedExercise: Exercise = {
  id: 'normalized-gradients',
  title: 'Normalized gradients',
  prompt:
    'Write `normalizedGradients(startPosn, nSteps, alpha, epsilon, getLossGradient)` returning the path `[φ0 values, φ1 values]` (each of length `nSteps + 1`, starting at `startPosn`). Each step measures the gradient `m = getLossGradient(φ0, φ1)` and its pointwise square `v = m²` (UDL eq. 6.13), then moves `φ ← φ − α·m / (√v + ε)` (eq. 6.14).',
  check: {
    export: 'normalizedGradients',
    cases: () => [
      {
        name: 'the notebook: 40 steps of α = 0.08 from (-0.7, -0.9)',
        args: [[...START_POSN], 40, 0.08, 1e-20, harnessCall('lossGradient')],
        expected: normalizedGradients(START_POSN, 40, 0.08, 1e-20),
      },
    ],
    property: {
      trials: 6,
      seed: 613,
      generate: (rng) => {
        const start = [u(rng, -1, 1), u(rng, -1, 1)];
        const n = 5 + Math.floor(20 * rng.randomSample());
        const alpha = u(rng, 0.01, 0.2);
        return {
          name: `random start, ${n} steps of α = ${alpha.toFixed(3)}`,
          args: [start, n, alpha, 1e-20, harnessCall('lossGradient')],
          expected: normalizedGradients(start, n, alpha, 1e-20),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'v is the gradient squared, element by element; m / (√v + ε) is then ±1 in each coordinate, so every step moves α along each axis.',
    reference: { '@gradkit/optimizers': ['minimize', 'makeOptimizer'] },
  },
};

const adamExercise: Exercise = {
  id: 'adam',
  title: 'Adam',
  prompt:
    'Write `adam(startPosn, nSteps, alpha, beta, gamma, epsilon, getLossGradient)` returning the path `[φ0 values, φ1 values]` (each of length `nSteps + 1`). Start with `m = v = 0`; at step t = 1, 2, … measure `g = getLossGradient(φ0, φ1)`, update the running averages `m ← β·m + (1 − β)·g`, `v ← γ·v + (1 − γ)·g²` (UDL eq. 6.15), correct their bias `m̃ = m / (1 − βᵗ)`, `ṽ = v / (1 − γᵗ)` (eq. 6.16) and move `φ ← φ − α·m̃ / (√ṽ + ε)` (eq. 6.17).',
  check: {
    export: 'adam',
    cases: () => [
      {
        name: 'the notebook: 60 steps of α = 0.05, β = 0.9, γ = 0.99 from (-0.7, -0.9)',
        args: [[...START_POSN], 60, 0.05, 0.9, 0.99, 1e-20, harnessCall('lossGradient')],
        expected: adam(START_POSN, 60, 0.05, 0.9, 0.99, 1e-20),
      },
    ],
    property: {
      trials: 6,
      seed: 615,
      generate: (rng) => {
        const start = [u(rng, -1, 1), u(rng, -1, 1)];
        const n = 5 + Math.floor(30 * rng.randomSample());
        const alpha = u(rng, 0.01, 0.1);
        const beta = u(rng, 0.5, 0.95);
        const gamma = u(rng, 0.9, 0.999);
        return {
          name: `random start, ${n} steps, α = ${alpha.toFixed(3)}, β = ${beta.toFixed(2)}, γ = ${gamma.toFixed(3)}`,
          args: [start, n, alpha, beta, gamma, 1e-20, harnessCall('lossGradient')],
          expected: adam(start, n, alpha, beta, gamma, 1e-20),
        };
      },
    },
    rtol: 1e-8,
    atol: 1e-10,
    hint: 'The step count t starts at 1 on the first update (βᵗ with t = c_step + 1); ε is added after the square root.',
    reference: {
      '@gradkit/optimizers': ['Adam', 'AdamW', 'adamUpdate', 'adamReference', 'makeOptimizer', 'minimize'],
    },
  },
};

export default defineLesson({
  questions,
  id: '6-5-adam',
  title: 'Adam (UDL 6.4)',
  notebook: {
    collection: 'udlbook',
    file: '6_5_Adam.md',
    title: 'Notebook 6.5: Adam',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap06/6_5_Adam.ipynb',
  },
  book: { section: '6.4', title: 'Adam' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'On a loss far steeper across than along its valley no fixed step works; normalized gradients (eqs. 6.13–6.14) move a fixed distance per axis but never settle, and Adam (eqs. 6.15–6.17) adds momentum and bias correction and converges (UDL 6.4).',
  goals: [
    'Write gradient descent with normalized gradients',
    'Write Adam with bias correction',
    "Relate the book's Adam to PyTorch's torch.optim.Adam",
  ],
  figures: [
    'adam-gd-small-step',
    'adam-gd-large-step',
    'adam-normalized-gradients',
    'adam-adam',
    'adam-no-bias-correction',
  ],
  exercises: [normalizedExercise, adamExercise],
  harness: { lossGradient },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
