/**
 * Binning: numpy's `searchsorted`, `digitize` and `histogram`, and scipy's
 * `scipy.stats.binned_statistic`, computed as they compute them so that indices, counts, edges and
 * sums agree to the last bit (the one exception, weighted histograms over explicit edges, is in
 * {@link histogram}'s comment).
 */
import { show, ValueError } from '../errors.js';
import { asTensor, linspace, Tensor, type TensorLike } from '../tensor.js';
import { sortsBefore as before, searchSorted as search } from './search.js';

/**
 * The values of `x` as float64, read-only: a Float64Array or a float64 tensor is used as it is
 * (no copy: binning 10⁵ values is otherwise dominated by the copies), anything else converted.
 */
function floats(x: TensorLike): { data: Float64Array; shape: number[] } {
  if (x instanceof Float64Array) return { data: x, shape: [x.length] };
  const t = asTensor(x);
  if (t.data instanceof Float64Array && t.data.length === t.size)
    return { data: t.data, shape: [...t.shape] };
  return { data: Float64Array.from(t.data as ArrayLike<number>), shape: [...t.shape] };
}

function oneD(op: string, arg: string, x: TensorLike): Float64Array {
  const { data, shape } = floats(x);
  if (shape.length !== 1)
    throw new ValueError(op, `${arg} must be 1-dimensional, received shape [${shape.join(',')}]`);
  return data;
}

/** Options of {@link searchsorted}. */
export interface SearchsortedOptions {
  /** `'left'` (default): the first index where `v` could go; `'right'`: the last. */
  side?: 'left' | 'right';
}

/**
 * Indices where the values `v` would be inserted into the sorted 1-D `a` to keep it sorted,
 * numpy's `np.searchsorted(a, v, side='left')`: with `side: 'left'` the first index `i` with
 * `v ≤ a[i]`, with `'right'` the first with `v < a[i]`. NaN sorts after every number, as in numpy
 * (so a NaN in `v` goes before the NaNs at the end of `a` with `'left'`, after them with
 * `'right'`). `a` must be sorted (not checked, as in numpy). Returns an int32 tensor of `v`'s
 * shape (a number `v` gives a 0-d tensor).
 *
 * ```ts
 * searchsorted([1, 2, 2, 3], [2, 2.5]).toArray();                     // [1, 3]
 * searchsorted([1, 2, 2, 3], [2, 2.5], { side: 'right' }).toArray();  // [3, 3]
 * ```
 */
export function searchsorted(a: TensorLike, v: TensorLike, options: SearchsortedOptions = {}): Tensor {
  const op = 'searchsorted';
  const side = options.side ?? 'left';
  if (side !== 'left' && side !== 'right')
    throw new ValueError(op, `side must be 'left' or 'right', received ${show(side)}`);
  const sorted = oneD(op, 'a', a);
  const { data, shape } = floats(v);
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = search(sorted, data[i]!, side === 'right');
  return new Tensor(out, shape, 'int32');
}

/** Options of {@link digitize}. */
export interface DigitizeOptions {
  /** Whether a bin includes its right edge instead of its left (default false). */
  right?: boolean;
}

/**
 * The index of the bin each value of `x` falls in, numpy's `np.digitize(x, bins, right=False)`.
 * With increasing `bins`, `i` such that `bins[i-1] ≤ x < bins[i]` (`bins[i-1] < x ≤ bins[i]` with
 * `right: true`): 0 below the first edge, `bins.length` at or past the last. Decreasing `bins`
 * are allowed (`bins[i-1] > x ≥ bins[i]`); `bins` must be monotonic, else a ValueError. Returns an
 * int32 tensor of `x`'s shape.
 *
 * ```ts
 * digitize([0.2, 1, 6.4], [0, 1, 2.5, 4]).toArray();                  // [1, 2, 4]
 * digitize([0.2, 1, 6.4], [0, 1, 2.5, 4], { right: true }).toArray(); // [1, 1, 4]
 * ```
 */
