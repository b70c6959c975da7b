/**
 * Notebook 11.3: Batch normalization (UDL 11.4, figure 11.6). Exercises: batch normalization of a
 * batch of hidden units (the operation `nn.BatchNorm1d` performs in training mode), and the TODO —
 * the residual network with a batch norm at the start of every residual branch, returning its
 * outputs and the variances the notebook prints.
 */

import { add, linear, mean, RandomState, type Tensor, tensor, variance } from '@gradkit/core';
import { batchNorm as libBatchNorm, relu } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

/** The parameters of the exercises' residual network, PyTorch's layout (weights `[out, in]`). */
interface ResidualParams {
  /** The seven `Linear` weights: `[hidden, in]`, five `[hidden, hidden]`, `[out, hidden]`. */
  weights: number[][][];
  /** Their biases. */
  biases: number[][];
  /** γ of the five batch norms (`bn_k.weight`, `[hidden]`). */
  gamma: number[][];
  /** δ of the five batch norms (`bn_k.bias`, `[hidden]`). */
  beta: number[][];
}

const EPS = 1e-5;

/** Reference: training-mode batch norm of the rows of `h` (the library's `batchNorm`). */
function batchNormRef(h: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  return libBatchNorm(tensor(h), null, null, {
    training: true,
    weight: tensor(gamma),
    bias: tensor(beta),
    eps,
  }).toArray() as number[][];
}

/** `np.mean(np.var(h, axis=0))`. */
const neuronVar = (h: Tensor) => mean(variance(h, { axis: 0 })).item();

/** Reference: the residual network with batch norm, its outputs and the seven printed variances. */
function residualBnRef(x: number[][], p: ResidualParams): { output: number[][]; variances: number[] } {
  const lin = (h: Tensor, k: number) => linear(h, tensor(p.weights[k]!), tensor(p.biases[k]!));
  const x0 = tensor(x);
  let res = lin(x0, 0);
  const variances = [neuronVar(x0), neuronVar(res)];
  for (let k = 1; k <= 5; k++) {
    const hn = libBatchNorm(res, null, null, {
      training: true,
      weight: tensor(p.gamma[k - 1]!),
      bias: tensor(p.beta[k - 1]!),
      eps: EPS,
    });
    res = add(res, lin(relu(hn), k));
    variances.push(neuronVar(res));
  }
  return { output: lin(res, 6).toArray() as number[][], variances };
}

/** He-uniform weights, small random biases, γ near 1 and δ near 0 (or PyTorch's initial ones/zeros). */
function randomParams(
  rng: RandomState,
  dI: number,
  dK: number,
  dO: number,
  initialBn: boolean,
): ResidualParams {
  const sizes: [number, number][] = [
    [dK, dI],
    [dK, dK],
    [dK, dK],
    [dK, dK],
    [dK, dK],
    [dK, dK],
    [dO, dK],
  ];
  const weights = sizes.map(([o, i]) => {
    const b = Math.sqrt(6 / i);
    return rng.uniform(-b, b, [o, i]).toArray() as number[][];
  });
  const biases = sizes.map(([o]) => rng.normal(0, 0.1, [o]).toList() as number[]);
  const gamma = [0, 1, 2, 3, 4].map(() =>
    initialBn ? new Array<number>(dK).fill(1) : (rng.uniform(0.5, 1.5, [dK]).toList() as number[]),
  );
  const beta = [0, 1, 2, 3, 4].map(() =>
    initialBn ? new Array<number>(dK).fill(0) : (rng.normal(0, 0.2, [dK]).toList() as number[]),
  );
  return { weights, biases, gamma, beta };
}

/** A batch of signals: rows drawn with a spread and offset per column, like MNIST-1D's. */
function randomBatch(rng: RandomState, n: number, d: number): number[][] {
  return rng.normal(0.2, 1.1, [n, d]).toArray() as number[][];
}

