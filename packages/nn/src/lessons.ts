/**
 * The lessons `@gradkit/nn` serves (Deep networks I and II), as data: goals, figures and graded
 * exercises whose reference values come from this package. Types and the checker are in
 * `@gradkit/core` (`Lesson`, `Exercise`, `checkExercise`).
 */
import { type Exercise, type Lesson, type RandomState, starterFile, tensor } from '@gradkit/core';
import { relu } from './activations.js';
import {
  composeShallowToMatrix,
  DEEP_NOTEBOOK_NETWORKS,
  deepNetwork,
  type Shallow113Params,
  shallowNetwork,
} from './book.js';

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();

const reluExercise: Exercise = {
  id: 'relu',
  title: 'The rectified linear unit',
  prompt: 'Write `relu(z)` = `max(0, z)` elementwise (UDL eq. 3.2) for a list of pre-activations.',
  starter: starterFile(
    'deep',
    `/** max(0, z) elementwise. */
export function relu(z: number[]): number[] {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'relu',
    cases: () => [
      { name: 'signs', args: [[-2, -0.5, 0, 0.5, 2]], expected: relu([-2, -0.5, 0, 0.5, 2]).toList() },
    ],
    property: {
      trials: 5,
      seed: 32,
      generate: (rng, t) => {
        const z = rng.randn(4 + 3 * t).toList() as number[];
        return { name: `random #${t + 1}`, args: [z], expected: relu(z).toList() };
      },
    },
    hint: 'Negative inputs become 0; non-negative inputs pass through unchanged.',
  },
};

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

function randomShallow(rng: RandomState): Shallow113Params {
  const p = {} as Record<(typeof names)[number], number>;
  for (const n of names) p[n] = u(rng, -2, 2);
  return p;
}

