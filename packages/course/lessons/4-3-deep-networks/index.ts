/**
 * Notebook 4.3, Deep networks (UDL 4.4, eq. 4.15; the composition of eq. 4.5): networks in matrix
 * form. Exercises, one per TODO: the shallow network's matrices, the composed network's matrices
 * (the exercise of the CM20315 lesson `deep2`, whose notebook runs the same cells with 10 examples)
 * and the parameter sizes of a deep network, checked against `@gradkit/nn`.
 */
import { DEEP_NOTEBOOK_NETWORKS, shallowToMatrix } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { randomShallow } from '../4-1-composing-networks/index.js';
import { composedMatricesExercise } from '../deep2/index.js';
import questions from './questions.json' with { type: 'json' };

const asLists = (m: { betas: { toArray(): unknown }[]; omegas: { toArray(): unknown }[] }) => ({
  betas: m.betas.map((b) => b.toArray()),
  omegas: m.omegas.map((o) => o.toArray()),
});

const shallowMatricesExercise: Exercise = {
  id: 'shallow-matrices',
  title: 'A shallow network in matrix form',
  prompt:
    'Write the 1-1-3 shallow network `n1` (UDL eq. 3.1) in matrix form (eq. 4.15), the notebook’s first TODO: return `{ betas: [β0, β1], omegas: [Ω0, Ω1] }` with `β0` `[3][1]` holding θ10, θ20, θ30, `Ω0` `[3][1]` holding θ11, θ21, θ31, `β1` `[1][1]` holding φ0 and `Ω1` `[1][3]` holding φ1, φ2, φ3. Matrices are indexed from 1 in the book and from 0 in code: θ10 goes to `betas[0][0][0]`.',
  check: {
    export: 'shallowMatrices',
    cases: () => [
      {
        name: 'the notebook’s first network',
        args: [DEEP_NOTEBOOK_NETWORKS.n1],
        expected: asLists(shallowToMatrix(DEEP_NOTEBOOK_NETWORKS.n1)),
      },
    ],
    property: {
      trials: 5,
      seed: 43,
      generate: (rng, t) => {
        const n = randomShallow(rng);
        return { name: `random network #${t + 1}`, args: [n], expected: asLists(shallowToMatrix(n)) };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'Row d of β0 and Ω0 is hidden unit d: [θd0] and [θd1]. The output layer is one row: β1 = [[φ0]], Ω1 = [[φ1, φ2, φ3]].',
    reference: { '@gradkit/nn': ['shallowToMatrix', 'composeShallowToMatrix'] },
  },
};

const composedExercise: Exercise = {
  ...composedMatricesExercise,
  prompt:
    'Write the composition of two 1-1-3 shallow networks (first `n1`, then `n2`) as one network with two hidden layers in matrix form, the notebook’s second TODO (UDL eq. 4.5 gives Ω1 and β1 in other notation): return `{ betas: [β0, β1, β2], omegas: [Ω0, Ω1, Ω2] }` with `β0` `[3][1]`, `Ω0` `[3][1]`, `β1` `[3][1]`, `Ω1` `[3][3]`, `β2` `[1][1]`, `Ω2` `[1][3]`. The first network’s output layer folds into the second network’s hidden layer: `β1[d] = θ′d0 + θ′d1·φ0`, `Ω1[d][j] = θ′d1·φj`.',
};

/** The sizes of β_k `[D_{k+1}, 1]` and Ω_k `[D_{k+1}, D_k]` for the layer widths `sizes`. */
function shapes(sizes: number[]) {
  return {
    betas: sizes.slice(1).map((d) => [d, 1]),
    omegas: sizes.slice(1).map((d, k) => [d, sizes[k]!]),
  };
}

const parameterShapesExercise: Exercise = {
  id: 'parameter-shapes',
  title: 'The sizes of a deep network’s parameters',
  prompt:
    'The notebook’s third TODO draws the parameters of a network with D_i = 4 inputs, hidden layers of D_1 = 5, D_2 = 2 and D_3 = 4 units and D_o = 1 output at random, and they must have the right sizes for `h1 = ReLU(beta_0 + Omega_0 x)`, …, `y = beta_3 + Omega_3 h3` (UDL eq. 4.15, examples in the columns of `x`). Write `parameterShapes(sizes)`: for the widths `sizes = [D_i, D_1, …, D_o]`, return `{ betas, omegas }` with the shape `[rows, columns]` of every β_k and Ω_k, in order.',
  check: {
    export: 'parameterShapes',
    cases: () => [
      {
        name: 'the notebook’s 4-5-2-4-1 network',
        args: [[4, 5, 2, 4, 1]],
        expected: shapes([4, 5, 2, 4, 1]),
      },
    ],
    property: {
      trials: 6,
      seed: 415,
      generate: (rng, t) => {
        const sizes = Array.from({ length: 2 + t }, () => 1 + rng.randint(0, 9));
        return { name: `widths ${sizes.join('-')}`, args: [sizes], expected: shapes(sizes) };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'Ω_k maps layer k (D_k values) to layer k+1 (D_{k+1} values), so it has D_{k+1} rows and D_k columns; β_k is one column of D_{k+1} offsets. A network with K hidden layers has K+1 of each.',
  },
};

export default defineLesson({
  questions,
  id: '4-3-deep-networks',
  title: 'Deep networks (UDL 4.4)',
  notebook: {
    collection: 'udlbook',
    file: '4_3_Deep_Networks.md',
    title: 'Notebook 4.3 -- Deep neural networks',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap04/4_3_Deep_Networks.ipynb',
  },
  book: { section: '4.4', title: 'Matrix notation' },
  packages: ['@gradkit/nn'],
  summary:
    'A deep network as a chain of matrix products, bias columns and ReLUs, h_k = a[β_{k−1} + Ω_{k−1} h_{k−1}] (UDL eq. 4.15): a shallow network, two composed networks and a random 4-5-2-4-1 network in matrix form. The CM20315 practical "Deep2" (lesson deep2) runs the same cells with 10 examples instead of 4.',
  goals: [
    'Write a shallow network’s parameters as matrices β, Ω',
    'Write two composed networks as one network with two hidden layers',
    'Give every parameter of a deep network its size',
  ],
  figures: ['deep-networks-matrix-form'],
  exercises: [shallowMatricesExercise, composedExercise, parameterShapesExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
