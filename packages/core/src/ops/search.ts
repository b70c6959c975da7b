/**
 * Binary search in a sorted array in numpy's order, the one copy behind `searchsorted` /
 * `digitize` / `histogram` / `binnedStatistic` (ops/histogram.ts) and `RandomState.choice`'s
 * inverse-CDF draw. (`PythonRandom.choices` keeps its own `bisect_right`: Python compares a NaN
 * cumulative weight with plain `<`, not in numpy's order.)
 */

/** numpy's sort order for floats: `x < y`, with NaN after every number. */
export function sortsBefore(x: number, y: number): boolean {
  return x < y || (y !== y && x === x);
}

/**
 * The first index `i` in `[0, hi)` of the sorted `a` with `v ≤ a[i]` (`right` false: numpy's
 * `side='left'`, Python's `bisect_left`) or `v < a[i]` (`right` true: `side='right'`,
 * `bisect_right`); `hi` when there is none. NaN sorts after every number, as in numpy.
 */
export function searchSorted(a: ArrayLike<number>, v: number, right: boolean, hi = a.length): number {
  let lo = 0;
  let end = hi;
  while (lo < end) {
    const mid = (lo + end) >>> 1;
    const m = a[mid]!;
    if (right ? !sortsBefore(v, m) : sortsBefore(m, v)) lo = mid + 1;
    else end = mid;
  }
  return lo;
}
