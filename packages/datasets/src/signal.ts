/**
 * Exact ports of the few numpy/scipy routines the MNIST-1D generator needs, on plain
 * `Float64Array`s (same floating-point operations in the same order, so results agree with
 * numpy/scipy bit for bit up to `exp` differing in the last place between libms):
 *
 * - `linspace` — `numpy.linspace` as a `Float64Array` (core's `linspace`);
 * - `pairwiseSum` — numpy's pairwise summation used by `np.sum`/`np.mean` on float64;
 * - `interp` — `numpy.interp` (what `scipy.interpolate.interp1d(kind='linear')` delegates to for
 *   1-D float64 data, scipy >= 1.?; checked against scipy 1.10);
 * - `gaussianKernel1d`, `correlate1d`, `gaussianFilter1d` — `scipy.ndimage`'s 1-D Gaussian
 *   filter (`_gaussian_kernel1d`, `NI_Correlate1D` with its symmetric-kernel loop, and the
 *   boundary modes `reflect`, `mirror`, `nearest`, `wrap`, `constant`).
 */
import { linspace as coreLinspace, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

/**
 * `num` evenly spaced values from `start` to `stop` inclusive as a `Float64Array`: core's
 * `linspace` (numpy's algorithm, `step = (stop - start) / (num - 1)`, `y[i] = i * step + start`,
 * `y[num-1] = stop`, bit for bit) without the Tensor around it.
 *
 * @example
 *   linspace(0, 1, 5); // Float64Array [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  return coreLinspace(start, stop, num).data as Float64Array;
}

/**
 * Sum of `a[offset], a[offset + stride], ...` (`n` terms) by numpy's pairwise summation
 * (`DOUBLE_pairwise_sum`: 8 accumulators for blocks of up to 128, recursive halving above), so
 * `np.sum`/`np.mean` of float64 data are reproduced to the last bit.
 */
export function pairwiseSum(a: ArrayLike<number>, n: number = a.length, offset = 0, stride = 1): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[offset + i * stride]!;
    return res;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = a[offset + j * stride]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[offset + (i + j) * stride];
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[offset + i * stride]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, n2, offset, stride) + pairwiseSum(a, n - n2, offset + n2 * stride, stride);
}

/** `np.mean` of float64 data (pairwise sum / n). */
export function mean(a: ArrayLike<number>): number {
  return pairwiseSum(a) / a.length;
}

/** `np.std` (ddof 0) of float64 data, as numpy computes it: sqrt(mean((a - mean(a))²)). */
export function std(a: ArrayLike<number>): number {
  const m = mean(a);
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) {
    const v = a[i]! - m;
    d[i] = v * v;
  }
  return Math.sqrt(pairwiseSum(d) / d.length);
}

/**
 * One-dimensional piecewise-linear interpolation, a port of `numpy.interp(x, xp, fp, left, right)`:
 * for `xp[j] <= x < xp[j+1]` the value is `slope * (x - xp[j]) + fp[j]` with
 * `slope = (fp[j+1] - fp[j]) / (xp[j+1] - xp[j])`; exactly `fp[j]` at a knot; `left`/`right`
 * (default `fp[0]`/`fp[last]`) outside. `xp` must be increasing (not checked, as in numpy).
 *
 * @example
 *   interp([0.5, 1.5], [0, 1, 2], [0, 10, 0]); // Float64Array [5, 5]
 */
export function interp(
  x: ArrayLike<number>,
  xp: ArrayLike<number>,
  fp: ArrayLike<number>,
  left?: number,
  right?: number,
): Float64Array {
  const op = 'interp';
  const n = xp.length;
  if (n === 0) throw new ValueError(op, 'xp is empty; expected at least one point');
  if (fp.length !== n)
    throw new ValueError(op, `xp has ${n} points but fp has ${fp.length}; expected the same length`);
  const lval = left ?? fp[0]!;
  const rval = right ?? fp[n - 1]!;
  const out = new Float64Array(x.length);
  if (n === 1) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      out[i] = Number.isNaN(v) ? v : v < xp[0]! ? lval : v > xp[0]! ? rval : fp[0]!;
    }
    return out;
  }
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) {
      out[i] = v;
      continue;
    }
    j = searchWithGuess(v, xp, n, j);
    if (j === -1) out[i] = lval;
    else if (j === n) out[i] = rval;
    else if (j === n - 1) out[i] = fp[j]!;
    else if (xp[j] === v) out[i] = fp[j]!;
    else {
      const slope = (fp[j + 1]! - fp[j]!) / (xp[j + 1]! - xp[j]!);
      let r = slope * (v - xp[j]!) + fp[j]!;
      if (Number.isNaN(r)) {
        r = slope * (v - xp[j + 1]!) + fp[j + 1]!;
        if (Number.isNaN(r) && fp[j] === fp[j + 1]) r = fp[j]!;
      }
      out[i] = r;
    }
  }
  return out;
}

