/**
 * Argument checking and broadcasting shared by `RandomState`'s methods: numpy's `size` and
 * `d0, d1, …` forms, distribution parameters as tensors (`loc`, `scale`, `low`, `high`), the
 * broadcast index of a parameter into the output, seeds, and the bit mask of bounded integers.
 */
import type { DataArray } from '../dtype.js';
import { show, ValueError } from '../errors.js';
import { broadcastStrides, shapeSize } from '../shape.js';
import { Tensor, type TensorLike, tensor } from '../tensor.js';

export const TWO32 = 4294967296;
export const MAX_SEED = 0xffffffff;

export function describeSeed(seed: unknown): string {
  return show(seed instanceof Uint32Array ? Array.from(seed) : seed);
}

export function validSeedWord(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_SEED;
}

/** Parse `size` into a shape (numpy: an int is a 1-d shape). */
export function parseSize(method: string, size: unknown, arg = 'size'): number[] {
  if (typeof size === 'number') {
    if (!Number.isInteger(size) || size < 0)
      throw new ValueError(
        method,
        `${arg} must be a non-negative integer or a shape array of them, received ${show(size)}`,
      );
    return [size];
  }
  if (Array.isArray(size)) {
    for (const d of size)
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0)
        throw new ValueError(
          method,
          `${arg} must be a non-negative integer or a shape array of them, received ${show(size)}`,
        );
    return [...(size as number[])];
  }
  throw new ValueError(
    method,
    `${arg} must be a non-negative integer or a shape array of them, received ${show(size)}`,
  );
}

/** Parse `rand(d0, d1, ...)`-style dimension arguments. */
export function parseDims(method: string, dims: readonly unknown[]): number[] {
  dims.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0)
      throw new ValueError(
        method,
        `dimension ${i} must be a non-negative integer (${method}(d0, d1, ...) takes the shape as separate numbers), received ${show(d)}`,
      );
  });
  return dims as number[];
}

/** Smallest bit mask 2^k - 1 that is >= max (max < 2^53). */
export function genMask(max: number): number {
  let mask = 1;
  while (mask < max) mask = mask * 2 + 1;
  return max === 0 ? 0 : mask;
}

/** A real parameter (number or tensor-like) as float64 values with a shape. */
export interface Param {
  data: Float64Array | DataArray;
  shape: readonly number[];
  scalar: number | null; // set when the parameter is a number or a one-element 0-d tensor
}

export function toParam(method: string, arg: string, v: TensorLike): Param {
  if (typeof v === 'number') return { data: Float64Array.of(v), shape: [], scalar: v };
  let t: Tensor;
  try {
    t = v instanceof Tensor ? v : tensor(v as never);
  } catch (e) {
    throw new ValueError(
      method,
      `${arg} must be a number or an array/tensor of numbers, received ${show(v)}: ${(e as Error).message}`,
    );
  }
  if (t.dtype === 'bool' && !(v instanceof Tensor))
    throw new ValueError(
      method,
      `${arg} must be a number or an array/tensor of numbers, received ${show(v)}`,
    );
  return { data: t.data, shape: t.shape, scalar: t.ndim === 0 ? t.data[0]! : null };
}

/**
 * `v` as a float64 tensor (an array argument such as `choice`'s `p` or `multivariateNormal`'s
 * `mean`), or a ValueError naming `arg`: "`arg` must be `expected`, received …".
 */
export function float64Arg(op: string, arg: string, v: TensorLike, expected: string): Tensor {
  try {
    return tensor(v as never, { dtype: 'float64' });
  } catch (e) {
    throw new ValueError(op, `${arg} must be ${expected}, received ${show(v)}: ${(e as Error).message}`);
  }
}

/**
 * Element offsets of a parameter broadcast into `outShape` (row-major order of the output).
 */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const n = shapeSize(outShape);
  const idx = new Int32Array(n);
  if (shape.length === 0 || shapeSize(shape) === 1) return idx; // all zeros
  const strides = broadcastStrides(shape, outShape);
  const nd = outShape.length;
  const counter = new Array<number>(nd).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    idx[i] = off;
    for (let d = nd - 1; d >= 0; d--) {
      counter[d]!++;
      off += strides[d]!;
      if (counter[d]! < outShape[d]!) break;
      off -= strides[d]! * outShape[d]!;
      counter[d] = 0;
    }
  }
  return idx;
}
