/**
 * im2col / col2im: the lowering that turns a 2-D convolution into a GEMM (used by
 * `@gradkit/conv`). For one image of `channels` planes `[C, H, W]` the column matrix has
 * `K = C·KH·KW` rows (one per weight entry, in `[c, ky, kx]` order) and `L = OH·OW` columns (one
 * per output position); entry `(c·KH·KW + ky·KW + kx, oy·OW + ox)` is the input pixel
 * `x[c, oy·strideH + ky·dilH − padTop, ox·strideW + kx·dilW − padLeft]`, or 0 in the padding.
 * Then `out[O, L] = W[O, K] · cols[K, L]`; `col2im` is the adjoint (scatter-add), giving the
 * input gradient from `dcols = Wᵀ · dOut`. Rows are written at stride `ld` from `colsOffset`,
 * so several images can sit side by side in one `[K, N·L]` matrix (one GEMM for a batch).
 * These loops (and the channel gather/scatter below) are what `@gradkit/conv`'s `'js'` convolution
 * kernels are built from; the `'wasm'` ones (`conv.ts`, `wasm/assembly/conv.ts`) run the same loops
 * in linear memory.
 */
import type { DataArray } from '../dtype.js';

/** Geometry of one im2col lowering (PyTorch conv2d parameters, padding split per side). */
export interface Im2colParams {
  /** Input channels lowered together (C, or C/groups for one group). */
  channels: number;
  /** Input height H and width W. */
  h: number;
  w: number;
  /** Kernel height KH and width KW. */
  kh: number;
  kw: number;
  /** Output height OH and width OW. */
  oh: number;
  ow: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  dilH: number;
  dilW: number;
}

/**
 * Fills `cols` (rows `K = channels·KH·KW` at stride `ld`, `L = OH·OW` columns from `colsOffset`)
 * from the image `x` whose first channel starts at `xOffset` (layout `[channels, H, W]`).
 * With `count` > 1, lowers `count` images at once: image `j` starts at `xOffset + j·xStride` and
 * its columns at `colsOffset + j·colsStride` (side by side in one `[K, N·L]` matrix when
 * `colsStride = L` and `ld = N·L`), the per-row index work done once for all of them.
 *
 * ```ts
 * // 1 channel 3×3 image, 2×2 kernel, stride 1, no padding: cols is [4, 4]
 * im2col(x, 0, cols, 0, 4, { channels: 1, h: 3, w: 3, kh: 2, kw: 2, oh: 2, ow: 2, strideH: 1, strideW: 1, padTop: 0, padLeft: 0, dilH: 1, dilW: 1 });
 * ```
 */
export function im2col(
  x: DataArray,
  xOffset: number,
  cols: DataArray,
  colsOffset: number,
  ld: number,
  p: Im2colParams,
  count = 1,
  xStride = 0,
  colsStride = 0,
): void {
  const { channels, h, w, kh, kw, oh, ow, strideH, strideW, padTop, padLeft, dilH, dilW } = p;
  let row = 0;
  for (let ci = 0; ci < channels; ci++) {
    const cOff = xOffset + ci * h * w;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const base = colsOffset + row * ld;
        const dy = ky * dilH - padTop;
        const dx = kx * dilW - padLeft;
        // output columns whose input column lies inside the image: ox in [lo, hi)
        let lo = dx >= 0 ? 0 : Math.ceil(-dx / strideW);
        const hi = Math.max(0, Math.min(ow, Math.floor((w - 1 - dx) / strideW) + 1));
        if (lo > hi) lo = hi;
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * strideH + dy;
          const rowBase0 = base + oy * ow;
          if (iy < 0 || iy >= h) {
            for (let j = 0; j < count; j++)
              cols.fill(0, rowBase0 + j * colsStride, rowBase0 + j * colsStride + ow);
            continue;
          }
          const src0 = cOff + iy * w + dx;
          for (let j = 0; j < count; j++) {
            const rowBase = rowBase0 + j * colsStride;
            const src = src0 + j * xStride;
            for (let ox = 0; ox < lo; ox++) cols[rowBase + ox] = 0;
            if (strideW === 1) for (let ox = lo; ox < hi; ox++) cols[rowBase + ox] = x[src + ox]!;
            else for (let ox = lo; ox < hi; ox++) cols[rowBase + ox] = x[src + ox * strideW]!;
            for (let ox = hi; ox < ow; ox++) cols[rowBase + ox] = 0;
          }
        }
        row++;
      }
    }
  }
}

/**
 * The adjoint of `im2col`: scatter-adds `dcols` (same layout) into the gradient image `gx` at
 * `xOffset` (`gx[c, iy, ix] += dcols[row, l]` for every pair im2col reads). `count`, `xStride`
 * and `colsStride` batch images as in {@link im2col}.
 *
 * ```ts
 * col2im(dcols, 0, 4, gx, 0, params); // gx += im2colᵀ(dcols)
 * ```
 */
