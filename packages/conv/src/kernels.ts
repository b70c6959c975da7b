/**
 * The convolution kernels, both backends, in one place: the contract (the kernel names and
 * signatures, added to core's typed registry by declaration merging), the `'js'` kernels (the loops
 * below, around core's im2col and GEMM) and the `'wasm'` ones (core's WebAssembly convolution,
 * `packages/core/wasm/assembly/conv.ts` through `conv2dForwardWasm`/`conv2dBackwardWasm`: all
 * WebAssembly is built by core's one toolchain). The ops in `functional.ts` call the entry points at
 * the end, which dispatch on the current backend.
 *
 * For one image and group, `cols` is the [K, L] matrix with K = Cg·KH·KW rows (one per weight
 * entry) and L = OH·OW columns (one per output position); then
 *   forward:          out[O, L]  = W[O, K] · cols[K, L]
 *   grad of weight:   dW[O, K]  += dOut[O, L] · cols[K, L]ᵀ
 *   grad of input:    dcols[K, L] = W[O, K]ᵀ · dOut[O, L], scattered back by col2im.
 * Images are lowered side by side into one [K, N·L] matrix so a batch costs one GEMM per group, and
 * the column/staging buffers are reused across calls. The WebAssembly kernels run the same loops in
 * the same order in linear memory, so both backends give the same bits.
 */
import type { DataArray } from '@gradkit/core';
import {
  CONV_WEIGHT_CHUNK_ELEMENTS,
  type ConvKernelDims,
  col2im,
  conv2dBackwardWasm,
  conv2dForwardWasm,
  convChunkImages,
  gatherChannels,
  gemm,
  getKernel,
  im2col,
  maxPool2x2BackwardWasm,
  maxPool2x2Wasm,
  registerKernel,
  reluBackward,
  reluForward,
  scalePlanesWasm,
  scatterChannels,
  scratchBuffer,
  wasmAvailable,
} from '@gradkit/core/kernels';
import type { Conv2dGeometry } from './params.js';
import { scatterAddInto } from './planes.js';
import { maxPool2x2 } from './pool-argmax.js';

// ---------------------------------------------------------------------------------------------
// The contract: kernel names and signatures (core's `Kernels`, extended)
// ---------------------------------------------------------------------------------------------

/**
 * `out [n, o, oh, ow] = conv(x, wt) + bias` (bias null: none), every element written; with `relu`
 * true, `max(·, 0)` of it (PyTorch's relu: −0 becomes +0, NaN stays NaN) in the same pass.
 */
export type ConvForwardKernel = (
  x: DataArray,
  wt: DataArray,
  bias: DataArray | null,
  out: DataArray,
  d: ConvKernelDims,
  relu?: boolean,
) => void;
/** `gx [n, c, h, w] += convᵀ(gOut, wt)`: the gradient of the input. */
export type ConvBackwardInputKernel = (
  gOut: DataArray,
  wt: DataArray,
  gx: DataArray,
  d: ConvKernelDims,
) => void;
/** `gw [o, c/groups, kh, kw] += Σ gOut · im2col(x)ᵀ`: the gradient of the weight. */
export type ConvBackwardWeightKernel = (
  gOut: DataArray,
  x: DataArray,
  gw: DataArray,
  d: ConvKernelDims,
) => void;
/**
 * All gradients of a convolution at once (each null when not wanted): `gx += convᵀ(gOut, wt)`,
 * `gw += Σ gOut · im2col(x)ᵀ`, `gb[o] += Σ_n Σ_l gOut[n, o, l]` — the same values as the
 * separate kernels, sharing their work (one copy and rearrangement of `gOut`). With `mask` (the
 * output of a fused convolution + relu) `gOut` is first replaced by `mask > 0 ? gOut : +0`, the
 * relu's backward.
 */
export type ConvBackwardKernel = (
  gOut: DataArray,
  mask: DataArray | null,
  x: DataArray,
  wt: DataArray,
  gx: DataArray | null,
  gw: DataArray | null,
  gb: DataArray | null,
  d: ConvKernelDims,
) => void;
/** `gb[c] += Σ_i (Σ_l g[i, c, l])` over `g` `[n, o, L]`, each inner sum from 0 in float64: a bias gradient. */
export type ChannelSumKernel = (g: DataArray, gb: DataArray, n: number, o: number, L: number) => void;

