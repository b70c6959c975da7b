/**
 * Convolution I: the convolution loops (CM20315 Convolution I, UDL 10.2–10.3). The notebook
 * writes 2-D convolution as loops and checks it against PyTorch. Exercise: the loops for one
 * channel (checked against `@gradkit/conv`'s `convNumpy1`, the notebook's `conv_numpy_1`).
 */
import { convNumpy1 } from '@gradkit/conv';
import { tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';

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

export default defineLesson({
  id: 'convolution-i',
  title: 'Convolution I: the convolution loops',
  notebook: { collection: 'seeds', file: 'udl-cm20315-convolution_i.md', title: 'CM20315 Convolution I' },
  book: { section: '10.2–10.3', title: 'Convolutional networks for 1D and 2D inputs' },
  packages: ['@gradkit/conv', '@gradkit/core'],
  summary:
    'Convolution written as explicit loops over output pixels and kernel positions, then with stride, several channels and a batch, checked against PyTorch (UDL 10.2).',
  goals: ['Write the convolution loops', 'Add stride, channels and batches', 'Match PyTorch’s Conv2d'],
  figures: ['convolution-1d', 'convolution-2d'],
  exercises: [convLoopsExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
