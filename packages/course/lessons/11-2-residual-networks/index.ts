/**
 * Notebook 11.2: Residual Networks (UDL 11.2, figure 11.5b). Exercises: the TODO's residual block
 * (ReLU, then a linear layer, added to its input) and the whole forward pass of the notebook's
 * `ResidualNetwork` (linear1, two residual blocks, linear4).
 */
import { linear, RandomState, type Tensor, tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

interface LayerParams {
  weight: number[][];
  bias: number[];
}
interface NetworkParams {
  linear1: LayerParams;
  linear2: LayerParams;
  linear3: LayerParams;
  linear4: LayerParams;
}

const lin = (x: Tensor, p: LayerParams) => linear(x, tensor(p.weight), tensor(p.bias));

/** Reference: figure 11.5b's residual block, `h + linear(ReLU(h))` on rows (PyTorch layout). */
function blockRef(h: number[][], p: LayerParams): number[][] {
  const t = tensor(h);
  return t.add(lin(relu(t), p)).toArray() as number[][];
}

/** Reference: the notebook's residual network on rows `x`. */
function networkRef(x: number[][], p: NetworkParams): number[][] {
  const h1 = lin(tensor(x), p.linear1);
  const h2 = h1.add(lin(relu(h1), p.linear2));
  const h3 = h2.add(lin(relu(h2), p.linear3));
  return lin(h3, p.linear4).toArray() as number[][];
}

function layer(rng: RandomState, fanOut: number, fanIn: number): LayerParams {
  return {
    weight: rng.normal(0, 1 / Math.sqrt(fanIn), [fanOut, fanIn]).toArray() as number[][],
    bias: rng.normal(0, 0.1, [fanOut]).toList() as number[],
  };
}

function randomNetwork(rng: RandomState, dI: number, dH: number, dO: number): NetworkParams {
  return {
    linear1: layer(rng, dH, dI),
    linear2: layer(rng, dH, dH),
    linear3: layer(rng, dH, dH),
    linear4: layer(rng, dO, dH),
  };
}

const rows = (rng: RandomState, n: number, d: number) => rng.standardNormal([n, d]).toArray() as number[][];

const blockExercise: Exercise = {
  id: 'residual-block',
  title: 'A residual block',
  prompt:
    'Figure 11.5b orders each residual block as ReLU, then a linear layer, and adds the result to the block’s input: `h_out = h + linear(ReLU(h))`. Write `residualBlock(h, layer)`: `h` holds examples as rows `[N, D]`, `layer` = `{ weight, bias }` of an `nn.Linear(D, D)` in PyTorch’s layout (`weight` `[D][D]`, the layer computes `x Wᵀ + b`); return `[N, D]`.',
  check: {
    export: 'residualBlock',
    cases: () => {
      const rng = new RandomState(112);
      const p = layer(rng, 100, 100);
      const h = rows(rng, 4, 100);
      return [
        { name: 'the notebook’s width, 100 units, four examples', args: [h, p], expected: blockRef(h, p) },
      ];
    },
    property: {
      trials: 5,
      seed: 1120,
      generate: (rng, t) => {
        const d = 1 + rng.randint(0, 12);
        const n = 1 + rng.randint(0, 6);
        const p = layer(rng, d, d);
        const h = rows(rng, n, d);
        return {
          name: `random block #${t + 1} (${d} units, ${n} examples)`,
          args: [h, p],
          expected: blockRef(h, p),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'The ReLU acts on the block’s input before the linear layer, and the input itself (not its ReLU) is added back: h + (ReLU(h) Wᵀ + b).',
  },
};

const networkExercise: Exercise = {
  id: 'residual-network',
  title: 'The residual network’s forward pass',
  prompt:
    'The notebook’s TODO: add residual connections to `ResidualNetwork.forward`, in the order of figure 11.5b — `linear1` first, then a residual block of ReLU + `linear2`, another of ReLU + `linear3`, and `linear4` at the end: `h1 = linear1(x)`, `h2 = h1 + linear2(ReLU(h1))`, `h3 = h2 + linear3(ReLU(h2))`, `y = linear4(h3)`. Write `residualNetwork(x, params)`: `x` `[N, D_i]` rows, `params` = `{ linear1, linear2, linear3, linear4 }`, each `{ weight, bias }` in PyTorch’s layout; return the `[N, D_o]` outputs (logits).',
  check: {
    export: 'residualNetwork',
    cases: () => {
      const rng = new RandomState(1121);
      const p = randomNetwork(rng, 40, 100, 10);
      const x = rows(rng, 5, 40);
      return [
        {
          name: 'the notebook sizes 40-100-100-100-10, five signals',
          args: [x, p],
          expected: networkRef(x, p),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 1122,
      generate: (rng, t) => {
        const dI = 1 + rng.randint(0, 10);
        const dH = 1 + rng.randint(0, 12);
        const dO = 1 + rng.randint(0, 5);
        const n = 1 + rng.randint(0, 6);
        const p = randomNetwork(rng, dI, dH, dO);
        const x = rows(rng, n, dI);
        return {
          name: `random network #${t + 1} (${dI}-${dH}-${dH}-${dH}-${dO}, ${n} examples)`,
          args: [x, p],
          expected: networkRef(x, p),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'No ReLU after linear1 and none before linear4: each ReLU sits inside a residual block, on the branch, and the skip connection carries h unchanged.',
  },
};

export default defineLesson({
  questions,
  id: '11-2-residual-networks',
  title: 'Residual networks (UDL 11.2)',
  notebook: {
    collection: 'udlbook',
    file: '11_2_Residual_Networks.md',
    title: 'Notebook 11.2: Residual Networks',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap11/11_2_Residual_Networks.ipynb',
  },
  book: { section: '11.2', title: 'Residual connections and residual blocks' },
  packages: ['@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Rewrite the MNIST-1D network of Notebook 8.1 as a Module with skip connections (two residual blocks of ReLU + linear, UDL figure 11.5b), train it for 100 epochs with SGD, momentum and a step schedule, and compare it with the same network without the residual connections.',
  goals: [
    'Write a network that is not a Sequential as a Module with named layers',
    'Add residual connections in the order of figure 11.5b',
    'Compare training with and without the residual connections',
  ],
  figures: ['residual-networks-error', 'residual-networks-comparison'],
  exercises: [blockExercise, networkExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
