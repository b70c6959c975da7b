/**
 * Row reductions of inference, over a language model's logits (50,257 per generated token for
 * GPT-2): `argmax`, the greedy choice, and `logSumExp`, log Σ exp(x) in float64, the normaliser of
 * the log-probabilities.
 *
 * `argmax`: `'js'` one loop per float type (a loop shared by Float32Array and Float64Array is
 * polymorphic and about 4x slower); `'wasm'` two f32x4 passes for float32 rows of 256 values or
 * more, the same index.
 *
 * `logSumExp`: `'js'` the readable loops, a maximum pass then Σ exp(x − m) with `Math.exp`
 * (about 10 ns per value in V8: 0.5 ms per GPT-2 row, as long as the tiny model's forward pass);
 * `'wasm'` for float32 rows of at least 256 values, `wasm/assembly/reduce.ts`: the maximum in
 * f32x4, then exp in f64x2 by range reduction and a degree-13 polynomial (within one ulp of
 * `Math.exp`), summed in four float64 partial sums: 0.16 ms instead of 0.6 ms for 50,257 values
 * on this project's 2-core machine. The result differs from `'js'` in the last bits (another exp,
 * another summation order): a few units in the 16th digit of the sum.
 *
 * `logSumExp32`: the same for a float32 row at float32 precision, as numpy, scipy and PyTorch
 * compute it for float32 data (`x − m` and its exp in float32), but summed in float64. `'wasm'`
 * evaluates exp in f32x4 (Cephes' `expf`), four values per instruction instead of two, and skips
 * the groups of 16 values that all lie below m − (ln n + 23), whose terms cannot add 1.03·10⁻¹⁰ to
 * the sum (most of a language model's vocabulary sits there in any context): within about 2·10⁻⁷
 * of `logSumExp`, in a third of its time or less. `'js'` is `logSumExp`'s float64 loop (more
 * exact, as slow).
 */
import { show, ValueError } from '../errors.js';
import { type FloatArray, getKernel, registerKernel } from './registry.js';
import { ensureMemory, wasm } from './wasm.js';

// numpy's argmax: the first largest, or the first NaN
function argmax32(x: Float32Array, n: number): number {
  let best = 0;
  let m = x[0]!;
  if (m !== m) return 0;
  for (let i = 1; i < n; i++) {
    const v = x[i]!;
    if (v > m) {
      m = v;
      best = i;
    } else if (v !== v) return i;
  }
  return best;
}
function argmax64(x: Float64Array, n: number): number {
  let best = 0;
  let m = x[0]!;
  if (m !== m) return 0;
  for (let i = 1; i < n; i++) {
    const v = x[i]!;
    if (v > m) {
      m = v;
      best = i;
    } else if (v !== v) return i;
  }
  return best;
}
registerKernel('argmax', 'js', (x, n) =>
  x instanceof Float32Array ? argmax32(x, n) : argmax64(x as Float64Array, n),
);

