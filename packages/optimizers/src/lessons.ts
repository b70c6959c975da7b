/**
 * The lessons `@gradkit/optimizers` serves (Training I–III, gradient-descent variants, weight
 * decay), as data: goals, figures and graded exercises whose reference values come from this
 * package. Types and the checker are in `@gradkit/core` (`Lesson`, `Exercise`, `checkExercise`).
 */
import { type Exercise, type Lesson, type RandomState, starterFile, tensor } from '@gradkit/core';
import { adamReference, sgdReference } from './functional/reference.js';
import { lineSearch } from './line-search.js';
import {
  computeLoss,
  GABOR_DATA,
  gaborModel,
  LINE_DATA,
  lineGradient,
  type Phi,
  trainingILoss,
} from './training.js';

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));
const plain = (d: { x: readonly number[]; y: readonly number[] }) => ({ x: [...d.x], y: [...d.y] });

/** A random 1-D loss with two Gaussian dips, like Training I's. */
function twoDips(rng: RandomState): (phi: number) => number {
  const [m1, m2, a1, a2, w1, w2] = [
    u(rng, 0.1, 0.9),
    u(rng, 0.1, 0.9),
    u(rng, 0.2, 0.6),
    u(rng, 0.2, 0.6),
    u(rng, 0.02, 0.2),
    u(rng, 0.02, 0.2),
  ];
  return (phi) => 1 - a1 * Math.exp(-((phi - m1) ** 2) / w1) - a2 * Math.exp(-((phi - m2) ** 2) / w2);
}

const lineSearchExercise: Exercise = {
  id: 'line-search',
  title: 'Line search by bracketing',
  prompt: `Complete \`lineSearch(loss, threshold, maxIter)\` (Training I). Start with a = 0, b = 0.33, c = 0.66, d = 1. Repeat at most \`maxIter\` times, stopping when |b − c| <= threshold:
1. if loss(a) is less than loss(b), loss(c) and loss(d): halve b, c and d (bring them towards a);
2. else if loss(b) < loss(c): d ← c, b ← a + (d − a)/3, c ← a + 2(d − a)/3;
3. else: a ← b, b ← a + (d − a)/3, c ← a + 2(d − a)/3.
Return the average of b and c.`,
  starter: starterFile(
    'training-i',
    `/** Bracketing line search on [0, 1]; returns (b + c) / 2. */
export function lineSearch(loss: (phi: number) => number, threshold = 0.0001, maxIter = 10): number {
  let a = 0;
  let b = 0.33;
  let c = 0.66;
  let d = 1.0;
  let nIter = 0;
  while (nIter < maxIter) {
    nIter += 1;
    if (Math.abs(b - c) < threshold) break;
    // TODO: the three rules
    throw new Error('TODO: rules 1-3');
  }
  throw new Error('TODO: the final solution is the average of b and c');
}`,
  ),
  check: {
    export: 'lineSearch',
    cases: () => [
      {
        name: 'the Training I loss',
        args: [trainingILoss, 0.0001, 10],
        expected: lineSearch(trainingILoss, { threshold: 0.0001, maxIter: 10 }).soln,
      },
    ],
    property: {
      trials: 8,
      seed: 1,
      generate: (rng, t) => {
        const loss = twoDips(rng);
        const maxIter = 5 + t;
        return {
          name: `random two-dip loss #${t + 1} (maxIter ${maxIter})`,
          args: [loss, 1e-4, maxIter],
          expected: lineSearch(loss, { threshold: 1e-4, maxIter }).soln,
        };
      },
    },
    rtol: 1e-9,
    hint: 'Compute the four losses at the top of each iteration; after rules 2 and 3, b and c are one and two thirds of the way from the (new) a to the (new) d.',
  },
};

const lineGradientExercise: Exercise = {
  id: 'line-gradient',
  title: 'The gradient of the least-squares loss of a line',
  prompt:
    'For the model `y = φ0 + φ1 x` and the loss `L = Σ_i (φ0 + φ1 x_i − y_i)²`, write `lineGradient(data, phi)` returning `[∂L/∂φ0, ∂L/∂φ1]` (Training II).',
  starter: starterFile(
    'training-ii',
    `/** [∂L/∂φ0, ∂L/∂φ1] for L = Σ (φ0 + φ1 x − y)². */
export function lineGradient(data: { x: number[]; y: number[] }, phi: number[]): [number, number] {
  throw new Error('TODO');
}`,
  ),
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
  },
};

