/**
 * Notebook 8.1: MNIST-1D Performance (UDL 8.1, figure 8.2a). Exercises: the TODO network (two
 * hidden layers of 100 ReLUs: its forward pass on given parameters) and its He initialization
 * (`kaiming_uniform_` weights, zero biases).
 */

import { linear, RandomState, tensor, zeros } from '@gradkit/core';
import { init, relu } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

/** Reference: the He-initialised weight `[fanOut, fanIn]` (PyTorch's `kaiming_uniform_`) and zero bias. */
function heInit(fanOut: number, fanIn: number, seed: number): { weight: number[][]; bias: number[] } {
  const w = init.kaimingUniform_(zeros([fanOut, fanIn], { dtype: 'float64' }), {
    rng: new RandomState(seed),
  });
  return { weight: w.toArray() as number[][], bias: new Array<number>(fanOut).fill(0) };
}

interface MlpParams {
  w1: number[][];
  b1: number[];
  w2: number[][];
  b2: number[];
  w3: number[][];
  b3: number[];
}

/** Reference: `Linear → ReLU → Linear → ReLU → Linear` on rows `x` (PyTorch layout: `x Wᵀ + b`). */
function mlpForward(x: number[][], p: MlpParams): number[][] {
  const h1 = relu(linear(tensor(x), tensor(p.w1), tensor(p.b1)));
  const h2 = relu(linear(h1, tensor(p.w2), tensor(p.b2)));
  return linear(h2, tensor(p.w3), tensor(p.b3)).toArray() as number[][];
}

function randomParams(rng: RandomState, dI: number, dK: number, dO: number): MlpParams {
  const m = (r: number, c: number) => rng.normal(0, 1 / Math.sqrt(c), [r, c]).toArray() as number[][];
  const v = (n: number) => rng.normal(0, 0.1, [n]).toList() as number[];
  return { w1: m(dK, dI), b1: v(dK), w2: m(dK, dK), b2: v(dK), w3: m(dO, dK), b3: v(dO) };
}

const network: Exercise = {
  id: 'model',
  title: 'Two hidden layers of ReLUs',
  prompt:
    "The notebook asks for `nn.Sequential(nn.Linear(D_i, D_k), nn.ReLU(), nn.Linear(D_k, D_k), nn.ReLU(), nn.Linear(D_k, D_o))`. Write its forward pass `model(x, params)`: `x` holds examples as rows `[N, D_i]`, `params` = `{ w1, b1, w2, b2, w3, b3 }` in PyTorch's layout (weights `[out, in]`, a layer computes `x Wᵀ + b`); return the `[N, D_o]` outputs (the logits that `CrossEntropyLoss` takes).",
  check: {
    export: 'model',
    cases: () => {
      const rng = new RandomState(81);
      const p = randomParams(rng, 40, 100, 10);
      const x = rng.standardNormal([5, 40]).toArray() as number[][];
      return [
        { name: 'the notebook sizes 40-100-100-10, five signals', args: [x, p], expected: mlpForward(x, p) },
      ];
    },
    property: {
      trials: 5,
      seed: 810,
      generate: (rng, t) => {
        const dI = 2 + rng.randint(0, 10);
        const dK = 1 + rng.randint(0, 12);
        const dO = 2 + rng.randint(0, 5);
        const n = 1 + rng.randint(0, 6);
        const p = randomParams(rng, dI, dK, dO);
        const x = rng.standardNormal([n, dI]).toArray() as number[][];
        return {
          name: `random network #${t + 1} (${dI}-${dK}-${dK}-${dO}, ${n} examples)`,
          args: [x, p],
          expected: mlpForward(x, p),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Three affine layers x Wᵀ + b with max(0, ·) after the first two (not after the last: the loss applies the softmax).',
  },
};

const heInitialization: Exercise = {
  id: 'weights-init',
  title: 'He initialization',
  prompt:
    "Write `weightsInit(fanOut, fanIn, seed)` returning `{ weight, bias }` for one `nn.Linear(fanIn, fanOut)` as PyTorch's `kaiming_uniform_` fills it (UDL section 7.5, He initialization for ReLU networks): weights uniform in `[−b, b]` with `b = gain · √(3 / fanIn)` and the ReLU gain `√2`, drawn as `new RandomState(seed).uniform(-b, b, [fanOut, fanIn])`; the bias all zeros (`layer_in.bias.data.fill_(0.0)`).",
  check: {
    export: 'weightsInit',
    cases: () => [
      { name: 'the first layer, Linear(40, 100), seed 1', args: [100, 40, 1], expected: heInit(100, 40, 1) },
      { name: 'the last layer, Linear(100, 10), seed 2', args: [10, 100, 2], expected: heInit(10, 100, 2) },
    ],
    property: {
      trials: 5,
      seed: 811,
      generate: (rng, t) => {
        const fanOut = 1 + rng.randint(0, 20);
        const fanIn = 1 + rng.randint(0, 50);
        const seed = rng.randint(0, 100000);
        return {
          name: `random layer #${t + 1} (Linear(${fanIn}, ${fanOut}), seed ${seed})`,
          args: [fanOut, fanIn, seed],
          expected: heInit(fanOut, fanIn, seed),
        };
      },
    },
    rtol: 1e-12,
    atol: 1e-15,
    hint: 'The variance of U(−b, b) is b²/3; He initialization wants 2 / fanIn, so b = √(6 / fanIn).',
    reference: { '@gradkit/nn': ['init', 'kaimingUniform', 'kaimingUniform_'] },
  },
};

export default defineLesson({
  questions,
  id: '8-1-mnist-1d-performance',
  title: 'MNIST-1D performance (UDL 8.1)',
  notebook: {
    collection: 'udlbook',
    file: '8_1_MNIST_1D_Performance.md',
    title: 'Notebook 8.1: MNIST_1D_Performance',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap08/8_1_MNIST_1D_Performance.ipynb',
  },
  book: { section: '8.1', title: 'Training a simple model' },
  packages: ['@gradkit/datasets', '@gradkit/nn', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Train a two-hidden-layer ReLU network on MNIST-1D for 50 epochs (SGD with momentum, halving the learning rate every 10) and watch the training error reach zero while the test error stalls (UDL figure 8.2a); the pipeline of CM20315 Coursework II.',
  goals: [
    'Define the network and its He initialization',
    'Train it with SGD, momentum and a step schedule',
    'Compare training and test error and loss over the epochs',
  ],
  figures: ['mnist1d-performance-error', 'mnist1d-performance-loss'],
  exercises: [network, heInitialization],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