registerKernel('logSumExp', 'js', (x, n, max) => {
  let m = max as number;
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

registerKernel('logSumExp32', 'js', (x, n, max) => getKernel('logSumExp', 'js')(x, n, max));

/** Below this many values the row stays in JavaScript (the copy into linear memory costs more). */
const WASM_MIN = 256;

/** The byte offset of a float32 row copied into linear memory, or -1 when the `'js'` loop should run. */
function stagedRow(x: FloatArray, n: number): number {
  const p = wasm.arena;
  if (!(x instanceof Float32Array) || n < WASM_MIN || !ensureMemory(p + n * 4)) return -1;
  wasm.f32.set(x.subarray(0, n), p >> 2);
  return p;
}

if (wasm.ex) {
  const argmaxJs = getKernel('argmax', 'js');
  registerKernel('argmax', 'wasm', (x, n) => {
    const p = stagedRow(x, n);
    return p < 0 ? argmaxJs(x, n) : wasm.ex!.argmaxF32(p, n);
  });
  const js = getKernel('logSumExp', 'js');
  const one = new Float32Array(1);
  const oneBits = new Int32Array(one.buffer);
  /**
   * Where `sumExpF32Single` may skip: the largest float32 at most m − (ln n + 23). The n values
   * below it add less than n · e⁻²³ / n ≈ 1.0·10⁻¹⁰ to a sum of at least 1 (the maximum's own
   * term), so the log-sum-exp moves by less than that: 2000 times less than the float32 exp's
   * own error.
   */
  const skipBelow = (m: number, n: number): number => {
    const c = m - (Math.log(n) + 23);
    let f = Math.fround(c);
    if (f > c) {
      one[0] = f;
      oneBits[0]! += f > 0 ? -1 : 1;
      f = one[0]!;
    }
    return f;
  };
  /**
   * log Σ exp of the row staged at byte offset `p`: exp and the differences in float32 (`single`,
   * logSumExp32, with `max` rounded to float32) or in float64 (logSumExp).
   */
  const stagedLogSumExp = (p: number, n: number, max: number | undefined, single: boolean): number => {
    const ex = wasm.ex!;
    const m = max !== undefined && Number.isFinite(max) ? (single ? Math.fround(max) : max) : ex.maxF32(p, n);
    if (Number.isFinite(m))
      return m + Math.log(single ? ex.sumExpF32Single(p, n, m, skipBelow(m, n)) : ex.sumExpF32(p, n, m));
    // ±∞ (−∞ also when every value is NaN: the maximum skips NaNs): NaN when a NaN is there (the
    // exp's clamp keeps NaN, so the sum is NaN)
    const z = ex.sumExpF32(p, n, 0);
    return z !== z ? Number.NaN : m;
  };
  registerKernel('logSumExp', 'wasm', (x, n, max) => {
    const p = stagedRow(x, n);
    return p < 0 ? js(x, n, max) : stagedLogSumExp(p, n, max, false);
  });
  registerKernel('logSumExp32', 'wasm', (x, n, max) => {
    const p = stagedRow(x, n);
    return p < 0 ? js(x, n, max) : stagedLogSumExp(p, n, max, true);
  });
}

/**
 * The index of the largest of the first `n ≥ 1` values: the first one on ties, and the first NaN
 * if there is one (numpy's `argmax`, `torch.argmax`).
 *
 * ```ts
 * argmax(new Float32Array([1, 3, 3])); // 1
 * ```
 */
export function argmax(x: FloatArray, n = x.length): number {
  if (!(n >= 1 && n <= x.length) || !Number.isInteger(n))
    throw new ValueError('argmax', `n must be an integer in [1, ${x.length}], received ${show(n)}`);
  return getKernel('argmax')(x, n);
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

/**
 * log Σᵢ exp(x[i]) over the first `n` values of a float32 row at float32 precision, as numpy,
 * scipy (`logsumexp`) and PyTorch (`torch.logsumexp`) compute it for float32 data: `x[i] − max` and
 * its exp in float32, then (more exactly than they do) summed in float64. Within about 2·10⁻⁷ of
 * {@link logSumExp}, and 3.5 to 7 times faster where WebAssembly SIMD runs: 0.055 ms instead of
 * 0.17 ms for 50,257 values, 0.025 ms for the tiny GPT-2's 50,257 logits, most of which lie more
 * than ln n + 23 below the maximum, where groups of 16 are skipped (together they cannot move the
 * result by 1.03·10⁻¹⁰). The normaliser of a language model's log-probabilities, whose logits are
 * float32 to begin with. The special values and `max` are as in {@link logSumExp}.
 *
 * ```ts
 * logSumExp32(new Float32Array([0, Math.log(3)])); // ≈ log 4, within 2e-7
 * ```
 */
export function logSumExp32(x: Float32Array, n = x.length, max?: number): number {
  if (!(x instanceof Float32Array))
    throw new ValueError('logSumExp32', `x must be a Float32Array, received ${show(x)}`);
  return getKernel('logSumExp32')(x, n, max);
}
