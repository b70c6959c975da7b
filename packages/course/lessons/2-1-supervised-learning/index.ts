/**
 * Notebook 2.1, Supervised learning (UDL 2.2, the second lesson of the UDL curriculum): 1-D linear
 * regression, its least-squares loss and the loss surface. Exercises: the notebook's TODOs — the
 * model `f` (eq. 2.4), `compute_loss` (eq. 2.5), and the manual fit as code (coordinate descent
 * from φ0 = 1.60, φ1 = −0.8) — checked against the lesson's code and `@gradkit/optimizers`.
 */
import type { RandomState } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { computeLoss, coordinateDescent, f, X, Y } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const randomData = (rng: RandomState, n: number) => {
  const x = Array.from({ length: n }, () => u(rng, 0, 2));
  const a = u(rng, -1, 1);
  const b = u(rng, -1, 1);
  return { x, y: x.map((v) => a + b * v + 0.2 * rng.standardNormal()) };
};
const hidden = {
  '@gradkit/optimizers': ['computeLoss', 'lineModel', 'lineGradient', 'lineObjective'],
  '@gradkit/losses': ['sumOfSquares', 'mseLoss'],
};

const modelExercise: Exercise = {
  id: 'linear-model',
  title: 'The 1-D linear regression model',
  prompt:
    'Write `f(x, phi0, phi1)`: the line `y = φ0 + φ1·x` (UDL eq. 2.4) evaluated at every input of the list `x`.',
  check: {
    export: 'f',
    cases: () =>
      [
        [0.4, 0.2],
        [1.6, -0.8],
      ].map(([p0, p1]) => ({
        name: `the notebook's data, phi0=${p0}, phi1=${p1}`,
        args: [[...X], p0, p1],
        expected: f([...X], p0!, p1!).toList(),
      })),
    property: {
      trials: 6,
      seed: 21,
      generate: (rng, t) => {
        const x = randomData(rng, 3 + 2 * t).x;
        const p0 = u(rng, -2, 2);
        const p1 = u(rng, -2, 2);
        return { name: `random line #${t + 1}`, args: [x, p0, p1], expected: f(x, p0, p1).toList() };
      },
    },
    rtol: 1e-12,
    hint: 'φ0 is the intercept (the value at x = 0) and φ1 the slope: map every x to φ0 + φ1·x.',
    reference: hidden,
  },
};

const lossExercise: Exercise = {
  id: 'compute-loss',
  title: 'The least-squares loss',
  prompt:
    'Write `computeLoss(x, y, phi0, phi1)`: the sum over the data of the squared differences between the model’s prediction `φ0 + φ1·x_i` and the output `y_i` (UDL eq. 2.5). With the notebook’s data it is 7.07 for φ0 = 0.4, φ1 = 0.2 and 10.28 for φ0 = 1.60, φ1 = −0.8.',
  check: {
    export: 'computeLoss',
    cases: () =>
      [
        [0.4, 0.2],
        [1.6, -0.8],
        [0.83, 0.52],
      ].map(([p0, p1]) => ({
        name: `the notebook's data, phi0=${p0}, phi1=${p1}`,
        args: [[...X], [...Y], p0, p1],
        expected: computeLoss(X, Y, p0!, p1!),
      })),
    property: {
      trials: 6,
      seed: 22,
      generate: (rng, t) => {
        const { x, y } = randomData(rng, 4 + 3 * t);
        const p0 = u(rng, -2, 2);
        const p1 = u(rng, -2, 2);
        return { name: `random data #${t + 1}`, args: [x, y, p0, p1], expected: computeLoss(x, y, p0, p1) };
      },
    },
    rtol: 1e-10,
    hint: 'Square each residual (prediction − y_i) before adding them up; do not take a mean or a square root.',
    reference: hidden,
  },
};

const lossOf = (args: unknown[], phi: unknown) =>
  computeLoss(args[0] as number[], args[1] as number[], (phi as number[])[0]!, (phi as number[])[1]!);

const fitExercise: Exercise = {
  id: 'fit-line',
  title: 'Fit the line one parameter at a time',
  prompt:
    'The notebook’s manual fit, as code: write `fitLine(x, y, phi0, phi1)` that starts at `(phi0, phi1)`, changes φ0 with φ1 fixed until the loss stops going down, then φ1 with φ0 fixed, and repeats until neither change helps (coordinate descent). Return `[phi0, phi1]`; its loss must be within 0.1% of the best line’s.',
  check: {
    export: 'fitLine',
    cases: () => [
      {
        name: "the notebook's data from phi0=1.60, phi1=-0.8",
        args: [[...X], [...Y], 1.6, -0.8],
        expected: coordinateDescent(X, Y, 1.6, -0.8).at(-1),
      },
    ],
    property: {
      trials: 5,
      seed: 23,
      generate: (rng, t) => {
        const { x, y } = randomData(rng, 6 + 4 * t);
        const p0 = u(rng, -1, 2);
        const p1 = u(rng, -1, 1);
        return {
          name: `random data #${t + 1}`,
          args: [x, y, p0, p1],
          expected: coordinateDescent(x, y, p0, p1).at(-1),
        };
      },
    },
    compare: (received, expected, args) => {
      if (!Array.isArray(received) || received.length !== 2 || !received.every(Number.isFinite))
        return `must be [phi0, phi1], two finite numbers; received ${JSON.stringify(received)}`;
      const best = lossOf(args, expected);
      const got = lossOf(args, received);
      return got <= best * 1.001 + 1e-9
        ? null
        : `loss ${got} at [${received.join(', ')}] is not within 0.1% of the best loss ${best} (expected about [${(expected as number[]).join(', ')}])`;
    },
    hint: 'For a fixed φ1 the best φ0 is the mean of y − φ1·x; for a fixed φ0 the best φ1 is Σ x(y − φ0) / Σ x². Alternate until neither moves.',
    reference: { ...hidden, '@gradkit/core': ['lstsq', 'solve'] },
  },
};

export default defineLesson({
  questions,
  id: '2-1-supervised-learning',
  title: 'Supervised learning (UDL 2.1)',
  notebook: {
    collection: 'udlbook',
    file: '2_1_Supervised_Learning.md',
    title: 'Notebook 2.1 Supervised Learning',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap02/2_1_Supervised_Learning.ipynb',
  },
  book: { section: '2.2', title: 'Linear regression example' },
  packages: ['@gradkit/optimizers', '@gradkit/core', '@gradkit/plot'],
  summary:
    'Supervised learning in its simplest form: a straight line fitted to twelve points by minimising the least-squares loss, fitted by hand one parameter at a time, and the loss drawn as a surface over the two parameters.',
  goals: [
    'Write the 1-D linear regression model (eq. 2.4)',
    'Compute the least-squares loss (eq. 2.5)',
    'Fit the model by coordinate descent',
    'Read the loss surface over the intercept and the slope',
  ],
  figures: ['supervised-data-2-2b', 'supervised-data-2-2c', 'supervised-fit', 'supervised-loss-surface'],
  exercises: [modelExercise, lossExercise, fitExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