export function digitize(x: TensorLike, bins: TensorLike, options: DigitizeOptions = {}): Tensor {
  const op = 'digitize';
  const right = options.right ?? false;
  if (typeof right !== 'boolean')
    throw new ValueError(op, `right must be true or false, received ${show(right)}`);
  const edges = oneD(op, 'bins', bins);
  let increasing = true;
  let decreasing = true;
  for (let i = 1; i < edges.length; i++) {
    if (before(edges[i]!, edges[i - 1]!)) increasing = false;
    if (before(edges[i - 1]!, edges[i]!)) decreasing = false;
  }
  if (!increasing && !decreasing)
    throw new ValueError(
      op,
      `bins must be monotonically increasing or decreasing, received ${show(Array.from(edges))}`,
    );
  const { data, shape } = floats(x);
  const out = new Int32Array(data.length);
  const n = edges.length;
  if (increasing) for (let i = 0; i < data.length; i++) out[i] = search(edges, data[i]!, !right);
  else {
    const reversed = edges.slice().reverse();
    for (let i = 0; i < data.length; i++) out[i] = n - search(reversed, data[i]!, !right);
  }
  return new Tensor(out, shape, 'int32');
}

/** `range` checks shared by histogram and binnedStatistic: a finite pair with min ≤ max. */
function outerEdges(op: string, data: Float64Array, range: readonly [number, number] | null | undefined) {
  let first: number;
  let last: number;
  if (range !== null && range !== undefined) {
    if (!Array.isArray(range) || range.length !== 2 || !range.every((r) => typeof r === 'number'))
      throw new ValueError(op, `range must be a pair of numbers [min, max], received ${show(range)}`);
    [first, last] = range as [number, number];
    if (!(first <= last)) throw new ValueError(op, `range must have min ≤ max, received [${first}, ${last}]`);
    if (!Number.isFinite(first) || !Number.isFinite(last))
      throw new ValueError(op, `range must be finite, received [${first}, ${last}]`);
  } else if (data.length === 0) {
    first = 0;
    last = 1;
  } else {
    first = Number.POSITIVE_INFINITY;
    last = Number.NEGATIVE_INFINITY;
    for (const v of data) {
      if (v !== v || v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)
        throw new ValueError(
          op,
          `the data hold a non-finite value (${v}), so their range cannot set the bins; pass bins as edges or a finite range`,
        );
      if (v < first) first = v;
      if (v > last) last = v;
    }
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  return [first, last] as const;
}

/** Explicit edges: 1-D, at least two, increasing. */
function explicitEdges(op: string, bins: TensorLike): Float64Array {
  const edges = oneD(op, 'bins', bins);
  if (edges.length < 2)
    throw new ValueError(op, `bins as edges needs at least 2 edges, received ${edges.length}`);
  for (let i = 1; i < edges.length; i++)
    if (!(edges[i]! >= edges[i - 1]!))
      throw new ValueError(
        op,
        `bins must increase monotonically: edge ${i} is ${edges[i]}, after ${edges[i - 1]}`,
      );
  return edges;
}

function binCount(op: string, bins: number): number {
  if (!Number.isInteger(bins) || bins < 1)
    throw new ValueError(op, `bins must be a positive integer or an array of edges, received ${show(bins)}`);
  return bins;
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** The number of equal-width bins (default 10), or the bin edges (increasing). */
  bins?: number | TensorLike;
  /** `[min, max]` of the equal-width bins (default: the data's min and max); values outside are ignored. */
  range?: readonly [number, number] | null;
  /** One weight per value: each bin sums the weights of its values instead of counting them. */
  weights?: TensorLike | null;
  /** Divide by the total and the bin widths, so the histogram integrates to 1 over the range. */
  density?: boolean;
}

/** What {@link histogram} returns. */
export interface HistogramResult {
  /** `[nBins]`: counts (int32), sums of weights (float64), or densities (float64). */
  hist: Tensor;
  /** `[nBins + 1]` float64 edges. */
  binEdges: Tensor;
}

const BLOCK = 65536; // numpy's histogram works through the data in blocks of this many values

/**
 * The histogram of the values of `a` (flattened), numpy's `np.histogram(a, bins=10, range=None,
 * weights=None, density=False)`. Every bin is half-open, `[edge i, edge i+1)`, except the last,
 * which includes its right edge; values outside the edges are ignored. With `bins` a number the
 * edges are `linspace(min, max, bins + 1)` over `range` (default: the data's min and max, widened
 * by ±0.5 when they are equal; non-finite data then need explicit `bins` or a `range`, a
 * ValueError otherwise), and each value's bin is found as numpy finds it (scaled, then corrected
 * against the edges). With `density` the result is `hist / widths / hist.sum()`.
 *
 * Counts are exact. Weighted sums are numpy's sequential sums for equal-width bins; over explicit
 * edges numpy takes differences of cumulative sums of the sorted weights, and so does this
 * function, but equal values may meet in another order (numpy's unstable sort): the last bits of
 * such a sum can differ.
 *
 * ```ts
 * const { hist, binEdges } = histogram([1, 2, 1], { bins: [0, 1, 2, 3] });
 * hist.toArray();     // [0, 2, 1]
 * binEdges.toArray(); // [0, 1, 2, 3]
 * histogram([0.5, 1.5, 1.5, 2], { bins: 2, density: true }).hist.toArray(); // [0.333…, 1.666…]
 * ```
 */
export function histogram(a: TensorLike, options: HistogramOptions = {}): HistogramResult {
  const op = 'histogram';
  if (options === null || typeof options !== 'object')
    throw new ValueError(
      op,
      `options must be an object { bins?, range?, weights?, density? }, received ${show(options)}`,
    );
  const { bins = 10, range = null, weights = null, density = false } = options;
  if (typeof density !== 'boolean')
    throw new ValueError(op, `density must be true or false, received ${show(density)}`);
  const data = floats(a).data;
  let w: Float64Array | null = null;
  if (weights !== null && weights !== undefined) {
    w = floats(weights).data;
    if (w.length !== data.length)
      throw new ValueError(
        op,
        `weights must have one entry per value: received ${w.length} weights for ${data.length} values`,
      );
  }
  let edges: Float64Array;
  let hist: Float64Array;
  if (typeof bins === 'number') {
    const nb = binCount(op, bins);
    const [first, last] = outerEdges(op, data, range);
    edges = linspace(first, last, nb + 1).data as Float64Array;
    hist = new Float64Array(nb);
    const span = last - first;
    const block = new Float64Array(nb);
    for (let start = 0; start < data.length; start += BLOCK) {
      const end = Math.min(data.length, start + BLOCK);
      block.fill(0);
      for (let i = start; i < end; i++) {
        const v = data[i]!;
        if (!(v >= first && v <= last)) continue;
        let k = Math.trunc(((v - first) / span) * nb);
        if (k === nb) k--;
        if (v < edges[k]!) k--;
        else if (k !== nb - 1 && v >= edges[k + 1]!) k++;
        block[k]! += w === null ? 1 : w[i]!;
      }
      for (let k = 0; k < nb; k++) hist[k]! += block[k];
    }
  } else {
    if (range !== null && range !== undefined)
      throw new ValueError(op, `range applies to a number of bins, not to explicit edges; received both`);
    edges = explicitEdges(op, bins);
    const cum = new Float64Array(edges.length);
    for (let start = 0; start < data.length; start += BLOCK) {
      const end = Math.min(data.length, start + BLOCK);
      const order = Array.from({ length: end - start }, (_, i) => start + i);
      order.sort((i, j) => (before(data[i]!, data[j]!) ? -1 : before(data[j]!, data[i]!) ? 1 : i - j));
      const sorted = Float64Array.from(order, (i) => data[i]!);
      let cw: Float64Array | null = null;
      if (w !== null) {
        cw = new Float64Array(order.length + 1);
        for (let i = 0; i < order.length; i++) cw[i + 1] = cw[i]! + w[order[i]!]!;
      }
      for (let e = 0; e < edges.length; e++) {
        const idx = search(sorted, edges[e]!, e === edges.length - 1);
        cum[e]! += cw === null ? idx : cw[idx]!;
      }
    }
    hist = new Float64Array(edges.length - 1);
    for (let k = 0; k < hist.length; k++) hist[k] = cum[k + 1]! - cum[k]!;
  }
  const nBins = hist.length;
  let out: Tensor;
  if (density) {
    let total = 0;
    for (const h of hist) total += h;
    const d = new Float64Array(nBins);
    for (let k = 0; k < nBins; k++) d[k] = hist[k]! / (edges[k + 1]! - edges[k]!) / total;
    out = new Tensor(d, [nBins], 'float64');
  } else if (w === null) out = new Tensor(Int32Array.from(hist), [nBins], 'int32');
  else out = new Tensor(hist, [nBins], 'float64');
  return { hist: out, binEdges: new Tensor(Float64Array.from(edges), [edges.length], 'float64') };
}

/** The statistics {@link binnedStatistic} computes by name (scipy's). */
export type BinnedStatisticName = 'mean' | 'std' | 'median' | 'count' | 'sum' | 'min' | 'max';

/** Options of {@link binnedStatistic}. */
export interface BinnedStatisticOptions {
  /**
   * What to compute in each bin (default `'mean'`): a name, or a function of the bin's values
   * (a Float64Array; an empty bin gets the function's value on an empty array, NaN if it throws).
   */
  statistic?: BinnedStatisticName | ((values: Float64Array) => number);
  /** The number of equal-width bins (default 10), or the bin edges (increasing). */
  bins?: number | TensorLike;
  /** `[min, max]` of the equal-width bins (default: the min and max of `x`). */
  range?: readonly [number, number] | null;
}

/** What {@link binnedStatistic} returns (scipy's `BinnedStatisticResult`). */
export interface BinnedStatisticResult {
  /** `[nBins]` float64, or `[k, nBins]` for `values` of shape `[k, n]`. */
  statistic: Tensor;
  /** `[nBins + 1]` float64 edges. */
  binEdges: Tensor;
  /**
   * `[n]` int32: the bin of each value, 1 to nBins; 0 below the first edge, nBins + 1 past the
   * last (those values count in no bin).
   */
  binnumber: Tensor;
}

const STATISTICS: readonly string[] = ['mean', 'std', 'median', 'count', 'sum', 'min', 'max'];

/**
 * A statistic of `values` within bins of `x`, scipy's `scipy.stats.binned_statistic(x, values,
 * statistic='mean', bins=10, range=None)`: the histogram generalised from counting to a mean, a
 * standard deviation, a median, a count, a sum, a min, a max or any function of each bin's values.
 *
 * Bins as scipy makes them: `bins` a number gives `linspace(min, max, bins + 1)` over `range`
 * (default: min and max of `x`; ±0.5 when equal; non-finite `x` is then a ValueError), or `bins`
 * gives the edges. Each bin is `[edge i, edge i+1)` (numpy's `digitize`), except that a value at
 * or past the last edge that equals it when both are rounded to `decimal = ⌊−log10(smallest
 * width)⌋ + 6` decimals counts in the last bin — scipy's rule, which for example puts 3.0 into
 * the last bin of `arange(-3, 3.01, 0.01)`, whose last edge is 2.999999999999872. Values outside
 * the edges count in no bin.
 *
 * The sums are sequential in the order of `x` (numpy's `bincount`), as are the means (sum ÷
 * count) and the standard deviations (population, `ddof = 0`: the root of the mean squared
 * deviation from the bin's mean): bit-identical to scipy. Empty bins are 0 for `'count'` and
 * `'sum'` and NaN otherwise. NaN in `values` behaves as in scipy: it makes its bin's mean, std,
 * sum and max NaN, `'min'` skips it unless the bin holds only NaN, and the median sorts it last.
 *
 * `values` may be `[n]` or `[k, n]` (k statistics at once, one per row). Not differentiable.
 *
 * ```ts
 * const r = binnedStatistic([0.1, 0.2, 0.6, 0.9], [1, 3, 5, 7], { statistic: 'mean', bins: 2, range: [0, 1] });
 * r.statistic.toArray(); // [2, 6]
 * r.binnumber.toArray(); // [1, 1, 2, 2]
 * ```
 */
export function binnedStatistic(
  x: TensorLike,
  values: TensorLike,
  options: BinnedStatisticOptions = {},
): BinnedStatisticResult {
  const op = 'binnedStatistic';
  if (options === null || typeof options !== 'object')
    throw new ValueError(
      op,
      `options must be an object { statistic?, bins?, range? }, received ${show(options)}`,
    );
  const { statistic = 'mean', bins = 10, range = null } = options;
  if (typeof statistic !== 'function' && !STATISTICS.includes(statistic as string))
    throw new ValueError(
      op,
      `statistic must be one of ${STATISTICS.map((s) => `'${s}'`).join(', ')} or a function of a bin's values, received ${show(statistic)}`,
    );
  const xs = oneD(op, 'x', x);
  const n = xs.length;
  const v = floats(values);
  if (v.shape.length !== 1 && v.shape.length !== 2)
    throw new ValueError(op, `values must be [n] or [k, n], received shape [${v.shape.join(',')}]`);
  const rows = v.shape.length === 2 ? v.shape[0]! : 1;
  const vlen = v.shape[v.shape.length - 1]!;
  if (statistic !== 'count' && vlen !== n)
    throw new ValueError(
      op,
      `values must have one entry per x along their last axis: x has ${n}, values have shape [${v.shape.join(',')}]`,
    );

  let edges: Float64Array;
  if (typeof bins === 'number') {
    const nb = binCount(op, bins);
    const [first, last] = outerEdges(op, xs, range);
    edges = linspace(first, last, nb + 1).data as Float64Array;
  } else {
    if (range !== null && range !== undefined)
      throw new ValueError(op, `range applies to a number of bins, not to explicit edges; received both`);
    edges = explicitEdges(op, bins);
  }
  const nEdges = edges.length;
  const nBins = nEdges - 1;
  let minWidth = Number.POSITIVE_INFINITY;
  for (let i = 1; i < nEdges; i++) minWidth = Math.min(minWidth, edges[i]! - edges[i - 1]!);
  if (minWidth === 0)
    throw new ValueError(op, `the smallest edge difference is numerically 0; expected distinct edges`);
  const decimal = Math.trunc(-Math.log10(minWidth)) + 6;
  const lastEdge = edges[nBins]!;
  const lastRounded = around(lastEdge, decimal);

  // bin numbers 0 … nEdges (numpy's digitize), with scipy's shift of values on the last edge
  const binnumber = new Int32Array(n);
  const width = (lastEdge - edges[0]!) / nBins;
  for (let i = 0; i < n; i++) {
    const xi = xs[i]!;
    let b: number;
    // a guess from the mean width, confirmed against the edges (else the binary search)
    const g = Math.floor((xi - edges[0]!) / width) + 1;
    if (g >= 1 && g <= nBins && edges[g - 1]! <= xi && xi < edges[g]!) b = g;
    else b = search(edges, xi, true);
    if (b === nEdges && xi >= lastEdge && around(xi, decimal) === lastRounded) b = nBins;
    binnumber[i] = b;
  }

  const counts = new Float64Array(nEdges + 1);
  for (let i = 0; i < n; i++) counts[binnumber[i]!]!++;
  const result = new Float64Array(rows * nBins);
  for (let r = 0; r < rows; r++) {
    const vals = v.data.subarray(r * vlen, (r + 1) * vlen);
    const out = result.subarray(r * nBins, (r + 1) * nBins);
    statisticRow(statistic, vals, binnumber, counts, out);
  }
  const shape = v.shape.length === 2 ? [rows, nBins] : [nBins];
  return {
    statistic: new Tensor(result, shape, 'float64'),
    binEdges: new Tensor(Float64Array.from(edges), [nEdges], 'float64'),
    binnumber: new Tensor(binnumber, [n], 'int32'),
  };
}

/** numpy's `around(x, decimals)` for decimals ≥ 0: `rint(x · 10^d) / 10^d` (ties to even). */
function around(x: number, decimals: number): number {
  if (decimals < 0) {
    const f = 10 ** -decimals;
    return rint(x / f) * f;
  }
  const f = 10 ** decimals;
  return rint(x * f) / f;
}

function rint(y: number): number {
  const r = Math.round(y);
  return r - y === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** One row of values into `out` (`nBins` entries; bins 1 … nBins of the bin numbers). */
function statisticRow(
  statistic: NonNullable<BinnedStatisticOptions['statistic']>,
  vals: Float64Array,
  binnumber: Int32Array,
  counts: Float64Array,
  out: Float64Array,
): void {
  const nBins = out.length;
  const n = binnumber.length;
  const full = counts.length; // nEdges + 1 bins, outliers included
  if (statistic === 'count') {
    for (let k = 0; k < nBins; k++) out[k] = counts[k + 1]!;
    return;
  }
  if (statistic === 'sum' || statistic === 'mean' || statistic === 'std') {
    const sums = new Float64Array(full);
    for (let i = 0; i < n; i++) sums[binnumber[i]!]! += vals[i];
    if (statistic === 'sum') {
      for (let k = 0; k < nBins; k++) out[k] = sums[k + 1]!;
      return;
    }
    if (statistic === 'mean') {
      for (let k = 0; k < nBins; k++)
        out[k] = counts[k + 1]! > 0 ? sums[k + 1]! / counts[k + 1]! : Number.NaN;
      return;
    }
    const sq = new Float64Array(full);
    for (let i = 0; i < n; i++) {
      const b = binnumber[i]!;
      const d = vals[i]! - sums[b]! / counts[b]!;
      sq[b]! += d * d;
    }
    for (let k = 0; k < nBins; k++)
      out[k] = counts[k + 1]! > 0 ? Math.sqrt(sq[k + 1]! / counts[k + 1]!) : Number.NaN;
    return;
  }
  if (statistic === 'min' || statistic === 'max') {
    // scipy assigns the values sorted (ascending for max, descending for min, NaN sorting last
    // then first): the last assignment wins, so a NaN makes a bin's max NaN, and min skips NaN
    // unless the bin holds nothing else
    out.fill(Number.NaN);
    const nan = new Uint8Array(nBins);
    for (let i = 0; i < n; i++) {
      const k = binnumber[i]! - 1;
      if (k < 0 || k >= nBins) continue;
      const x = vals[i]!;
      if (x !== x) {
        if (statistic === 'max') {
          nan[k] = 1;
          out[k] = Number.NaN;
        }
      } else if (!nan[k] && (out[k] !== out[k] || (statistic === 'max' ? x > out[k]! : x < out[k]!)))
        out[k] = x;
    }
    return;
  }
  // median or a function: each bin's values, in the order of x
  const starts = new Int32Array(full + 1);
  for (let i = 0; i < n; i++) starts[binnumber[i]! + 1]!++;
  for (let b = 0; b < full; b++) starts[b + 1]! += starts[b];
  const grouped = new Float64Array(n);
  const fill = starts.slice(0, full);
  for (let i = 0; i < n; i++) grouped[fill[binnumber[i]!]!++] = vals[i]!;
  if (statistic === 'median') {
    for (let k = 0; k < nBins; k++) {
      const bin = grouped.subarray(starts[k + 1]!, starts[k + 2]!);
      if (bin.length === 0) {
        out[k] = Number.NaN;
        continue;
      }
      bin.sort(); // typed-array sort: numeric, NaN last (numpy's lexsort order)
      const mid = (bin.length - 1) / 2;
      out[k] = (bin[Math.floor(mid)]! + bin[Math.ceil(mid)]!) / 2;
    }
    return;
  }
  const fn = statistic as (values: Float64Array) => number;
  let empty: number;
  try {
    empty = Number(fn(new Float64Array(0)));
  } catch {
    empty = Number.NaN;
  }
  for (let k = 0; k < nBins; k++) {
    const bin = grouped.slice(starts[k + 1]!, starts[k + 2]!);
    out[k] = bin.length === 0 ? empty : Number(fn(bin));
  }
}