/** The index j with xp[j] <= x < xp[j+1] (-1 below, n above, n-1 at the last knot). */
function searchWithGuess(x: number, xp: ArrayLike<number>, n: number, guess: number): number {
  if (x > xp[n - 1]!) return n;
  if (x < xp[0]!) return -1;
  let lo = 0;
  let hi = n;
  if (guess > 0 && guess < n && xp[guess]! <= x) {
    lo = guess;
    if (guess + 1 < n && x < xp[guess + 1]!) return guess;
  }
  // Invariant: xp[lo] <= x < xp[hi] (xp[n] = +inf).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xp[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Boundary modes of `scipy.ndimage` filters. */
export type FilterMode = 'reflect' | 'mirror' | 'nearest' | 'wrap' | 'constant';

/**
 * scipy's `_gaussian_kernel1d(sigma, 0, radius)`: `phi(x) = exp(-0.5 / sigma² * x²)` for
 * x = -radius..radius, normalised to sum 1 (numpy's pairwise sum).
 */
export function gaussianKernel1d(sigma: number, radius: number): Float64Array {
  const sigma2 = sigma * sigma;
  const phi = new Float64Array(2 * radius + 1);
  const c = -0.5 / sigma2;
  for (let k = -radius; k <= radius; k++) phi[k + radius] = Math.exp(c * (k * k));
  const s = pairwiseSum(phi);
  for (let i = 0; i < phi.length; i++) phi[i]! /= s;
  return phi;
}

/** Map an index outside [0, n) to the sample it reads under `mode` (-1 for `constant`). */
function extendIndex(i: number, n: number, mode: FilterMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'nearest':
      return i < 0 ? 0 : n - 1;
    case 'wrap':
      return ((i % n) + n) % n;
    case 'reflect': {
      // d c b a | a b c d | d c b a  (half-sample symmetric, period 2n)
      const p = 2 * n;
      const k = ((i % p) + p) % p;
      return k < n ? k : p - 1 - k;
    }
    case 'mirror': {
      // d c b | a b c d | c b a  (whole-sample symmetric, period 2n - 2)
      if (n === 1) return 0;
      const p = 2 * n - 2;
      const k = ((i % p) + p) % p;
      return k < n ? k : p - k;
    }
    case 'constant':
      return -1;
  }
}

/** Options for {@link correlate1d} and {@link gaussianFilter1d}. */
export interface FilterOptions {
  /** Boundary mode (scipy's `mode`), default `'reflect'`. */
  mode?: FilterMode;
  /** Value outside the input for `mode: 'constant'`, default 0. */
  cval?: number;
}

/**
 * `scipy.ndimage.correlate1d(input, weights, mode=..., cval=..., origin=0)` on a 1-D float64
 * signal: `out[i] = Σ_k w[k] · in[i + k - floor(len(w)/2)]`, with the input extended past its
 * ends by `mode`. Uses scipy's symmetric loop (`in[i]·w[c] + Σ (in[i-j] + in[i+j])·w[c-j]`, from
 * the outermost pair inward) when the weights are symmetric within DBL_EPSILON, as scipy does.
 */
export function correlate1d(
  input: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: FilterOptions = {},
): Float64Array {
  const mode = options.mode ?? 'reflect';
  const cval = options.cval ?? 0;
  if (!['reflect', 'mirror', 'nearest', 'wrap', 'constant'].includes(mode))
    throw new ValueError(
      'correlate1d',
      `mode must be 'reflect', 'mirror', 'nearest', 'wrap' or 'constant', received ${show(mode)}`,
    );
  const n = input.length;
  const size = weights.length;
  if (size === 0) throw new ValueError('correlate1d', 'weights is empty; expected at least one weight');
  const size1 = Math.floor(size / 2);
  const size2 = size - size1 - 1;
  // The input line extended by size1 on the left and size2 on the right.
  const ext = new Float64Array(n + size1 + size2);
  for (let i = -size1; i < n + size2; i++) {
    const k = n === 0 ? -1 : extendIndex(i, n, mode);
    ext[i + size1] = k < 0 ? cval : input[k]!;
  }
  let symmetric = size % 2 === 1;
  if (symmetric)
    for (let j = 1; j <= size1; j++)
      if (Math.abs(weights[size1 + j]! - weights[size1 - j]!) > Number.EPSILON) {
        symmetric = false;
        break;
      }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i + size1; // centre in ext
    if (symmetric) {
      let acc = ext[c]! * weights[size1]!;
      for (let j = -size1; j < 0; j++) acc += (ext[c + j]! + ext[c - j]!) * weights[size1 + j]!;
      out[i] = acc;
    } else {
      let acc = ext[c + size2]! * weights[size1 + size2]!;
      for (let j = -size1; j < size2; j++) acc += ext[c + j]! * weights[size1 + j]!;
      out[i] = acc;
    }
  }
  return out;
}

/**
 * `scipy.ndimage.gaussian_filter1d(input, sigma, mode='reflect', truncate=4.0)` (also what
 * `gaussian_filter` does to a 1-D array): correlation with `gaussianKernel1d(sigma, r)`,
 * `r = floor(truncate * sigma + 0.5)`.
 *
 * @example
 *   gaussianFilter1d(noise, 2); // MNIST-1D's correlated noise, radius 8
 */
export function gaussianFilter1d(
  input: ArrayLike<number>,
  sigma: number,
  options: FilterOptions & { truncate?: number } = {},
): Float64Array {
  if (!(sigma > 0) || !Number.isFinite(sigma))
    throw new ValueError(
      'gaussianFilter1d',
      `sigma must be a positive finite number, received ${show(sigma)}`,
    );
  const truncate = options.truncate ?? 4;
  const radius = Math.trunc(truncate * sigma + 0.5);
  const w = gaussianKernel1d(sigma, radius).reverse();
  return correlate1d(input, w, options);
}