/**
 * 2×2 / stride 2 max pooling of `planes` `[H, W]` planes (`2·OH ≤ H`, `2·OW ≤ W`): the window
 * maxima into `out`, their flat per-plane argmax `iy·W + ix` into `idx`, with the choices of
 * `pool-argmax.ts` (ties keep the first; a NaN wins and ends its window row's scan).
 */
export type MaxPool2x2Kernel = (
  x: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
  idx: Int32Array,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
) => void;
/**
 * The backward of {@link MaxPool2x2Kernel}: `out` (`planes` `[H, W]` planes, contents arbitrary)
 * becomes the scatter-add of `g` at `idx` into zeros — every element written.
 */
export type MaxPool2x2BackwardKernel = (
  g: Float32Array | Float64Array,
  idx: Int32Array,
  out: Float32Array | Float64Array,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
) => void;
/**
 * `out[j] = x[j] · keep[⌊j / plane⌋]` for `keep.length` planes of `plane` values (`keep` of
 * `x`'s dtype): Dropout2d's multiply, forward and backward. `out` may be `x`.
 */
export type ScalePlanesKernel = (
  x: DataArray,
  keep: ArrayLike<number>,
  out: DataArray,
  plane: number,
) => void;

declare module '@gradkit/core/kernels' {
  interface Kernels {
    conv2dForward: ConvForwardKernel;
    conv2dBackwardInput: ConvBackwardInputKernel;
    conv2dBackwardWeight: ConvBackwardWeightKernel;
    conv2dBackward: ConvBackwardKernel;
    channelSum: ChannelSumKernel;
    maxPool2x2: MaxPool2x2Kernel;
    maxPool2x2Backward: MaxPool2x2BackwardKernel;
    scalePlanes: ScalePlanesKernel;
  }
}

// ---------------------------------------------------------------------------------------------
// 'js': the loops
// ---------------------------------------------------------------------------------------------

type Float = Float32Array | Float64Array;

/** Images lowered together so the column matrix stays below ~4M elements (32 MB in float64). */
function chunkImages(k: ConvKernelDims): number {
  return convChunkImages(k.n, k.channels * k.kh * k.kw * k.oh * k.ow, CONV_WEIGHT_CHUNK_ELEMENTS);
}

const dtypeOf = (a: DataArray): 'float32' | 'float64' => (a instanceof Float32Array ? 'float32' : 'float64');

/**
 * Lowers images [n0, n0 + nc) of group gi into `cols` [K, nc·L] (image j in columns j·L..).
 */
function lowerImages(x: DataArray, k: ConvKernelDims, gi: number, n0: number, nc: number, cols: Float): void {
  const plane = k.h * k.w;
  const L = k.oh * k.ow;
  // all nc images in one call: image j from x at (n0 + j)·C·H·W, into columns j·L..
  im2col(x, (n0 * k.c + gi * k.channels) * plane, cols, 0, nc * L, k, nc, k.c * plane, L);
}

/** The JavaScript forward, optionally writing the column matrix into `keepCols` for the weight gradient. */
function forwardJs(
  x: DataArray,
  wt: DataArray,
  bias: DataArray | null,
  out: DataArray,
  k: ConvKernelDims,
  keepCols: Float | null,
  relu = false,
): void {
  const G = k.groups;
  const og = k.o / G;
  const K = k.channels * k.kh * k.kw;
  const L = k.oh * k.ow;
  const chunk = chunkImages(k);
  const dt = dtypeOf(out);
  const keep = keepCols !== null && G === 1 && chunk >= k.n;
  for (let n0 = 0; n0 < k.n; n0 += chunk) {
    const nc = Math.min(chunk, k.n - n0);
    const LL = nc * L;
    const cols = keep ? keepCols : scratchBuffer('conv.cols', dt, K * LL);
    const tmp = scratchBuffer('conv.out', dt, og * LL);
    for (let gi = 0; gi < G; gi++) {
      lowerImages(x, k, gi, n0, nc, cols);
      gemm('NN', wt as Float, gi * og * K, cols, 0, tmp, 0, og, K, LL);
      scatterChannels(tmp, out, n0, nc, k.o, gi * og, og, L, bias); // out[n, o, l] = tmp[o', n·L + l] + bias[o]
    }
  }
  if (relu) reluForward(out as Float, out as Float, k.n * k.o * L); // in place (core's relu kernel)
}

