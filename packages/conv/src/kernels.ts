/**
 * The fast path: im2col + GEMM on raw typed arrays, per image and per group.
 *
 * For one image and group, `cols` is the [K, L] matrix with K = Cg·KH·KW rows (one per weight
 * entry) and L = OH·OW columns (one per output position); then
 *   forward:          out[O, L]  = W[O, K] · cols[K, L]
 *   grad of weight:   dW[O, K]  += dOut[O, L] · cols[K, L]ᵀ
 *   grad of input:    dcols[K, L] = W[O, K]ᵀ · dOut[O, L], scattered back by col2im.
 * The lowering (im2col/col2im) and the GEMMs come from @gradkit/core's kernel layer (the 'wasm'
 * backend runs them as SIMD GEMMs); images are lowered side by side into one [K, N·L] matrix so a
 * batch costs one GEMM per group, and the column/staging buffers are reused across calls.
 */
import {
  col2im,
  type DataArray,
  gatherChannels,
  gemm,
  type Im2colParams,
  im2col,
  scatterChannels,
  scratchBuffer,
} from '@gradkit/core';
import type { Conv2dGeometry } from './params.js';

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

type Float = Float32Array | Float64Array;

/** Images lowered together so the column matrix stays below ~4M elements (32 MB in float64). */
function chunkImages(d: ConvDims, K: number, L: number): number {
  return Math.max(1, Math.min(d.n, Math.floor(4_194_304 / Math.max(1, K * L))));
}

function lowering(d: ConvDims, g: Conv2dGeometry, cg: number): Im2colParams {
  return {
    channels: cg,
    h: d.h,
    w: d.w,
    kh: d.kh,
    kw: d.kw,
    oh: d.oh,
    ow: d.ow,
    strideH: g.strideH,
    strideW: g.strideW,
    padTop: g.padTop,
    padLeft: g.padLeft,
    dilH: g.dilH,
    dilW: g.dilW,
  };
}

const dtypeOf = (a: DataArray): 'float32' | 'float64' => (a instanceof Float32Array ? 'float32' : 'float64');

/**
 * Lowers images [n0, n0 + nc) of group gi into `cols` [K, nc·L] (image j in columns j·L..).
 */
function lowerImages(
  x: DataArray,
  d: ConvDims,
  p: Im2colParams,
  gi: number,
  n0: number,
  nc: number,
  cols: Float,
  L: number,
): void {
  const cg = p.channels;
  const plane = d.h * d.w;
  // all nc images in one call: image j from x at (n0 + j)·C·H·W, into columns j·L..
  im2col(x, (n0 * d.c + gi * cg) * plane, cols, 0, nc * L, p, nc, d.c * plane, L);
}

/** Gathers dOut of images [n0, n0 + nc), channels of group gi, into `buf` [og, nc·L]. */
function gatherOut(
  gOut: DataArray,
  d: ConvDims,
  gi: number,
  og: number,
  n0: number,
  nc: number,
  buf: Float,
  L: number,
): void {
  gatherChannels(gOut, buf, n0, nc, d.o, gi * og, og, L); // core kernel: buf[oi, j·L + l]
}

/**
 * Whether the forward's column matrix [K, N·L] can be kept for the weight gradient: one group and
 * all images in one chunk (then `cols` is exactly what {@link conv2dBackwardWeight} would rebuild).
 */
export function canKeepColumns(d: ConvDims, g: Conv2dGeometry): boolean {
  const K = (d.c / g.groups) * d.kh * d.kw;
  return g.groups === 1 && chunkImages(d, K, d.oh * d.ow) >= d.n;
}

/** Elements of the column matrix {@link conv2dForward} keeps when {@link canKeepColumns}. */
export function columnsSize(d: ConvDims, g: Conv2dGeometry): number {
  return (d.c / g.groups) * d.kh * d.kw * d.n * d.oh * d.ow;
}

/**
 * out [N, O, OH, OW] = conv(x [N, C, H, W], wt [O, C/groups, KH, KW]) + bias: per group and chunk
 * of images, one GEMM `W_g [O/G, K] · cols [K, nc·L]` on the core kernel layer.
 */
export function conv2dForward(
  x: DataArray,
  wt: DataArray,
  bias: DataArray | null,
  out: DataArray,
  d: ConvDims,
  g: Conv2dGeometry,
  keepCols: Float | null = null,
): void {
  const G = g.groups;
  const cg = d.c / G;
  const og = d.o / G;
  const K = cg * d.kh * d.kw;
  const L = d.oh * d.ow;
  const p = lowering(d, g, cg);
  const chunk = chunkImages(d, K, L);
  const dt = dtypeOf(out);
  for (let n0 = 0; n0 < d.n; n0 += chunk) {
    const nc = Math.min(chunk, d.n - n0);
    const LL = nc * L;
    const cols =
      keepCols !== null && canKeepColumns(d, g) ? keepCols : scratchBuffer('conv.cols', dt, K * LL);
    const tmp = scratchBuffer('conv.out', dt, og * LL);
    for (let gi = 0; gi < G; gi++) {
      lowerImages(x, d, p, gi, n0, nc, cols, L);
      gemm('NN', wt as Float, gi * og * K, cols, 0, tmp, 0, og, K, LL);
      scatterChannels(tmp, out, n0, nc, d.o, gi * og, og, L, bias); // out[n, o, l] = tmp[o', n·L + l] + bias[o]
    }
  }
}

