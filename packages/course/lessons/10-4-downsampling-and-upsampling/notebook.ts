/**
 * UDL Notebook 10.4: Downsampling and Upsampling (`udlbook/10_4_Downsampling_and_Upsampling.md`,
 * book section 10.4), the notebook translated to library calls. Its six TODO functions work on
 * a 2-D array `[H, W]` and return a float array, as the notebook's `np.zeros(...)` outputs are:
 *
 * | notebook | here (the library) | PyTorch |
 * | --- | --- | --- |
 * | `downsample(x)`: `x[::2, ::2]`, `ceil(H/2) × ceil(W/2)` | `x.index('::2', '::2')` | `x[..., ::2, ::2]` |
 * | `maxpool(x)`: max of each 2 × 2 block, `floor(H/2) × floor(W/2)` | `maxPool2d(x, 2)` | `F.max_pool2d(x, 2)` |
 * | `meanpool(x)`: mean of each 2 × 2 block | `avgPool2d(x, 2)` | `F.avg_pool2d(x, 2)` |
 * | `duplicate(x)`: each pixel to a 2 × 2 block | `interpolate(x, { scaleFactor: 2 })` | `F.interpolate(x, scale_factor=2)` |
 * | `max_unpool(x, x_high_res)`: each value where its block of `x_high_res` had its maximum | `maxUnpool2d(x, maxPool2dWithIndices(x_high_res, 2).indices, 2)` | `F.max_unpool2d` |
 * | `bilinear(x)`: `out[2i] = x[i]`, `out[2i+1] = (x[i] + x[i+1]) / 2`, zero past the edge | `convTranspose2d(x, tent, { stride: 2, padding: 1, outputPadding: 1 })` | `F.conv_transpose2d` (not `F.interpolate(mode='bilinear')`, which samples elsewhere) |
 *
 * The image. The notebook downloads `test_image.png` (a 279 × 300 grayscale photograph) and reads
 * it with `np.asarray(Image.open(...))`; `run` reads the same file with `loadImage` of
 * `@gradkit/datasets/node` (equal to Pillow: the palette image's indices, uint8 values as int32)
 * from the working directory (where the notebook's `wget` puts it) or from
 * `../shared/udlbook/assets/`. Where it is absent (and in a browser) the image cells run on
 * {@link standInImage}, a generated 279 × 300 picture, and the report says so. Both are checked
 * pixel for pixel against numpy (`tests/fixtures/gen_udl_downsampling.py`).
 *
 * The notebook's code as written, in two places where its text suggests otherwise:
 * `data_meanpool2 = meanpool(data_maxpool)` (mean pooling of the *max*-pooled image) and
 * `data_bilinear3 = duplicate(data_bilinear2)` (the last upsampling duplicates).
 */
import {
  avgPool2d,
  convTranspose2d,
  interpolate,
  maxPool2d,
  maxPool2dWithIndices,
  maxUnpool2d,
} from '@gradkit/conv';
import { astype, ShapeError, type Tensor, tensor, ValueError, zeros } from '@gradkit/core';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { numpyStr } from '../../src/numpy-print.js';

/** The notebook's 4 × 4 patch `orig_4_4`. */
export const ORIG_4_4: readonly (readonly number[])[] = [
  [1, 3, 5, 3],
  [6, 2, 0, 8],
  [4, 6, 1, 4],
  [2, 8, 0, 3],
];

/** The notebook's 2 × 2 patch `orig_2_2`. */
export const ORIG_2_2: readonly (readonly number[])[] = [
  [6, 8],
  [8, 4],
];

/** An integer array as numpy holds `np.array([[1, 3], ...])` (int32 here). */
export function intArray(rows: readonly (readonly number[])[]): Tensor {
  return tensor(
    rows.map((r) => [...r]),
    { dtype: 'int32' },
  );
}

