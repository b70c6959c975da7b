/**
 * UDL Notebook 10.3: 2D Convolution, which is also the CM20315 practical Convolution I (the same
 * code, cell for cell; the old id `convolution-i` is an alias). The notebook writes 2-D
 * convolution as loops and checks it against PyTorch. Exercises: its four TODO loops — one channel,
 * then a stride, then several channels, then a batch (checked against `@gradkit/conv`'s
 * `convNumpy1` … `convNumpy4`, the notebook's `conv_numpy_1` … `conv_numpy_4`).
 */
import { convNumpy1, convNumpy2, convNumpy3, convNumpy4 } from '@gradkit/conv';
import { RandomState, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

function convRef(image: number[][], weights: number[][], pad: number): number[][] {
  const r = convNumpy1(tensor([[image]]), tensor([[weights]]), pad).toArray() as number[][][][];
  return r[0]![0]!;
}

const convLoopsExercise: Exercise = {
  id: 'conv-loops',
  title: 'The convolution loops',
  prompt:
    'Write `conv2d(image, weights, pad)` for one channel, stride 1: zero-pad the image by `pad` on every side, then `out[y][x] = Σ_{i,j} image[y + i][x + j] · weights[i][j]` (Convolution I, `conv_numpy_1`; this is PyTorch’s cross-correlation). The output is `(H + 2·pad − kH + 1) × (W + 2·pad − kW + 1)`.',
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
    reference: {
      '@gradkit/conv': ['convNumpy1', 'convNumpy2', 'convNumpy3', 'convNumpy4', 'conv2dReference'],
    },
  },
};

/** The library code the grader hides while the stride, channel and batch exercises run. */
const loopsReference = {
  '@gradkit/conv': [
    'convNumpy1',
    'convNumpy2',
    'convNumpy3',
    'convNumpy4',
    'conv2dReference',
    'conv2d',
    'conv2dRelu',
    'Conv2d',
    'ConvReLU2d',
  ],
};

/** `conv_numpy_4` (the whole loop nest) on nested arrays: images [N][C][H][W], weights [O][C][KH][KW]. */
function batchRef(
  images: number[][][][],
  weights: number[][][][],
  stride: number,
  pad: number,
): number[][][][] {
  return convNumpy4(tensor(images), tensor(weights), stride, pad).toArray() as number[][][][];
}

/** Random images and weights of the given sizes (standard normal, as the notebook's draws). */
function draw(rng: RandomState, imageShape: number[], weightShape: number[]) {
  return {
    images: rng.normal(0, 1, imageShape).toArray() as number[][][][],
    weights: rng.normal(0, 1, weightShape).toArray() as number[][][][],
  };
}

