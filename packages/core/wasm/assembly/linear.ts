// A linear layer in one call (called from src/kernels/linear.ts): the GEMM of ./gemm.ts, then the
// bias and the ReLU applied in linear memory before the JavaScript side reads the result back —
// the same operations as the 'js' kernel (gemm, then addRowVector, then reluForward).

import { gemmF32, gemmF64 } from './gemm';

/**
 * `c[i, j] = c[i, j] + bias[j]` (bias 0: skipped), then `max(·, +0)` when `relu`: the epilogue of a
 * linear layer, the same operations as addRowF32 then reluF32 (and their float64 twins).
 */
function linearEpilogue<T>(c: usize, bias: usize, m: i32, n: i32, relu: bool): void {
  const sz = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  for (let i: i32 = 0; i < m; i++) {
    const row = c + <usize>(i * n) * sz;
    let j: i32 = 0;
    for (; j + lanes <= n; j += lanes) {
      const o = <usize>j * sz;
      let v = v128.load(row + o);
      if (bias !== 0)
        v = sizeof<T>() === 4 ? f32x4.add(v, v128.load(bias + o)) : f64x2.add(v, v128.load(bias + o));
      if (relu) v = sizeof<T>() === 4 ? f32x4.max(v, f32x4.splat(0)) : f64x2.max(v, f64x2.splat(0));
      v128.store(row + o, v);
    }
    for (; j < n; j++) {
      const o = <usize>j * sz;
      let v = load<T>(row + o);
      if (bias !== 0) v = v + load<T>(bias + o);
      if (relu) v = max<T>(v, <T>0);
      store<T>(row + o, v);
    }
  }
}

/**
 * A linear layer in one call: C[m, n] = A[m, k] · W[n, k]ᵀ (+ bias[n]) (then relu), the GEMM of
 * gemmF32 with the epilogue applied in linear memory before C is read back.
 */
export function linearF32(
  a: usize,
  w: usize,
  bias: usize,
  c: usize,
  m: i32,
  k: i32,
  n: i32,
  relu: i32,
  ap: usize,
  bp: usize,
): void {
  gemmF32(m, n, k, a, k, 1, w, 1, k, c, n, 0, ap, bp);
  linearEpilogue<f32>(c, bias, m, n, relu !== 0);
}

/** float64 twin of linearF32. */
export function linearF64(
  a: usize,
  w: usize,
  bias: usize,
  c: usize,
  m: i32,
  k: i32,
  n: i32,
  relu: i32,
  ap: usize,
  bp: usize,
): void {
  gemmF64(m, n, k, a, k, 1, w, 1, k, c, n, 0, ap, bp);
  linearEpilogue<f64>(c, bias, m, n, relu !== 0);
}
