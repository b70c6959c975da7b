/**
 * Exact integer combinatorics: the binomial coefficient `comb(n, k)` of Python's `math.comb`, as a
 * `bigint`. Counting formulas of the book need it exactly: Zaslavsky's count of the linear regions
 * of a shallow network (UDL section 3.3, figure 3.9; `numberRegions` in `@gradkit/nn`) reaches
 * `13432735556` for 10 inputs and 50 hidden units and ~1e139 for 100 inputs and 1000 hidden units,
 * far past the 2^53 below which a JavaScript `number` holds every integer.
 */
import { show, ValueError } from './errors.js';

/** A non-negative integer argument (`number` or `bigint`) as a bigint; a ValueError otherwise. */
function naturalArg(op: string, name: string, v: unknown): bigint {
  if (typeof v === 'bigint') {
    if (v < 0n) throw new ValueError(op, `${name} must be a non-negative integer, received ${v}n`);
    return v;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new ValueError(
      op,
      `${name} must be a non-negative integer (a safe-integer number or a bigint), received ${show(v)}`,
    );
  return BigInt(v);
}

/**
 * The binomial coefficient `C(n, k) = n! / (k! (n − k)!)`, the number of ways to choose `k` of
 * `n` items, exactly, as a `bigint` (Python's `math.comb(n, k)`): `0n` when `k > n`, as Python.
 * `n` and `k` are non-negative integers given as `number` (safe integers) or `bigint`; anything
 * else is a `ValueError` naming the argument (Python raises TypeError for a float, ValueError for a
 * negative). Computed as the running product `C(n, j) = C(n, j − 1) (n − j + 1) / j` for
 * `j = 1..min(k, n − k)`, each division exact: O(min(k, n − k)) bigint steps.
 *
 * A `bigint` and not a `number`: the counts it serves overflow 2^53 quickly (C(50, 10) =
 * 10272278170 is still safe; C(100, 50) ≈ 1.0e29 is not), and `Number(comb(n, k))` is then the
 * correctly rounded float64, the same value numpy stores when it puts `math.comb`'s int into a
 * float array.
 *
 * ```ts
 * comb(3, 2);                 // 3n
 * comb(50, 10);               // 10272278170n
 * comb(8, 9);                 // 0n (k > n)
 * Number(comb(1000, 500));    // 2.7028824094543655e+299
 * ```
 */
export function comb(n: number | bigint, k: number | bigint): bigint {
  const N = naturalArg('comb', 'n', n);
  let K = naturalArg('comb', 'k', k);
  if (K > N) return 0n;
  if (N - K < K) K = N - K;
  let c = 1n;
  for (let j = 1n; j <= K; j++) c = (c * (N - j + 1n)) / j;
  return c;
}