/** Gradient of the input: gx [N, C, H, W] += col2im(W_gᵀ · dOut_g) per group and chunk of images. */
export function conv2dBackwardInput(
  gOut: DataArray,
  wt: DataArray,
  gx: DataArray,
  d: ConvDims,
  g: Conv2dGeometry,
): void {
  const G = g.groups;
  const cg = d.c / G;
  const og = d.o / G;
  const K = cg * d.kh * d.kw;
  const L = d.oh * d.ow;
  const p = lowering(d, g, cg);
  const chunk = chunkImages(d, K, L);
  const dt = dtypeOf(gx);
  for (let n0 = 0; n0 < d.n; n0 += chunk) {
    const nc = Math.min(chunk, d.n - n0);
    const LL = nc * L;
    const dcols = scratchBuffer('conv.cols', dt, K * LL);
    const gbuf = scratchBuffer('conv.out', dt, og * LL);
    for (let gi = 0; gi < G; gi++) {
      gatherOut(gOut, d, gi, og, n0, nc, gbuf, L);
      // dcols [K, LL] = W_gᵀ [K, og] · dOut_g [og, LL]  (W_g is stored [og, K]: the 'TN' layout)
      gemm('TN', wt as Float, gi * og * K, gbuf, 0, dcols, 0, K, og, LL);
      const plane = d.h * d.w;
      col2im(dcols, 0, LL, gx, (n0 * d.c + gi * cg) * plane, p, nc, d.c * plane, L);
    }
  }
}

/**
 * Gradient of the weight: gw [O, C/groups, KH, KW] += Σ_n dOut_g · colsᵀ (one 'NT' GEMM per group
 * and chunk). `keptCols`: the columns of `x` that {@link conv2dForward} kept (used when
 * {@link canKeepColumns}; otherwise `x` is lowered again).
 */
export function conv2dBackwardWeight(
  gOut: DataArray,
  x: DataArray,
  gw: DataArray,
  d: ConvDims,
  g: Conv2dGeometry,
  keptCols: Float | null = null,
): void {
  const G = g.groups;
  const cg = d.c / G;
  const og = d.o / G;
  const K = cg * d.kh * d.kw;
  const L = d.oh * d.ow;
  const p = lowering(d, g, cg);
  const chunk = chunkImages(d, K, L);
  const dt = dtypeOf(gw);
  for (let n0 = 0; n0 < d.n; n0 += chunk) {
    const nc = Math.min(chunk, d.n - n0);
    const LL = nc * L;
    const kept = keptCols !== null && canKeepColumns(d, g);
    const cols = kept ? keptCols : scratchBuffer('conv.cols', dt, K * LL);
    const gbuf = scratchBuffer('conv.out', dt, og * LL);
    for (let gi = 0; gi < G; gi++) {
      if (!kept) lowerImages(x, d, p, gi, n0, nc, cols, L);
      gatherOut(gOut, d, gi, og, n0, nc, gbuf, L);
      gemm('NT', gbuf, 0, cols, 0, gw as Float, gi * og * K, og, LL, K, true);
    }
  }
}

/** Gradient of the bias: gb[o] = Σ_{n, l} dOut[n, o, l]. */
export function conv2dBackwardBias(gOut: DataArray, gb: DataArray, d: ConvDims): void {
  if (gOut instanceof Float32Array && gb instanceof Float32Array) {
    biasGrad32(gOut, gb, d);
    return;
  }
  if (gOut instanceof Float64Array && gb instanceof Float64Array) {
    biasGrad64(gOut, gb, d);
    return;
  }
  const L = d.oh * d.ow;
  for (let n = 0; n < d.n; n++)
    for (let o = 0; o < d.o; o++) {
      const off = (n * d.o + o) * L;
      let s = 0;
      for (let l = 0; l < L; l++) s += gOut[off + l]!;
      gb[o] = gb[o]! + s;
    }
}

// monomorphic twins of conv2dBackwardBias's loop (the same sums in the same order)
function biasGrad32(gOut: Float32Array, gb: Float32Array, d: ConvDims): void {
  const L = d.oh * d.ow;
  for (let n = 0; n < d.n; n++)
    for (let o = 0; o < d.o; o++) {
      const off = (n * d.o + o) * L;
      let s = 0;
      for (let l = 0; l < L; l++) s += gOut[off + l]!;
      gb[o] = gb[o]! + s;
    }
}
function biasGrad64(gOut: Float64Array, gb: Float64Array, d: ConvDims): void {
  const L = d.oh * d.ow;
  for (let n = 0; n < d.n; n++)
    for (let o = 0; o < d.o; o++) {
      const off = (n * d.o + o) * L;
      let s = 0;
      for (let l = 0; l < L; l++) s += gOut[off + l]!;
      gb[o] = gb[o]! + s;
    }
}
