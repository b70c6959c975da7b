/**
 * The `gemm` kernel (see `GemmKernel` in `registry.ts`): `C = op(A) op(B)` on raw float arrays, for
 * the three operand layouts matmul's forward and backward passes need.
 *
 * - `'js'`: the register-blocked loops of `gemm-js.ts` (float32 products summed in runs of 4 in
 *   double precision);
 * - `'wasm'`: the packed, register-blocked f32x4 (4×8 micro-tile) and f64x2 (4×4) kernels of
 *   `wasm/assembly/gemm.ts` (Goto/BLIS blocking; float32 sums accumulated in float32), split over
 *   worker threads for large products when `setNumThreads` enabled them (`threads.ts`). Where the
 *   engine supports relaxed SIMD the float32 kernel is the FMA build's 6×8 fused-multiply-add tile
 *   instead (see `wasm.ts`): one rounding per multiply-add, so other last bits than the plain one.
 */
import { DTypeError, show, ValueError } from '../errors.js';
import { mmNN32, mmNN64, mmNT32, mmNT64, mmTN32, mmTN64 } from './gemm-js.js';
import { type FloatArray, type GemmKernel, type GemmLayout, getKernel, registerKernel } from './registry.js';
import {
  align16,
  ensureMemory,
  gemmPlacement,
  releaseResident,
  residentOffset,
  stagedGemm,
  wasm,
} from './wasm.js';

/** The JavaScript reference GEMM (register-blocked loops of `gemm-js.ts`). */
export const gemmJs: GemmKernel = (layout, a, ao, b, bo, c, co, m, k, n, accumulate) => {
  if (!accumulate) c.fill(0, co, co + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  if (c instanceof Float64Array) {
    const A = a as Float64Array;
    const B = b as Float64Array;
    if (layout === 'NN') mmNN64(A, ao, B, bo, c, co, m, k, n);
    else if (layout === 'NT') mmNT64(A, ao, B, bo, c, co, m, k, n);
    else mmTN64(A, ao, B, bo, c, co, m, k, n);
  } else {
    const A = a as Float32Array;
    const B = b as Float32Array;
    if (layout === 'NN') mmNN32(A, ao, B, bo, c, co, m, k, n);
    else if (layout === 'NT') mmNT32(A, ao, B, bo, c, co, m, k, n);
    else mmTN32(A, ao, B, bo, c, co, m, k, n);
  }
};

/**
 * Products below this many multiply-adds (m·k·n) run on the JavaScript kernel even on the
 * `'wasm'` backend: there the call and the copies cost more than SIMD saves.
 */
export const WASM_GEMM_MIN_WORK = 512;

/**
 * The SIMD GEMM itself (no small-size cut-over): copies A and B into linear memory, runs the
 * packed f32x4 (4×8 micro-tile; 6×8 with fused multiply-adds in the relaxed-SIMD build) or f64x2
 * (4×4) kernel (split over worker threads when
 * they are on and pay for the product: see `threads.ts`), copies C back. Same contract as `gemm`.
 * Throws when the backend is not loaded.
 */
export const gemmWasmSimd: GemmKernel = (layout, a, ao, b, bo, c, co, m, k, n, accumulate) => {
  const ex = wasm.ex;
  if (!ex) throw new Error('gemmWasmSimd: the WebAssembly kernels are not loaded');
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) c.fill(0, co, co + m * n);
    return;
  }
  // large products on the worker threads, in their shared memory
  const parallel = wasm.parallel;
  if (parallel?.pays(m, n, k) && parallel.gemm(layout, a, ao, b, bo, c, co, m, k, n, accumulate)) return;
  wasm.largeGemm?.(m, n, k);
  const is64 = c instanceof Float64Array;
  const pa = wasm.arena;
  const { pb, pc, end } = gemmPlacement(pa, m, k, n, is64 ? 8 : 4);
  // operands that do not fit in linear memory run on the JavaScript kernel instead
  if (!ensureMemory(end)) return gemmJs(layout, a, ao, b, bo, c, co, m, k, n, accumulate);
  stagedGemm(
    is64 ? wasm.f64 : wasm.f32,
    pa,
    pb,
    pc,
    layout,
    a,
    ao,
    b,
    bo,
    c,
    co,
    m,
    k,
    n,
    accumulate,
    (rsa, csa, rsb, csb) =>
      (is64 ? ex.gemmF64 : ex.gemmF32)(
        m,
        n,
        k,
        pa,
        rsa,
        csa,
        pb,
        rsb,
        csb,
        pc,
        n,
        accumulate ? 1 : 0,
        wasm.packA,
        wasm.packB,
      ),
  );
};

