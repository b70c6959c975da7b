/**
 * Notebook 3.1, Shallow neural networks I (UDL 3.1). Exercises: the notebook's three TODOs, the
 * ReLU (eq. 3.2), the network with one input, three hidden units and one output returning every
 * intermediate (eqs. 3.1, 3.3; its `activation_fn` argument comes from `harness.ts`), and the
 * least-squares loss (eq. 2.5 form), checked against `@gradkit/nn` and `@gradkit/losses`.
 */
import { arange, type RandomState, sigmoid, tanh } from '@gradkit/core';
import { LOSS_X } from '@gradkit/datasets';
import { sumOfSquares } from '@gradkit/losses';
import { type ActivationFn, relu, type Shallow113Params, shallow1_1_3 } from '@gradkit/nn';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { CheckCase, Exercise } from '../../src/types.js';
import { SHALLOW_DEFAULTS, Y_TRAIN } from '../shallow/notebook.js';
import { reluActivation, sigmoidActivation, tanhActivation } from './harness.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const list = (rng: RandomState, n: number, lo: number, hi: number) =>
  Array.from({ length: n }, () => u(rng, lo, hi));

/** The `relu` exercise (graded in this lesson and in the CM20315 `shallow` lesson). */
export const reluExercise: Exercise = {
  id: 'relu',
  title: 'The rectified linear unit',
  prompt:
    'Write the notebook’s `ReLU` as `relu(preactivation)`: `max(0, z)` for every element of a list (UDL eq. 3.2; numpy’s `preactivation.clip(0.0)`).',
  check: {
    export: 'relu',
    cases: () => {
      const z = arange(-5, 5, 0.1).toList() as number[];
      return [
        { name: 'the notebook’s z = arange(-5, 5, 0.1)', args: [z], expected: relu(z).toList() },
        { name: 'signs and zero', args: [[-2, -0.5, 0, 0.5, 2]], expected: [0, 0, 0, 0.5, 2] },
      ];
    },
    property: {
      trials: 5,
      seed: 31,
      generate: (rng, t) => {
        const z = list(rng, 3 + 4 * t, -10, 10);
        return { name: `random #${t + 1}`, args: [z], expected: relu(z).toList() };
      },
    },
    hint: 'Negative pre-activations become 0; the others pass through unchanged (Math.max(0, v) on each element).',
    reference: { '@gradkit/nn': ['ReLU', 'leakyRelu', 'LeakyReLU', 'hardtanh', 'shallowNetworkParts'] },
  },
};

/** The parameters in the notebook’s argument order: φ0..φ3, θ10, θ11, θ20, θ21, θ30, θ31. */
function argsOf(p: Shallow113Params): number[] {
  return [p.phi0, p.phi1, p.phi2, p.phi3, p.theta10, p.theta11, p.theta20, p.theta21, p.theta30, p.theta31];
}

const ACTIVATIONS: Record<string, { fn: ActivationFn; harness: string }> = {
  relu: { fn: (z) => relu(z), harness: 'reluActivation' },
  sigmoid: { fn: (z) => sigmoid(z), harness: 'sigmoidActivation' },
  tanh: { fn: (z) => tanh(z), harness: 'tanhActivation' },
};

function shallowCase(name: string, x: number[], activation: string, p: Shallow113Params): CheckCase {
  const a = ACTIVATIONS[activation]!;
  const params = argsOf(p);
  const r = shallow1_1_3(
    x,
    a.fn,
    ...(params as [number, number, number, number, number, number, number, number, number, number]),
  );
  const expected: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(r)) expected[k] = v.toList() as number[];
  return { name, args: [x, harnessCall(a.harness), ...params], expected };
}

/**
 * The `shallow-1-1-3` exercise (graded in this lesson and in the CM20315 `shallow` lesson); its
 * activation arguments come from {@link shallowHarness}.
 */
