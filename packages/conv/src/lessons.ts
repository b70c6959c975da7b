/**
 * The lessons `@gradkit/conv` serves (Convolution I and II), as data: goals, figures and graded
 * exercises whose reference values come from this package. Types and the checker are in
 * `@gradkit/core` (`Lesson`, `Exercise`, `checkExercise`).
 */
import { type Exercise, type Lesson, starterFile, tensor } from '@gradkit/core';
import { convOutSize } from './params.js';
import { convNumpy1 } from './reference.js';

function convRef(image: number[][], weights: number[][], pad: number): number[][] {
  const r = convNumpy1(tensor([[image]]), tensor([[weights]]), pad).toArray() as number[][][][];
  return r[0]![0]!;
}

const convLoopsExercise: Exercise = {
  id: 'conv-loops',
  title: 'The convolution loops',
  prompt:
    'Write `conv2d(image, weights, pad)` for one channel, stride 1: zero-pad the image by `pad` on every side, then `out[y][x] = Σ_{i,j} image[y + i][x + j] · weights[i][j]` (Convolution I, `conv_numpy_1`; this is PyTorch’s cross-correlation). The output is `(H + 2·pad − kH + 1) × (W + 2·pad − kW + 1)`.',
  starter: starterFile(
    'convolution-i',
    `/** 2-D cross-correlation of one channel, stride 1, zero padding \`pad\`. */
export function conv2d(image: number[][], weights: number[][], pad: number): number[][] {
  throw new Error('TODO: retrieve the image pixel and the weight, and accumulate');
}`,
  ),
  check: {
    export: 'conv2d',
    cases: () => {
      const image = [
        [1, 2, 3, 0],
        [0, 1, 2, 3],
        [3, 0, 1, 2],
        [2, 3, 0, 1],
      ];
      const w = [
        [1, 0, -1],
        [2, 0, -2],
        [1, 0, -1],
      ];
      return [
        { name: '4×4 image, 3×3 Sobel kernel, pad 1', args: [image, w, 1], expected: convRef(image, w, 1) },
        { name: 'same, pad 0', args: [image, w, 0], expected: convRef(image, w, 0) },
      ];
    },
    property: {
      trials: 6,
      seed: 10,
      generate: (rng, t) => {
        const h = 3 + t;
        const wd = 4 + (t % 3);
        const k = 1 + (t % 3);
        const image = rng.randn(h, wd).toArray() as number[][];
        const w = rng.randn(k, k).toArray() as number[][];
        const pad = t % 2;
        return {
          name: `${h}×${wd} image, ${k}×${k} kernel, pad ${pad}`,
          args: [image, w, pad],
          expected: convRef(image, w, pad),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'No kernel flip: the pixel for kernel position (i, j) is padded[y + i][x + j]. Check the output size first.',
  },
};

const outSizeExercise: Exercise = {
  id: 'output-size',
  title: 'The output size of a convolution',
  prompt:
    'Write `convOutputSize(size, padding, dilation, kernel, stride)` = `floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1` (PyTorch’s `Conv2d` shape rule, used to design the network of Convolution II).',
  starter: starterFile(
    'convolution-ii',
    `/** Output length along one dimension. */
export function convOutputSize(size: number, padding: number, dilation: number, kernel: number, stride: number): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'convOutputSize',
    cases: () => [
      { name: 'MNIST 28, k 3, pad 1', args: [28, 1, 1, 3, 1], expected: convOutSize(28, 1, 1, 1, 3, 1) },
      { name: 'MNIST 28, k 5, no pad', args: [28, 0, 1, 5, 1], expected: convOutSize(28, 0, 0, 1, 5, 1) },
      {
        name: 'MNIST-1D 40, k 3, stride 2',
        args: [40, 1, 1, 3, 2],
        expected: convOutSize(40, 1, 1, 1, 3, 2),
      },
    ],
    property: {
      trials: 10,
      seed: 13,
      generate: (rng) => {
        const [size, pad, dil, k, stride] = [
          rng.randint(8, 64),
          rng.randint(0, 3),
          rng.randint(1, 3),
          rng.randint(1, 6),
          rng.randint(1, 4),
        ];
        return {
          name: `size ${size} pad ${pad} dil ${dil} k ${k} stride ${stride}`,
          args: [size, pad, dil, k, stride],
          expected: convOutSize(size, pad, pad, dil, k, stride),
        };
      },
    },
    hint: 'Round down after dividing by the stride (Math.floor), then add 1.',
  },
};

/** The lessons served by `@gradkit/conv`, in course order. */
export const convLessons: Lesson[] = [
  {
    id: 'convolution-i',
    title: 'Convolution I: the convolution loops',
    package: '@gradkit/conv',
    seed: 'udl-cm20315-convolution_i.md',
    summary:
      'Convolution written as explicit loops over output pixels and kernel positions, then with stride, several channels and a batch, checked against PyTorch (UDL 10.2).',
    goals: ['Write the convolution loops', 'Add stride, channels and batches', 'Match PyTorch’s Conv2d'],
    figures: ['convolutionPlot'],
    exercises: [convLoopsExercise],
  },
  {
    id: 'convolution-ii',
    title: 'Convolution II: a convolutional network',
    package: '@gradkit/conv',
    seed: 'udl-cm20315-convolution_ii.md',
    summary:
      'A small convolutional network for MNIST-1D: convolutions, ReLUs and pooling, with the layer sizes worked out from the shape rule (UDL 10.3).',
    goals: ['Compute layer output sizes', 'Build and train a convolutional network'],
    figures: ['errorCurves'],
    exercises: [outSizeExercise],
  },
];
