/**
 * The random source nn draws from: core's numpy-compatible `RandomState` (or anything with its
 * `uniform(low, high, size)` and `normal(loc, scale, size)` methods). When none is passed, the
 * process-wide default generator of `@gradkit/core` is used (seed it for reproducible runs).
 */
import { defaultRandomState, Tensor, ValueError } from '@gradkit/core';

/** A numpy-style generator: `RandomState` from `@gradkit/core`. */
export interface Rng {
  uniform(low: number, high: number, size: number[]): unknown;
  normal(loc: number, scale: number, size: number[]): unknown;
}

function toFloat64(op: string, r: unknown, n: number): Float64Array {
  let out: Float64Array;
  if (r instanceof Tensor) out = Float64Array.from(r.data);
  else if (typeof r === 'number') out = Float64Array.of(r);
  else if (ArrayBuffer.isView(r)) out = Float64Array.from(r as unknown as ArrayLike<number>);
  else if (Array.isArray(r)) out = Float64Array.from(r.flat(Number.POSITIVE_INFINITY) as number[]);
  else throw new ValueError(op, `the random source returned ${String(r)}, expected a Tensor`);
  if (out.length !== n)
    throw new ValueError(op, `the random source returned ${out.length} values, expected ${n}`);
  return out;
}

/** `n = ∏shape` draws from `U(low, high)` in row-major order (numpy's `uniform(low, high, size)`). */
export function drawUniform(rng: Rng, low: number, high: number, shape: readonly number[]): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return new Float64Array(0);
  return toFloat64('uniform', rng.uniform(low, high, [...shape]), n);
}

/** `n = ∏shape` draws from `N(loc, scale²)` in row-major order (numpy's `normal(loc, scale, size)`). */
export function drawNormal(rng: Rng, loc: number, scale: number, shape: readonly number[]): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return new Float64Array(0);
  return toFloat64('normal', rng.normal(loc, scale, [...shape]), n);
}

/** `rng`, or core's process-wide default generator (`defaultRandomState()`, seeded by `seed(n)`) when omitted. */
export function resolveRng(rng?: Rng): Rng {
  return rng ?? defaultRandomState();
}