/** The `'wasm'` backend's `gemm` kernel: SIMD above `WASM_GEMM_MIN_WORK`, the JS kernel below. */
const gemmWasm: GemmKernel = (layout, a, ao, b, bo, c, co, m, k, n, accumulate) => {
  if (m * k * n < WASM_GEMM_MIN_WORK) gemmJs(layout, a, ao, b, bo, c, co, m, k, n, accumulate);
  else gemmWasmSimd(layout, a, ao, b, bo, c, co, m, k, n, accumulate);
};

registerKernel('gemm', 'js', gemmJs);
if (wasm.ex) registerKernel('gemm', 'wasm', gemmWasm);

/**
 * General matrix multiply on the current backend: `C = op(A) op(B)` (`accumulate` false, the
 * default) or `C += op(A) op(B)`, with `C[i, j]` at `c[cOffset + i·n + j]`. Layouts: `'NN'` A
 * `[m, k]`, B `[k, n]`; `'NT'` A `[m, k]`, B `[n, k]`; `'TN'` A `[k, m]`, B `[k, n]`. All three
 * arrays must be the same float type. The `'wasm'` backend runs a packed, register-blocked
 * f32x4/f64x2 SIMD kernel; float32 sums are then accumulated in float32 (the `'js'` kernel sums
 * runs of 4 products in double), so float32 results differ in the last bits between backends —
 * and between the plain and the relaxed-SIMD (FMA, one rounding per multiply-add) WebAssembly
 * builds; each is deterministic (`wasmFma()` in `wasm.ts` says which one runs).
 *
 * ```ts
 * const c = new Float32Array(4);
 * gemm('NN', new Float32Array([1, 2, 3, 4]), 0, new Float32Array([5, 6, 7, 8]), 0, c, 0, 2, 2, 2);
 * c; // [19, 22, 43, 50]
 * ```
 */
export function gemm(
  layout: GemmLayout,
  a: FloatArray,
  aOffset: number,
  b: FloatArray,
  bOffset: number,
  c: FloatArray,
  cOffset: number,
  m: number,
  k: number,
  n: number,
  accumulate = false,
): void {
  const f64 = c instanceof Float64Array;
  if (
    !(f64 || c instanceof Float32Array) ||
    a instanceof Float64Array !== f64 ||
    b instanceof Float64Array !== f64
  )
    throw new DTypeError(
      'gemm',
      `a, b and c must all be Float32Array or all Float64Array, received ${a.constructor.name}, ${b.constructor.name}, ${c.constructor.name}`,
    );
  if (layout !== 'NN' && layout !== 'NT' && layout !== 'TN')
    throw new ValueError('gemm', `layout must be 'NN', 'NT' or 'TN', received ${String(layout)}`);
  if (cOffset + m * n > c.length || aOffset + m * k > a.length || bOffset + k * n > b.length)
    throw new ValueError(
      'gemm',
      `operands too short for m=${m}, k=${k}, n=${n}: a has ${a.length - aOffset}, b ${b.length - bOffset}, c ${c.length - cOffset} elements past their offsets`,
    );
  getKernel('gemm')(layout, a, aOffset, b, bOffset, c, cOffset, m, k, n, accumulate);
}

/**
 * A float32 matrix `[rows, cols]` (row-major `data`) that products with many small left operands
 * share: {@link matmulResidentNT} multiplies by its transpose. On the `'wasm'` backend it is copied
 * into the kernels' linear memory on first use and stays there, so each product copies only its
 * small operand in and its result out — for an LM head (`[vocab, d]`, 12.9 MB for GPT-2's 50257 ×
 * 64 float32 tokens) that is most of a decoding step saved. The matrix must not change while it is
 * resident: after changing `data`, call {@link ResidentMatrix.release} (the next product copies it
 * again). `release()` also frees its memory for the other kernels.
 *
 * @example
 *   const head = new ResidentMatrix(wte, 50257, 64);
 *   const logits = matmulResidentNT(h, 1, head); // h [1, 64] · wteᵀ → [1, 50257]
 */
