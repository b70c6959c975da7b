/**
 * Upsampling (the book's section 10.4, notebook 10.4): max-unpooling, which puts each pooled value
 * back where `maxPool2dWithIndices` found it, and PyTorch's `interpolate` (nearest, nearest-exact,
 * linear, bilinear) with its coordinate and rounding rules. The downsampling half of the notebook
 * is already here: `maxPool2d`, `avgPool2d` (pool.ts) and subsampling `x[::2, ::2]`, which is
 * core's strided indexing, `x.index(':', ':', '::2', '::2')`.
 *
 * Every op is linear in its input and is recorded with core's autograd (`record`): the backward
 * is the transposed operator, itself recorded, so double backward works.
 */
import { allocate, DTypeError, IndexError, record, ShapeError, Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { viewAs } from './functional.js';
import { type IntOrPair, type IntOrSingle, pair, single } from './params.js';
import { gatherPlanes } from './planes.js';
import { maxPool2dWithIndices } from './pool.js';

function checkInput(op: string, x: Tensor, ranks: readonly number[], layout: string): void {
  if (!(x instanceof Tensor)) throw new DTypeError(op, `input must be a Tensor, received ${show(x)}`);
  if (x.dtype !== 'float64' && x.dtype !== 'float32')
    throw new DTypeError(op, `input must be float32 or float64, received dtype ${x.dtype}`);
  if (!ranks.includes(x.ndim))
    throw new ShapeError(
      op,
      `input must have ${ranks.join(' or ')} dimensions (${layout}), received shape ${showShape(x.shape)}`,
    );
}

// ---------------------------------------------------------------------------------------------
// max-unpooling
// ---------------------------------------------------------------------------------------------

/** Options of `maxUnpool2d` (PyTorch's keyword arguments, camelCased). */
export interface MaxUnpoolOptions {
  /** The stride of the max pooling being inverted; default (or null) the kernel size. */
  stride?: IntOrPair | null;
  /** The padding of the max pooling being inverted; default 0. */
  padding?: IntOrPair;
  /**
   * The output's spatial size `[OH, OW]` (or the full `[N, C, OH, OW]`), to undo a pooling whose
   * input size the default formula cannot recover; each entry must lie strictly between
   * `default - stride` and `default + stride`.
   */
  outputSize?: readonly number[] | null;
}

/** Options of `maxUnpool1d`. */
export interface MaxUnpool1dOptions {
  /** The stride of the max pooling being inverted; default (or null) the kernel size. */
  stride?: IntOrSingle | null;
  /** The padding of the max pooling being inverted; default 0. */
  padding?: IntOrSingle;
  /** The output length `[LOut]` (or `[N, C, LOut]`); strictly within `default ± stride`. */
  outputSize?: readonly number[] | null;
}

/** PyTorch's `_unpool_output_size`: `(in - 1)·stride + kernel - 2·padding`, or a checked `outputSize`. */
function unpoolSize(
  op: string,
  inSizes: readonly number[],
  k: readonly number[],
  s: readonly number[],
  p: readonly number[],
  outputSize: readonly number[] | null | undefined,
): number[] {
  const dims = k.length;
  const def = inSizes.map((n, d) => (n - 1) * s[d]! + k[d]! - 2 * p[d]!);
  let out = def;
  if (outputSize != null) {
    if (!Array.isArray(outputSize) || (outputSize.length !== dims && outputSize.length !== dims + 2))
      throw new ValueError(
        op,
        `outputSize should be a sequence of ${dims} or ${dims + 2} integers, received ${show(outputSize)}`,
      );
    const o = outputSize.slice(outputSize.length - dims);
    for (let d = 0; d < dims; d++) {
      const v = o[d]!;
      const lo = def[d]! - s[d]!;
      const hi = def[d]! + s[d]!;
      if (!Number.isInteger(v) || !(lo < v && v < hi))
        throw new ValueError(
          op,
          `invalid outputSize ${show(outputSize)}: dimension ${d} must be an integer strictly between ${lo} and ${hi}, received ${show(v)}`,
        );
    }
    out = o;
  }
  for (let d = 0; d < dims; d++)
    if (out[d]! < 1)
      throw new ValueError(
        op,
        `output size ${show(out)} is not positive (input ${showShape(inSizes)}, kernel ${show(k)}, stride ${show(s)}, padding ${show(p)})`,
      );
  return out;
}

/** y[p, idx[p, r]] = x[p, r] per plane (later writes win, as PyTorch's CPU kernel); backward gathers. */
function unpoolPlanes(
  x: Tensor,
  idx: Int32Array,
  inPlane: number,
  outPlane: number,
  outShape: readonly number[],
): Tensor {
  const planes = x.size / inPlane;
  const out = allocate(x.dtype, planes * outPlane);
  const xd = x.data;
  for (let p = 0; p < planes; p++)
    for (let r = 0; r < inPlane; r++) out[p * outPlane + idx[p * inPlane + r]!] = xd[p * inPlane + r]!;
  const y = new Tensor(out, outShape, x.dtype);
  return record(y, 'maxUnpool', [x], (g) => [
    gatherPlanes(g, idx, outPlane, inPlane, x.shape, 'maxUnpoolBackward'),
  ]);
}

function unpoolImpl(
  op: string,
  input: Tensor,
  indices: Tensor,
  dims: 1 | 2,
  k: number[],
  s: number[],
  p: number[],
  outputSize: readonly number[] | null | undefined,
): Tensor {
  if (!(indices instanceof Tensor))
    throw new DTypeError(op, `indices must be a Tensor, received ${show(indices)}`);
  if (indices.dtype !== 'int32')
    throw new DTypeError(
      op,
      `indices must be int32 (as maxPool2dWithIndices returns them), received dtype ${indices.dtype}`,
    );
  if (indices.ndim !== input.ndim || indices.shape.some((v, i) => v !== input.shape[i]))
    throw new ShapeError(
      op,
      `indices must have the input's shape ${showShape(input.shape)}, received shape ${showShape(indices.shape)}`,
    );
  const lead = input.shape.slice(0, input.ndim - dims);
  const inSizes = input.shape.slice(input.ndim - dims);
  const outSizes = unpoolSize(op, inSizes, k, s, p, outputSize);
  const inPlane = inSizes.reduce((a, b) => a * b, 1);
  const outPlane = outSizes.reduce((a, b) => a * b, 1);
  const idx = indices.data as Int32Array;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (v < 0 || v >= outPlane)
      throw new IndexError(
        op,
        `found an invalid max index ${v} at flat position ${i}: the output planes are ${outSizes.join('x')} (indices must lie in [0, ${outPlane - 1}])`,
      );
  }
  return unpoolPlanes(input, idx, inPlane, outPlane, [...lead, ...outSizes]);
}

