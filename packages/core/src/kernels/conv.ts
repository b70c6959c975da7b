/**
 * The WebAssembly convolution: the JavaScript side of `wasm/assembly/conv.ts`, which runs im2col →
 * GEMM → the rearrangement into `[N, O, L]` (+ bias, + relu) and the adjoints for the gradients in
 * linear memory — the same loops in the same order as `@gradkit/conv`'s JavaScript kernels, so the
 * same bits, without copying the larger column matrix across. Only the input, weights and outputs
 * cross. `@gradkit/conv` registers these as its `'wasm'` kernels (`src/kernels.ts` there: all its
 * kernels in one place); they live here because all WebAssembly is built by core's one toolchain.
 *
 * Each returns false, doing nothing, when it cannot run: the module did not load, the arrays are
 * not all float32 or all float64, or linear memory cannot grow. The caller then runs its
 * JavaScript loops.
 */
import type { DataArray } from '../dtype.js';
import { CONV_WEIGHT_CHUNK_ELEMENTS, type ConvKernelDims, convChunkImages } from './im2col.js';
import type { FloatArray } from './registry.js';
import { align16, ensureMemory, wasm } from './wasm.js';

/** Column-matrix + GEMM-output elements per chunk of the forward / input gradient (256 KiB in f32). */
const CONV_CHUNK_ELEMENTS = 65536;

/** Images per pass of the images-in-lanes float32 forward (`BATCH_CHUNK` of wasm/assembly/conv.ts). */
const CONV_BATCH_CHUNK = 128;

/** Whether all arrays are Float32Array (32), all Float64Array (64), or neither (0). */
function floatKind(...arrays: (DataArray | null)[]): 0 | 32 | 64 {
  let kind: 0 | 32 | 64 = 0;
  for (const a of arrays) {
    if (a === null) continue;
    const k = a instanceof Float32Array ? 32 : a instanceof Float64Array ? 64 : 0;
    if (k === 0 || (kind !== 0 && k !== kind)) return 0;
    kind = k;
  }
  return kind;
}

/**
 * Byte offsets of consecutive 16-byte-aligned regions of `sizes[i]` elements after the geometry
 * block, then the end of the last one.
 */
function layoutRegions(sizes: number[], bytes: number): number[] {
  const at: number[] = [];
  let p = align16(wasm.arena + 17 * 4);
  for (const n of sizes) {
    at.push(p);
    p = align16(p + n * bytes);
  }
  at.push(p);
  return at;
}

/** The 17 geometry values the WebAssembly side reads at the arena's start. */
function writeGeometry(d: ConvKernelDims, chunk: number): void {
  const p = wasm.arena >> 2;
  const v = [
    d.n,
    d.c,
    d.h,
    d.w,
    d.o,
    d.kh,
    d.kw,
    d.oh,
    d.ow,
    d.strideH,
    d.strideW,
    d.padTop,
    d.padLeft,
    d.dilH,
    d.dilW,
    d.groups,
    chunk,
  ];
  for (let i = 0; i < v.length; i++) wasm.i32[p + i] = v[i]!;
}

/** Per-image elements of the column matrix [K, L] and the GEMM's output / gathered gradient [O/G, L]. */
function convSizes(d: ConvKernelDims): { K: number; L: number; og: number } {
  return { K: (d.c / d.groups) * d.kh * d.kw, L: d.oh * d.ow, og: d.o / d.groups };
}

/**
 * `out [n, o, oh, ow] = conv(x, wt) + bias` (then `max(·, 0)` when `relu`) in WebAssembly: a float32
 * convolution without zero padding skips the lowering (a register-blocked kernel, 8 output channels
 * × 4 positions, that sums each output's K products in the GEMM's order); otherwise im2col → GEMM →
 * rearrangement per chunk of images. False when it cannot run (see the module comment).
 */