const forwardKernelJs: ConvForwardKernel = (x, wt, bias, out, k, relu = false) =>
  forwardJs(x, wt, bias, out, k, null, relu);

const backwardInputKernelJs: ConvBackwardInputKernel = (gOut, wt, gx, k) => {
  const G = k.groups;
  const og = k.o / G;
  const K = k.channels * k.kh * k.kw;
  const L = k.oh * k.ow;
  const chunk = chunkImages(k);
  const dt = dtypeOf(gx);
  const plane = k.h * k.w;
  for (let n0 = 0; n0 < k.n; n0 += chunk) {
    const nc = Math.min(chunk, k.n - n0);
    const LL = nc * L;
    const dcols = scratchBuffer('conv.cols', dt, K * LL);
    const gbuf = scratchBuffer('conv.out', dt, og * LL);
    for (let gi = 0; gi < G; gi++) {
      gatherChannels(gOut, gbuf, n0, nc, k.o, gi * og, og, L); // gbuf[oi, j·L + l]
      // dcols [K, LL] = W_gᵀ [K, og] · dOut_g [og, LL]  (W_g is stored [og, K]: the 'TN' layout)
      gemm('TN', wt as Float, gi * og * K, gbuf, 0, dcols, 0, K, og, LL);
      col2im(dcols, 0, LL, gx, (n0 * k.c + gi * k.channels) * plane, k, nc, k.c * plane, L);
    }
  }
};

/** The JavaScript weight gradient; `keptCols`: the forward's column matrix (see {@link canKeepColumns}). */
function backwardWeightJs(
  gOut: DataArray,
  x: DataArray,
  gw: DataArray,
  k: ConvKernelDims,
  keptCols: Float | null,
): void {
  const G = k.groups;
  const og = k.o / G;
  const K = k.channels * k.kh * k.kw;
  const L = k.oh * k.ow;
  const chunk = chunkImages(k);
  const dt = dtypeOf(gw);
  const kept = keptCols !== null && G === 1 && chunk >= k.n;
  for (let n0 = 0; n0 < k.n; n0 += chunk) {
    const nc = Math.min(chunk, k.n - n0);
    const LL = nc * L;
    const cols = kept ? keptCols : scratchBuffer('conv.cols', dt, K * LL);
    const gbuf = scratchBuffer('conv.out', dt, og * LL);
    for (let gi = 0; gi < G; gi++) {
      if (!kept) lowerImages(x, k, gi, n0, nc, cols);
      gatherChannels(gOut, gbuf, n0, nc, k.o, gi * og, og, L);
      gemm('NT', gbuf, 0, cols, 0, gw as Float, gi * og * K, og, LL, K, true);
    }
  }
}

const backwardWeightKernelJs: ConvBackwardWeightKernel = (gOut, x, gw, k) =>
  backwardWeightJs(gOut, x, gw, k, null);

/** The JavaScript `channelSum`: per (n, o) a float64 sum from 0, added to gb[o]. */
const channelSumJs: ChannelSumKernel = (gOut, gb, n, o, L) => {
  for (let i = 0; i < n; i++)
    for (let c = 0; c < o; c++) {
      const off = (i * o + c) * L;
      let s = 0;
      for (let l = 0; l < L; l++) s += gOut[off + l]!;
      gb[c] = gb[c]! + s;
    }
};

/**
 * The JavaScript `conv2dBackward`: core's relu-backward kernel when `mask` is given, then the
 * three separate kernels (weight first, with the forward's kept columns).
 */
function backwardAllJs(
  gOut: DataArray,
  mask: DataArray | null,
  x: DataArray,
  wt: DataArray,
  gx: DataArray | null,
  gw: DataArray | null,
  gb: DataArray | null,
  k: ConvKernelDims,
  keptCols: Float | null,
): void {
  let g = gOut;
  if (mask !== null) {
    const n = k.n * k.o * k.oh * k.ow;
    const masked = scratchBuffer('conv.masked', dtypeOf(gOut), n);
    reluBackward(gOut as Float, mask as Float, masked, n);
    g = masked;
  }
  if (gw !== null) backwardWeightJs(g, x, gw, k, keptCols);
  if (gx !== null) backwardInputKernelJs(g, wt, gx, k);
  if (gb !== null) channelSumJs(g, gb, k.n, k.o, k.oh * k.ow);
}