/**
 * 2-D max-unpooling (PyTorch's `max_unpool2d`), the partial inverse of `maxPool2dWithIndices`:
 * input and `indices` [N, C, H, W] (or [C, H, W]) → [N, C, OH, OW] of zeros with each input value
 * written at its flat per-plane index (`iy·OW + ix`), where by default
 * `OH = (H - 1)·stride + kernelSize - 2·padding` (likewise OW); `outputSize` picks another size
 * within `± stride`, e.g. the odd size a floor-rounding pooling lost. The gradient of an input
 * element is the output gradient at its index (PyTorch's rule; where overlapping windows chose
 * the same element twice, the later value is written but both receive that gradient, as in
 * PyTorch). Section 10.4's max-unpooling.
 *
 * ```ts
 * const { y, indices } = maxPool2dWithIndices(x, 2);     // [1, 1, 4, 4] → [1, 1, 2, 2]
 * maxUnpool2d(y, indices, 2).shape;                      // [1, 1, 4, 4]: maxima in place, zeros elsewhere
 * maxUnpool2d(y, indices, 2, { outputSize: [5, 5] });    // undo a pooling of a 5x5 input
 * ```
 */
export function maxUnpool2d(
  input: Tensor,
  indices: Tensor,
  kernelSize: IntOrPair,
  options: MaxUnpoolOptions = {},
): Tensor {
  const op = 'maxUnpool2d';
  checkInput(op, input, [3, 4], '[N, C, H, W] or [C, H, W]');
  const k = pair(op, 'kernelSize', kernelSize, 1);
  const s = options.stride == null ? k : pair(op, 'stride', options.stride, 1);
  const p = pair(op, 'padding', options.padding ?? 0, 0);
  return unpoolImpl(op, input, indices, 2, k, s, p, options.outputSize);
}

