/**
 * The fast path: im2col + GEMM on raw typed arrays, per image and per group.
 *
 * For one image and group, `cols` is the [K, L] matrix with K = Cg·KH·KW rows (one per weight
 * entry) and L = OH·OW columns (one per output position); then
 *   forward:          out[O, L]  = W[O, K] · cols[K, L]
 *   grad of weight:   dW[O, K]  += dOut[O, L] · cols[K, L]ᵀ
 *   grad of input:    dcols[K, L] = W[O, K]ᵀ · dOut[O, L], scattered back by col2im.
 * GEMM loops run in i-k-j order over contiguous rows (no per-element allocation).
 */
import type { DataArray } from '@gradkit/core';
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

/** Fill `cols` [Cg·KH·KW, OH·OW] from image `img` (offset to channel c0 of one image). */
function im2col(x: DataArray, xOff: number, d: ConvDims, g: Conv2dGeometry, cg: number, cols: Float64Array | Float32Array): void {
  const { h, w, kh, kw, oh, ow } = d;
  const L = oh * ow;
  let row = 0;
  for (let ci = 0; ci < cg; ci++) {
    const cOff = xOff + ci * h * w;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const base = row * L;
        const dy = ky * g.dilH - g.padTop;
        const dx = kx * g.dilW - g.padLeft;
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * g.strideH + dy;
          const rowBase = base + oy * ow;
          if (iy < 0 || iy >= h) {
            for (let ox = 0; ox < ow; ox++) cols[rowBase + ox] = 0;
            continue;
          }
          const src = cOff + iy * w;
          for (let ox = 0; ox < ow; ox++) {
            const ix = ox * g.strideW + dx;
            cols[rowBase + ox] = ix >= 0 && ix < w ? x[src + ix]! : 0;
          }
        }
        row++;
      }
    }
  }
}

/** Scatter-add `dcols` back into the input gradient (the adjoint of im2col). */
function col2im(dcols: Float64Array | Float32Array, gx: DataArray, xOff: number, d: ConvDims, g: Conv2dGeometry, cg: number): void {
  const { h, w, kh, kw, oh, ow } = d;
  const L = oh * ow;
  let row = 0;
  for (let ci = 0; ci < cg; ci++) {
    const cOff = xOff + ci * h * w;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const base = row * L;
        const dy = ky * g.dilH - g.padTop;
        const dx = kx * g.dilW - g.padLeft;
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * g.strideH + dy;
          if (iy < 0 || iy >= h) continue;
          const dst = cOff + iy * w;
          const rowBase = base + oy * ow;
          for (let ox = 0; ox < ow; ox++) {
            const ix = ox * g.strideW + dx;
            if (ix >= 0 && ix < w) gx[dst + ix] = gx[dst + ix]! + dcols[rowBase + ox]!;
          }
        }
        row++;
      }
    }
  }
}

function scratch(like: DataArray, n: number): Float64Array | Float32Array {
  return like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/** out [N, O, OH, OW] = conv(x [N, C, H, W], wt [O, C/groups, KH, KW]) + bias. */
export function conv2dForward(
  x: DataArray,
  wt: DataArray,
  bias: DataArray | null,
  out: DataArray,
  d: ConvDims,
  g: Conv2dGeometry,
): void {
  const G = g.groups;
  const cg = d.c / G;
  const og = d.o / G;
  const K = cg * d.kh * d.kw;
  const L = d.oh * d.ow;
  const cols = scratch(out, K * L);
  for (let n = 0; n < d.n; n++) {
    for (let gi = 0; gi < G; gi++) {
      im2col(x, (n * d.c + gi * cg) * d.h * d.w, d, g, cg, cols);
      for (let oi = 0; oi < og; oi++) {
        const o = gi * og + oi;
        const oOff = (n * d.o + o) * L;
        const b = bias ? bias[o]! : 0;
        for (let l = 0; l < L; l++) out[oOff + l] = b;
        const wOff = o * K;
        for (let k = 0; k < K; k++) {
          const wv = wt[wOff + k]!;
          if (wv === 0) continue;
          const cOff = k * L;
          for (let l = 0; l < L; l++) out[oOff + l] = out[oOff + l]! + wv * cols[cOff + l]!;
        }
      }
    }
  }
}

/** Gradient of the input: gx [N, C, H, W] from gOut [N, O, OH, OW] and weight. */
export function conv2dBackwardInput(gOut: DataArray, wt: DataArray, gx: DataArray, d: ConvDims, g: Conv2dGeometry): void {
  const G = g.groups;
  const cg = d.c / G;
  const og = d.o / G;
  const K = cg * d.kh * d.kw;
  const L = d.oh * d.ow;
  const dcols = scratch(gx, K * L);
  for (let n = 0; n < d.n; n++) {
    for (let gi = 0; gi < G; gi++) {
      dcols.fill(0);
      for (let oi = 0; oi < og; oi++) {
        const o = gi * og + oi;
        const gOff = (n * d.o + o) * L;
        const wOff = o * K;
        for (let k = 0; k < K; k++) {
          const wv = wt[wOff + k]!;
          if (wv === 0) continue;
          const cOff = k * L;
          for (let l = 0; l < L; l++) dcols[cOff + l] = dcols[cOff + l]! + wv * gOut[gOff + l]!;
        }
      }
      col2im(dcols, gx, (n * d.c + gi * cg) * d.h * d.w, d, g, cg);
    }
  }
}

/** Gradient of the weight: gw [O, C/groups, KH, KW] += Σ_n dOut · colsᵀ. */
export function conv2dBackwardWeight(gOut: DataArray, x: DataArray, gw: DataArray, d: ConvDims, g: Conv2dGeometry): void {
  const G = g.groups;
  const cg = d.c / G;
  const og = d.o / G;
  const K = cg * d.kh * d.kw;
  const L = d.oh * d.ow;
  const cols = scratch(gw, K * L);
  for (let n = 0; n < d.n; n++) {
    for (let gi = 0; gi < G; gi++) {
      im2col(x, (n * d.c + gi * cg) * d.h * d.w, d, g, cg, cols);
      for (let oi = 0; oi < og; oi++) {
        const o = gi * og + oi;
        const gOff = (n * d.o + o) * L;
        const wOff = o * K;
        for (let k = 0; k < K; k++) {
          const cOff = k * L;
          let s = 0;
          for (let l = 0; l < L; l++) s += gOut[gOff + l]! * cols[cOff + l]!;
          gw[wOff + k] = gw[wOff + k]! + s;
        }
      }
    }
  }
}

/** Gradient of the bias: gb[o] = Σ_{n, l} dOut[n, o, l]. */
export function conv2dBackwardBias(gOut: DataArray, gb: DataArray, d: ConvDims): void {
  const L = d.oh * d.ow;
  for (let n = 0; n < d.n; n++)
    for (let o = 0; o < d.o; o++) {
      const off = (n * d.o + o) * L;
      let s = 0;
      for (let l = 0; l < L; l++) s += gOut[off + l]!;
      gb[o] = gb[o]! + s;
    }
}
