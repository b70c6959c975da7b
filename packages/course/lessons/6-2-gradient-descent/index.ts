/**
 * Notebook 6.2: Gradient descent (UDL 6.1, figure 6.1). Exercises: the notebook's three TODOs —
 * the sum-of-squares loss, its gradient for the line model, and the gradient-descent step with
 * line search (UDL eq. 6.3) — checked against `@gradkit/optimizers` and the lesson's
 * `gradientDescentStep` on the notebook's data and on random data.
 */
import type { RandomState } from '@gradkit/core';
import { computeLoss, LINE_DATA, lineGradient, lineModel } from '@gradkit/optimizers';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { lineModel as lineModelArgument } from './harness.js';
import { gradientDescentStep } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const DATA = [[...LINE_DATA.x], [...LINE_DATA.y]];

/** Random line data: n points, x in [0, 2], y = b + m x + noise (numpy's (2, n) layout). */
function randomData(rng: RandomState, n: number): number[][] {
  const b = u(rng, 0, 1);
  const m = u(rng, -0.5, 1);
  const x = Array.from({ length: n }, () => u(rng, 0, 2));
  return [x, x.map((v) => b + m * v + u(rng, -0.2, 0.2))];
}
const xy = (data: number[][]) => ({ x: data[0]!, y: data[1]! });

const computeLossExercise: Exercise = {
  id: 'compute-loss',
  title: 'The sum-of-squares loss',
  prompt:
    'Write `computeLoss(dataX, dataY, model, phi)`: make the model’s predictions `model(phi, x)` for each x of `dataX`, take the squared differences to the true values `dataY`, and sum them (UDL eq. 2.5). With the notebook’s data and φ = (0.6, −0.2) the loss is 12.367.',
  check: {
    export: 'computeLoss',
    cases: () => [
      {
        name: "the notebook's data at φ = (0.6, -0.2) (correct loss 12.367)",
        args: [DATA[0], DATA[1], harnessCall('lineModel'), [0.6, -0.2]],
        expected: computeLoss(LINE_DATA, lineModel, [0.6, -0.2]),
      },
    ],
    property: {
      trials: 6,
      seed: 62,
      generate: (rng, t) => {
        const data = randomData(rng, 3 + 5 * t);
        const phi = [u(rng, -1, 2), u(rng, -1, 1)];
        return {
          name: `${data[0]!.length} random points, random φ`,
          args: [data[0], data[1], harnessCall('lineModel'), phi],
          expected: computeLoss(xy(data), lineModel, phi),
        };
      },
    },
    rtol: 1e-9,
    hint: 'The model takes (phi, x) for one x at a time; square each difference before you add it up.',
    reference: { '@gradkit/optimizers': ['computeLoss', 'lineObjective', 'line'] },
  },
};

const computeGradientExercise: Exercise = {
  id: 'compute-gradient',
  title: 'The gradient of the loss of a line',
  prompt:
    'For the line `y = φ0 + φ1 x` and the loss `L = Σ_i (φ0 + φ1 x_i − y_i)²`, write `computeGradient(dataX, dataY, phi)` returning `[∂L/∂φ0, ∂L/∂φ1]`. Check it against the finite differences the notebook prints.',
  check: {
    export: 'computeGradient',
    cases: () => [
      {
        name: "the notebook's data at φ = (0.6, -0.2)",
        args: [DATA[0], DATA[1], [0.6, -0.2]],
        expected: lineGradient(LINE_DATA, [0.6, -0.2]),
      },
    ],
    property: {
      trials: 6,
      seed: 620,
      generate: (rng, t) => {
        const data = randomData(rng, 2 + 4 * t);
        const phi = [u(rng, -1, 2), u(rng, -1, 1)];
        return {
          name: `${data[0]!.length} random points, random φ`,
          args: [data[0], data[1], phi],
          expected: lineGradient(xy(data), phi),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Both components share the residual r_i = φ0 + φ1 x_i − y_i: ∂L/∂φ0 = Σ 2 r_i and ∂L/∂φ1 = Σ 2 r_i x_i.',
    reference: { '@gradkit/optimizers': ['lineGradient', 'lineObjective', 'line'] },
  },
};

const gradientDescentStepExercise: Exercise = {
  id: 'gradient-descent-step',
  title: 'A gradient-descent step with line search',
  prompt:
    'Write `gradientDescentStep(phi, data, model)` (UDL eq. 6.3): 1. compute the gradient with your `computeGradient`; 2. find the best step size α with the given `lineSearch(data, model, phi, gradient)` (its `lossFunction1D` moves *against* the direction it is given, so pass the gradient as it is); 3. return φ − α·∂L/∂φ.',
  check: {
    export: 'gradientDescentStep',
    cases: () => [
      {
        name: "the notebook's first step, from (1.6, -0.5)",
        args: [[1.6, -0.5], DATA, harnessCall('lineModel')],
        expected: gradientDescentStep([1.6, -0.5], LINE_DATA, lineModel),
      },
      {
        name: 'a step from (0.6, -0.2)',
        args: [[0.6, -0.2], DATA, harnessCall('lineModel')],
        expected: gradientDescentStep([0.6, -0.2], LINE_DATA, lineModel),
      },
    ],
    property: {
      trials: 6,
      seed: 6200,
      generate: (rng, t) => {
        const data = randomData(rng, 6 + 3 * t);
        const phi = [u(rng, -1, 2), u(rng, -1, 1)];
        return {
          name: `${data[0]!.length} random points from a random φ`,
          args: [phi, data, harnessCall('lineModel')],
          expected: gradientDescentStep(phi, xy(data), lineModel),
        };
      },
    },
    rtol: 1e-7,
    atol: 1e-10,
    hint: 'alpha = lineSearch(data, model, phi, gradient) with the gradient itself (not −gradient): lossFunction1D already subtracts it. Then each φ_k − α g_k.',
    reference: { '@gradkit/optimizers': ['gradientDescentStep', 'lineGradient', 'lineObjective', 'line'] },
  },
};

export default defineLesson({
  questions,
  id: '6-2-gradient-descent',
  title: 'Gradient descent (UDL 6.2)',
  notebook: {
    collection: 'udlbook',
    file: '6_2_Gradient_Descent.md',
    title: 'Notebook 6.2 Gradient descent',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap06/6_2_Gradient_Descent.ipynb',
  },
  book: { section: '6.1', title: 'Gradient descent' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'Fitting a line by gradient descent (UDL figure 6.1, eq. 6.3): the sum-of-squares loss, its gradient checked by finite differences, and descent with a line search for each step. The CM20315 practical Training II (`training-ii`) fits the same line with a different line-search step.',
  goals: [
    'Compute the sum-of-squares loss and its gradient',
    'Check a gradient with finite differences',
    'Take gradient-descent steps with a line search',
  ],
  figures: ['gradient-descent-6-2-fits', 'gradient-descent-6-2-contour'],
  exercises: [computeLossExercise, computeGradientExercise, gradientDescentStepExercise],
  harness: { lineModel: lineModelArgument },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
