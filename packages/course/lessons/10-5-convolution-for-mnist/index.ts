/**
 * Notebook 10.5: Convolution for MNIST (UDL 10.5; MNIST is figure 15.15a's data set). The notebook
 * trains a minimal 2-D convolutional network on MNIST and asks (TODO) for the classic larger one.
 * Exercises: that TODO network's forward pass (valid conv k5 1→10, max pool, ReLU, valid conv k5
 * 10→20, 2-D dropout, max pool, ReLU, flatten, linear to 50, ReLU, linear to 10, log-softmax) on
 * given parameters, and the size of its flattened features ("find out using .shape").
 */
import { mnistConvNet } from '@gradkit/conv';
import { noGrad, RandomState, tensor, zeros } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

/** The TODO network's parameters, PyTorch's layouts (conv `[O, C, 5, 5]`, linear `[out, in]`). */
interface ConvNetParams {
  conv1Weight: number[][][][];
  conv1Bias: number[];
  conv2Weight: number[][][][];
  conv2Bias: number[];
  fc1Weight: number[][];
  fc1Bias: number[];
  fc2Weight: number[][];
  fc2Bias: number[];
}

/** Reference: `mnistConvNet` of @gradkit/conv in float64, eval mode (Dropout2d is the identity), on `params`. */
function convNetForward(x: number[][][][], p: ConvNetParams): number[][] {
  const net = mnistConvNet({ dtype: 'float64' }).eval();
  const byName: Record<string, unknown> = {
    '0.weight': p.conv1Weight,
    '0.bias': p.conv1Bias,
    '3.weight': p.conv2Weight,
    '3.bias': p.conv2Bias,
    '8.weight': p.fc1Weight,
    '8.bias': p.fc1Bias,
    '10.weight': p.fc2Weight,
    '10.bias': p.fc2Bias,
  };
  for (const [name, param] of net.namedParameters()) {
    const v = tensor(byName[name] as number[], { dtype: 'float64' });
    param.data.set(v.data);
  }
  return noGrad(() => net.call(tensor(x, { dtype: 'float64' }))).toArray() as number[][];
}

function randomParams(rng: RandomState): ConvNetParams {
  const u = (shape: number[], fanIn: number) => {
    const b = 1 / Math.sqrt(fanIn);
    return rng.uniform(-b, b, shape).toArray();
  };
  return {
    conv1Weight: u([10, 1, 5, 5], 25) as number[][][][],
    conv1Bias: u([10], 25) as number[],
    conv2Weight: u([20, 10, 5, 5], 250) as number[][][][],
    conv2Bias: u([20], 250) as number[],
    fc1Weight: u([50, 320], 320) as number[][],
    fc1Bias: u([50], 320) as number[],
    fc2Weight: u([10, 50], 50) as number[][],
    fc2Bias: u([10], 50) as number[],
  };
}

/** `n` random 28×28 "images" `[n, 1, 28, 28]`: uniform pixels in [0, 1], normalized as the notebook. */
function randomImages(rng: RandomState, n: number): number[][][][] {
  return rng.uniform(0, 1, [n, 1, 28, 28]).sub(0.1307).div(0.3081).toArray() as number[][][][];
}