/**
 * 1-D max-unpooling (PyTorch's `max_unpool1d`): input and `indices` [N, C, L] (or [C, L]) →
 * [N, C, LOut], zeros with each value written at its index, `LOut = (L - 1)·stride + kernelSize -
 * 2·padding` unless `outputSize` says otherwise (within `± stride`). Indices as
 * `maxPool1dWithIndices` returns them.
 *
 * ```ts
 * const { y, indices } = maxPool1dWithIndices(x, 2); // [2, 3, 8] → [2, 3, 4]
 * maxUnpool1d(y, indices, 2).shape;                  // [2, 3, 8]
 * ```
 */
export function maxUnpool1d(
  input: Tensor,
  indices: Tensor,
  kernelSize: IntOrSingle,
  options: MaxUnpool1dOptions = {},
): Tensor {
  const op = 'maxUnpool1d';
  checkInput(op, input, [2, 3], '[N, C, L] or [C, L]');
  const k = single(op, 'kernelSize', kernelSize, 1);
  const s = options.stride == null ? k : single(op, 'stride', options.stride, 1);
  const p = single(op, 'padding', options.padding ?? 0, 0);
  return unpoolImpl(op, input, indices, 1, [k], [s], [p], options.outputSize);
}

/**
 * 1-D max pooling that also returns the argmax indices (PyTorch's `max_pool1d(...,
 * return_indices=True)`), for `maxUnpool1d`: [N, C, L] (or [C, L]) → `{ y, indices }`, both
 * [N, C, LOut], `indices` the int32 position along L of each chosen element. It is
 * `maxPool2dWithIndices` on the [N, C, 1, L] view, so values and gradients are `maxPool1d`'s.
 *
 * ```ts
 * const { y, indices } = maxPool1dWithIndices(x, 3, { stride: 2, padding: 1 });
 * ```
 */
export function maxPool1dWithIndices(
  input: Tensor,
  kernelSize: IntOrSingle,
  options: {
    stride?: IntOrSingle | null;
    padding?: IntOrSingle;
    dilation?: IntOrSingle;
    ceilMode?: boolean;
  } = {},
): { y: Tensor; indices: Tensor } {
  const op = 'maxPool1dWithIndices';
  checkInput(op, input, [2, 3], '[N, C, L] or [C, L]');
  const k = single(op, 'kernelSize', kernelSize, 1);
  const s = options.stride == null ? k : single(op, 'stride', options.stride, 1);
  const p = single(op, 'padding', options.padding ?? 0, 0);
  const d = single(op, 'dilation', options.dilation ?? 1, 1);
  const sh = input.shape;
  const x4 = viewAs(input, [...sh.slice(0, -1), 1, sh[sh.length - 1]!]);
  const r = maxPool2dWithIndices(x4, [1, k], {
    stride: [1, s],
    padding: [0, p],
    dilation: [1, d],
    ceilMode: options.ceilMode ?? false,
  });
  const outShape = [...sh.slice(0, -1), r.y.shape[r.y.ndim - 1]!];
  return { y: viewAs(r.y, outShape), indices: new Tensor(r.indices.data, outShape, 'int32') };
}

// ---------------------------------------------------------------------------------------------
// interpolation
// ---------------------------------------------------------------------------------------------

/** The modes of `interpolate` (PyTorch's names). */
export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear';

/** Options of `interpolate` (PyTorch's keyword arguments, camelCased). */
export interface InterpolateOptions {
  /** The output's spatial size: one integer for every spatial dim, or one per dim. */
  size?: number | readonly number[] | null;
  /** Multiplier of the spatial size (`out = floor(in · scaleFactor)`): one number or one per dim. */
  scaleFactor?: number | readonly number[] | null;
  /** 'nearest' (default), 'nearest-exact', 'linear' (3-D input) or 'bilinear' (4-D input). */
  mode?: InterpolateMode;
  /**
   * Linear modes only: true aligns the corner pixels' centres (`src = dst·(in-1)/(out-1)`);
   * false (the default) maps pixel areas (`src = (dst + 0.5)·scale - 0.5`).
   */
  alignCorners?: boolean | null;
}

