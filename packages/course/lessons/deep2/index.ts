/**
 * Deep networks II: the matrix form (CM20315 Deep2, UDL 4.2–4.4). Exercises: the composition of two
 * shallow networks as one network with two hidden layers (eqs. 4.5–4.7) and the forward pass of a
 * deep network in matrix form (eq. 4.15), checked against `@gradkit/nn`.
 */
import { composeShallowToMatrix, DEEP_NOTEBOOK_NETWORKS, deepNetwork } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { randomShallow } from '../4-1-composing-networks/index.js';
import questions from './questions.json' with { type: 'json' };

const { n1: NOTEBOOK_N1, n2: NOTEBOOK_N2 } = DEEP_NOTEBOOK_NETWORKS;

const asLists = (m: { betas: { toArray(): unknown }[]; omegas: { toArray(): unknown }[] }) => ({
  betas: m.betas.map((b) => b.toArray()),
  omegas: m.omegas.map((o) => o.toArray()),
});

/** Also notebook 4.3's second TODO (`4-3-deep-networks`). */
export const composedMatricesExercise: Exercise = {
  id: 'composed-matrices',
  title: 'Two composed shallow networks as one deep network',
  prompt:
    'Write the composition of two 1-1-3 shallow networks (first `n1`, then `n2`) as a deep network with two hidden layers in matrix form (UDL eqs. 4.5–4.7, the Deep II notebook’s second TODO): return `{ betas: [β0, β1, β2], omegas: [Ω0, Ω1, Ω2] }` with `β0` `[3][1]`, `Ω0` `[3][1]`, `β1` `[3][1]`, `Ω1` `[3][3]`, `β2` `[1][1]`, `Ω2` `[1][3]`. The first network’s output layer folds into the second network’s hidden layer: `β1[d] = θ′d0 + θ′d1·φ0`, `Ω1[d][j] = θ′d1·φj`.',
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
    reference: { '@gradkit/nn': ['composeShallowToMatrix', 'shallowToMatrix'] },
  },
};

const deepNetworkExercise: Exercise = {
  id: 'deep-network',
  title: 'A deep network in matrix form',
  prompt:
    'Write the forward pass of a deep ReLU network in matrix form (UDL eq. 4.15), examples in columns: `h1 = ReLU(β0 + Ω0 x)`, `h(k+1) = ReLU(βk + Ωk hk)`, `y = βK + ΩK hK` (no ReLU on the output), for `x` `[D_i][N]`, `betas[k]` `[D_k+1][1]` and `omegas[k]` `[D_k+1][D_k]`. Return `y` `[D_o][N]`. The notebook’s network has D_i = 4, D_1 = 5, D_2 = 2, D_3 = 4 and D_o = 1.',
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
    reference: { '@gradkit/nn': ['deepNetwork'] },
  },
};

export default defineLesson({
  questions,
  id: 'deep2',
  title: 'Deep networks II: the matrix form',
  notebook: { collection: 'seeds', file: 'udl-cm20315-deep2.md', title: 'CM20315 Deep neural networks #2' },
  book: {
    section: '4.2–4.4',
    title: 'From composing networks to deep networks; Deep neural networks; Matrix notation',
  },
  packages: ['@gradkit/nn'],
  summary:
    'A deep network as a chain of matrix multiplications, bias additions and ReLUs, `h_k = a[β_{k−1} + Ω_{k−1} h_{k−1}]` (UDL 4.4).',
  goals: [
    'Write the weights of a composed network as matrices β, Ω',
    'Initialise a deep network with the right sizes',
  ],
  figures: ['deep2-matrix'],
  exercises: [composedMatricesExercise, deepNetworkExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
