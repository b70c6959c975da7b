/**
 * Row reductions of inference: `logSumExp`, log Σ exp(x) of a row in float64, the normaliser of
 * a language model's log-probabilities (50,257 logits per generated token for GPT-2).
 *
 * `'js'`: the readable loops, a maximum pass then Σ exp(x − m) with `Math.exp` (about 10 ns per
 * value in V8: 0.5 ms per GPT-2 row, as long as the tiny model's forward pass).
 * `'wasm'`: for float32 rows of at least 256 values, `wasm/assembly/reduce.ts`: the maximum in
 * f32x4, then exp in f64x2 by range reduction and a degree-13 polynomial (within one ulp of
 * `Math.exp`), summed in four float64 partial sums: 0.16 ms instead of 0.6 ms for 50,257 values
 * on this project's 2-core machine. The result differs from `'js'` in the last bits (another exp,
 * another summation order): a few units in the 16th digit of the sum.
 */
import { type FloatArray, getKernel, registerKernel } from './registry.js';
import { ensureMemory, wasm } from './wasm.js';

registerKernel('logSumExp', 'js', (x, n, max) => {
  let m = max ?? Number.NEGATIVE_INFINITY;
  if (max === undefined || !Number.isFinite(max)) {
    m = Number.NEGATIVE_INFINITY;
    let hasNaN = false;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (v > m) m = v;
      else if (v !== v) hasNaN = true;
    }
    if (hasNaN) return Number.NaN;
    if (!Number.isFinite(m)) return m;
  }
  let z = 0;
  for (let i = 0; i < n; i++) z += Math.exp(x[i]! - m);
  return m + Math.log(z);
});

/** Below this many values the row stays in JavaScript (the copy into linear memory costs more). */
const WASM_MIN = 256;

if (wasm.ex) {
  const js = getKernel('logSumExp', 'js');
  registerKernel('logSumExp', 'wasm', (x, n, max) => {
    const p = wasm.arena;
    if (!(x instanceof Float32Array) || n < WASM_MIN || !ensureMemory(p + n * 4)) return js(x, n, max);
    wasm.f32.set(x.subarray(0, n), p >> 2);
    const ex = wasm.ex!;
    const m = max !== undefined && Number.isFinite(max) ? max : ex.maxF32(p, n);
    if (Number.isFinite(m)) return m + Math.log(ex.sumExpF32(p, n, m));
    // ±∞ (−∞ also when every value is NaN: the maximum skips NaNs): NaN when a NaN is there (the
    // exp's clamp keeps NaN, so the sum is NaN)
    const z = ex.sumExpF32(p, n, 0);
    return z !== z ? Number.NaN : m;
  });
}

/**
 * log Σᵢ exp(x[i]) over the first `n` values, in float64, with the row's maximum subtracted before
 * exponentiating (so no overflow): scipy's `logsumexp` and `torch.logsumexp` of one row. A NaN
 * anywhere gives NaN, a +∞ gives +∞, all −∞ (or `n = 0`) gives −∞. `max`, when the caller already
 * knows the row's maximum (a top-k or argmax pass found it), skips the pass that finds it; it must
 * be that maximum.
 *
 * ```ts
 * logSumExp(new Float32Array([0, Math.log(3)])); // ≈ log 4
 * ```
 */
export function logSumExp(x: FloatArray, n = x.length, max?: number): number {
  return getKernel('logSumExp')(x, n, max);
}