/** Per output position along one axis: the two source indices and their weights. */
interface AxisMap {
  i0: Int32Array;
  i1: Int32Array;
  l0: Float64Array;
  l1: Float64Array;
}

const id = (v: number) => v;

/**
 * PyTorch 1.13's CPU index rules along one axis. `scale` is the user's scale factor (null when
 * `size` was given), `f` rounds to the working precision (`Math.fround` for float32). Nearest
 * modes: the forward (HelperInterpNearest) computes in the input's precision and floors in
 * float (`floorf`); the backward (`nearest_idx`) always computes in float and special-cases
 * `out == in` and `out == 2·in`. The two agree except in rare last-bit cases, so both are kept.
 */
function axisMap(
  mode: InterpolateMode,
  inp: number,
  out: number,
  scale: number | null,
  alignCorners: boolean,
  f: (v: number) => number,
  backward: boolean,
): AxisMap {
  const m: AxisMap = {
    i0: new Int32Array(out),
    i1: new Int32Array(out),
    l0: new Float64Array(out).fill(1),
    l1: new Float64Array(out),
  };
  const fr = Math.fround;
  if (mode === 'nearest' || mode === 'nearest-exact') {
    const exact = mode === 'nearest-exact';
    const g = backward ? fr : f;
    const s = scale != null && scale > 0 ? g(1 / scale) : g(g(inp) / out);
    for (let i = 0; i < out; i++) {
      let src: number;
      if (backward && !exact && out === inp) src = i;
      else if (backward && !exact && out === 2 * inp) src = i >> 1;
      else {
        const real = g(s * (exact ? i + 0.5 : i));
        src = Math.min(Math.floor(fr(real)), inp - 1);
      }
      m.i0[i] = m.i1[i] = src;
    }
    return m;
  }
  // linear: compute_source_index_and_lambda
  let s: number;
  if (alignCorners) s = out > 1 ? f(f(inp - 1) / (out - 1)) : 0;
  else s = scale != null && scale > 0 ? f(1 / scale) : f(f(inp) / out);
  for (let i = 0; i < out; i++) {
    if (out === inp) {
      m.i0[i] = m.i1[i] = i;
      continue;
    }
    let real: number;
    if (alignCorners) real = f(s * i);
    else {
      real = f(s * (i + 0.5) - 0.5);
      if (real < 0) real = 0;
    }
    const i0 = Math.min(Math.trunc(real), inp - 1);
    const l1 = Math.min(Math.max(f(real - i0), 0), 1);
    m.i0[i] = i0;
    m.i1[i] = i0 + (i0 < inp - 1 ? 1 : 0);
    m.l1[i] = l1;
    m.l0[i] = f(1 - l1);
  }
  return m;
}

/** A separable resampling of [H, W] planes: forward maps along H and W. */
interface Resampler {
  H: number;
  W: number;
  OH: number;
  OW: number;
  h: AxisMap;
  w: AxisMap;
  /** Copy instead of weighting (nearest modes: no 0·∞). */
  copy: boolean;
}

/** y = A x per plane (A from `a`); the backward applies Bᵀ (B from `b`, PyTorch's backward rule). */
function resample(x: Tensor, a: Resampler, b: Resampler, outShape: readonly number[]): Tensor {
  const inPlane = a.H * a.W;
  const outPlane = a.OH * a.OW;
  const planes = x.size / inPlane;
  const out = allocate(x.dtype, planes * outPlane);
  const xd = x.data;
  const { h, w } = a;
  for (let p = 0; p < planes; p++) {
    const xo = p * inPlane;
    let o = p * outPlane;
    for (let oy = 0; oy < a.OH; oy++) {
      const r0 = xo + h.i0[oy]! * a.W;
      const r1 = xo + h.i1[oy]! * a.W;
      const hl0 = h.l0[oy]!;
      const hl1 = h.l1[oy]!;
      for (let ox = 0; ox < a.OW; ox++, o++) {
        const c0 = w.i0[ox]!;
        if (a.copy) {
          out[o] = xd[r0 + c0]!;
          continue;
        }
        const c1 = w.i1[ox]!;
        const wl0 = w.l0[ox]!;
        const wl1 = w.l1[ox]!;
        out[o] =
          (xd[r0 + c0]! * wl0 + xd[r0 + c1]! * wl1) * hl0 + (xd[r1 + c0]! * wl0 + xd[r1 + c1]! * wl1) * hl1;
      }
    }
  }
  const y = new Tensor(out, outShape, x.dtype);
  return record(y, 'interpolate', [x], (g) => [resampleT(g, b, x.shape)]);
}