const computeLossExercise: Exercise = {
  id: 'compute-loss',
  title: 'The least-squares loss of a model',
  prompt:
    'Write `computeLoss(data, model, phi)`: make the model’s predictions `model(phi, x_i)`, then sum the squared differences to the true `y_i` (Training III).',
  starter: starterFile(
    'training-iii',
    `/** Σ_i (model(phi, x_i) − y_i)². */
export function computeLoss(data: { x: number[]; y: number[] }, model: (phi: number[], x: number) => number, phi: number[]): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'computeLoss',
    cases: () => [
      {
        name: 'the Gabor model at φ = (-1.5, 40)',
        args: [plain(GABOR_DATA), gaborModel, [-1.5, 40]],
        expected: computeLoss(GABOR_DATA, gaborModel, [-1.5, 40]),
      },
    ],
    property: {
      trials: 6,
      seed: 3,
      generate: (rng, t) => {
        const phi = [u(rng, -5, 5), u(rng, 0, 60)];
        return {
          name: `the Gabor model at random φ #${t + 1}`,
          args: [plain(GABOR_DATA), gaborModel, phi],
          expected: computeLoss(GABOR_DATA, gaborModel, phi as Phi),
        };
      },
    },
    rtol: 1e-9,
    hint: 'The model takes (phi, x) for one x at a time; square each difference before summing.',
  },
};

