/**
 * Pooling (the book's downsampling, section 10.4): max, average and adaptive average pooling in
 * 1-D and 2-D with PyTorch's semantics. Every pooling is linear once its windows are known, so it
 * is expressed as a sparse "window" operator applied to each [H, W] plane: the forward applies
 * it, the backward applies its transpose, and both are recorded, so double backward works.
 */
import { allocate, DTypeError, record, ShapeError, Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { getKernel } from '@gradkit/core/kernels';
import { viewAs } from './functional.js';
import { type IntOrPair, pair } from './params.js';
import { gatherPlanes } from './planes.js';
import './kernels.js'; // registers the maxPool2x2 kernels
import { isPool2x2, maxPoolIndices } from './pool-argmax.js';

/** A sparse [outSize, inSize] operator on one plane in CSR form. */
interface WindowOp {
  inSize: number;
  outSize: number;
  rowPtr: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

function applyWindows(x: Tensor, op: WindowOp, outShape: readonly number[]): Tensor {
  const planes = x.size / op.inSize;
  const out = allocate(x.dtype, planes * op.outSize);
  const xd = x.data;
  for (let p = 0; p < planes; p++) {
    const xo = p * op.inSize;
    const oo = p * op.outSize;
    for (let r = 0; r < op.outSize; r++) {
      let s = 0;
      for (let k = op.rowPtr[r]!; k < op.rowPtr[r + 1]!; k++) s += op.val[k]! * xd[xo + op.col[k]!]!;
      out[oo + r] = s;
    }
  }
  const y = new Tensor(out, outShape, x.dtype);
  return record(y, 'pool', [x], (g) => [applyWindowsT(g, op, x.shape)]);
}

function applyWindowsT(g: Tensor, op: WindowOp, inShape: readonly number[]): Tensor {
  const planes = g.size / op.outSize;
  const out = allocate(g.dtype, planes * op.inSize);
  const gd = g.data;
  for (let p = 0; p < planes; p++) {
    const xo = p * op.inSize;
    const oo = p * op.outSize;
    for (let r = 0; r < op.outSize; r++) {
      const gv = gd[oo + r]!;
      for (let k = op.rowPtr[r]!; k < op.rowPtr[r + 1]!; k++)
        out[xo + op.col[k]!] = out[xo + op.col[k]!]! + op.val[k]! * gv;
    }
  }
  const y = new Tensor(out, inShape, g.dtype);
  return record(y, 'poolBackward', [g], (gg) => [applyWindows(gg, op, g.shape)]);
}

function check(op: string, x: Tensor, dims: 1 | 2): void {
  if (!(x instanceof Tensor)) throw new DTypeError(op, `input must be a Tensor, received ${show(x)}`);
  if (x.dtype !== 'float64' && x.dtype !== 'float32')
    throw new DTypeError(op, `input must be float32 or float64, received dtype ${x.dtype}`);
  const want = dims === 1 ? [2, 3] : [3, 4];
  if (!want.includes(x.ndim))
    throw new ShapeError(
      op,
      `input must have ${want.join(' or ')} dimensions (${dims === 1 ? '[N, C, L] or [C, L]' : '[N, C, H, W] or [C, H, W]'}), received shape ${showShape(x.shape)}`,
    );
}

function pooledSize(
  op: string,
  inp: number,
  k: number,
  s: number,
  p: number,
  d: number,
  ceil: boolean,
): number {
  if (p > Math.floor(k / 2))
    throw new ValueError(
      op,
      `padding should be at most half of the kernel size, received padding ${p} with kernel ${k}`,
    );
  const num = inp + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(num / s) : Math.floor(num / s)) + 1;
  // PyTorch: the last window must start inside the input or left padding
  if (ceil && (out - 1) * s >= inp + p) out--;
  if (out < 1)
    throw new ShapeError(
      op,
      `kernel larger than padded input: input size ${inp} with padding ${p} is smaller than the dilated kernel ${d * (k - 1) + 1}`,
    );
  return out;
}

/** Options of the 2-D poolings (PyTorch's keyword arguments, camelCased). */
export interface PoolOptions {
  /** Step between windows; default (or null) the kernel size. */
  stride?: IntOrPair | null;
  /** Implicit padding on each side (-∞ for max, 0 for average), at most half the kernel; default 0. */
  padding?: IntOrPair;
  /** Spacing between window taps (max pooling only); default 1. */
  dilation?: IntOrPair;
  /** Round the output size up instead of down; default false. */
  ceilMode?: boolean;
  /** Average pooling: count padding in the divisor; default true. */
  countIncludePad?: boolean;
  /** Average pooling: divide by this instead of the window size. */
  divisorOverride?: number;
}

/** The windows of a 2-D pooling of an [H, W] plane. */
function windows2d(op: string, H: number, W: number, kernel: IntOrPair, o: PoolOptions) {
  const [kh, kw] = pair(op, 'kernelSize', kernel, 1);
  const [sh, sw] = o.stride == null ? [kh, kw] : pair(op, 'stride', o.stride, 1);
  const [ph, pw] = pair(op, 'padding', o.padding ?? 0, 0);
  const [dh, dw] = pair(op, 'dilation', o.dilation ?? 1, 1);
  const ceil = o.ceilMode ?? false;
  const OH = pooledSize(op, H, kh, sh, ph, dh, ceil);
  const OW = pooledSize(op, W, kw, sw, pw, dw, ceil);
  return { kh, kw, sh, sw, ph, pw, dh, dw, OH, OW };
}

function as4d(x: Tensor, dims: 1 | 2): { x4: Tensor; restore: (y: Tensor) => Tensor } {
  const s = x.shape;
  if (dims === 1) {
    const x4 = viewAs(x, s.length === 3 ? [s[0]!, s[1]!, 1, s[2]!] : [1, s[0]!, 1, s[1]!]);
    return {
      x4,
      restore: (y) => viewAs(y, s.length === 3 ? [s[0]!, s[1]!, y.shape[3]!] : [s[0]!, y.shape[3]!]),
    };
  }
  if (s.length === 3) return { x4: viewAs(x, [1, ...s]), restore: (y) => viewAs(y, y.shape.slice(1)) };
  return { x4: x, restore: (y) => y };
}

function maxPoolImpl(
  op: string,
  x: Tensor,
  dims: 1 | 2,
  kernel: IntOrPair,
  o: PoolOptions,
): { y: Tensor; indices: Tensor } {
  check(op, x, dims);
  const { x4, restore } = as4d(x, dims);
  const [N, C, H, W] = x4.shape as [number, number, number, number];
  const w = windows2d(op, H, W, kernel, o);
  // max pooling is a gather of the argmax of each window: a 0/1 window operator per plane
  const planes = N * C;
  const outPlane = w.OH * w.OW;
  const idx = new Int32Array(planes * outPlane);
  let y4: Tensor;
  if (isPool2x2(w, H, W)) {
    // the common 2×2 / stride 2 pooling: indices and values in one unrolled pass (same choices;
    // f32x4 SIMD on the 'wasm' backend)
    const out = allocate(x4.dtype, planes * outPlane) as Float32Array | Float64Array;
    getKernel('maxPool2x2')(x4.data as Float32Array | Float64Array, out, idx, planes, H, W, w.OH, w.OW);
    y4 = gatherPlanes(x4, idx, H * W, outPlane, [N, C, w.OH, w.OW], 'maxPool', out, [H, W, w.OH, w.OW]);
  } else {
    maxPoolIndices(x4.data as Float32Array | Float64Array, idx, planes, H, W, w);
    y4 = gatherPlanes(x4, idx, H * W, outPlane, [N, C, w.OH, w.OW], 'maxPool');
  }
  const indices = new Tensor(idx, [N, C, w.OH, w.OW], 'int32');
  return {
    y: restore(y4),
    indices: dims === 2 && x.ndim === 4 ? indices : viewIndices(indices, restore(y4).shape),
  };
}

function viewIndices(t: Tensor, shape: readonly number[]): Tensor {
  return new Tensor(t.data, shape, t.dtype);
}

/**
 * 2-D max pooling (PyTorch's `max_pool2d`): input [N, C, H, W] (or [C, H, W]) → [N, C, OH, OW],
 * each output the maximum of a kernelSize window (stride defaults to kernelSize, implicit
 * -∞ padding), `OH = floor((H + 2·padding - dilation·(KH-1) - 1) / stride) + 1` (ceil with
 * `ceilMode`). The gradient flows to the (first) maximum of each window. Downsampling of
 * section 10.4 of the book; Convolution III pools with kernel 2.
 *
 * ```ts
 * maxPool2d(x, 2).shape; // [N, C, 24, 24] → [N, C, 12, 12]
 * ```
 */
export function maxPool2d(
  input: Tensor,
  kernelSize: IntOrPair,
  options: Omit<PoolOptions, 'countIncludePad' | 'divisorOverride'> = {},
): Tensor {
  return maxPoolImpl('maxPool2d', input, 2, kernelSize, options).y;
}

/**
 * `maxPool2d` that also returns the flat per-plane argmax indices (PyTorch's
 * `return_indices=True`): `indices[n, c, y, x] = iy·W + ix` of the chosen input element.
 *
 * ```ts
 * const { y, indices } = maxPool2dWithIndices(x, 2); // both [N, C, H/2, W/2]
 * ```
 */
export function maxPool2dWithIndices(
  input: Tensor,
  kernelSize: IntOrPair,
  options: Omit<PoolOptions, 'countIncludePad' | 'divisorOverride'> = {},
) {
  return maxPoolImpl('maxPool2d', input, 2, kernelSize, options);
}

/**
 * 1-D max pooling (PyTorch's `max_pool1d`): [N, C, L] (or [C, L]) → [N, C, LOut],
 * `LOut = floor((L + 2·padding - dilation·(kernelSize-1) - 1) / stride) + 1` (ceil with
 * `ceilMode`), stride defaulting to kernelSize.
 *
 * ```ts
 * maxPool1d(x, 2).shape; // [N, C, floor(L / 2)]
 * ```
 */
export function maxPool1d(
  input: Tensor,
  kernelSize: number,
  options: { stride?: number | null; padding?: number; dilation?: number; ceilMode?: boolean } = {},
): Tensor {
  return maxPoolImpl('maxPool1d', input, 1, [1, kernelSize], {
    stride: options.stride == null ? null : [1, options.stride],
    padding: [0, options.padding ?? 0],
    dilation: [1, options.dilation ?? 1],
    ceilMode: options.ceilMode ?? false,
  }).y;
}

function avgPoolImpl(op: string, x: Tensor, dims: 1 | 2, kernel: IntOrPair, o: PoolOptions): Tensor {
  check(op, x, dims);
  const { x4, restore } = as4d(x, dims);
  const [, , H, W] = x4.shape as [number, number, number, number];
  const w = windows2d(op, H, W, kernel, { ...o, dilation: 1 });
  const includePad = o.countIncludePad ?? true;
  if (o.divisorOverride !== undefined && (!Number.isInteger(o.divisorOverride) || o.divisorOverride < 1))
    throw new ValueError(
      op,
      `divisorOverride must be a positive integer, received ${show(o.divisorOverride)}`,
    );
  const rowPtr = new Int32Array(w.OH * w.OW + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let oy = 0; oy < w.OH; oy++)
    for (let ox = 0; ox < w.OW; ox++) {
      const y0 = oy * w.sh - w.ph;
      const x0 = ox * w.sw - w.pw;
      // PyTorch: the padded window is clipped to input + padding for the divisor
      const y1 = Math.min(y0 + w.kh, H + w.ph);
      const x1 = Math.min(x0 + w.kw, W + w.pw);
      const padArea = (y1 - y0) * (x1 - x0);
      const ys = Math.max(y0, 0);
      const xs = Math.max(x0, 0);
      const ye = Math.min(y1, H);
      const xe = Math.min(x1, W);
      const area = (ye - ys) * (xe - xs);
      const divisor = o.divisorOverride ?? (includePad ? padArea : area);
      for (let iy = ys; iy < ye; iy++)
        for (let ix = xs; ix < xe; ix++) {
          cols.push(iy * W + ix);
          vals.push(1 / divisor);
        }
      rowPtr[oy * w.OW + ox + 1] = cols.length;
    }
  const opw: WindowOp = {
    inSize: H * W,
    outSize: w.OH * w.OW,
    rowPtr,
    col: Int32Array.from(cols),
    val: Float64Array.from(vals),
  };
  return restore(applyWindows(x4, opw, [x4.shape[0]!, x4.shape[1]!, w.OH, w.OW]));
}

/**
 * 2-D average pooling (PyTorch's `avg_pool2d`): [N, C, H, W] (or [C, H, W]) → [N, C, OH, OW],
 * each output the mean of its window; zero padding counts in the divisor unless
 * `countIncludePad: false`; `divisorOverride` replaces the divisor. Stride defaults to kernelSize.
 *
 * ```ts
 * avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false });
 * ```
 */
export function avgPool2d(
  input: Tensor,
  kernelSize: IntOrPair,
  options: Omit<PoolOptions, 'dilation'> = {},
): Tensor {
  return avgPoolImpl('avgPool2d', input, 2, kernelSize, options);
}

/**
 * 1-D average pooling (PyTorch's `avg_pool1d`): [N, C, L] (or [C, L]) → [N, C, LOut], the
 * mean of each window (zero padding counted unless `countIncludePad: false`).
 *
 * ```ts
 * avgPool1d(x, 3, { stride: 2, padding: 1 });
 * ```
 */
export function avgPool1d(
  input: Tensor,
  kernelSize: number,
  options: { stride?: number | null; padding?: number; ceilMode?: boolean; countIncludePad?: boolean } = {},
): Tensor {
  return avgPoolImpl('avgPool1d', input, 1, [1, kernelSize], {
    stride: options.stride == null ? null : [1, options.stride],
    padding: [0, options.padding ?? 0],
    ceilMode: options.ceilMode ?? false,
    countIncludePad: options.countIncludePad ?? true,
  });
}

function adaptiveOp(inH: number, inW: number, OH: number, OW: number): WindowOp {
  const rowPtr = new Int32Array(OH * OW + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let oy = 0; oy < OH; oy++) {
    // PyTorch's start/end: floor(i*in/out), ceil((i+1)*in/out)
    const ys = Math.floor((oy * inH) / OH);
    const ye = Math.ceil(((oy + 1) * inH) / OH);
    for (let ox = 0; ox < OW; ox++) {
      const xs = Math.floor((ox * inW) / OW);
      const xe = Math.ceil(((ox + 1) * inW) / OW);
      const area = (ye - ys) * (xe - xs);
      for (let iy = ys; iy < ye; iy++)
        for (let ix = xs; ix < xe; ix++) {
          cols.push(iy * inW + ix);
          vals.push(1 / area);
        }
      rowPtr[oy * OW + ox + 1] = cols.length;
    }
  }
  return {
    inSize: inH * inW,
    outSize: OH * OW,
    rowPtr,
    col: Int32Array.from(cols),
    val: Float64Array.from(vals),
  };
}

/**
 * Adaptive 2-D average pooling (PyTorch's `adaptive_avg_pool2d`): [N, C, H, W] (or [C, H, W])
 * → [N, C, OH, OW]; output row i averages input rows `floor(i·H/OH)` to `ceil((i+1)·H/OH) - 1`
 * (likewise columns), so any input size maps to `outputSize`.
 *
 * ```ts
 * adaptiveAvgPool2d(x, 1); // global average pooling: [N, C, 1, 1]
 * ```
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: IntOrPair): Tensor {
  const op = 'adaptiveAvgPool2d';
  check(op, input, 2);
  const [OH, OW] = pair(op, 'outputSize', outputSize, 1);
  const { x4, restore } = as4d(input, 2);
  const [N, C, H, W] = x4.shape as [number, number, number, number];
  return restore(applyWindows(x4, adaptiveOp(H, W, OH, OW), [N, C, OH, OW]));
}

/**
 * Adaptive 1-D average pooling (PyTorch's `adaptive_avg_pool1d`): [N, C, L] (or [C, L]) →
 * [N, C, outputSize], window i spanning `floor(i·L/out)` to `ceil((i+1)·L/out) - 1`.
 *
 * ```ts
 * adaptiveAvgPool1d(x, 4); // [2, 3, 10] → [2, 3, 4]
 * ```
 */
export function adaptiveAvgPool1d(input: Tensor, outputSize: number): Tensor {
  const op = 'adaptiveAvgPool1d';
  check(op, input, 1);
  const [, L] = pair(op, 'outputSize', [1, outputSize], 1);
  const { x4, restore } = as4d(input, 1);
  const [N, C, , W] = x4.shape as [number, number, number, number];
  return restore(applyWindows(x4, adaptiveOp(1, W, 1, L), [N, C, 1, L]));
}
