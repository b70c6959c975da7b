/**
 * The discrete distribution of `RandomState.choice(a, { p })`: numpy's checks of `p` (Kahan sum)
 * and its inverse-CDF search (`cumsum`, `searchsorted(side='right')`).
 */

/** numpy's `kahan_sum` (compensated summation used to validate `p`). */
export function kahanSum(a: Float64Array): number {
  if (a.length === 0) return 0;
  let sum = a[0]!;
  let c = 0;
  for (let i = 1; i < a.length; i++) {
    const y = a[i]! - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum;
}

/** `cdf = cumsum(p); cdf /= cdf[-1]` (sequential sums, as numpy's cumsum). */
export function cumulative(p: Float64Array): Float64Array {
  const cdf = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = s += p[i]!;
  const last = cdf[cdf.length - 1]!;
  for (let i = 0; i < cdf.length; i++) cdf[i]! /= last;
  return cdf;
}

/** numpy's `searchsorted(cdf, u, side='right')`: the first index with cdf[i] > u. */
export function searchRight(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// -------------------------------------------------------------------- process-wide default