/** The `net` exercise (graded in this lesson and in the CM20315 `convolution-iii` lesson). */
export const netExercise: Exercise = {
  id: 'net',
  title: 'The classic MNIST network',
  prompt:
    "The notebook asks you to replace its minimal `Net` with: (1) a valid convolution, kernel 5, 1 → 10 channels; (2) 2×2 max pooling; (3) ReLU; (4) a valid convolution, kernel 5, 10 → 20 channels; (5) `Dropout2d`; (6) 2×2 max pooling; (7) ReLU; (8) flatten; (9) a linear layer to 50; (10) ReLU; (11) a linear layer 50 → 10; (12) log-softmax. Write its forward pass in evaluation mode (dropout is then the identity) as `net(x, params)`: `x` holds images `[N, 1, 28, 28]`, `params` = `{ conv1Weight [10, 1, 5, 5], conv1Bias [10], conv2Weight [20, 10, 5, 5], conv2Bias [20], fc1Weight [50, 320], fc1Bias [50], fc2Weight [10, 50], fc2Bias [10] }` in PyTorch's layouts (a convolution is a cross-correlation, `y[o, i, j] = b[o] + Σ_c Σ_m Σ_n w[o, c, m, n] x[c, i + m, j + n]`; a linear layer computes `x Wᵀ + b`); return the `[N, 10]` log-probabilities.",
  check: {
    export: 'net',
    cases: () => {
      const rng = new RandomState(105);
      const p = randomParams(rng);
      const x = randomImages(rng, 2);
      return [
        {
          name: 'two 28×28 images, PyTorch-initialised weights',
          args: [x, p],
          expected: convNetForward(x, p),
        },
      ];
    },
    property: {
      trials: 4,
      seed: 1050,
      generate: (rng, t) => {
        const n = 1 + rng.randint(0, 3);
        const p = randomParams(rng);
        const x = randomImages(rng, n);
        return {
          name: `random network #${t + 1} (${n} image${n > 1 ? 's' : ''})`,
          args: [x, p],
          expected: convNetForward(x, p),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Sizes: 28 → 24 (conv 5) → 12 (pool) → 8 (conv 5) → 4 (pool), so flatten gives 20 · 4 · 4 = 320 features. The log-softmax of a row z is z − max(z) − log Σ exp(z − max(z)).',
    reference: { '@gradkit/conv': ['mnistConvNet'] },
  },
};

/** Reference: the features `flatten` receives in the TODO network for an `height × width` image, read off the shape. */
function flattenedSize(height: number, width: number): number {
  const net = mnistConvNet({ dtype: 'float64' }).eval();
  let h = zeros([1, 1, height, width], { dtype: 'float64' });
  noGrad(() => {
    for (let i = 0; i < 7; i++) h = net.get(i).call(h); // up to the flatten
  });
  return h.size;
}

/** The `flattened-size` exercise (graded in this lesson and in the CM20315 `convolution-iii` lesson). */
export const flattenedSizeExercise: Exercise = {
  id: 'flattened-size',
  title: 'The size of the flattened features',
  prompt:
    'Step 9 of the TODO says "a fully connected layer mapping from (whatever dimensions we are at — find out using .shape) to 50". Write `flattenedSize(height, width)`: the number of features the flatten step produces for one `height × width` grayscale image in the TODO network (valid 5×5 convolution to 10 channels, 2×2 max pooling, valid 5×5 convolution to 20 channels, 2×2 max pooling; pooling drops an odd last row or column, as PyTorch\'s `max_pool2d`). For MNIST\'s 28 × 28 it is the `in_features` of `fc1`.',
  check: {
    export: 'flattenedSize',
    cases: () => [
      { name: "MNIST's 28 × 28", args: [28, 28], expected: flattenedSize(28, 28) },
      { name: 'a 32 × 40 image', args: [32, 40], expected: flattenedSize(32, 40) },
    ],
    property: {
      trials: 6,
      seed: 1051,
      generate: (rng, t) => {
        const h = 14 + rng.randint(0, 40);
        const w = 14 + rng.randint(0, 40);
        return { name: `random image #${t + 1} (${h} × ${w})`, args: [h, w], expected: flattenedSize(h, w) };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'A valid k×k convolution takes H to H − k + 1; 2×2 max pooling takes H to ⌊H / 2⌋. Multiply the final height and width by the 20 channels.',
    reference: { '@gradkit/conv': ['mnistConvNet'] },
  },
};

export default defineLesson({
  questions,
  id: '10-5-convolution-for-mnist',
  title: 'Convolution for MNIST (UDL 10.5)',
  notebook: {
    collection: 'udlbook',
    file: '10_5_Convolution_For_MNIST.md',
    title: 'Notebook 10.5: Convolution for MNIST',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap10/10_5_Convolution_For_MNIST.ipynb',
  },
  book: { section: '10.5', title: 'Applications of 2D convolutional networks' },
  packages: ['@gradkit/conv', '@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    "Train the notebook's minimal 2-D convolutional network (conv 3×3 to 2 channels, 2-D dropout, max pooling, ReLU, one linear layer, log-softmax) on handwritten MNIST digits with SGD for three epochs, printing the training loss every 10 batches and the test loss and accuracy after every epoch; then build the classic two-convolution MNIST network the TODO asks for.",
  goals: [
    'Follow the image sizes through valid convolution and max pooling',
    'Use 2-D dropout, log-softmax and the negative log-likelihood loss',
    'Train a CNN with SGD and read its test loss and accuracy per epoch',
    'Write the classic MNIST network (TODO) and size its first linear layer',
  ],
  figures: ['convolution-for-mnist-channel-1', 'convolution-for-mnist-channel-2'],
  exercises: [netExercise, flattenedSizeExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