const strideExercise: Exercise = {
  id: 'conv-stride',
  title: 'Adding the stride',
  prompt:
    'Write `conv2dStride(image, weights, stride, pad)` for one channel (the notebook’s `conv_numpy_2`): zero-pad by `pad`, then `out[y][x] = Σ_{i,j} padded[y·stride + i][x·stride + j] · weights[i][j]`, with `⌊1 + (H + 2·pad − kH) / stride⌋` rows and `⌊1 + (W + 2·pad − kW) / stride⌋` columns.',
  check: {
    export: 'conv2dStride',
    cases: () => {
      const rng = new RandomState(1);
      const { images, weights } = draw(rng, [1, 1, 12, 10], [1, 1, 3, 3]);
      return [
        {
          name: "the notebook's 12 × 10 image (np.random.seed(1)), 3 × 3 kernel, stride 2, pad 1",
          args: [images[0]![0]!, weights[0]![0]!, 2, 1],
          expected: (convNumpy2(tensor(images), tensor(weights), 2, 1).toArray() as number[][][][])[0]![0]!,
        },
      ];
    },
    property: {
      trials: 6,
      seed: 1032,
      generate: (rng, t) => {
        const [h, w, k, stride, pad] = [
          5 + rng.randint(0, 6),
          5 + rng.randint(0, 6),
          1 + rng.randint(0, 3),
          1 + (t % 3),
          t % 2,
        ];
        const { images, weights } = draw(rng, [1, 1, h, w], [1, 1, k, k]);
        return {
          name: `${h}×${w} image, ${k}×${k} kernel, stride ${stride}, pad ${pad}`,
          args: [images[0]![0]!, weights[0]![0]!, stride, pad],
          expected: batchRef(images, weights, stride, pad)[0]![0]!,
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Only the image index changes: output pixel (y, x) starts at padded row y·stride and column x·stride. Compute the output size from the padded size.',
    reference: loopsReference,
  },
};

const channelsExercise: Exercise = {
  id: 'conv-channels',
  title: 'Several input and output channels',
  prompt:
    'Write `conv2dChannels(image, weights, stride, pad)` for one image with several channels (the notebook’s `conv_numpy_3`): `image` is `[C_in][H][W]`, `weights` `[C_out][C_in][kH][kW]` (PyTorch’s layout); each output channel sums over every input channel, `out[o][y][x] = Σ_{c,i,j} padded[c][y·stride + i][x·stride + j] · weights[o][c][i][j]`. Return `[C_out][H_out][W_out]`.',
  check: {
    export: 'conv2dChannels',
    cases: () => {
      const rng = new RandomState(1);
      const { images, weights } = draw(rng, [1, 5, 4, 6], [2, 5, 3, 3]);
      return [
        {
          name: "the notebook's 4 × 6 image with 5 channels, 2 output channels (np.random.seed(1)), stride 1, pad 1",
          args: [images[0]!, weights, 1, 1],
          expected: (convNumpy3(tensor(images), tensor(weights), 1, 1).toArray() as number[][][][])[0]!,
        },
      ];
    },
    property: {
      trials: 5,
      seed: 1033,
      generate: (rng, t) => {
        const [cin, cout, h, w, k] = [
          1 + rng.randint(0, 4),
          1 + rng.randint(0, 3),
          4 + rng.randint(0, 5),
          4 + rng.randint(0, 5),
          1 + rng.randint(0, 3),
        ];
        const [stride, pad] = [1 + (t % 2), (t + 1) % 2];
        const { images, weights } = draw(rng, [1, cin, h, w], [cout, cin, k, k]);
        return {
          name: `${cin} → ${cout} channels, ${h}×${w} image, ${k}×${k} kernel, stride ${stride}, pad ${pad}`,
          args: [images[0]!, weights, stride, pad],
          expected: batchRef(images, weights, stride, pad)[0]!,
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Two more loops, over the output channel o and the input channel c; the weight is weights[o][c][i][j] and the pixel comes from input channel c.',
    reference: loopsReference,
  },
};

const batchExercise: Exercise = {
  id: 'conv-batch',
  title: 'A batch of images',
  prompt:
    'Write `conv2dBatch(images, weights, stride, pad)`, the notebook’s `conv_numpy_4`: `images` is a batch `[N][C_in][H][W]`, `weights` `[C_out][C_in][kH][kW]`; convolve every image as in `conv2dChannels`, returning `[N][C_out][H_out][W_out]` — PyTorch’s `conv2d(images, weights, stride=stride, padding=pad)` without a bias.',
  check: {
    export: 'conv2dBatch',
    cases: () => {
      const rng = new RandomState(1);
      const { images, weights } = draw(rng, [2, 5, 4, 6], [2, 5, 3, 3]);
      return [
        {
          name: "the notebook's batch of two 4 × 6 images with 5 channels, 2 output channels (np.random.seed(1)), stride 1, pad 1",
          args: [images, weights, 1, 1],
          expected: batchRef(images, weights, 1, 1),
        },
      ];
    },
    property: {
      trials: 5,
      seed: 1034,
      generate: (rng, t) => {
        const [n, cin, cout, h, w, k] = [
          1 + rng.randint(0, 3),
          1 + rng.randint(0, 3),
          1 + rng.randint(0, 3),
          4 + rng.randint(0, 4),
          4 + rng.randint(0, 4),
          1 + rng.randint(0, 3),
        ];
        const [stride, pad] = [1 + (t % 2), t % 2];
        const { images, weights } = draw(rng, [n, cin, h, w], [cout, cin, k, k]);
        return {
          name: `${n} images, ${cin} → ${cout} channels, ${h}×${w}, ${k}×${k} kernel, stride ${stride}, pad ${pad}`,
          args: [images, weights, stride, pad],
          expected: batchRef(images, weights, stride, pad),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'One more loop, over the batch index b, around the loops of conv2dChannels: images[b] gives output out[b].',
    reference: loopsReference,
  },
};

export default defineLesson({
  questions,
  id: '10-3-2d-convolution',
  aliases: ['convolution-i'],
  title: '2D convolution (UDL 10.3)',
  notebook: {
    collection: 'udlbook',
    file: '10_3_2D_Convolution.md',
    title: 'Notebook 10.3: 2D Convolution',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap10/10_3_2D_Convolution.ipynb',
  },
  book: { section: '10.3', title: 'Convolutional networks for 2D inputs' },
  packages: ['@gradkit/conv', '@gradkit/core'],
  summary:
    'Convolution written as explicit loops over output pixels and kernel positions, then with stride, several channels and a batch, checked against PyTorch (UDL 10.3). The same code as the CM20315 practical "Convolution I".',
  goals: ['Write the convolution loops', 'Add stride, channels and batches', 'Match PyTorch’s Conv2d'],
  figures: ['convolution-1d', 'convolution-2d'],
  exercises: [convLoopsExercise, strideExercise, channelsExercise, batchExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