const backwardAllKernelJs: ConvBackwardKernel = (gOut, mask, x, wt, gx, gw, gb, k) =>
  backwardAllJs(gOut, mask, x, wt, gx, gw, gb, k, null);

/** `out[j] = xd[j] · keep[⌊j / plane⌋]`: the readable loop, one per array type (each monomorphic). */
export function scalePlanesJs(x: DataArray, keep: ArrayLike<number>, out: DataArray, plane: number): void {
  if (x instanceof Float32Array && out instanceof Float32Array) scalePlanes32(x, keep, out, plane);
  else if (x instanceof Float64Array && out instanceof Float64Array) scalePlanes64(x, keep, out, plane);
  else
    for (let i = 0; i < keep.length; i++) {
      const k = keep[i]!;
      for (let j = i * plane, end = j + plane; j < end; j++) out[j] = x[j]! * k;
    }
}

/** `out[j] = xd[j] · keep[⌊j / plane⌋]` on float32 arrays. */
function scalePlanes32(xd: Float32Array, keep: ArrayLike<number>, out: Float32Array, plane: number): void {
  for (let i = 0, j = 0; i < keep.length; i++) {
    const k = keep[i]!;
    for (const end = j + plane; j < end; j++) out[j] = xd[j]! * k;
  }
}

/** `out[j] = xd[j] · keep[⌊j / plane⌋]` on float64 arrays. */
function scalePlanes64(xd: Float64Array, keep: ArrayLike<number>, out: Float64Array, plane: number): void {
  for (let i = 0, j = 0; i < keep.length; i++) {
    const k = keep[i]!;
    for (const end = j + plane; j < end; j++) out[j] = xd[j]! * k;
  }
}

/** The readable 2×2 max pooling backward: zero `out`, then scatter-add `g` at `idx` (planes.ts). */
export function maxPool2x2BackwardJs(
  g: Float32Array | Float64Array,
  idx: Int32Array,
  out: Float32Array | Float64Array,
  planes: number,
  H: number,
  W: number,
  OH: number,
  OW: number,
): void {
  out.fill(0, 0, planes * H * W);
  scatterAddInto(out, g, idx, planes, OH * OW, H * W);
}

/**
 * Below this many input elements the pooling and plane-scaling kernels stay in JavaScript (the
 * WebAssembly call and copies cost more than they save).
 */
export const POOL_WASM_MIN = 256;

// ---------------------------------------------------------------------------------------------
// Registration: the 'js' kernels above, and core's WebAssembly convolution as the 'wasm' ones
// (each falls back to the 'js' kernel when it cannot run: mixed dtypes, memory that cannot grow)
// ---------------------------------------------------------------------------------------------

registerKernel('conv2dForward', 'js', forwardKernelJs);
registerKernel('conv2dBackwardInput', 'js', backwardInputKernelJs);
registerKernel('conv2dBackwardWeight', 'js', backwardWeightKernelJs);
registerKernel('conv2dBackward', 'js', backwardAllKernelJs);
registerKernel('channelSum', 'js', channelSumJs);
registerKernel('maxPool2x2', 'js', maxPool2x2);
registerKernel('scalePlanes', 'js', scalePlanesJs);
registerKernel('maxPool2x2Backward', 'js', maxPool2x2BackwardJs);