const adamExercise: Exercise = {
  id: 'adam-step',
  title: 'One step of Adam',
  prompt: `Write \`adamStep(param, grad, m, v, step, lr, beta1, beta2, eps)\` returning \`{ param, m, v }\` after one Adam update (Kingma & Ba 2015, UDL eq. 6.15–6.16; \`step\` is 1 on the first call):
m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², m̂ = m / (1 − β1^step), v̂ = v / (1 − β2^step), θ ← θ − lr · m̂ / (√v̂ + ε).`,
  starter: starterFile(
    'gd-variants',
    `/** One Adam update of every coordinate; returns the new parameters and moments. */
export function adamStep(
  param: number[], grad: number[], m: number[], v: number[],
  step: number, lr: number, beta1: number, beta2: number, eps: number,
): { param: number[]; m: number[]; v: number[] } {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'adamStep',
    cases: () => [
      adamCase('first step from zero moments', [1, -2], [0.5, 0.1], [0, 0], [0, 0], 1, 0.1, 0.9, 0.999, 1e-8),
    ],
    property: {
      trials: 8,
      seed: 4,
      generate: (rng, t) => {
        const n = 1 + t;
        return adamCase(
          `random state, step ${t + 2}`,
          list(rng, n, -2, 2),
          list(rng, n, -1, 1),
          list(rng, n, -0.5, 0.5),
          list(rng, n, 0, 0.5),
          t + 2,
          u(rng, 0.001, 0.1),
          0.9,
          0.999,
          1e-8,
        );
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Update the moments first, then bias-correct them with the step number; ε goes outside the square root.',
  },
};

function adamCase(
  name: string,
  param: number[],
  grad: number[],
  m: number[],
  v: number[],
  step: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
) {
  const r = adamReference(tensor(param), tensor(grad), { expAvg: tensor(m), expAvgSq: tensor(v) }, step, {
    lr,
    beta1,
    beta2,
    eps,
    weightDecay: 0,
    amsgrad: false,
    maximize: false,
    decoupled: false,
  });
  return {
    name,
    args: [param, grad, m, v, step, lr, beta1, beta2, eps],
    expected: { param: r.param.toList(), m: r.expAvg.toList(), v: r.expAvgSq.toList() },
  };
}

const weightDecayExercise: Exercise = {
  id: 'sgd-weight-decay',
  title: 'SGD with weight decay',
  prompt:
    'Minimising `L + (λ/2)‖w‖²` by SGD gives the update `w ← w − η (∇L + λ w)` (D2L 3.7, eq. 3.7.5). Write `sgdWeightDecayStep(w, grad, lr, weightDecay)` returning the new weights.',
  starter: starterFile(
    'weight-decay',
    `/** w − lr · (grad + weightDecay · w). */
export function sgdWeightDecayStep(w: number[], grad: number[], lr: number, weightDecay: number): number[] {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'sgdWeightDecayStep',
    cases: () => [
      sgdCase('w = [1, -2], λ = 3', [1, -2], [0.5, 0.5], 0.03, 3),
      sgdCase('λ = 0 is plain SGD', [0.3, 0.2, 0.1], [1, 2, 3], 0.1, 0),
    ],
    property: {
      trials: 6,
      seed: 37,
      generate: (rng, t) =>
        sgdCase(
          `random #${t + 1}`,
          list(rng, 3 + t, -2, 2),
          list(rng, 3 + t, -1, 1),
          u(rng, 0.001, 0.5),
          u(rng, 0, 5),
        ),
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'The penalty’s gradient is λ w: add it to the loss gradient before scaling by the learning rate.',
  },
};

function sgdCase(name: string, w: number[], grad: number[], lr: number, weightDecay: number) {
  const r = sgdReference(tensor(w), tensor(grad), null, {
    lr,
    momentum: 0,
    dampening: 0,
    nesterov: false,
    weightDecay,
    maximize: false,
  });
  return { name, args: [w, grad, lr, weightDecay], expected: r.param.toList() };
}

/** The lessons served by `@gradkit/optimizers`, in course order. */
export const optimizersLessons: Lesson[] = [
  {
    id: 'training-i',
    title: 'Training I: line search',
    package: '@gradkit/optimizers',
    seed: 'udl-training_i.md',
    summary:
      'Minimising a 1-D function by repeatedly shrinking a bracket of four points: the building block of gradient descent with line search (UDL 6.1).',
    goals: ['Implement the three bracketing rules', 'See line search find a local minimum'],
    figures: ['functionPlot'],
    exercises: [lineSearchExercise],
  },
  {
    id: 'training-ii',
    title: 'Training II: gradient descent on a line',
    package: '@gradkit/optimizers',
    seed: 'udl-cm20315-training_ii.md',
    summary:
      'Fitting a line by gradient descent with line search: the loss surface, its gradient and the descent path (UDL 6.1).',
    goals: [
      'Derive the gradient of the least-squares loss',
      'Check it with finite differences',
      'Run gradient descent with line search',
    ],
    figures: ['lossContour', 'regressionPlot'],
    exercises: [lineGradientExercise],
  },
  {
    id: 'training-iii',
    title: 'Training III: stochastic gradient descent',
    package: '@gradkit/optimizers',
    seed: 'udl-cm20315-training_iii.md',
    summary:
      'A Gabor model with many local minima: gradient descent gets stuck, fixed learning rates and minibatch SGD behave differently (UDL 6.2).',
    goals: ['Compute the loss of a nonlinear model', 'Compare line search, fixed steps and minibatch SGD'],
    figures: ['lossContour', 'regressionPlot'],
    exercises: [computeLossExercise],
  },
  {
    id: 'gd-variants',
    title: 'Gradient-descent variants: momentum, Adagrad, RMSprop, Adam',
    package: '@gradkit/optimizers',
    seed: 'dl4cv-gradient-descent-variants.md',
    summary:
      'Six optimizers race on pathological and steep surfaces: momentum carries through flat valleys, adaptive methods rescale each coordinate (UDL 6.3–6.4).',
    goals: ['Write the Adam update with bias correction', 'Compare optimizer trajectories on test surfaces'],
    figures: ['lossContour'],
    exercises: [adamExercise],
  },
  {
    id: 'weight-decay',
    title: 'Weight decay (D2L 3.7)',
    package: '@gradkit/optimizers',
    seed: 'd2l-3.7-weight-decay-exercises.md',
    summary:
      'An L2 penalty on the weights shrinks them at every step; in SGD it becomes weight decay (D2L 3.7, UDL 9.1).',
    goals: ['Derive the SGD update with an L2 penalty', 'See the validation error as a function of λ'],
    figures: ['errorCurves'],
    exercises: [weightDecayExercise],
  },
];