export function conv2dForwardWasm(
  x: DataArray,
  wt: DataArray,
  bias: DataArray | null,
  out: DataArray,
  d: ConvKernelDims,
  relu: boolean,
): boolean {
  const ex = wasm.ex;
  const kind = floatKind(x, wt, bias, out);
  if (ex === null || kind === 0) return false;
  const nx = d.n * d.c * d.h * d.w;
  const nout = d.n * d.o * d.oh * d.ow;
  if (nout === 0) return true;
  const { K, L, og } = convSizes(d);
  const chunk = convChunkImages(d.n, (K + og) * L, CONV_CHUNK_ELEMENTS);
  const bytes = kind === 64 ? 8 : 4;
  const [px, pw, pb, po, work, , end] = layoutRegions(
    // work: the column matrix and the GEMM output; or the direct float32 kernel's packed Wᵀ
    // [K, 8·⌈og/8⌉], tap table and two tables of the N·L output positions; or the images-in-lanes
    // kernel's transposed input [C/groups·H·W, images] and output [og·L, images] for one pass of
    // up to CONV_BATCH_CHUNK images, packed Wᵀ and tap table
    [
      nx,
      d.o * K,
      bias === null ? 0 : d.o,
      nout,
      Math.max(
        K * chunk * L,
        K * (og + 8) + K + 2 * d.n * L + 8,
        ((d.c / d.groups) * d.h * d.w + og * L) * (Math.min(d.n, CONV_BATCH_CHUNK) + 4) +
          K * (og + 4) +
          K +
          16,
      ) + 8,
      og * chunk * L,
    ],
    bytes,
  ) as [number, number, number, number, number, number, number];
  if (!ensureMemory(end)) return false;
  const view: FloatArray = kind === 64 ? wasm.f64 : wasm.f32;
  const shift = kind === 64 ? 3 : 2;
  writeGeometry(d, chunk);
  view.set((x as FloatArray).subarray(0, nx), px >> shift);
  view.set((wt as FloatArray).subarray(0, d.o * K), pw >> shift);
  if (bias !== null) view.set((bias as FloatArray).subarray(0, d.o), pb >> shift);
  (kind === 64 ? ex.convForwardF64 : ex.convForwardF32)(
    wasm.arena,
    px,
    pw,
    bias === null ? 0 : pb,
    po,
    work,
    wasm.packA,
    wasm.packB,
    relu ? 1 : 0,
  );
  (out as FloatArray).set(view.subarray(po >> shift, (po >> shift) + nout));
  return true;
}

/**
 * Every wanted gradient of a convolution in one WebAssembly call (null: not wanted), with `g` =
 * `gOut`, or `mask > 0 ? gOut : +0` when `mask` (the output of a fused convolution + relu) is
 * given: `gx += convᵀ(g, wt)`, `gw += Σ g · im2col(x)ᵀ` (images in chunks of
 * `CONV_WEIGHT_CHUNK_ELEMENTS` column-matrix elements, as the JavaScript kernel), `gb[o] += Σ g[·, o, ·]`.
 * Arrays of an unwanted gradient are not read (`x` only for `gw`, `wt` only for `gx`). False when it
 * cannot run (see the module comment).
 */
export function conv2dBackwardWasm(
  gOut: DataArray,
  mask: DataArray | null,
  x: DataArray,
  wt: DataArray,
  gx: DataArray | null,
  gw: DataArray | null,
  gb: DataArray | null,
  d: ConvKernelDims,
): boolean {
  const ex = wasm.ex;
  const kind = floatKind(gOut, mask, x, wt, gx, gw, gb);
  if (ex === null || kind === 0) return false;
  const ng = d.n * d.o * d.oh * d.ow;
  const nx = d.n * d.c * d.h * d.w;
  const { K, L, og } = convSizes(d);
  const nw = d.o * K;
  if (ng === 0 || (gx === null && gw === null && gb === null)) return true;
  const chunk = convChunkImages(d.n, K * L, CONV_WEIGHT_CHUNK_ELEMENTS);
  const bytes = kind === 64 ? 8 : 4;
  const [pg, pm, px, pw, pgx, pgw, pgb, work, , end] = layoutRegions(
    [
      ng,
      mask === null ? 0 : ng,
      nx,
      nw,
      gx === null ? 0 : nx,
      gw === null ? 0 : nw,
      gb === null ? 0 : d.o,
      K * chunk * L + 4,
      // + 4: the 4×4 transposes of the images-in-lanes input gradient read up to 3 values past a row
      og * chunk * L + 4,
    ],
    bytes,
  ) as number[] as [number, number, number, number, number, number, number, number, number, number];
  if (!ensureMemory(end)) return false;
  const view: FloatArray = kind === 64 ? wasm.f64 : wasm.f32;
  const shift = kind === 64 ? 3 : 2;
  writeGeometry(d, chunk);
  view.set((gOut as FloatArray).subarray(0, ng), pg >> shift);
  if (mask !== null) view.set((mask as FloatArray).subarray(0, ng), pm >> shift);
  if (gw !== null) view.set((x as FloatArray).subarray(0, nx), px >> shift);
  if (gx !== null) view.set((wt as FloatArray).subarray(0, nw), pw >> shift);
  if (gx !== null) view.set((gx as FloatArray).subarray(0, nx), pgx >> shift);
  if (gw !== null) view.set((gw as FloatArray).subarray(0, nw), pgw >> shift);
  if (gb !== null) view.set((gb as FloatArray).subarray(0, d.o), pgb >> shift);
  (kind === 64 ? ex.convBackwardF64 : ex.convBackwardF32)(
    wasm.arena,
    pg,
    mask === null ? 0 : pm,
    px,
    pw,
    gx === null ? 0 : pgx,
    gw === null ? 0 : pgw,
    gb === null ? 0 : pgb,
    work,
    wasm.packA,
    wasm.packB,
  );
  if (gx !== null) (gx as FloatArray).set(view.subarray(pgx >> shift, (pgx >> shift) + nx));
  if (gw !== null) (gw as FloatArray).set(view.subarray(pgw >> shift, (pgw >> shift) + nw));
  if (gb !== null) (gb as FloatArray).set(view.subarray(pgb >> shift, (pgb >> shift) + d.o));
  return true;
}
