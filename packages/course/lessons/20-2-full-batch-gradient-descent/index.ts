/**
 * Notebook 20.2: Full Batch Gradient Descent (UDL 20.2.3, figure 20.2). Exercises: the TODO
 * networks — the forward pass of a ReLU network with any number of hidden layers — and the widths
 * that give every depth the same number of parameters (298, 100, 75, 63 units for 1–4 layers).
 */
import { linear, RandomState, type Tensor, tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { countParameters, matchingWidth } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

/** Reference: Linear → ReLU → … → Linear on rows `x` (PyTorch layout: `x Wᵀ + b`). */
function forwardRef(x: number[][], weights: number[][][], biases: number[][]): number[][] {
  let h: Tensor = tensor(x, { dtype: 'float64' });
  weights.forEach((w, i) => {
    h = linear(h, tensor(w, { dtype: 'float64' }), tensor(biases[i]!, { dtype: 'float64' }));
    if (i + 1 < weights.length) h = relu(h);
  });
  return h.toArray() as number[][];
}

function randomNetwork(rng: RandomState, widths: number[]): { weights: number[][][]; biases: number[][] } {
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    const [fanIn, fanOut] = [widths[i]!, widths[i + 1]!];
    weights.push(rng.normal(0, Math.sqrt(2 / fanIn), [fanOut, fanIn]).toArray() as number[][]);
    biases.push(rng.normal(0, 0.1, [fanOut]).toList() as number[]);
  }
  return { weights, biases };
}

const deepNetwork: Exercise = {
  id: 'deep-network',
  title: 'Networks of one to four hidden layers',
  prompt:
    "The notebook's TODOs build `model_2_layer`, `model_3_layer` and `model_4_layer`: `nn.Sequential(nn.Linear(40, D), nn.ReLU(), nn.Linear(D, D), nn.ReLU(), …, nn.Linear(D, 10))` with 2, 3 and 4 hidden layers of D = 100, 75 and 63 units. Write the forward pass of such a network for any depth, `deepNetwork(x, weights, biases)`: `x` holds examples as rows `[N, D_in]`, `weights[k]` is layer k's matrix in PyTorch's layout `[out, in]` (a layer computes `x Wᵀ + b`), `biases[k]` its bias; a ReLU follows every layer but the last. Return the `[N, D_out]` outputs.",
  check: {
    export: 'deepNetwork',
    cases: () => {
      const rng = new RandomState(202);
      return ([1, 2, 3, 4] as const).map((layers) => {
        const D = [298, 100, 75, 63][layers - 1]!;
        const { weights, biases } = randomNetwork(rng, [40, ...new Array<number>(layers).fill(D), 10]);
        const x = rng.standardNormal([4, 40]).toArray() as number[][];
        return {
          name: `model_${layers}_layer: ${layers} hidden layer${layers > 1 ? 's' : ''} of ${D}, four signals`,
          args: [x, weights, biases],
          expected: forwardRef(x, weights, biases),
        };
      });
    },
    property: {
      trials: 6,
      seed: 2020,
      generate: (rng, t) => {
        const layers = 1 + rng.randint(0, 5);
        const widths = [1 + rng.randint(0, 8)];
        for (let i = 0; i < layers; i++) widths.push(1 + rng.randint(0, 9));
        widths.push(1 + rng.randint(0, 5));
        const { weights, biases } = randomNetwork(rng, widths);
        const x = rng.standardNormal([1 + rng.randint(0, 5), widths[0]!]).toArray() as number[][];
        return {
          name: `random network #${t + 1} (${widths.join('-')})`,
          args: [x, weights, biases],
          expected: forwardRef(x, weights, biases),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Loop over the layers: h ← h Wᵀ + b, then max(0, h) unless it is the last layer (the loss applies the softmax).',
  },
};

const width: Exercise = {
  id: 'matching-width',
  title: 'The same number of parameters at every depth',
  prompt:
    'The four networks have almost the same number of parameters: one hidden layer of 298 units has 40·298 + 298 + 298·10 + 10 = 15 208. Write `matchingWidth(layers, target)`: the width D (a positive integer) for which a network `40 → D → … → D → 10` with `layers` hidden layers has the number of weights and biases closest to `target` (the smaller D on a tie). With target 15 208 it gives the notebook’s 100, 75 and 63 units for 2, 3 and 4 layers.',
  check: {
    export: 'matchingWidth',
    cases: () =>
      [1, 2, 3, 4].map((layers) => ({
        name: `${layers} hidden layer${layers > 1 ? 's' : ''}, target 15208 (one layer of 298)`,
        args: [layers, 15208],
        expected: matchingWidth(layers, 15208),
      })),
    property: {
      trials: 8,
      seed: 2021,
      generate: (rng, t) => {
        const layers = 1 + rng.randint(0, 8);
        const target = 100 + rng.randint(0, 200000);
        return {
          name: `random case #${t + 1}: ${layers} layers, target ${target}`,
          args: [layers, target],
          expected: matchingWidth(layers, target),
        };
      },
    },
    rtol: 0,
    atol: 0,
    hint: `Count the parameters: (40·D + D) + (layers − 1)(D² + D) + (10·D + 10), e.g. ${countParameters(2, 100)} for two layers of 100. It grows with D: try D = 1, 2, … until it passes the target and keep the closest.`,
  },
};

export default defineLesson({
  questions,
  id: '20-2-full-batch-gradient-descent',
  title: 'Full-batch gradient descent (UDL 20.2)',
  notebook: {
    collection: 'udlbook',
    file: '20_2_Full_Batch_Gradient_Descent.md',
    title: 'Notebook 20.2: Full Batch Gradient Descent',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap20/20_2_Full_Batch_Gradient_Descent.ipynb',
  },
  book: { section: '20.2.3', title: 'Stochastic training algorithms' },
  packages: ['@gradkit/nn', '@gradkit/optimizers', '@gradkit/losses', '@gradkit/datasets', '@gradkit/core'],
  summary:
    'Four ReLU networks of about 15 000 parameters and one to four hidden layers, trained on MNIST-1D by plain gradient descent on the whole training set: no minibatch noise, no momentum — and the training error still falls towards zero; the plot compares how fast each depth gets there (UDL figure 20.2).',
  goals: [
    'Build networks of one to four hidden layers with the same number of parameters',
    'Train them with full-batch gradient descent, without momentum or minibatch noise',
    'Compare how many epochs each depth needs to fit the training set',
  ],
  figures: ['full-batch-gd-errors'],
  exercises: [deepNetwork, width],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
