/**
 * Argument handling shared by every convolution and pooling op: int-or-pair normalisation,
 * 'valid'/'same' padding, output sizes, and the shape checks whose errors name the shapes.
 */
import { ShapeError, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';

/** A size given as one integer for both spatial dimensions or as `[height, width]` (PyTorch's `_pair`). */
export type IntOrPair = number | readonly [number, number];
/** A 1-D size: an integer or a one-element tuple (PyTorch's `_single`). */
export type IntOrSingle = number | readonly [number];

/** Normalised hyper-parameters of a 2-D convolution (1-D uses height 1). */
export interface Conv2dGeometry {
  strideH: number;
  strideW: number;
  /** Padding before/after each spatial dimension (asymmetric only for 'same' with even kernels). */
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  dilH: number;
  dilW: number;
  groups: number;
}

/**
 * Normalise an int-or-pair argument to `[h, w]`, each an integer >= `min`; otherwise a
 * `ValueError` naming `op` and `arg` with the value received.
 *
 * ```ts
 * pair('conv2d', 'stride', 2, 1); // [2, 2]
 * ```
 */
export function pair(op: string, arg: string, v: IntOrPair | IntOrSingle, min: number): [number, number] {
  const p: [number, number] =
    typeof v === 'number' ? [v, v] : v.length === 1 ? [v[0]!, v[0]!] : [v[0]!, (v as readonly number[])[1]!];
  for (const x of p)
    if (!Number.isInteger(x) || x < min)
      throw new ValueError(op, `${arg} must be an integer >= ${min} or a pair of them, received ${show(v)}`);
  return p;
}

/**
 * Normalise a 1-D int-or-single argument to an integer >= `min`; otherwise a `ValueError`
 * naming `op` and `arg`.
 *
 * ```ts
 * single('conv1d', 'stride', [2], 1); // 2
 * ```
 */
export function single(op: string, arg: string, v: IntOrSingle, min: number): number {
  const x = typeof v === 'number' ? v : v[0]!;
  if (!Number.isInteger(x) || x < min)
    throw new ValueError(op, `${arg} must be an integer >= ${min}, received ${show(v)}`);
  return x;
}

/**
 * Output length of a convolution along one dimension (PyTorch's formula for a strided,
 * padded, dilated kernel): `floor((in + padBefore + padAfter - dil·(k-1) - 1) / stride) + 1`.
 *
 * ```ts
 * convOutSize(40, 0, 0, 1, 3, 2); // 19: figure 10.7's first layer
 * ```
 */
export function convOutSize(
  inp: number,
  padBefore: number,
  padAfter: number,
  dil: number,
  k: number,
  stride: number,
): number {
  return Math.floor((inp + padBefore + padAfter - dil * (k - 1) - 1) / stride) + 1;
}

/**
 * Resolve padding ('valid', 'same', int, pair) into before/after amounts.
 * 'same' follows PyTorch: only for stride 1; total padding dil*(k-1), the extra one on the right.
 * Returns `[top, bottom, left, right]`.
 *
 * ```ts
 * resolvePadding('conv2d', 'same', [4, 3], [1, 1], [1, 1]); // [1, 2, 1, 1]
 * ```
 */
export function resolvePadding(
  op: string,
  padding: IntOrPair | 'valid' | 'same',
  kernel: [number, number],
  dil: [number, number],
  stride: [number, number],
): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1)
      throw new ValueError(
        op,
        `padding='same' is not supported for strided convolutions, received stride ${show(stride)}; expected stride 1`,
      );
    const th = dil[0] * (kernel[0] - 1);
    const tw = dil[1] * (kernel[1] - 1);
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  if (typeof padding === 'string')
    throw new ValueError(
      op,
      `padding must be 'valid', 'same', an integer or a pair, received ${show(padding)}`,
    );
  const [ph, pw] = pair(op, 'padding', padding, 0);
  return [ph, ph, pw, pw];
}

/**
 * Check input [N, C, H, W] (or [N, C, L]) against weight [O, C/groups, KH, KW] (or
 * [O, C/groups, K]) and bias [O]: wrong ranks, `groups` not a positive integer or not dividing
 * C and O, and channel mismatches throw errors that name `op` and both shapes.
 *
 * ```ts
 * checkConvShapes('conv2d', [2, 3, 5, 5], [4, 2, 3, 3], 1, 2); // ShapeError: channel mismatch ...
 * ```
 */
export function checkConvShapes(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  groups: number,
  spatialDims: 1 | 2,
  biasShape?: readonly number[],
): void {
  const want = spatialDims + 2;
  const layout = spatialDims === 1 ? '[N, C, L]' : '[N, C, H, W]';
  const wlayout = spatialDims === 1 ? '[O, C/groups, K]' : '[O, C/groups, KH, KW]';
  if (xShape.length !== want)
    throw new ShapeError(
      op,
      `input must have ${want} dimensions ${layout}, received shape ${showShape(xShape)}`,
    );
  if (wShape.length !== want)
    throw new ShapeError(
      op,
      `weight must have ${want} dimensions ${wlayout}, received shape ${showShape(wShape)}`,
    );
  if (!Number.isInteger(groups) || groups < 1)
    throw new ValueError(op, `groups must be a positive integer, received ${show(groups)}`);
  const c = xShape[1]!;
  const o = wShape[0]!;
  if (c % groups !== 0)
    throw new ValueError(
      op,
      `groups=${groups} must divide the input channels, received input shape ${showShape(xShape)} (${c} channels)`,
    );
  if (o % groups !== 0)
    throw new ValueError(
      op,
      `groups=${groups} must divide the output channels, received weight shape ${showShape(wShape)} (${o} output channels)`,
    );
  if (wShape[1]! * groups !== c)
    throw new ShapeError(
      op,
      `channel mismatch: input shape ${showShape(xShape)} has ${c} channels but weight shape ${showShape(wShape)} expects ${wShape[1]! * groups} (weight.shape[1] * groups = ${wShape[1]} * ${groups})`,
    );
  if (biasShape && (biasShape.length !== 1 || biasShape[0] !== o))
    throw new ShapeError(
      op,
      `bias must have shape [${o}] (one per output channel), received ${showShape(biasShape)}`,
    );
}