const composeExercise: Exercise = {
  id: 'compose',
  title: 'Composing two shallow networks',
  prompt:
    'A 1-1-3 shallow network computes `y = φ0 + Σ_d φ_d · ReLU(θ_d0 + θ_d1 x)` (UDL eq. 3.1). Write `composedNetwork(x, n1, n2)`: feed the outputs of network `n1` at the inputs `x` into network `n2` (UDL 4.1, the Deep notebook).',
  starter: starterFile(
    'deep',
    `export interface Shallow { phi0: number; phi1: number; phi2: number; phi3: number; theta10: number; theta11: number; theta20: number; theta21: number; theta30: number; theta31: number }

/** n2(n1(x)) for each x, with ReLU activations. */
export function composedNetwork(x: number[], n1: Shallow, n2: Shallow): number[] {
  throw new Error('TODO: feed the output of the first network into the second');
}`,
  ),
  check: {
    export: 'composedNetwork',
    cases: () => {
      const n1: Shallow113Params = {
        phi0: 0,
        phi1: -2,
        phi2: 2,
        phi3: 1.5,
        theta10: -0.6,
        theta11: -1,
        theta20: 1.5,
        theta21: -1,
        theta30: 0.2,
        theta31: -0.5,
      };
      const n2: Shallow113Params = {
        phi0: -0.6,
        phi1: -1,
        phi2: 0.5,
        phi3: 0.2,
        theta10: 0.5,
        theta11: -1,
        theta20: 0.3,
        theta21: -1.5,
        theta30: -0.5,
        theta31: 1,
      };
      const x = [-1, -0.5, 0, 0.25, 0.5, 1];
      return [
        {
          name: 'the Deep notebook networks',
          args: [x, n1, n2],
          expected: shallowNetwork(shallowNetwork(x, n1), n2).toList(),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 41,
      generate: (rng, t) => {
        const n1 = randomShallow(rng);
        const n2 = randomShallow(rng);
        const x = rng.uniform(-1, 1, [7]).toList() as number[];
        return {
          name: `random networks #${t + 1}`,
          args: [x, n1, n2],
          expected: shallowNetwork(shallowNetwork(tensor(x), n1), n2).toList(),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Write one function for a shallow network, then apply it twice: first with n1, then with n2 on the result.',
  },
};

const { n1: NOTEBOOK_N1, n2: NOTEBOOK_N2 } = DEEP_NOTEBOOK_NETWORKS;

const asLists = (m: { betas: { toArray(): unknown }[]; omegas: { toArray(): unknown }[] }) => ({
  betas: m.betas.map((b) => b.toArray()),
  omegas: m.omegas.map((o) => o.toArray()),
});

const composedMatricesExercise: Exercise = {
  id: 'composed-matrices',
  title: 'Two composed shallow networks as one deep network',
  prompt:
    'Write the composition of two 1-1-3 shallow networks (first `n1`, then `n2`) as a deep network with two hidden layers in matrix form (UDL eqs. 4.5–4.7, the Deep II notebook’s second TODO): return `{ betas: [β0, β1, β2], omegas: [Ω0, Ω1, Ω2] }` with `β0` `[3][1]`, `Ω0` `[3][1]`, `β1` `[3][1]`, `Ω1` `[3][3]`, `β2` `[1][1]`, `Ω2` `[1][3]`. The first network’s output layer folds into the second network’s hidden layer: `β1[d] = θ′d0 + θ′d1·φ0`, `Ω1[d][j] = θ′d1·φj`.',
  starter: starterFile(
    'deep2',
    `export interface Shallow { phi0: number; phi1: number; phi2: number; phi3: number; theta10: number; theta11: number; theta20: number; theta21: number; theta30: number; theta31: number }

/** The matrices of n2(n1(x)) as a two-hidden-layer network: betas[k] is [D_k+1][1], omegas[k] is [D_k+1][D_k]. */
export function composedMatrices(n1: Shallow, n2: Shallow): { betas: number[][][]; omegas: number[][][] } {
  throw new Error('TODO: fill in beta_0, Omega_0, beta_1, Omega_1, beta_2, Omega_2');
}`,
  ),
  check: {
    export: 'composedMatrices',
    cases: () => [
      {
        name: 'the Deep II notebook networks',
        args: [NOTEBOOK_N1, NOTEBOOK_N2],
        expected: asLists(composeShallowToMatrix(NOTEBOOK_N1, NOTEBOOK_N2)),
      },
    ],
    property: {
      trials: 5,
      seed: 42,
      generate: (rng, t) => {
        const n1 = randomShallow(rng);
        const n2 = randomShallow(rng);
        return {
          name: `random networks #${t + 1}`,
          args: [n1, n2],
          expected: asLists(composeShallowToMatrix(n1, n2)),
        };
      },
    },
    rtol: 1e-12,
    atol: 1e-15,
    hint: 'β0, Ω0 hold θ10..θ31 of n1; β2, Ω2 hold φ′ of n2; in between, n1’s output φ0 + Σ φj hj enters each hidden unit of n2 through θ′d1, so β1[d] = θ′d0 + θ′d1 φ0 and Ω1[d][j] = θ′d1 φj.',
  },
};

const deepNetworkExercise: Exercise = {
  id: 'deep-network',
  title: 'A deep network in matrix form',
  prompt:
    'Write the forward pass of a deep ReLU network in matrix form (UDL eq. 4.15), examples in columns: `h1 = ReLU(β0 + Ω0 x)`, `h(k+1) = ReLU(βk + Ωk hk)`, `y = βK + ΩK hK` (no ReLU on the output), for `x` `[D_i][N]`, `betas[k]` `[D_k+1][1]` and `omegas[k]` `[D_k+1][D_k]`. Return `y` `[D_o][N]`. The notebook’s network has D_i = 4, D_1 = 5, D_2 = 2, D_3 = 4 and D_o = 1.',
  starter: starterFile(
    'deep2',
    `/** y [D_o][N] of the network with biases betas[k] [D_k+1][1] and weights omegas[k] [D_k+1][D_k]; x is [D_i][N]. */
export function deepNetwork(x: number[][], betas: number[][][], omegas: number[][][]): number[][] {
  throw new Error('TODO: h1 = ReLU(beta_0 + Omega_0 x), ..., y = beta_K + Omega_K h_K');
}`,
  ),
  check: {
    export: 'deepNetwork',
    cases: () => {
      const m = composeShallowToMatrix(NOTEBOOK_N1, NOTEBOOK_N2);
      const x = [[-1, -0.5, 0, 0.25, 0.5, 0.99]];
      const { betas, omegas } = asLists(m);
      return [
        {
          name: 'the composed notebook networks',
          args: [x, betas, omegas],
          expected: deepNetwork(x, m.betas, m.omegas).output.toArray(),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 415,
      generate: (rng, t) => {
        const sizes =
          t === 0 ? [4, 5, 2, 4, 1] : Array.from({ length: 2 + (t % 3) }, () => 1 + rng.randint(0, 5));
        const n = 3 + t;
        const x = rng.randn(sizes[0]!, n).toArray() as number[][];
        const betas: number[][][] = [];
        const omegas: number[][][] = [];
        for (let k = 0; k + 1 < sizes.length; k++) {
          betas.push(rng.randn(sizes[k + 1]!, 1).toArray() as number[][]);
          omegas.push(rng.randn(sizes[k + 1]!, sizes[k]!).toArray() as number[][]);
        }
        return {
          name: `layer sizes ${sizes.join('-')}, ${n} examples`,
          args: [x, betas, omegas],
          expected: deepNetwork(x, betas, omegas).output.toArray(),
        };
      },
    },
    rtol: 1e-10,
    atol: 1e-12,
    hint: 'Each layer is a matrix product plus the bias column added to every example; apply the ReLU to the hidden layers only, not to the output.',
  },
};

/** The lessons served by `@gradkit/nn`, in course order. */
export const nnLessons: Lesson[] = [
  {
    id: 'deep',
    title: 'Deep networks I: composing networks',
    package: '@gradkit/nn',
    seed: 'udl-cm20315-deep.md',
    summary:
      'Composing two shallow networks folds the input space: the composition has many more linear regions than either network (UDL 4.1).',
    goals: ['Write the ReLU', 'Compose shallow networks', 'Count linear regions'],
    figures: ['shallowNetworkGrid', 'functionPlot'],
    exercises: [reluExercise, composeExercise],
  },
  {
    id: 'deep2',
    title: 'Deep networks II: the matrix form',
    package: '@gradkit/nn',
    seed: 'udl-cm20315-deep2.md',
    summary:
      'A deep network as a chain of matrix multiplications, bias additions and ReLUs, `h_k = a[β_{k−1} + Ω_{k−1} h_{k−1}]` (UDL 4.4).',
    goals: [
      'Write the weights of a composed network as matrices β, Ω',
      'Initialise a deep network with the right sizes',
    ],
    figures: ['functionPlot'],
    exercises: [composedMatricesExercise, deepNetworkExercise],
  },
];