/** gx = Bᵀ g per plane (the scatter-add of PyTorch's upsample backward); its backward is B. */
function resampleT(g: Tensor, b: Resampler, inShape: readonly number[]): Tensor {
  const inPlane = b.H * b.W;
  const outPlane = b.OH * b.OW;
  const planes = g.size / outPlane;
  const acc = new Float64Array(planes * inPlane);
  const gd = g.data;
  const { h, w } = b;
  for (let p = 0; p < planes; p++) {
    const xo = p * inPlane;
    let o = p * outPlane;
    for (let oy = 0; oy < b.OH; oy++) {
      const r0 = xo + h.i0[oy]! * b.W;
      const r1 = xo + h.i1[oy]! * b.W;
      const hl0 = h.l0[oy]!;
      const hl1 = h.l1[oy]!;
      for (let ox = 0; ox < b.OW; ox++, o++) {
        const gv = gd[o]!;
        const c0 = w.i0[ox]!;
        if (b.copy) {
          acc[r0 + c0] = acc[r0 + c0]! + gv;
          continue;
        }
        const c1 = w.i1[ox]!;
        const wl0 = w.l0[ox]!;
        const wl1 = w.l1[ox]!;
        acc[r0 + c0] = acc[r0 + c0]! + hl0 * wl0 * gv;
        acc[r0 + c1] = acc[r0 + c1]! + hl0 * wl1 * gv;
        acc[r1 + c0] = acc[r1 + c0]! + hl1 * wl0 * gv;
        acc[r1 + c1] = acc[r1 + c1]! + hl1 * wl1 * gv;
      }
    }
  }
  const out = allocate(g.dtype, acc.length);
  out.set(acc);
  const y = new Tensor(out, inShape, g.dtype);
  return record(y, 'interpolateBackward', [g], (gg) => [resample(gg, b, b, g.shape)]);
}

const MODES: readonly InterpolateMode[] = ['nearest', 'nearest-exact', 'linear', 'bilinear'];

function perDim(
  op: string,
  arg: string,
  v: number | readonly number[],
  dims: number,
  inSizes: readonly number[],
): number[] {
  const list = typeof v === 'number' ? new Array<number>(dims).fill(v) : Array.isArray(v) ? [...v] : null;
  if (list === null || list.length !== dims)
    throw new ValueError(
      op,
      `${arg} must be a number or a sequence of ${dims} (one per spatial dimension of the input ${showShape(inSizes)}), received ${show(v)}`,
    );
  return list;
}

/**
 * Resize the spatial dimensions (PyTorch's `F.interpolate`, without antialiasing): [N, C, L]
 * (modes 'nearest', 'nearest-exact', 'linear') or [N, C, H, W] ('nearest', 'nearest-exact',
 * 'bilinear') → the same with the spatial size `size`, or `floor(in · scaleFactor)` (exactly one
 * of the two). PyTorch's rules, including their float32 rounding:
 *
 * - 'nearest': `src = min(floor(dst · scale), in - 1)`, the duplication upsampling of section
 *   10.4 for an integer `scaleFactor`; 'nearest-exact': `floor((dst + 0.5) · scale)`.
 * - linear modes, `alignCorners: false` (default): `src = max((dst + 0.5) · scale - 0.5, 0)`,
 *   interpolating between `floor(src)` and the next pixel (clamped at the edge); `alignCorners:
 *   true`: `src = dst · (in - 1) / (out - 1)`, so corner pixels map onto corner pixels.
 * - `scale = 1 / scaleFactor` when `scaleFactor` is given (PyTorch's default
 *   `recompute_scale_factor=None`), otherwise `in / out`; so `scaleFactor: 1.5` on 5 pixels
 *   (7 out) differs slightly from `size: 7`.
 *
 * Works for float32 and float64; differentiable (the backward is PyTorch's scatter-add).
 *
 * ```ts
 * interpolate(x, { scaleFactor: 2 });                                         // [1, 1, 2, 2] → [1, 1, 4, 4], pixels duplicated
 * interpolate(x, { size: [5, 7], mode: 'bilinear', alignCorners: true });     // [N, C, 5, 7]
 * interpolate(signal, { scaleFactor: 1.5, mode: 'linear' });                 // [N, C, L] → [N, C, floor(1.5·L)]
 * ```
 */