function check2d(op: string, x: Tensor): [number, number] {
  if (x.ndim !== 2)
    throw new ShapeError(op, `x_in must be a 2-D array [H, W], received shape [${x.shape.join(', ')}]`);
  return [x.shape[0]!, x.shape[1]!];
}

/** `[H, W]` (any dtype) → float64 `[1, 1, H, W]`, the layout of the library's pooling and resampling ops. */
function planes(x: Tensor): Tensor {
  return astype(x, 'float64').reshape([1, 1, x.shape[0]!, x.shape[1]!]);
}

/** `[1, 1, H, W]` → `[H, W]`. */
function plane(x: Tensor): Tensor {
  return x.reshape([x.shape[2]!, x.shape[3]!]);
}

/** `downsample(x_in)`: every other pixel from the first, `x[::2, ::2]` (`ceil(H/2) × ceil(W/2)`, float64). */
export function downsample(x: Tensor): Tensor {
  check2d('downsample', x);
  return astype(x.index('::2', '::2'), 'float64');
}

/**
 * A 2 × 2 pooling of `[H, W]`: `floor(H/2) × floor(W/2)`. Where that is empty (a single row or
 * column) the notebook's `np.zeros(...)` is an empty array, where PyTorch's pooling refuses the
 * input; the notebook's answer is kept.
 */
function pool2x2(op: string, x: Tensor, pool: (x: Tensor) => Tensor): Tensor {
  const [H, W] = check2d(op, x);
  if (H < 2 || W < 2) return zeros([Math.floor(H / 2), Math.floor(W / 2)], { dtype: 'float64' });
  return plane(pool(planes(x)));
}

/** `maxpool(x_in)`: the maximum of each 2 × 2 block (`floor(H/2) × floor(W/2)`): `maxPool2d(x, 2)`. */
export function maxpool(x: Tensor): Tensor {
  return pool2x2('maxpool', x, (p) => maxPool2d(p, 2));
}

/** `meanpool(x_in)`: the mean of each 2 × 2 block (`floor(H/2) × floor(W/2)`): `avgPool2d(x, 2)`. */
export function meanpool(x: Tensor): Tensor {
  return pool2x2('meanpool', x, (p) => avgPool2d(p, 2));
}

/** `duplicate(x_in)`: each pixel copied into a 2 × 2 block (`2H × 2W`): nearest-neighbour `interpolate`, scale 2. */
export function duplicate(x: Tensor): Tensor {
  check2d('duplicate', x);
  return plane(interpolate(planes(x), { scaleFactor: 2, mode: 'nearest' }));
}

/**
 * `max_unpool(x_in, x_high_res)` (`2H × 2W`): zeros, with `x_in[i, j]` written where the 2 × 2
 * block `x_high_res[2i:2i+2, 2j:2j+2]` has its maximum (the first one in row-major order, as
 * `np.argmax` and `maxPool2dWithIndices` choose). The indices of `maxPool2dWithIndices` on the
 * top-left `2H × 2W` of `x_high_res`, then `maxUnpool2d`.
 */
export function maxUnpool(x: Tensor, xHighRes: Tensor): Tensor {
  const [h, w] = check2d('max_unpool', x);
  const [H, W] = check2d('max_unpool', xHighRes);
  if (H < 2 * h || W < 2 * w)
    throw new ValueError(
      'max_unpool',
      `x_high_res must be at least twice the size of x_in (${2 * h} × ${2 * w}), received ${H} × ${W}`,
    );
  const { indices } = maxPool2dWithIndices(planes(xHighRes.index(`:${2 * h}`, `:${2 * w}`)), 2);
  return plane(maxUnpool2d(planes(x), indices, 2));
}

/** The bilinear tent `[0.5, 1, 0.5]ᵀ [0.5, 1, 0.5]` as a `[1, 1, 3, 3]` transposed-convolution weight. */
const TENT = tensor([
  [
    [
      [0.25, 0.5, 0.25],
      [0.5, 1, 0.5],
      [0.25, 0.5, 0.25],
    ],
  ],
]);