if (wasmAvailable()) {
  // float32 from POOL_WASM_MIN input elements: core's f32x4 loops (wasm/assembly/pool.ts), the
  // same choices and products as the JavaScript loops, so the same bits
  registerKernel('maxPool2x2', 'wasm', (x, out, idx, planes, H, W, OH, OW) => {
    if (planes * H * W < POOL_WASM_MIN || !maxPool2x2Wasm(x, out, idx, planes, H, W, OH, OW))
      maxPool2x2(x, out, idx, planes, H, W, OH, OW);
  });
  registerKernel('maxPool2x2Backward', 'wasm', (g, idx, out, planes, H, W, OH, OW) => {
    if (planes * H * W < POOL_WASM_MIN || !maxPool2x2BackwardWasm(g, idx, out, planes, H, W, OH, OW))
      maxPool2x2BackwardJs(g, idx, out, planes, H, W, OH, OW);
  });
  registerKernel('scalePlanes', 'wasm', (x, keep, out, plane) => {
    if (
      keep.length * plane < POOL_WASM_MIN ||
      !scalePlanesWasm(x as Float32Array, keep, out as Float32Array, plane)
    )
      scalePlanesJs(x, keep, out, plane);
  });
  registerKernel('conv2dForward', 'wasm', (x, wt, bias, out, k, relu = false) => {
    if (!conv2dForwardWasm(x, wt, bias, out, k, relu)) forwardKernelJs(x, wt, bias, out, k, relu);
  });
  registerKernel('conv2dBackward', 'wasm', (gOut, mask, x, wt, gx, gw, gb, k) => {
    if (!conv2dBackwardWasm(gOut, mask, x, wt, gx, gw, gb, k))
      backwardAllKernelJs(gOut, mask, x, wt, gx, gw, gb, k);
  });
  // one gradient each: the one-call backward with only that one wanted (its loops for that
  // gradient are the separate kernel's, so the same bits); the arrays it does not read take a
  // placeholder of the right type
  registerKernel('conv2dBackwardInput', 'wasm', (gOut, wt, gx, k) => {
    if (!conv2dBackwardWasm(gOut, null, gx, wt, gx, null, null, k)) backwardInputKernelJs(gOut, wt, gx, k);
  });
  registerKernel('conv2dBackwardWeight', 'wasm', (gOut, x, gw, k) => {
    if (!conv2dBackwardWasm(gOut, null, x, gw, null, gw, null, k)) backwardWeightKernelJs(gOut, x, gw, k);
  });
  registerKernel('channelSum', 'wasm', (g, gb, n, o, L) => {
    const k: ConvKernelDims = {
      n,
      c: 0,
      h: 1,
      w: 1,
      o,
      kh: 1,
      kw: 1,
      oh: 1,
      ow: L,
      channels: 0,
      groups: 1,
      strideH: 1,
      strideW: 1,
      padTop: 0,
      padLeft: 0,
      dilH: 1,
      dilW: 1,
    };
    if (!conv2dBackwardWasm(g, null, gb, gb, null, null, gb, k)) channelSumJs(g, gb, n, o, L);
  });
}

/**
 * Whether the `'wasm'` kernels run a convolution with their direct few-channel loops
 * (`convSmallForward`/`convSmallBackward` of `packages/core/wasm/assembly/conv.ts`, the same
 * test) instead of im2col → GEMM: at most 4 output channels per group and at most 32 weights per
 * output channel (`K = C/groups·KH·KW`: there the GEMM's 4×8 register tiles are mostly empty and
 * packing and lowering dominate — the first layer of a small CNN, 1 → 2 channels 3×3), column
 * stride 1, no zero padding (every tap inside the image) and at least 32 output positions per
 * image. The forward, the input gradient and the bias gradient give the lowering path's bits; the
 * weight gradient sums in another order (per image in vector lanes along output rows, then in
 * float64), so it agrees to rounding. The `'js'` kernels always lower.
 */
export function fewChannelPath(d: ConvKernelDims): boolean {
  const K = d.channels * d.kh * d.kw;
  return (
    d.o / d.groups <= 4 &&
    K <= 32 &&
    d.strideW === 1 &&
    d.padTop === 0 &&
    d.padLeft === 0 &&
    d.oh * d.ow >= 32 &&
    (d.oh - 1) * d.strideH + (d.kh - 1) * d.dilH <= d.h - 1 &&
    d.ow - 1 + (d.kw - 1) * d.dilW <= d.w - 1
  );
}

// ---------------------------------------------------------------------------------------------
// Entry points for functional.ts (current backend)
// ---------------------------------------------------------------------------------------------

export interface ConvDims {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
}

/** The registry's description of a convolution: sizes `d`, geometry `g`, per-group channel count. */
function kernelDims(d: ConvDims, g: Conv2dGeometry): ConvKernelDims {
  return {
    n: d.n,
    c: d.c,
    h: d.h,
    w: d.w,
    o: d.o,
    kh: d.kh,
    kw: d.kw,
    oh: d.oh,
    ow: d.ow,
    channels: d.c / g.groups,
    groups: g.groups,
    strideH: g.strideH,
    strideW: g.strideW,
    padTop: g.padTop,
    padLeft: g.padLeft,
    dilH: g.dilH,
    dilW: g.dilW,
  };
}

