/**
 * Notebook 3.2, Shallow neural networks II (UDL 3.3). Exercises: the notebook's two TODOs, the
 * network with two inputs, three hidden units and one output (`shallow_2_1_3`, figure 3.8) and
 * the same with two outputs (`shallow_2_2_3`), on grids of inputs; their `activation_fn`
 * argument comes from `harness.ts`. Reference values: the lesson code shared with `shallow`
 * (nn's `deepNetwork` with two inputs).
 */
import { arange, meshgrid, type RandomState, sigmoid, type Tensor, tensor } from '@gradkit/core';
import { type ActivationFn, relu } from '@gradkit/nn';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { CheckCase, Exercise } from '../../src/types.js';
import {
  SHALLOW_2D_HIDDEN,
  type Shallow2InputHidden,
  type Shallow2InputResult,
  shallow2_1_3,
  shallow2_2_3,
} from '../shallow/notebook.js';
import { reluGrid, sigmoidGrid } from './harness.js';
import { PHI, PHI_1, PHI_2 } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

type Phi = readonly [number, number, number, number];
type Grid = number[][];

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const grid = (rng: RandomState, rows: number, cols: number, lo: number, hi: number): Grid =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => u(rng, lo, hi)));

const ACTIVATIONS: Record<string, { fn: ActivationFn; harness: string }> = {
  relu: { fn: (z) => relu(z), harness: 'reluGrid' },
  sigmoid: { fn: (z) => sigmoid(z), harness: 'sigmoidGrid' },
};

/** The hidden layer's parameters in the notebook's argument order θ10, θ11, θ12, …, θ32. */
function thetaArgs(h: Shallow2InputHidden): number[] {
  return [h.theta10, h.theta11, h.theta12, h.theta20, h.theta21, h.theta22, h.theta30, h.theta31, h.theta32];
}

function randomHidden(rng: RandomState): Shallow2InputHidden {
  const v = () => u(rng, -2, 2);
  return {
    theta10: v(),
    theta11: v(),
    theta12: v(),
    theta20: v(),
    theta21: v(),
    theta22: v(),
    theta30: v(),
    theta31: v(),
    theta32: v(),
  };
}
const randomPhi = (rng: RandomState): Phi => [u(rng, -2, 2), u(rng, -2, 2), u(rng, -2, 2), u(rng, -2, 2)];

const lists = (ts: readonly Tensor[]) => ts.map((t) => t.toArray() as Grid);

function parts(r: Shallow2InputResult): Record<string, Grid> {
  const [pre1, pre2, pre3] = lists(r.pre);
  const [act1, act2, act3] = lists(r.act);
  return { pre1: pre1!, pre2: pre2!, pre3: pre3!, act1: act1!, act2: act2!, act3: act3! };
}

/** The notebook's grid, `meshgrid(arange(0, 10, 0.1), arange(0, 10, 0.1))`, as lists of rows. */
function notebookGrids(step = 0.1): [Grid, Grid] {
  const [a, b] = meshgrid(arange(0.0, 10.0, step), arange(0.0, 10.0, step)) as [Tensor, Tensor];
  return [a.toArray() as Grid, b.toArray() as Grid];
}

function oneOutputCase(
  name: string,
  x1: Grid,
  x2: Grid,
  activation: string,
  phi: Phi,
  h: Shallow2InputHidden,
): CheckCase {
  const a = ACTIVATIONS[activation]!;
  const r = shallow2_1_3(tensor(x1), tensor(x2), a.fn, phi, h);
  const [wAct1, wAct2, wAct3] = lists(r.weighted[0]!);
  return {
    name,
    args: [x1, x2, harnessCall(a.harness), ...phi, ...thetaArgs(h)],
    expected: { y: r.outputs[0]!.toArray(), ...parts(r), wAct1, wAct2, wAct3 },
  };
}

function twoOutputCase(
  name: string,
  x1: Grid,
  x2: Grid,
  activation: string,
  phi1: Phi,
  phi2: Phi,
  h: Shallow2InputHidden,
): CheckCase {
  const a = ACTIVATIONS[activation]!;
  const r = shallow2_2_3(tensor(x1), tensor(x2), a.fn, phi1, phi2, h);
  const [wAct11, wAct12, wAct13] = lists(r.weighted[0]!);
  const [wAct21, wAct22, wAct23] = lists(r.weighted[1]!);
  return {
    name,
    args: [x1, x2, harnessCall(a.harness), ...phi1, ...phi2, ...thetaArgs(h)],
    expected: {
      y1: r.outputs[0]!.toArray(),
      y2: r.outputs[1]!.toArray(),
      ...parts(r),
      wAct11,
      wAct12,
      wAct13,
      wAct21,
      wAct22,
      wAct23,
    },
  };
}

const reference = { '@gradkit/nn': ['deepNetwork', 'Linear', 'Sequential'] };