/**
 * `bilinear(x_in)` (`2H × 2W`), the notebook's version: output pixel `(i, j)` sits at input
 * position `(i/2, j/2)` and is the mean of the input pixels at the positions rounded down and up
 * (`np.ceil`) in each direction, zero past the bottom and right edges. So
 * `out[2i][2j] = x[i][j]`, `out[2i+1][2j] = (x[i][j] + x[i+1][j]) / 2`, and so on: a transposed
 * convolution with the tent kernel `[½, 1, ½]ᵀ[½, 1, ½]`, stride 2, padding 1, output padding 1.
 * (PyTorch's `interpolate(mode: 'bilinear')` puts output pixel `i` at `(i + ½)/2 − ½` instead and
 * clamps at the edges; see the page.)
 */
export function bilinear(x: Tensor): Tensor {
  check2d('bilinear', x);
  return plane(convTranspose2d(planes(x), TENT, { stride: 2, padding: 1, outputPadding: 1 }));
}

/** The notebook's image size, `(279, 300)`. */
export const IMAGE_SHAPE = [279, 300] as const;

/**
 * A generated stand-in for `test_image.png`, where that file is absent (and for the page's
 * figures): a 279 × 300 int32 picture (values 0..255) of a leaded window behind a head with hair,
 * eyes and mouth, a dark jacket over a shirt with horizontal stripes 3 pixels wide (period 6), and
 * a microphone on a stand 3 pixels wide — thin lines and stripes, so that subsampling, max pooling
 * and mean pooling treat it as differently as they treat the photograph. Integer formulas only;
 * `tests/fixtures/gen_udl_downsampling.py` builds the same picture with numpy.
 */
export function standInImage(): Tensor {
  const [H, W] = IMAGE_SHAPE;
  const out = new Int32Array(H * W);
  const inEllipse = (r: number, c: number, r0: number, c0: number, ry: number, rx: number) =>
    (r - r0) ** 2 * rx ** 2 + (c - c0) ** 2 * ry ** 2 <= (rx * ry) ** 2;
  for (let r = 0; r < H; r++)
    for (let c = 0; c < W; c++) {
      let v = 190 + ((7 * r + 3 * c) % 31) + Math.floor(c / 12); // textured panes
      if (r % 24 < 2 || c % 28 < 2) v = 95; // leading
      if (r >= 125 && Math.abs(c - 150) <= 45 + Math.floor((r - 125) / 2)) v = 40 + ((5 * r + c) % 9); // jacket
      if (r >= 128 && Math.abs(c - 150) <= 18) v = (r - 128) % 6 < 3 ? 30 : 235; // striped shirt
      if (r >= 100 && r < 128 && Math.abs(c - 150) <= 12) v = 180; // neck
      if (inEllipse(r, c, 72, 150, 36, 28)) v = 185; // head
      if (inEllipse(r, c, 58, 150, 26, 31) && r < 62) v = 35; // hair
      if (r >= 70 && r < 74 && ((c >= 136 && c < 142) || (c >= 158 && c < 164))) v = 45; // eyes
      if (r >= 90 && r < 93 && c >= 142 && c < 158) v = 110; // mouth
      if (r >= 118 && c >= 104 && c < 107) v = 130; // microphone stand
      if (inEllipse(r, c, 112, 105, 9, 6)) v = 70; // microphone
      out[r * W + c] = v;
    }
  return tensor(out, { dtype: 'int32' }).reshape([H, W]);
}

/** Where {@link findTestImage} looks: the working directory, then `../shared/udlbook/assets`. */
export const TEST_IMAGE_FILE = 'test_image.png';

/**
 * The path of the notebook's `test_image.png`, if it is on disk: in the working directory (where
 * the notebook's `wget` cell puts it), then in `udlbook/assets/` of `../shared` beside the working
 * directory or beside this repository. `undefined` when absent, or outside Node.
 */