/**
 * Whether the JavaScript forward's column matrix [K, N·L] can be kept for the weight gradient: the
 * `'js'` kernels are in use, one group and all images in one chunk (then `cols` is exactly what
 * {@link conv2dBackwardWeight} would rebuild). The `'wasm'` kernels rebuild the columns in linear
 * memory instead (cheaper than copying them in).
 */
export function canKeepColumns(d: ConvDims, g: Conv2dGeometry): boolean {
  return (
    getKernel('conv2dForward') === forwardKernelJs && g.groups === 1 && chunkImages(kernelDims(d, g)) >= d.n
  );
}

/** Elements of the column matrix {@link conv2dForward} keeps when {@link canKeepColumns}. */
export function columnsSize(d: ConvDims, g: Conv2dGeometry): number {
  return (d.c / g.groups) * d.kh * d.kw * d.n * d.oh * d.ow;
}

/**
 * out [N, O, OH, OW] = conv(x [N, C, H, W], wt [O, C/groups, KH, KW]) + bias on the current
 * backend (then max(·, 0) when `relu`): per group and chunk of images, one GEMM
 * `W_g [O/G, K] · cols [K, nc·L]`. `keepCols` (see {@link canKeepColumns}) receives the column
 * matrix on the JavaScript path.
 */
export function conv2dForward(
  x: DataArray,
  wt: DataArray,
  bias: DataArray | null,
  out: DataArray,
  d: ConvDims,
  g: Conv2dGeometry,
  keepCols: Float | null = null,
  relu = false,
): void {
  const kernel = getKernel('conv2dForward');
  if (kernel === forwardKernelJs) forwardJs(x, wt, bias, out, kernelDims(d, g), keepCols, relu);
  else kernel(x, wt, bias, out, kernelDims(d, g), relu);
}

/** Gradient of the input: gx [N, C, H, W] += col2im(W_gᵀ · dOut_g) per group and chunk of images. */
export function conv2dBackwardInput(
  gOut: DataArray,
  wt: DataArray,
  gx: DataArray,
  d: ConvDims,
  g: Conv2dGeometry,
): void {
  getKernel('conv2dBackwardInput')(gOut, wt, gx, kernelDims(d, g));
}

/**
 * Gradient of the weight: gw [O, C/groups, KH, KW] += Σ_n dOut_g · colsᵀ (one 'NT' GEMM per group
 * and chunk). `keptCols`: the columns of `x` that {@link conv2dForward} kept (used on the
 * JavaScript path when {@link canKeepColumns}; otherwise `x` is lowered again).
 */
export function conv2dBackwardWeight(
  gOut: DataArray,
  x: DataArray,
  gw: DataArray,
  d: ConvDims,
  g: Conv2dGeometry,
  keptCols: Float | null = null,
): void {
  const kernel = getKernel('conv2dBackwardWeight');
  if (kernel === backwardWeightKernelJs) backwardWeightJs(gOut, x, gw, kernelDims(d, g), keptCols);
  else kernel(gOut, x, gw, kernelDims(d, g));
}

/** Gradient of the bias: gb[o] += Σ_n Σ_l dOut[n, o, l] (`channelSum` kernel of the current backend). */
export function conv2dBackwardBias(gOut: DataArray, gb: DataArray, d: ConvDims): void {
  getKernel('channelSum')(gOut, gb, d.n, d.o, d.oh * d.ow);
}

/**
 * Every wanted gradient of a convolution (null: not wanted) on the current backend in one kernel
 * call: gx += convᵀ(g), gw += Σ g · colsᵀ, gb += channel sums of g, where g is gOut, or
 * `mask > 0 ? gOut : +0` with `mask` the output of a fused convolution + relu. `keptCols`: the
 * forward's columns (JavaScript path, see {@link canKeepColumns}).
 */
export function conv2dBackward(
  gOut: DataArray,
  mask: DataArray | null,
  x: DataArray,
  wt: DataArray,
  gx: DataArray | null,
  gw: DataArray | null,
  gb: DataArray | null,
  d: ConvDims,
  g: Conv2dGeometry,
  keptCols: Float | null = null,
): void {
  const kernel = getKernel('conv2dBackward');
  const k = kernelDims(d, g);
  if (kernel === backwardAllKernelJs) backwardAllJs(gOut, mask, x, wt, gx, gw, gb, k, keptCols);
  else kernel(gOut, mask, x, wt, gx, gw, gb, k);
}