const oneOutputExercise: Exercise = {
  id: 'shallow-2-1-3',
  title: 'Two inputs, three hidden units, one output',
  prompt:
    'Write the notebook’s `shallow_2_1_3` as `shallow2_1_3(x1, x2, activationFn, phi0, phi1, phi2, phi3, theta10, theta11, theta12, theta20, theta21, theta22, theta30, theta31, theta32)`. `x1` and `x2` are grids of inputs (lists of rows, as `np.meshgrid` makes them). At every grid point compute the pre-activations `pre_k = θk0 + θk1·x1 + θk2·x2` (figure 3.8a–c), the activations `act_k = activationFn(pre_k)` (d–f; `activationFn` maps a whole grid), the weighted activations `w_act_k = φk·act_k` (g–i) and the output `y = φ0 + Σ w_act_k` (j). Return `{ y, pre1, pre2, pre3, act1, act2, act3, wAct1, wAct2, wAct3 }`, each a grid like `x1`.',
  check: {
    export: 'shallow2_1_3',
    cases: () => {
      const [x1, x2] = notebookGrids();
      return [
        oneOutputCase('the notebook’s network on its 100×100 grid', x1, x2, 'relu', PHI, SHALLOW_2D_HIDDEN),
      ];
    },
    property: {
      trials: 6,
      seed: 321,
      generate: (rng, t) => {
        const rows = 1 + (t % 3);
        const cols = 2 + t;
        return oneOutputCase(
          `random ${t % 2 ? 'sigmoid' : 'relu'} network on a ${rows}×${cols} grid`,
          grid(rng, rows, cols, 0, 10),
          grid(rng, rows, cols, 0, 10),
          t % 2 ? 'sigmoid' : 'relu',
          randomPhi(rng),
          randomHidden(rng),
        );
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Loop over the rows and columns: pre1[i][j] = theta10 + theta11 * x1[i][j] + theta12 * x2[i][j]. Pass each whole pre-activation grid to activationFn, then weight and add φ0.',
    reference,
  },
};

const twoOutputExercise: Exercise = {
  id: 'shallow-2-2-3',
  title: 'Two inputs, three hidden units, two outputs',
  prompt:
    'Write the notebook’s `shallow_2_2_3` as `shallow2_2_3(x1, x2, activationFn, phi10, phi11, phi12, phi13, phi20, phi21, phi22, phi23, theta10, theta11, theta12, theta20, theta21, theta22, theta30, theta31, theta32)`: the same three hidden units as `shallow_2_1_3`, shared by two outputs `y1 = φ10 + Σ_k φ1k·act_k` and `y2 = φ20 + Σ_k φ2k·act_k`. Return `{ y1, y2, pre1, pre2, pre3, act1, act2, act3, wAct11, wAct12, wAct13, wAct21, wAct22, wAct23 }` (`wAct_ok = φok·act_k`), each a grid like `x1`.',
  check: {
    export: 'shallow2_2_3',
    cases: () => {
      const [x1, x2] = notebookGrids();
      return [
        twoOutputCase(
          'the notebook’s network on its 100×100 grid',
          x1,
          x2,
          'relu',
          PHI_1,
          PHI_2,
          SHALLOW_2D_HIDDEN,
        ),
      ];
    },
    property: {
      trials: 6,
      seed: 322,
      generate: (rng, t) => {
        const rows = 1 + (t % 3);
        const cols = 2 + t;
        return twoOutputCase(
          `random ${t % 2 ? 'sigmoid' : 'relu'} network on a ${rows}×${cols} grid`,
          grid(rng, rows, cols, 0, 10),
          grid(rng, rows, cols, 0, 10),
          t % 2 ? 'sigmoid' : 'relu',
          randomPhi(rng),
          randomPhi(rng),
          randomHidden(rng),
        );
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Compute the hidden units once, as in shallow2_1_3; each output weights the same three activations with its own φ.',
    reference,
  },
};

export default defineLesson({
  questions,
  id: '3-2-shallow-networks-ii',
  title: 'Shallow neural networks II (UDL 3.3)',
  notebook: {
    collection: 'udlbook',
    file: '3_2_Shallow_Networks_II.md',
    title: 'Notebook 3.2 -- Shallow neural networks II',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap03/3_2_Shallow_Networks_II.ipynb',
  },
  book: { section: '3.3', title: 'Multivariate inputs and outputs' },
  packages: ['@gradkit/nn', '@gradkit/plot'],
  summary:
    'A shallow network with two inputs: each ReLU hidden unit is a plane clipped along a line, and three of them cut the input square into convex polytopes on which the output is a plane (figure 3.8). A second output reuses the same hidden units with its own weights, so both outputs have the same joints (UDL 3.3). The CM20315 practical "Shallow" has an optional template like it, with other parameters (lesson `shallow`).',
  goals: [
    'Write a shallow network with two inputs',
    'Count the linear regions (polytopes) it makes',
    'Add a second output that shares the hidden units',
  ],
  figures: ['shallow-ii-y', 'shallow-ii-y1', 'shallow-ii-y2'],
  exercises: [oneOutputExercise, twoOutputExercise],
  harness: { reluGrid, sigmoidGrid },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