export const shallowExercise: Exercise = {
  id: 'shallow-1-1-3',
  title: 'A shallow network with one input, three hidden units and one output',
  prompt:
    'Write the notebook’s `shallow_1_1_3` as `shallow1_1_3(x, activationFn, phi0, phi1, phi2, phi3, theta10, theta11, theta20, theta21, theta30, theta31)`: for each input compute the pre-activations `pre_k = θk0 + θk1·x` (figure 3.3a–c), the activations `act_k = activationFn(pre_k)` (d–f), the weighted activations `w_act_k = φk·act_k` (g–i) and the output `y = φ0 + w_act_1 + w_act_2 + w_act_3` (j, UDL eq. 3.1). Return all ten lists as `{ y, pre1, pre2, pre3, act1, act2, act3, wAct1, wAct2, wAct3 }`. `activationFn` maps a list of pre-activations to a list of activations.',
  check: {
    export: 'shallow1_1_3',
    cases: () => [
      shallowCase(
        'the notebook’s network on x = arange(0, 1, 0.01)',
        arange(0, 1, 0.01).toList() as number[],
        'relu',
        SHALLOW_DEFAULTS,
      ),
      shallowCase('the notebook’s network on x_train', [...LOSS_X], 'relu', SHALLOW_DEFAULTS),
      shallowCase('the same network with a sigmoid', [-1, 0, 0.25, 0.5, 1], 'sigmoid', SHALLOW_DEFAULTS),
    ],
    property: {
      trials: 6,
      seed: 313,
      generate: (rng, t) => {
        const names = [
          'phi0',
          'phi1',
          'phi2',
          'phi3',
          'theta10',
          'theta11',
          'theta20',
          'theta21',
          'theta30',
          'theta31',
        ] as const;
        const p = {} as Shallow113Params;
        for (const n of names) p[n] = u(rng, -2, 2);
        const activation = (['relu', 'sigmoid', 'tanh'] as const)[t % 3]!;
        return shallowCase(`random ${activation} network #${t + 1}`, list(rng, 7, -1, 2), activation, p);
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Work element by element: pre1[i] = theta10 + theta11 * x[i]; pass each whole pre-activation list to activationFn; then weight, and add phi0 to the sum of the three weighted activations.',
    reference: { '@gradkit/nn': ['shallowNetwork', 'shallowNetworkParts', 'deepNetwork', 'compose'] },
  },
};

/** The harness of {@link shallowExercise} (the functions of `harness.ts`). */
export const shallowHarness = { reluActivation, sigmoidActivation, tanhActivation };

const leastSquaresExercise: Exercise = {
  id: 'least-squares-loss',
  title: 'The least-squares loss',
  prompt:
    'Write the notebook’s `least_squares_loss` as `leastSquaresLoss(yTrain, yPredict)`: the sum of the squared differences between the true outputs and the predictions, `L = Σᵢ (yᵢ − f[xᵢ, φ])²`.',
  check: {
    export: 'leastSquaresLoss',
    cases: () => {
      const yPredict = shallow1_1_3(
        [...LOSS_X],
        relu,
        ...(argsOf(SHALLOW_DEFAULTS) as [
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
        ]),
      ).y.toList() as number[];
      return [
        {
          name: 'the notebook’s y_train and y_predict (True value = 9.385)',
          args: [[...Y_TRAIN], yPredict],
          expected: sumOfSquares([...Y_TRAIN], yPredict).item(),
        },
        {
          name: 'a perfect fit',
          args: [
            [1, 2, 3],
            [1, 2, 3],
          ],
          expected: 0,
        },
      ];
    },
    property: {
      trials: 6,
      seed: 314,
      generate: (rng, t) => {
        const n = 1 + 5 * t;
        const y = list(rng, n, -2, 2);
        const f = list(rng, n, -2, 2);
        return { name: `${n} random pairs`, args: [y, f], expected: sumOfSquares(y, f).item() };
      },
    },
    rtol: 1e-9,
    hint: 'Square each difference y_train[i] - y_predict[i] and add them up (the notebook uses np.sum).',
    reference: { '@gradkit/losses': ['sumOfSquares', 'mseLoss'] },
  },
};

export default defineLesson({
  questions,
  id: '3-1-shallow-networks-i',
  title: 'Shallow neural networks I (UDL 3.1)',
  notebook: {
    collection: 'udlbook',
    file: '3_1_Shallow_Networks_I.md',
    title: 'Notebook 3.1 -- Shallow neural networks I',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap03/3_1_Shallow_Networks_I.ipynb',
  },
  book: { section: '3.1', title: 'Neural network example' },
  packages: ['@gradkit/nn', '@gradkit/losses', '@gradkit/datasets'],
  summary:
    'The shallow network with one input, three ReLU hidden units and one output computes a piecewise-linear function: its pre-activations, activations and weighted activations drawn as figure 3.3’s 3×3 grid, experiments with each parameter, and the least-squares loss against 20 training pairs (UDL 3.1). The CM20315 practical "Shallow" starts from the same network (lesson `shallow`).',
  goals: [
    'Write the ReLU',
    'Write the 1-3-1 network, returning every intermediate',
    'Predict how each parameter changes the function',
    'Compute a least-squares loss',
  ],
  figures: ['shallow-i-relu', 'shallow-i-grid', 'shallow-i-fit'],
  exercises: [reluExercise, shallowExercise, leastSquaresExercise],
  harness: shallowHarness,
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
