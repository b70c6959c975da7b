/**
 * The `gemm` kernel: `C[m, n] = op(A) op(B)` (or `+=` with `accumulate`) on raw float32/float64
 * typed arrays at element offsets, for the three operand layouts matmul's forward and backward
 * passes need — `'NN'`: A `[m, k]`, B `[k, n]`; `'NT'`: A `[m, k]`, B `[n, k]` (C = A Bᵀ);
 * `'TN'`: A `[k, m]`, B `[k, n]` (C = Aᵀ B). Row-major, contiguous.
 */
import { DTypeError, ValueError } from '../errors.js';
import { mmNN32, mmNN64, mmNT32, mmNT64, mmTN32, mmTN64 } from './gemm-js.js';
import { getKernel, registerKernel } from './registry.js';

/** Operand layout of a GEMM: N = as stored, T = transposed. */
export type GemmLayout = 'NN' | 'NT' | 'TN';

/** A float typed array a GEMM works on. */
export type FloatArray = Float32Array | Float64Array;

/** Signature of the `gemm` kernel (see `gemm`). */
export type GemmKernel = (
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
  accumulate: boolean,
) => void;

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

registerKernel('gemm', 'js', gemmJs);

/**
 * General matrix multiply on the current backend: `C = op(A) op(B)` (`accumulate` false, the
 * default) or `C += op(A) op(B)`, with `C[i, j]` at `c[cOffset + i·n + j]`. Layouts: `'NN'` A
 * `[m, k]`, B `[k, n]`; `'NT'` A `[m, k]`, B `[n, k]`; `'TN'` A `[k, m]`, B `[k, n]`. All three
 * arrays must be the same float type. The `'wasm'` backend runs a packed, register-blocked
 * f32x4/f64x2 SIMD kernel; float32 sums are then accumulated in float32 (the `'js'` kernel sums
 * runs of 4 products in double), so float32 results differ in the last bits between backends.
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
  getKernel<GemmKernel>('gemm')(layout, a, aOffset, b, bOffset, c, cOffset, m, k, n, accumulate);
}