const batchNormExercise: Exercise = {
  id: 'batch-norm',
  title: 'Batch normalization of a batch of hidden units',
  prompt:
    'Write `batchNorm(h, gamma, beta, eps)`, what `nn.BatchNorm1d` computes in training mode (UDL section 11.4): `h` holds a batch as rows `[N, D]` (one column per hidden unit). For every column compute the batch mean `m` and the biased variance `s²` (dividing by `N`), normalize `(h − m) / √(s² + eps)` and then scale and shift, `gamma[d] · ĥ + beta[d]`. Return the `[N, D]` result.',
  check: {
    export: 'batchNorm',
    cases: () => {
      const rng = new RandomState(113);
      const h = randomBatch(rng, 200, 100).map((r) => r.map((v) => 1.4 * v - 0.3));
      const ones = new Array<number>(100).fill(1);
      const zeros = new Array<number>(100).fill(0);
      const g = rng.uniform(0.5, 2, [100]).toList() as number[];
      const b = rng.normal(0, 1, [100]).toList() as number[];
      return [
        {
          name: "a batch of 200 hidden vectors of 100 units, PyTorch's initial γ = 1, δ = 0",
          args: [h, ones, zeros, EPS],
          expected: batchNormRef(h, ones, zeros, EPS),
        },
        {
          name: 'the same batch with a learned scale γ and shift δ',
          args: [h, g, b, EPS],
          expected: batchNormRef(h, g, b, EPS),
        },
        {
          name: 'two examples, eps 0.1',
          args: [
            [
              [1, 2],
              [3, 6],
            ],
            [1, 2],
            [0, -1],
            0.1,
          ],
          expected: batchNormRef(
            [
              [1, 2],
              [3, 6],
            ],
            [1, 2],
            [0, -1],
            0.1,
          ),
        },
      ];
    },
    property: {
      trials: 6,
      seed: 1131,
      generate: (rng, t) => {
        const n = 2 + rng.randint(0, 30);
        const d = 1 + rng.randint(0, 12);
        const scale = 10 ** rng.uniform(-1, 1);
        const h = (rng.normal(0, 1, [n, d]).toArray() as number[][]).map((r) => r.map((v) => scale * v + 3));
        const g = rng.uniform(-2, 2, [d]).toList() as number[];
        const b = rng.normal(0, 1, [d]).toList() as number[];
        const eps = [1e-5, 1e-3, 0.5][t % 3]!;
        return {
          name: `random batch #${t + 1} (${n} × ${d}, eps ${eps})`,
          args: [h, g, b, eps],
          expected: batchNormRef(h, g, b, eps),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-10,
    hint: 'Statistics per column (over the batch, axis 0), the variance divided by N (not N − 1), and ε inside the square root: (h − m) / √(s² + ε), then γ · ĥ + δ.',
    reference: { '@gradkit/nn': ['batchNorm', 'BatchNorm1d', 'BatchNorm2d', 'BatchNorm'] },
  },
};

const residualExercise: Exercise = {
  id: 'residual-network-with-batch-norm',
  title: 'Batch norm before each residual branch (the TODO)',
  prompt:
    "The notebook's TODO: adapt `ResidualNetwork` so that each residual branch starts with a batch norm (UDL figure 11.6c; `nn.BatchNorm1d(hidden)` in training mode, eps 1e-5). Write `residualNetworkWithBatchNorm(x, params)`: `x` is a batch `[N, D_i]` as rows, `params = { weights, biases, gamma, beta }` holds the seven `Linear` layers in PyTorch's layout (weight `[out, in]`, a layer computes `x Wᵀ + b`) and the five batch norms' γ and δ. Compute `f = linear1(x)`, then for k = 1..5 `res_k = res_{k−1} + linear_{k+1}(ReLU(bn_k(res_{k−1})))` with `res_0 = f`, and the output `linear7(res_5)`. Return `{ output, variances }`: the `[N, D_o]` output and the seven numbers `print_variance` prints — `np.mean(np.var(h, axis=0))` (the variance over the batch of each unit, divided by N, averaged over the units) of the input, of `f` and of `res_1`..`res_5`.",
  check: {
    export: 'residualNetworkWithBatchNorm',
    cases: () => {
      const rng = new RandomState(1130);
      const x = randomBatch(rng, 200, 40);
      const p0 = randomParams(rng, 40, 100, 10, true);
      const p1 = randomParams(rng, 40, 100, 10, false);
      return [
        {
          name: "the notebook's sizes (40 → 100 → 10, a batch of 200), He weights, PyTorch's initial batch norms",
          args: [x, p0],
          expected: residualBnRef(x, p0),
        },
        {
          name: 'the same sizes with learned γ and δ',
          args: [x, p1],
          expected: residualBnRef(x, p1),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 1132,
      generate: (rng, t) => {
        const dI = 2 + rng.randint(0, 10);
        const dK = 1 + rng.randint(0, 12);
        const dO = 2 + rng.randint(0, 5);
        const n = 2 + rng.randint(0, 20);
        const p = randomParams(rng, dI, dK, dO, t % 2 === 0);
        const x = randomBatch(rng, n, dI);
        return {
          name: `random network #${t + 1} (${dI} → ${dK} → ${dO}, batch of ${n})`,
          args: [x, p],
          expected: residualBnRef(x, p),
        };
      },
    },
    // float32 BatchNorm1d layers (PyTorch's default dtype) pass too
    rtol: 1e-5,
    atol: 1e-5,
    hint: 'The batch norm goes on the branch, not on the skip connection: res + linear(relu(bn(res))). Batch statistics per unit (axis 0), biased variance, ε = 1e-5 inside the square root.',
  },
};

export default defineLesson({
  questions,
  id: '11-3-batch-normalization',
  title: 'Batch normalization (UDL 11.3)',
  notebook: {
    collection: 'udlbook',
    file: '11_3_Batch_Normalization.md',
    title: 'Notebook 11.3: Batch normalization',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap11/11_3_Batch_Normalization.ipynb',
  },
  book: { section: '11.4', title: 'Batch normalization' },
  packages: ['@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Print the variance of the hidden units through a residual network on MNIST-1D at He initialization: it roughly doubles at every residual connection (UDL figure 11.6b); with a BatchNorm1d at the start of every residual branch it grows only linearly (figure 11.6c).',
  goals: [
    'Measure the variance of the activations through a residual network at initialization',
    'See why it grows exponentially with the number of residual branches',
    'Add batch normalization to every residual branch and watch the growth become linear',
  ],
  figures: ['batch-normalization-variance'],
  exercises: [batchNormExercise, residualExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