export function interpolate(input: Tensor, options: InterpolateOptions = {}): Tensor {
  const op = 'interpolate';
  checkInput(op, input, [3, 4], '[N, C, L] or [N, C, H, W]');
  const mode = options.mode ?? 'nearest';
  if (!MODES.includes(mode))
    throw new ValueError(
      op,
      `mode must be one of ${MODES.map((m) => `'${m}'`).join(', ')}, received ${show(mode)}`,
    );
  const dims = input.ndim - 2;
  if (mode === 'linear' && dims !== 1)
    throw new ShapeError(
      op,
      `mode 'linear' needs a 3-D input [N, C, L], received shape ${showShape(input.shape)} (use 'bilinear' for [N, C, H, W])`,
    );
  if (mode === 'bilinear' && dims !== 2)
    throw new ShapeError(
      op,
      `mode 'bilinear' needs a 4-D input [N, C, H, W], received shape ${showShape(input.shape)} (use 'linear' for [N, C, L])`,
    );
  const linear = mode === 'linear' || mode === 'bilinear';
  if (!linear && options.alignCorners != null)
    throw new ValueError(
      op,
      `alignCorners can only be set with the interpolating modes 'linear' and 'bilinear', received alignCorners ${show(options.alignCorners)} with mode '${mode}'`,
    );
  const alignCorners = options.alignCorners ?? false;
  const inSizes = input.shape.slice(2);
  const hasSize = options.size != null;
  const hasScale = options.scaleFactor != null;
  if (hasSize && hasScale)
    throw new ValueError(
      op,
      `only one of size or scaleFactor should be defined, received size ${show(options.size)} and scaleFactor ${show(options.scaleFactor)}`,
    );
  if (!hasSize && !hasScale)
    throw new ValueError(op, 'either size or scaleFactor should be defined, received neither');
  let outSizes: number[];
  let scales: (number | null)[];
  if (hasSize) {
    outSizes = perDim(op, 'size', options.size!, dims, inSizes);
    for (const v of outSizes)
      if (!Number.isInteger(v) || v < 1)
        throw new ValueError(op, `size must be positive integers, received ${show(options.size)}`);
    scales = outSizes.map(() => null);
  } else {
    scales = perDim(op, 'scaleFactor', options.scaleFactor!, dims, inSizes);
    for (const v of scales)
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
        throw new ValueError(
          op,
          `scaleFactor must be finite positive numbers, received ${show(options.scaleFactor)}`,
        );
    outSizes = inSizes.map((n, d) => Math.floor(n * scales[d]!));
    if (outSizes.some((v) => v < 1))
      throw new ValueError(
        op,
        `output sizes should be greater than 0: input ${showShape(inSizes)} with scaleFactor ${show(options.scaleFactor)} gives ${showShape(outSizes)}`,
      );
  }
  const f = input.dtype === 'float32' ? Math.fround : id;
  const H = dims === 2 ? inSizes[0]! : 1;
  const W = inSizes[dims - 1]!;
  const OH = dims === 2 ? outSizes[0]! : 1;
  const OW = outSizes[dims - 1]!;
  const sh = dims === 2 ? scales[0]! : null;
  const sw = scales[dims - 1]!;
  const build = (backward: boolean): Resampler => ({
    H,
    W,
    OH,
    OW,
    h: axisMap(mode, H, OH, sh, alignCorners, f, backward),
    w: axisMap(mode, W, OW, sw, alignCorners, f, backward),
    copy: !linear,
  });
  const a = build(false);
  const b = linear ? a : build(true);
  return resample(input, a, b, [...input.shape.slice(0, 2), ...outSizes]);
}