export class ResidentMatrix {
  constructor(
    readonly data: Float32Array,
    readonly rows: number,
    readonly cols: number,
  ) {
    if (!(data instanceof Float32Array))
      throw new DTypeError('ResidentMatrix', `data must be a Float32Array, received ${show(data)}`);
    for (const [name, v] of [
      ['rows', rows],
      ['cols', cols],
    ] as const)
      if (!Number.isSafeInteger(v) || v < 0)
        throw new ValueError(
          'ResidentMatrix',
          `${name} must be a non-negative integer, received ${String(v)}`,
        );
    if (data.length !== rows * cols)
      throw new ValueError(
        'ResidentMatrix',
        `data has ${data.length} elements; expected rows × cols = ${rows} × ${cols} = ${rows * cols}`,
      );
  }

  /** Frees the matrix's copy in linear memory (the next product copies `data` again). */
  release(): void {
    releaseResident(this);
  }
}

/** Rows of the left operand up to which {@link matmulResidentNT} runs the unpacked kernel. */
const RESIDENT_GEMV_ROWS = 16;

/**
 * `out[m, w.rows] = x[m, w.cols] · wᵀ` in float32 (`x` row-major, `w` a {@link ResidentMatrix}):
 * the product `gemm('NT', x, 0, w.data, 0, out, 0, m, w.cols, w.rows)` computes, with `w` kept in
 * the WebAssembly kernels' memory between calls. Up to 16 rows of `x` it runs a dot product per
 * output without packing (each dot product summed as four partial sums: other last bits than
 * `gemm`'s, the same with and without relaxed SIMD), more rows run the packed GEMM on the resident
 * copy; on the `'js'` backend (or where linear memory cannot hold `w`) it is `gemm`'s JavaScript
 * kernel. Returns `out` (a new array when not given).
 *
 * @example
 *   const w = new ResidentMatrix(new Float32Array([1, 2, 3, 4, 5, 6]), 3, 2); // [[1, 2], [3, 4], [5, 6]]
 *   matmulResidentNT(new Float32Array([1, 1]), 1, w); // [3, 7, 11]
 */
export function matmulResidentNT(
  x: Float32Array,
  m: number,
  w: ResidentMatrix,
  out: Float32Array = new Float32Array(m * w.rows),
): Float32Array {
  const op = 'matmulResidentNT';
  if (!(w instanceof ResidentMatrix))
    throw new DTypeError(op, `w must be a ResidentMatrix, received ${show(w)}`);
  if (!(x instanceof Float32Array) || !(out instanceof Float32Array))
    throw new DTypeError(op, `x and out must be Float32Array, received ${show(x)} and ${show(out)}`);
  if (!Number.isSafeInteger(m) || m < 0)
    throw new ValueError(op, `m must be a non-negative integer, received ${String(m)}`);
  const k = w.cols;
  const n = w.rows;
  if (x.length < m * k || out.length < m * n)
    throw new ValueError(
      op,
      `x has ${x.length} and out ${out.length} elements; expected at least m × cols = ${m * k} and m × rows = ${m * n}`,
    );
  const ex = wasm.ex;
  const simd = ex !== null && getKernel('gemm') !== gemmJs && m > 0 && n > 0 && k > 0;
  const pb = simd ? residentOffset(w, w.data) : -1;
  const pa = wasm.arena;
  const pc = align16(pa + m * k * 4);
  if (pb < 0 || !ensureMemory(pc + m * n * 4)) {
    gemmJs('NT', x, 0, w.data, 0, out, 0, m, k, n, false);
    return out;
  }
  const view = wasm.f32;
  view.set(x.subarray(0, m * k), pa >> 2);
  if (m <= RESIDENT_GEMV_ROWS) ex!.gemvNTF32(m, n, k, pa, pb, pc);
  else ex!.gemmF32(m, n, k, pa, k, 1, pb, 1, k, pc, n, 0, wasm.packA, wasm.packB);
  out.set(view.subarray(pc >> 2, (pc >> 2) + m * n));
  return out;
}
