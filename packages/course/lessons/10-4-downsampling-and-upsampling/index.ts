/**
 * Notebook 10.4: Downsampling and Upsampling (UDL 10.4). Exercises: the notebook's six TODO
 * functions on 2-D arrays — subsampling, max pooling, mean pooling, duplication, max-unpooling and
 * the notebook's bilinear interpolation — checked against `@gradkit/conv`'s pooling and resampling
 * ops (`maxPool2d`, `avgPool2d`, `interpolate`, `maxUnpool2d`, `convTranspose2d`) through the
 * lesson's `notebook.ts`, which numpy's completed functions match exactly
 * (`tests/fixtures/gen_udl_downsampling.py`).
 */
import { type RandomState, type Tensor, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { CheckCase, Exercise } from '../../src/types.js';
import {
  bilinear,
  downsample,
  duplicate,
  maxpool,
  maxUnpool,
  meanpool,
  ORIG_2_2,
  ORIG_4_4,
} from './notebook.js';
import questions from './questions.json' with { type: 'json' };

type Grid = number[][];
const grid = (rows: readonly (readonly number[])[]): Grid => rows.map((r) => [...r]);
const asTensor = (x: Grid): Tensor => tensor(x, { dtype: 'float64' });
const list = (t: Tensor): Grid => t.toArray() as Grid;

/** A random `h × w` array: small integers (many ties) or standard normal values. */
function randomGrid(rng: RandomState, h: number, w: number, ints: boolean): Grid {
  return Array.from({ length: h }, () =>
    Array.from({ length: w }, () => (ints ? rng.randint(0, 4) : rng.standardNormal([1]).item())),
  );
}

/** A 5 × 7 array with odd sizes (rounding of the output size) and ties. */
const ODD: Grid = [
  [3, 1, 4, 1, 5, 9, 2],
  [6, 5, 3, 5, 8, 9, 7],
  [9, 3, 2, 3, 8, 4, 6],
  [2, 6, 4, 3, 3, 8, 3],
  [2, 7, 9, 5, 0, 2, 8],
];

/** An exercise on one array: the notebook's call first, then fixed and random arrays. */
function oneArray(
  fn: (x: Tensor) => Tensor,
  call: string,
  orig: Grid,
  minSize: number,
): { cases: () => CheckCase[]; property: NonNullable<Exercise['check']['property']> } {
  const ref = (x: Grid) => list(fn(asTensor(x)));
  const fixed: [string, Grid][] = [
    [`the notebook's ${call}`, orig],
    ['a 5 × 7 array (odd sizes, ties)', ODD],
    [
      'a 2 × 3 array of floats',
      [
        [0.5, -1.25, 2],
        [3.75, 0.125, -4],
      ],
    ],
  ];
  if (minSize === 1) fixed.push(['a 1 × 1 array', [[7]]]);
  return {
    cases: () => fixed.map(([name, x]) => ({ name, args: [x], expected: ref(x) })),
    property: {
      trials: 10,
      seed: 104,
      generate: (rng, t) => {
        const h = minSize + rng.randint(0, 9);
        const w = minSize + rng.randint(0, 9);
        const ints = t % 2 === 0;
        const x = randomGrid(rng, h, w, ints);
        return {
          name: `random ${h} × ${w} array of ${ints ? 'integers 0..3' : 'floats'}`,
          args: [x],
          expected: ref(x),
        };
      },
    },
  };
}

const sizes =
  'The output has `ceil(H/2) × ceil(W/2)` pixels for subsampling, `floor(H/2) × floor(W/2)` for pooling (a last odd row or column is dropped) and `2H × 2W` for upsampling, as the notebook’s `np.zeros(...)` lines say.';

const subsample = oneArray(downsample, 'downsample(orig_4_4)', grid(ORIG_4_4), 1);
const downsampleExercise: Exercise = {
  id: 'downsample',
  title: 'Subsampling',
  prompt: `Write \`downsample(xIn)\`: keep every other pixel in each direction, starting with the first — \`out[i][j] = xIn[2i][2j]\` (numpy's \`x_in[::2, ::2]\`; book section 10.4.1). ${sizes}`,
  check: {
    export: 'downsample',
    ...subsample,
    rtol: 0,
    atol: 0,
    hint: 'The output is ceil(H/2) × ceil(W/2): for a 5-row input, rows 0, 2 and 4. out[i][j] = xIn[2i][2j].',
  },
};

const maxpoolExercise: Exercise = {
  id: 'maxpool',
  title: 'Max pooling',
  prompt: `Write \`maxpool(xIn)\`: each output pixel is the maximum of a 2 × 2 block, \`out[i][j] = max(xIn[2i][2j], xIn[2i][2j+1], xIn[2i+1][2j], xIn[2i+1][2j+1])\` (book section 10.4.1). ${sizes}`,
  check: {
    export: 'maxpool',
    ...oneArray(maxpool, 'maxpool(orig_4_4)', grid(ORIG_4_4), 2),
    rtol: 0,
    atol: 0,
    hint: 'The blocks do not overlap: block (i, j) covers rows 2i, 2i+1 and columns 2j, 2j+1. An odd last row or column is left out (floor(H/2) rows).',
    reference: { '@gradkit/conv': ['maxPool2d', 'maxPool2dWithIndices', 'MaxPool2d'] },
  },
};

const meanpoolExercise: Exercise = {
  id: 'meanpool',
  title: 'Mean pooling',
  prompt: `Write \`meanpool(xIn)\`: each output pixel is the mean of a 2 × 2 block, \`out[i][j] = (xIn[2i][2j] + xIn[2i][2j+1] + xIn[2i+1][2j] + xIn[2i+1][2j+1]) / 4\` (average pooling, book section 10.4.1). ${sizes}`,
  check: {
    export: 'meanpool',
    ...oneArray(meanpool, 'meanpool(orig_4_4)', grid(ORIG_4_4), 2),
    rtol: 1e-12,
    atol: 1e-12,
    hint: 'Divide the sum of the four pixels of block (i, j) by 4; the output has floor(H/2) × floor(W/2) pixels.',
    reference: { '@gradkit/conv': ['avgPool2d', 'AvgPool2d', 'adaptiveAvgPool2d', 'AdaptiveAvgPool2d'] },
  },
};

const duplicateExercise: Exercise = {
  id: 'duplicate',
  title: 'Upsampling by duplication',
  prompt:
    'Write `duplicate(xIn)`: the `2H × 2W` output copies each pixel into a 2 × 2 block, `out[i][j] = xIn[floor(i/2)][floor(j/2)]` (nearest-neighbour upsampling, book section 10.4.2; PyTorch’s `F.interpolate(x, scale_factor=2)`).',
  check: {
    export: 'duplicate',
    ...oneArray(duplicate, 'duplicate(orig_2_2)', grid(ORIG_2_2), 1),
    rtol: 0,
    atol: 0,
    hint: 'Loop over the output: out[i][j] = xIn[Math.floor(i / 2)][Math.floor(j / 2)], for i < 2H and j < 2W.',
    reference: {
      '@gradkit/conv': ['interpolate', 'Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d'],
    },
  },
};

/** Max-unpooling's cases: `x_in` `[h, w]` and `x_high_res` at least `[2h, 2w]`. */
function unpoolCase(name: string, xIn: Grid, xHighRes: Grid): CheckCase {
  return { name, args: [xIn, xHighRes], expected: list(maxUnpool(asTensor(xIn), asTensor(xHighRes))) };
}

const maxUnpoolExercise: Exercise = {
  id: 'max-unpool',
  title: 'Max-unpooling',
  prompt:
    'Write `maxUnpool(xIn, xHighRes)`: the `2H × 2W` output is zero except that each `xIn[i][j]` goes to the position, within its 2 × 2 block `(2i…2i+1, 2j…2j+1)`, where `xHighRes` — the image before max pooling — has its maximum (book section 10.4.2). When a block holds its maximum twice, take the first in reading order (row by row), as `np.argmax` does. `xHighRes` may be larger than `2H × 2W` (an odd size that pooling rounded down): only its top-left `2H × 2W` counts.',
  check: {
    export: 'maxUnpool',
    cases: () => [
      unpoolCase("the notebook's max_unpool(orig_2_2, orig_4_4)", grid(ORIG_2_2), grid(ORIG_4_4)),
      unpoolCase(
        'ties inside the blocks: the first maximum in reading order',
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 5, 0, 1],
          [5, 5, 1, 0],
          [2, 7, 3, 3],
          [7, 1, 0, 3],
        ],
      ),
      unpoolCase(
        'x_high_res of odd size 5 × 7 (its last row and column unused)',
        [
          [9, 8, 7],
          [6, 5, 4],
        ],
        ODD,
      ),
    ],
    property: {
      trials: 10,
      seed: 1042,
      generate: (rng, t) => {
        const h = 1 + rng.randint(0, 6);
        const w = 1 + rng.randint(0, 6);
        const ints = t % 2 === 0;
        const hi = randomGrid(rng, 2 * h + rng.randint(0, 2), 2 * w + rng.randint(0, 2), ints);
        const lo = randomGrid(rng, h, w, false);
        return unpoolCase(
          `random ${h} × ${w} values, ${hi.length} × ${hi[0]!.length} high-resolution ${ints ? 'integers 0..3 (ties)' : 'floats'}`,
          lo,
          hi,
        );
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'For block (i, j) find (a, b) in {0, 1}² maximizing xHighRes[2i + a][2j + b] — keep the first one found scanning a then b, replacing only on a strictly larger value — and set out[2i + a][2j + b] = xIn[i][j]; every other output pixel stays 0.',
    reference: { '@gradkit/conv': ['maxUnpool2d', 'MaxUnpool2d', 'maxPool2dWithIndices'] },
  },
};

const bilinearExercise: Exercise = {
  id: 'bilinear',
  title: 'Bilinear interpolation (the notebook’s version)',
  prompt:
    'Write `bilinear(xIn)` as the notebook defines it: output pixel `(i, j)` of the `2H × 2W` output sits at input position `(i/2, j/2)`. Pad the input with one row of zeros at the bottom and one column at the right, and average the four padded pixels at the rows `floor(i/2)`, `ceil(i/2)` and the columns `floor(j/2)`, `ceil(j/2)` (the notebook rounds fractional positions up with `np.ceil`). So `out[2i][2j] = x[i][j]`, `out[2i][2j+1] = (x[i][j] + x[i][j+1]) / 2`, `out[2i+1][2j+1] = (x[i][j] + x[i+1][j] + x[i][j+1] + x[i+1][j+1]) / 4`, with zeros past the edge (book section 10.4.2).',
  check: {
    export: 'bilinear',
    ...oneArray(bilinear, 'bilinear(orig_2_2)', grid(ORIG_2_2), 1),
    rtol: 1e-12,
    atol: 1e-12,
    hint: 'Even output indices fall on an input pixel, odd ones halfway between two. Past the last row and column the padded value is 0, so the last output row and column are halved: out[2H − 1][2j] = x[H − 1][j] / 2.',
    reference: {
      '@gradkit/conv': [
        'convTranspose2d',
        'ConvTranspose2d',
        'interpolate',
        'UpsamplingBilinear2d',
        'Upsample',
      ],
    },
  },
};

export default defineLesson({
  questions,
  id: '10-4-downsampling-and-upsampling',
  title: 'Downsampling and upsampling (UDL 10.4)',
  notebook: {
    collection: 'udlbook',
    file: '10_4_Downsampling_and_Upsampling.md',
    title: 'Notebook 10.4: Downsampling and Upsampling',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap10/10_4_Downsampling_and_Upsampling.ipynb',
  },
  book: { section: '10.4', title: 'Downsampling and upsampling' },
  packages: ['@gradkit/conv', '@gradkit/core', '@gradkit/datasets', '@gradkit/plot'],
  summary:
    'Halve an image three times by subsampling, max pooling and mean pooling, then double it back by duplication, max-unpooling and bilinear interpolation, and compare what each keeps and loses; the same operations in the library (`maxPool2d`, `avgPool2d`, `interpolate`, `maxUnpool2d`, `convTranspose2d`).',
  goals: [
    'Write subsampling, max pooling and mean pooling of a 2-D array',
    'Write upsampling by duplication, max-unpooling and bilinear interpolation',
    'See what each method keeps of an image after three halvings, and what upsampling can bring back',
    'Relate the notebook’s bilinear interpolation to a transposed convolution and to PyTorch’s interpolate',
  ],
  figures: [
    'downsampling-arrays',
    'downsampling-subsample',
    'downsampling-maxpool',
    'downsampling-meanpool',
    'upsampling-duplicate',
    'upsampling-max-unpool',
    'upsampling-bilinear',
    'upsampling-bilinear-vs-pytorch',
  ],
  exercises: [
    downsampleExercise,
    maxpoolExercise,
    meanpoolExercise,
    duplicateExercise,
    maxUnpoolExercise,
    bilinearExercise,
  ],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
