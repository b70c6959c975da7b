/**
 * The discrete distribution of `RandomState.choice(a, { p })`: numpy's checks of `p` (Kahan sum)
 * and its cumulative distribution (`cumsum`; the inverse-CDF search is ../ops/search.ts).
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

// -------------------------------------------------------------------- process-wide default