export function col2im(
  dcols: DataArray,
  colsOffset: number,
  ld: number,
  gx: DataArray,
  xOffset: number,
  p: Im2colParams,
  count = 1,
  xStride = 0,
  colsStride = 0,
): void {
  const { channels, h, w, kh, kw, oh, ow, strideH, strideW, padTop, padLeft, dilH, dilW } = p;
  let row = 0;
  for (let ci = 0; ci < channels; ci++) {
    const cOff = xOffset + ci * h * w;
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const base = colsOffset + row * ld;
        const dy = ky * dilH - padTop;
        const dx = kx * dilW - padLeft;
        let lo = dx >= 0 ? 0 : Math.ceil(-dx / strideW);
        const hi = Math.max(0, Math.min(ow, Math.floor((w - 1 - dx) / strideW) + 1));
        if (lo > hi) lo = hi;
        for (let oy = 0; oy < oh; oy++) {
          const iy = oy * strideH + dy;
          if (iy < 0 || iy >= h) continue;
          const dst0 = cOff + iy * w + dx;
          const rowBase0 = base + oy * ow;
          // images write disjoint parts of gx, so each still sums in (row, oy, ox) order
          for (let j = 0; j < count; j++) {
            const dst = dst0 + j * xStride;
            const rowBase = rowBase0 + j * colsStride;
            for (let ox = lo; ox < hi; ox++)
              gx[dst + ox * strideW] = gx[dst + ox * strideW]! + dcols[rowBase + ox]!;
          }
        }
        row++;
      }
    }
  }
}

/**
 * Gathers channels `c0 … c0+cg−1` of images `n0 … n0+nc−1` from a batch `src` `[N, C, L]` into
 * the channel-major matrix `dst` `[cg, nc·L]` (`dst[c, j·L + l] = src[n0 + j, c0 + c, l]`): the
 * layout GEMMs over a batch of lowered images need (e.g. a convolution's output gradient).
 *
 * ```ts
 * gatherChannels(gOut, buf, 0, N, O, 0, O, L); // buf [O, N·L]
 * ```
 */
export function gatherChannels(
  src: DataArray,
  dst: DataArray,
  n0: number,
  nc: number,
  C: number,
  c0: number,
  cg: number,
  L: number,
): void {
  const LL = nc * L;
  for (let j = 0; j < nc; j++)
    for (let c = 0; c < cg; c++) {
      const s = ((n0 + j) * C + c0 + c) * L;
      const d = c * LL + j * L;
      for (let l = 0; l < L; l++) dst[d + l] = src[s + l]!;
    }
}

/**
 * The inverse of `gatherChannels`, fused with a per-channel bias: writes the channel-major
 * `src` `[cg, nc·L]` into channels `c0 …` of images `n0 …` of `dst` `[N, C, L]`, adding
 * `bias[c0 + c]` (`bias` null: nothing added) — a convolution's GEMM output plus its bias in one pass.
 *
 * ```ts
 * scatterChannels(tmp, out, 0, N, O, 0, O, L, bias); // out[n, o, l] = tmp[o, n·L + l] + bias[o]
 * ```
 */
export function scatterChannels(
  src: DataArray,
  dst: DataArray,
  n0: number,
  nc: number,
  C: number,
  c0: number,
  cg: number,
  L: number,
  bias: DataArray | null = null,
): void {
  const LL = nc * L;
  for (let j = 0; j < nc; j++)
    for (let c = 0; c < cg; c++) {
      const d = ((n0 + j) * C + c0 + c) * L;
      const s = c * LL + j * L;
      const b = bias === null ? 0 : bias[c0 + c]!;
      for (let l = 0; l < L; l++) dst[d + l] = src[s + l]! + b;
    }
}

/**
 * Geometry of a whole convolution lowered to GEMM (PyTorch's conv2d: input `[n, c, h, w]`,
 * weight `[o, c/groups, kh, kw]`, output `[n, o, oh, ow]`; padding split per side): what
 * `@gradkit/conv`'s convolution kernels take, and what the WebAssembly ones (`conv.ts`) read.
 */
export interface ConvKernelDims extends Im2colParams {
  n: number;
  /** All input channels (`channels` is the per-group count, `c / groups`). */
  c: number;
  o: number;
  groups: number;
}

/**
 * Images a convolution kernel lowers together: as many as keep `perImage · count` at or below
 * `maxElements` (at least 1, at most `n`). The weight gradient sums over images in these chunks,
 * so every backend uses {@link CONV_WEIGHT_CHUNK_ELEMENTS} there (same chunks, same bits); the
 * forward and input-gradient results do not depend on the chunking.
 */
export function convChunkImages(n: number, perImage: number, maxElements: number): number {
  return Math.max(1, Math.min(n, Math.floor(maxElements / Math.max(1, perImage))));
}

/** Column-matrix elements per chunk of the weight gradient (4M: 32 MB in float64). */
export const CONV_WEIGHT_CHUNK_ELEMENTS = 4_194_304;