export async function findTestImage(): Promise<string | undefined> {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  const { existsSync } = await importNodeModule<typeof import('node:fs')>('node:fs');
  const { dirname, join, resolve } = await importNodeModule<typeof import('node:path')>('node:path');
  const { fileURLToPath } = await importNodeModule<typeof import('node:url')>('node:url');
  const here = dirname(fileURLToPath(import.meta.url));
  const assets = join('udlbook', 'assets', TEST_IMAGE_FILE);
  const candidates = [
    resolve(TEST_IMAGE_FILE),
    resolve('../shared', assets),
    resolve(here, '../../../../../shared', assets), // sources: packages/course/lessons/<id>
    resolve(here, '../../../../../../shared', assets), // built: packages/course/dist/lessons/<id>
  ];
  return candidates.find((p) => existsSync(p));
}

/** The image the notebook's cells run on: `test_image.png` when on disk (else the stand-in), and where it came from. */
export async function notebookImage(): Promise<{ data: Tensor; path: string | undefined }> {
  const path = await findTestImage();
  if (!path) return { data: standInImage(), path };
  const { loadImage } =
    await importNodeModule<typeof import('@gradkit/datasets/node')>('@gradkit/datasets/node');
  // data = asarray(Image.open('test_image.png')): [279, 300], the palette indices (gray levels)
  return { data: loadImage(path), path };
}

/** The notebook's image variables, in the order of its cells. */
export const IMAGE_VARIABLES = [
  'data_downsample',
  'data_downsample2',
  'data_downsample3',
  'data_maxpool',
  'data_maxpool2',
  'data_maxpool3',
  'data_meanpool',
  'data_meanpool2',
  'data_meanpool3',
  'data_duplicate',
  'data_duplicate2',
  'data_duplicate3',
  'data_max_unpool',
  'data_max_unpool2',
  'data_max_unpool3',
  'data_bilinear',
  'data_bilinear2',
  'data_bilinear3',
] as const;

/** One of {@link IMAGE_VARIABLES}. */
export type ImageVariable = (typeof IMAGE_VARIABLES)[number];

/**
 * Every `data_*` variable of the notebook's image cells, computed from `data` as its code does
 * (including `data_meanpool2 = meanpool(data_maxpool)` and `data_bilinear3 =
 * duplicate(data_bilinear2)`, see the module comment).
 */
export function imageCells(data: Tensor): Record<ImageVariable, Tensor> {
  const data_downsample = downsample(data);
  const data_downsample2 = downsample(data_downsample);
  const data_downsample3 = downsample(data_downsample2);
  const data_maxpool = maxpool(data);
  const data_maxpool2 = maxpool(data_maxpool);
  const data_maxpool3 = maxpool(data_maxpool2);
  const data_meanpool = meanpool(data);
  const data_meanpool2 = meanpool(data_maxpool); // sic
  const data_meanpool3 = meanpool(data_meanpool2);
  const data_duplicate = duplicate(data_downsample3);
  const data_duplicate2 = duplicate(data_duplicate);
  const data_duplicate3 = duplicate(data_duplicate2);
  const data_max_unpool = maxUnpool(data_maxpool3, data_maxpool2);
  const data_max_unpool2 = maxUnpool(data_max_unpool, data_maxpool);
  const data_max_unpool3 = maxUnpool(data_max_unpool2, data);
  const data_bilinear = bilinear(data_meanpool3);
  const data_bilinear2 = bilinear(data_bilinear);
  const data_bilinear3 = duplicate(data_bilinear2); // sic
  return {
    data_downsample,
    data_downsample2,
    data_downsample3,
    data_maxpool,
    data_maxpool2,
    data_maxpool3,
    data_meanpool,
    data_meanpool2,
    data_meanpool3,
    data_duplicate,
    data_duplicate2,
    data_duplicate3,
    data_max_unpool,
    data_max_unpool2,
    data_max_unpool3,
    data_bilinear,
    data_bilinear2,
    data_bilinear3,
  };
}

