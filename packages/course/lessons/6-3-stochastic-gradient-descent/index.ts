/**
 * Notebook 6.3: Stochastic gradient descent (UDL 6.1–6.2, figure 6.5). Exercises: the notebook's
 * TODOs — the sum-of-squares loss of a model, the fixed-step gradient-descent step, the minibatch
 * SGD step, and the learning-rate schedule it asks for at the end — checked against
 * `@gradkit/optimizers` and the lesson's steps on the notebook's data and random cases.
 */
import type { RandomState } from '@gradkit/core';
import { computeLoss, GABOR_DATA, gaborModel, type Phi } from '@gradkit/optimizers';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { gaborModel as gaborModelArgument, randomState } from './harness.js';
import {
  gradientDescentStepFixedLearningRate,
  scheduledLearningRate,
  stochasticGradientDescentStep,
} from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const DATA = [[...GABOR_DATA.x], [...GABOR_DATA.y]];
const XY = { x: DATA[0]!, y: DATA[1]! };
const randomPhi = (rng: RandomState) => [u(rng, -8, 8), u(rng, 3, 22)];

const computeLossExercise: Exercise = {
  id: 'compute-loss',
  title: 'The sum-of-squares loss of a model',
  prompt:
    'Write `computeLoss(dataX, dataY, model, phi)`: make the model’s predictions `model(phi, x)` for each x of `dataX`, take the squared differences to the true values `dataY`, and sum them (UDL eq. 2.5). For the Gabor model at φ = (0.6, −0.2) the loss is 16.419.',
  check: {
    export: 'computeLoss',
    cases: () => [
      {
        name: 'the Gabor model at φ = (0.6, -0.2) (correct loss 16.419)',
        args: [DATA[0], DATA[1], harnessCall('gaborModel'), [0.6, -0.2]],
        expected: computeLoss(GABOR_DATA, gaborModel, [0.6, -0.2]),
      },
    ],
    property: {
      trials: 6,
      seed: 63,
      generate: (rng, t) => {
        const phi = randomPhi(rng);
        return {
          name: `the Gabor model at random φ #${t + 1}`,
          args: [DATA[0], DATA[1], harnessCall('gaborModel'), phi],
          expected: computeLoss(GABOR_DATA, gaborModel, phi as Phi),
        };
      },
    },
    rtol: 1e-9,
    hint: 'The model takes (phi, x) for one x at a time; square each difference before you add it up.',
    reference: { '@gradkit/optimizers': ['computeLoss', 'gaborObjective', 'gabor'] },
  },
};

