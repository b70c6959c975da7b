/**
 * Convolution II: a convolutional network for MNIST-1D (CM20315 Convolution II, UDL figure 10.7).
 * The notebook trains the figure 10.7 network with the coursework's recipe. Exercise: the output
 * size of a convolution, which fixes the layer sizes 40 → 19 → 9 → 4 (checked against
 * `@gradkit/conv`'s `convOutSize`).
 */
import { convOutSize } from '@gradkit/conv';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const outSizeExercise: Exercise = {
  id: 'output-size',
  title: 'The output size of a convolution',
  prompt:
    'Write `convOutputSize(size, padding, dilation, kernel, stride)` = `floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1` (PyTorch’s `Conv2d` shape rule, used to design the network of Convolution II).',
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
    reference: { '@gradkit/conv': ['convOutSize'] },
  },
};

export default defineLesson({
  questions,
  id: 'convolution-ii',
  title: 'Convolution II: a convolutional network for MNIST-1D',
  notebook: {
    collection: 'seeds',
    file: 'udl-cm20315-convolution_ii.md',
    title: 'CM20315 Convolution II -- MNIST1D',
  },
  book: { section: '10.2', title: 'Convolutional networks for 1D inputs' },
  packages: ['@gradkit/conv', '@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers'],
  summary:
    'A small convolutional network for MNIST-1D: three strided convolutions with ReLUs and a linear layer (UDL figure 10.7), the layer sizes worked out from the shape rule, trained with the coursework recipe.',
  goals: ['Compute layer output sizes', 'Build and train a convolutional network'],
  figures: ['convolution-ii-mnist1d'],
  exercises: [outSizeExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