/** The four images each plotting cell shows, by the notebook's variable names. */
export const PLOT_CELLS: Readonly<Record<string, readonly ('data' | ImageVariable)[]>> = {
  downsample: ['data', 'data_downsample', 'data_downsample2', 'data_downsample3'],
  maxpool: ['data', 'data_maxpool', 'data_maxpool2', 'data_maxpool3'],
  meanpool: ['data', 'data_meanpool', 'data_meanpool2', 'data_meanpool3'],
  duplicate: ['data_downsample3', 'data_duplicate', 'data_duplicate2', 'data_duplicate3'],
  max_unpool: ['data_maxpool3', 'data_max_unpool', 'data_max_unpool2', 'data_max_unpool3'],
  bilinear: ['data_meanpool3', 'data_bilinear', 'data_bilinear2', 'data_bilinear3'],
};

/** A shape as Python prints a tuple: `(279, 300)`. */
const tuple = (shape: readonly number[]) => `(${shape.join(', ')})`;

/** Options of {@link run}. */
export interface RunOptions {
  /** `'auto'` (default): `test_image.png` when on disk, else the stand-in; `'stand-in'`: always the stand-in. */
  image?: 'auto' | 'stand-in';
}

/** Runs the notebook: the array examples, then the image cells (the notebook's image, else the stand-in). */
export async function run(nb: Notebook, options: RunOptions = {}): Promise<void> {
  const orig_4_4 = intArray(ORIG_4_4);
  nb.set('orig_4_4', orig_4_4);
  nb.print(numpyStr(orig_4_4));

  const example = (label: string, expr: string, orig: Tensor, result: Tensor) => {
    nb.print('Original:', numpyStr(orig), label, numpyStr(result));
    nb.show(expr, result);
  };
  example('Downsampled:', 'downsample(orig_4_4)', orig_4_4, downsample(orig_4_4));

  const image =
    options.image === 'stand-in' ? { data: standInImage(), path: undefined } : await notebookImage();
  const data = image.data;
  nb.print(
    image.path
      ? `(test_image.png from ${image.path}: ${tuple(data.shape)}, read with loadImage as np.asarray(Image.open(...)) reads it)`
      : `(test_image.png is not on disk — the notebook downloads it with wget, this run does not: its image cells run on a generated ${tuple(data.shape)} stand-in picture, standInImage())`,
  );
  nb.show('data.shape', data.shape);
  const cells = imageCells(data);
  const images: Record<string, Tensor> = { data, ...cells };
  const shown = new Set<string>(['data']);
  const plotted = (cell: string) => {
    const names = PLOT_CELLS[cell]!;
    for (const name of names)
      if (!shown.has(name)) {
        shown.add(name);
        nb.show(`${name}.shape`, images[name]!.shape);
      }
    nb.print(`[plots] ${names.map((n) => `${n} ${tuple(images[n]!.shape)}`).join(', ')}`);
  };
  plotted('downsample');

  example('Maxpooled:', 'maxpool(orig_4_4)', orig_4_4, maxpool(orig_4_4));
  plotted('maxpool');
  example('Meanpooled:', 'meanpool(orig_4_4)', orig_4_4, meanpool(orig_4_4));
  plotted('meanpool');

  const orig_2_2 = intArray(ORIG_2_2);
  nb.set('orig_2_2', orig_2_2);
  nb.print(numpyStr(orig_2_2));
  example('Duplicated:', 'duplicate(orig_2_2)', orig_2_2, duplicate(orig_2_2));
  plotted('duplicate');
  example('Max unpooled:', 'max_unpool(orig_2_2,orig_4_4)', orig_2_2, maxUnpool(orig_2_2, orig_4_4));
  plotted('max_unpool');
  example('Bilinear:', 'bilinear(orig_2_2)', orig_2_2, bilinear(orig_2_2));
  plotted('bilinear');
}
