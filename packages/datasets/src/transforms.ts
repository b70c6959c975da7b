/**
 * The MNIST-1D transforms (the reference's `mnist1d/transform.py`), on `Float64Array` signals,
 * each drawing from the `RandomState` it is given in the reference's order. Exported from the
 * package as the namespace `mnist1dTransforms` (their short names, such as `pad`, would clash
 * with core's tensor ops).
 */

import type { RandomState } from '@gradkit/core';
import type { Mnist1dArgs } from './mnist1d-args.js';
import { gaussianFilter1d, interp, linspace } from './signal.js';

/**
 * Append `p = low + floor(u·(high - low + 1))` zeros, u = `rng.rand()` (the reference's `pad`).
 */
export function pad(
  x: ArrayLike<number>,
  padding: readonly [number, number],
  rng: RandomState,
): Float64Array {
  const [low, high] = padding;
  const p = low + Math.trunc(rng.rand() * (high - low + 1));
  const out = new Float64Array(x.length + p);
  for (let i = 0; i < x.length; i++) out[i] = x[i]!;
  return out;
}

/** Subtract a random linear ramp: `x - c·linspace(-0.5, 0.5, L)`, c = scale·(u - 0.5) (`shear`). */
export function shear(x: ArrayLike<number>, scale: number, rng: RandomState): Float64Array {
  const coeff = scale * (rng.rand() - 0.5);
  const ramp = linspace(-0.5, 0.5, x.length);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! - coeff * ramp[i]!;
  return out;
}

/**
 * Circular shift right by k = `rng.choice(maxTranslation)`: `concat(x[-k:], x[:-k])` with
 * Python's slicing (k = 0, or k >= L, leaves x unchanged) (`translate`).
 */
export function translate(x: ArrayLike<number>, maxTranslation: number, rng: RandomState): Float64Array {
  const k = rng.choice(maxTranslation) as number;
  const n = x.length;
  const out = new Float64Array(n);
  if (k === 0 || k >= n) {
    for (let i = 0; i < n; i++) out[i] = x[i]!;
  } else {
    for (let i = 0; i < n; i++) out[i] = x[(i - k + n) % n]!;
  }
  return out;
}

/** Gaussian-filtered white noise: `gaussian_filter(scale·randn(L), 2)` (`corr_noise_like`). */
export function corrNoiseLike(x: ArrayLike<number>, scale: number, rng: RandomState): Float64Array {
  const z = rng.randn(x.length).data;
  const noise = new Float64Array(x.length);
  for (let i = 0; i < noise.length; i++) noise[i] = scale * z[i]!;
  return gaussianFilter1d(noise, 2, { mode: 'reflect', truncate: 4 });
}

/** White noise `scale·randn(L)` (`iid_noise_like`). */
export function iidNoiseLike(x: ArrayLike<number>, scale: number, rng: RandomState): Float64Array {
  const z = rng.randn(x.length).data;
  const noise = new Float64Array(x.length);
  for (let i = 0; i < noise.length; i++) noise[i] = scale * z[i]!;
  return noise;
}

/**
 * Resample to `n` points by linear interpolation on [0, 1] (`interpolate`: scipy's
 * `interp1d(kind='linear')`, i.e. `np.interp(linspace(0,1,n), linspace(0,1,L), x)`).
 */
export function interpolate(x: ArrayLike<number>, n: number): Float64Array {
  return interp(linspace(0, 1, n), linspace(0, 1, x.length), x);
}

/**
 * Transform one template into one example (the reference's `transform(x, t, args)`): pad,
 * dilate to `templateLen + padding[1]` points, scale, translate, fill the zero background with
 * correlated noise, add iid noise, shear, subsample to `finalSeqLength`. Returns the signal and
 * the matching time axis.
 */
export function transform(
  x: ArrayLike<number>,
  t: ArrayLike<number>,
  args: Mnist1dArgs,
  rng: RandomState,
  eps = 1e-8,
): { x: Float64Array; t: Float64Array } {
  const lenMid = args.templateLen + args.padding[1];
  const shifted = Float64Array.from(x, (v) => v + eps);
  let nx = interpolate(pad(shifted, args.padding, rng), lenMid);
  const nt = interpolate(t, lenMid);
  const factor = 1 + args.scaleCoeff * (rng.rand() - 0.5);
  for (let i = 0; i < nx.length; i++) nx[i]! *= factor;
  nx = translate(nx, args.maxTranslation, rng);
  const corr = corrNoiseLike(nx, args.corrNoiseScale, rng);
  for (let i = 0; i < nx.length; i++) if (nx[i] === 0) nx[i] = corr[i]!;
  const iid = iidNoiseLike(nx, args.iidNoiseScale, rng);
  for (let i = 0; i < nx.length; i++) nx[i]! += iid[i];
  nx = shear(nx, args.shearScale, rng);
  return { x: interpolate(nx, args.finalSeqLength), t: interpolate(nt, args.finalSeqLength) };
}