const fixedStepExercise: Exercise = {
  id: 'fixed-learning-rate',
  title: 'A gradient-descent step of fixed size',
  prompt:
    'Write `gradientDescentStepFixedLearningRate(phi, data, alpha)`: a step of gradient descent without line search, φ ← φ − α ∂L/∂φ (UDL eq. 6.3), with the gradient from the given `computeGradient(data[0], data[1], phi)`.',
  check: {
    export: 'gradientDescentStepFixedLearningRate',
    cases: () => [
      {
        name: "the notebook's first step, from (-1.5, 8.5) with alpha 0.2",
        args: [[-1.5, 8.5], DATA, 0.2],
        expected: gradientDescentStepFixedLearningRate([-1.5, 8.5], XY, 0.2),
      },
    ],
    property: {
      trials: 6,
      seed: 630,
      generate: (rng, t) => {
        const phi = randomPhi(rng);
        const alpha = u(rng, 0.01, 1);
        return {
          name: `random φ #${t + 1}, alpha ${alpha.toFixed(3)}`,
          args: [phi, DATA, alpha],
          expected: gradientDescentStepFixedLearningRate(phi, XY, alpha),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'phi_k − alpha · gradient_k for both parameters; no line search.',
    reference: { '@gradkit/optimizers': ['gradientDescentStepFixedLearningRate', 'minimize', 'SGD'] },
  },
};

const sgdStepExercise: Exercise = {
  id: 'sgd-step',
  title: 'A minibatch SGD step',
  prompt:
    'Write `stochasticGradientDescentStep(phi, data, alpha, batchSize, rng)`: draw `rng.permutation(n)` of the n = data[0].length indices (numpy’s `np.random.permutation`), keep the first `batchSize` of them, compute the gradient from only those data points with `computeGradient`, and take the step φ ← φ − α ∂L/∂φ.',
  check: {
    export: 'stochasticGradientDescentStep',
    cases: () => [
      {
        name: "the notebook's first SGD step: np.random.seed(1), from (3.5, 6.5), alpha 0.8, batch 5",
        args: [[3.5, 6.5], DATA, 0.8, 5, harnessCall('randomState', 1)],
        expected: stochasticGradientDescentStep([3.5, 6.5], XY, 0.8, 5, randomState(1)),
      },
    ],
    property: {
      trials: 6,
      seed: 6300,
      generate: (rng, t) => {
        const phi = randomPhi(rng);
        const alpha = u(rng, 0.05, 1);
        const batchSize = 1 + Math.floor(rng.randomSample() * 30);
        const seed = Math.floor(rng.randomSample() * 1000);
        return {
          name: `random φ #${t + 1}, batch ${batchSize}, np.random.seed(${seed})`,
          args: [phi, DATA, alpha, batchSize, harnessCall('randomState', seed)],
          expected: stochasticGradientDescentStep(phi, XY, alpha, batchSize, randomState(seed)),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'const idx = rng.permutation(n).toList().slice(0, batchSize); then the gradient of the x and y values at those indices only.',
    reference: { '@gradkit/optimizers': ['stochasticGradientDescentStep', 'minimize', 'SGD'] },
  },
};

const scheduleExercise: Exercise = {
  id: 'learning-rate-schedule',
  title: 'A learning-rate schedule',
  prompt:
    'The notebook ends with: “Add a learning rate schedule. Reduce the learning rate by a factor of beta every M iterations.” Write `scheduledLearningRate(alpha, beta, m, cStep)`: the learning rate of step `cStep` (counting from 0) when it starts at `alpha` and is multiplied by `beta` after every `m` steps (PyTorch’s `StepLR`).',
  check: {
    export: 'scheduledLearningRate',
    cases: () => [
      {
        name: 'alpha 0.8, beta 0.5, M 10, step 0',
        args: [0.8, 0.5, 10, 0],
        expected: scheduledLearningRate(0.8, 0.5, 10, 0),
      },
      {
        name: 'alpha 0.8, beta 0.5, M 10, step 10',
        args: [0.8, 0.5, 10, 10],
        expected: scheduledLearningRate(0.8, 0.5, 10, 10),
      },
      {
        name: 'alpha 0.8, beta 0.5, M 10, step 39',
        args: [0.8, 0.5, 10, 39],
        expected: scheduledLearningRate(0.8, 0.5, 10, 39),
      },
    ],
    property: {
      trials: 6,
      seed: 63000,
      generate: (rng, t) => {
        const alpha = u(rng, 0.01, 1);
        const beta = u(rng, 0.1, 0.9);
        const m = 1 + Math.floor(rng.randomSample() * 12);
        const cStep = Math.floor(rng.randomSample() * 60);
        return {
          name: `random schedule #${t + 1} (M ${m}, step ${cStep})`,
          args: [alpha, beta, m, cStep],
          expected: scheduledLearningRate(alpha, beta, m, cStep),
        };
      },
    },
    rtol: 1e-12,
    hint: 'Count the completed blocks of M steps, Math.floor(cStep / M), and multiply alpha by beta that many times.',
    reference: { '@gradkit/optimizers': ['StepLR'] },
  },
};

export default defineLesson({
  questions,
  id: '6-3-stochastic-gradient-descent',
  title: 'Stochastic gradient descent (UDL 6.3)',
  notebook: {
    collection: 'udlbook',
    file: '6_3_Stochastic_Gradient_Descent.md',
    title: 'Notebook 6.3: Stochastic gradient descent',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap06/6_3_Stochastic_Gradient_Descent.ipynb',
  },
  book: { section: '6.2', title: 'Stochastic gradient descent' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'A Gabor model whose loss has many valleys (UDL figure 6.5): gradient descent with line search ends in the valley it starts above, fixed steps need the right size, and minibatch SGD wanders between valleys. The CM20315 practical Training III (`training-iii`) runs the same descents with Training I’s line search.',
  goals: [
    'Compute the loss of a nonlinear model',
    'Take fixed-size and minibatch gradient steps',
    'Compare line search, fixed steps and SGD on a non-convex loss',
    'Schedule the learning rate',
  ],
  figures: ['sgd-6-3-contour', 'sgd-6-3-fits'],
  exercises: [computeLossExercise, fixedStepExercise, sgdStepExercise, scheduleExercise],
  harness: { gaborModel: gaborModelArgument, randomState },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
