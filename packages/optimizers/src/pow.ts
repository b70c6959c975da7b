/**
 * `x ** n` for a whole `n`, rounded once: the value C's `pow` (glibc, behind PyTorch's and
 * Python's `beta ** step`) gives, in every JavaScript engine. `Math.pow` is not specified to that
 * precision and engines differ: V8 11 (Node 20) gives `0.9 ** 4 = 0.6561000000000001`, V8 13
 * (Chromium 130+) and CPython give 0.6561, the double nearest to 0.9⁴. Adam's bias corrections
 * `1 − β^t` use it, so a trajectory is the same bit for bit in Node and in a browser.
 *
 * Computed by squaring in double-double arithmetic (each product exact to about 2^-104 through an
 * FMA), so the result is the correctly rounded power unless the exact power lies within about
 * 2^-95 relative of a halfway point between two doubles. Outside the FMA's range (results beyond
 * 1e±290), for `n` not a whole number in [0, 2^31), and for zero or non-finite `x`, it is `x ** n`.
 * Internal to the package (not re-exported by the index).
 */
import { fma } from '@gradkit/core';

export function powInt(x: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 31 || !Number.isFinite(x) || x === 0) return x ** n;
  // result (rh, rl) and base (bh, bl), each an unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2
  let rh = 1;
  let rl = 0;
  let bh = x;
  let bl = 0;
  let k = n;
  const LIMIT = 1e290;
  const FLOOR = 1e-290;
  while (k > 0) {
    if (k & 1) {
      // (rh + rl)(bh + bl) ≈ rh·bh (exact as p + e) + rh·bl + rl·bh
      const p = rh * bh;
      if (!(Math.abs(p) < LIMIT && Math.abs(p) > FLOOR)) return x ** n;
      const e = fma(rh, bh, -p) + (rh * bl + rl * bh);
      rh = p + e;
      rl = e - (rh - p);
    }
    k = Math.floor(k / 2);
    if (k > 0) {
      const p = bh * bh;
      if (!(Math.abs(p) < LIMIT && Math.abs(p) > FLOOR)) return x ** n;
      const e = fma(bh, bh, -p) + 2 * bh * bl;
      bh = p + e;
      bl = e - (bh - p);
    }
  }
  // rh = RN(p + e) at the last product, and |rl| ≤ ulp(rh)/2: rh is the double nearest the power
  return rh + rl;
}
