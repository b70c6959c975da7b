/**
 * Notebook 10.2, Convolution for MNIST-1D (UDL 10.2, figures 10.7 and 10.8a). Exercise: the
 * notebook's TODO, the network of figure 10.7 (three strided convolutions with ReLUs, flatten, a
 * linear layer), written as its forward pass and checked against `@gradkit/conv`'s
 * `mnist1dConvNet` with the same weights.
 */
import { mnist1dConvNet } from '@gradkit/conv';
import { noGrad, RandomState, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

/** The TODO network's parameters, PyTorch's layouts (conv `[out, in, 3]`, linear `[out, in]`). */
interface ConvNet1dParams {
  conv1Weight: number[][][];
  conv1Bias: number[];
  conv2Weight: number[][][];
  conv2Bias: number[];
  conv3Weight: number[][][];
  conv3Bias: number[];
  linearWeight: number[][];
  linearBias: number[];
}

/** Reference: `mnist1dConvNet` of @gradkit/conv in float64 with `params`, on the signals `x` `[N, 40]` given a channel axis. */
function convNetForward(x: number[][], p: ConvNet1dParams): number[][] {
  const net = mnist1dConvNet({ dtype: 'float64' });
  const byName: Record<string, unknown> = {
    '0.weight': p.conv1Weight,
    '0.bias': p.conv1Bias,
    '2.weight': p.conv2Weight,
    '2.bias': p.conv2Bias,
    '4.weight': p.conv3Weight,
    '4.bias': p.conv3Bias,
    '7.weight': p.linearWeight,
    '7.bias': p.linearBias,
  };
  for (const [name, param] of net.namedParameters()) {
    const v = tensor(byName[name] as number[], { dtype: 'float64' });
    param.data.set(v.data);
  }
  const input = tensor(
    x.map((row) => [row]),
    { dtype: 'float64' },
  ); // x_batch[:, None, :]
  return noGrad(() => net.call(input)).toArray() as number[][];
}

/** Parameters drawn as PyTorch's default init draws them: uniform in ±1/√fan_in. */
function randomParams(rng: RandomState): ConvNet1dParams {
  const u = (shape: number[], fanIn: number) => {
    const b = 1 / Math.sqrt(fanIn);
    return rng.uniform(-b, b, shape).toArray();
  };
  return {
    conv1Weight: u([15, 1, 3], 3) as number[][][],
    conv1Bias: u([15], 3) as number[],
    conv2Weight: u([15, 15, 3], 45) as number[][][],
    conv2Bias: u([15], 45) as number[],
    conv3Weight: u([15, 15, 3], 45) as number[][][],
    conv3Bias: u([15], 45) as number[],
    linearWeight: u([10, 60], 60) as number[][],
    linearBias: u([10], 60) as number[],
  };
}

const network: Exercise = {
  id: 'model',
  title: 'The network of figure 10.7',
  prompt:
    "The notebook's TODO replaces its fully connected model with: (1) a convolution, 1 → 15 channels, kernel 3, stride 2, 'valid' (length 40 → 19); (2) ReLU; (3) a convolution, 15 → 15 channels, kernel 3, stride 2 (19 → 9); (4) ReLU; (5) a convolution, 15 → 15, kernel 3, stride 2 (9 → 4); (6) ReLU; (7) flatten the 15 × 4 features to 60, channel by channel (feature `4·c + i` is channel c at position i); (8) a linear layer 60 → 10. Write its forward pass `model(x, params)`: `x` holds signals `[N, 40]` (one input channel), `params` = `{ conv1Weight [15, 1, 3], conv1Bias [15], conv2Weight [15, 15, 3], conv2Bias [15], conv3Weight [15, 15, 3], conv3Bias [15], linearWeight [10, 60], linearBias [10] }` in PyTorch's layouts (a convolution is a cross-correlation, `y[o][i] = b[o] + Σ_c Σ_k w[o][c][k] · h[c][2i + k]`; a linear layer computes `x Wᵀ + b`). Return the `[N, 10]` scores (logits).",
  check: {
    export: 'model',
    cases: () => {
      const rng = new RandomState(102);
      const p = randomParams(rng);
      const x = rng.normal(0, 1, [3, 40]).toArray() as number[][];
      return [
        { name: 'three signals, PyTorch-initialised weights', args: [x, p], expected: convNetForward(x, p) },
      ];
    },
    property: {
      trials: 4,
      seed: 1020,
      generate: (rng, t) => {
        const n = 1 + rng.randint(0, 4);
        const p = randomParams(rng);
        const x = rng.normal(0, 1, [n, 40]).toArray() as number[][];
        return {
          name: `random network #${t + 1} (${n} signal${n > 1 ? 's' : ''})`,
          args: [x, p],
          expected: convNetForward(x, p),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: "Sizes: 40 → 19 → 9 → 4, since a 'valid' kernel-3 stride-2 convolution takes L to ⌊(L − 3) / 2⌋ + 1. Apply the ReLU after each convolution, not after the linear layer.",
    reference: {
      '@gradkit/conv': ['mnist1dConvNet', 'conv1d', 'conv1dRelu', 'conv1dReference', 'Conv1d', 'ConvReLU1d'],
    },
  },
};

export default defineLesson({
  questions,
  id: '10-2-convolution-for-mnist-1d',
  title: 'Convolution for MNIST-1D (UDL 10.2)',
  notebook: {
    collection: 'udlbook',
    file: '10_2_Convolution_for_MNIST_1D.md',
    title: 'Notebook 10.2: Convolution for MNIST-1D',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap10/10_2_Convolution_for_MNIST_1D.ipynb',
  },
  book: { section: '10.2', title: 'Convolutional networks for 1D inputs' },
  packages: ['@gradkit/conv', '@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'The 1-D convolutional network of figure 10.7 (three strided convolutions of 15 channels with ReLUs, then one linear layer) trained on MNIST-1D for 100 epochs with SGD and a step schedule: about 2 000 parameters, and a lower test error than the fully connected network of notebook 8.1 (figure 10.8a).',
  goals: [
    'Follow the lengths through strided convolutions (40 → 19 → 9 → 4)',
    'Build the figure 10.7 network (TODO)',
    'Train it and compare its errors with the fully connected network',
  ],
  figures: ['convolution-for-mnist-1d-errors'],
  exercises: [network],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
