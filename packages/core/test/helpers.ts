/**
 * Shared helpers for the core op tests: loading the numpy fixtures, decoding their encoded
 * tensors, comparing results against them, and finite-difference gradient checks.
 * Every tolerance stays with the caller (or is written down here where it is fixed).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import {
  allocate,
  type DataArray,
  type DType,
  fromData,
  gradients,
  noGrad,
  Tensor,
  tensor,
} from '../src/index.js';

/** The numpy fixture `tests/fixtures/<name>` parsed as is (non-finite values stay encoded as strings). */
function readFixture(name: string, reviver?: (key: string, value: unknown) => unknown): any {
  return JSON.parse(
    readFileSync(new URL(`../../../tests/fixtures/${name}`, import.meta.url), 'utf8'),
    reviver,
  );
}

/**
 * Golden values from numpy 1.24 / scipy 1.10 / mpmath (tests/fixtures/gen_core_ops.py ->
 * core_ops.json). Tensors are encoded as {@link Enc}; decode them with {@link fromEnc} / {@link dec}.
 */
export const loadCoreOps = (): any => readFixture('core_ops.json');

/**
 * numpy reference values (tests/fixtures/gen_core_linalg.py -> core_linalg.json), with the
 * strings 'NaN', 'Infinity' and '-Infinity' revived as numbers.
 */
export const loadCoreLinalg = (): any =>
  readFixture('core_linalg.json', (_k, v) =>
    v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v,
  );

/** A tensor as the fixture generator writes it: numpy dtype name, shape, flat row-major data. */
export interface Enc {
  dtype: string;
  shape: number[];
  data: (number | string | boolean)[];
}

/** Decode one fixture value: 'NaN', 'Infinity', '-Infinity' strings, booleans and numbers. */
export const dec = (v: number | string | boolean): number =>
  v === 'NaN'
    ? Number.NaN
    : v === 'Infinity'
      ? Number.POSITIVE_INFINITY
      : v === '-Infinity'
        ? Number.NEGATIVE_INFINITY
        : Number(v);

/** Decode nested fixture arrays whose non-finite numbers are the strings 'nan', 'inf', '-inf'. */
export const decodeNested = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(decodeNested)
    : v === 'nan'
      ? Number.NaN
      : v === 'inf'
        ? Number.POSITIVE_INFINITY
        : v === '-inf'
          ? Number.NEGATIVE_INFINITY
          : v;

/**
 * numpy dtype → gradkit dtype: numpy's int64 sums/products/indices and int8 results are int32
 * here; float16 results are float64.
 */
export const DT: Record<string, DType> = {
  float64: 'float64',
  float32: 'float32',
  int64: 'int32',
  int32: 'int32',
  int8: 'int32',
  bool: 'bool',
  float16: 'float64',
};

/** Decode a fixture tensor; a plain JS number (numpy's Python scalar) stays a number. */
export function fromEnc(e: Enc): Tensor;
export function fromEnc(e: Enc | number): Tensor | number;
export function fromEnc(e: Enc | number): Tensor | number {
  if (typeof e === 'number') return e;
  const dtype = DT[e.dtype]!;
  const data = allocate(dtype, e.data.length) as DataArray;
  e.data.forEach((v, i) => {
    data[i] = dec(v);
  });
  return new Tensor(data, e.shape, dtype);
}

/** How {@link expectMatches} compares, beyond its relative tolerance. */
export interface MatchOptions {
  /**
   * Values are compared relative to `max(|expected|, minScale)`: 0 (default) is purely relative,
   * 1 makes the tolerance absolute for |expected| < 1.
   */
  minScale?: number;
  /** Also expect the result's dtype to be numpy's, mapped through {@link DT} (default true). */
  dtype?: boolean;
}

/**
 * Shapes equal (and dtypes, unless `dtype: false`); values equal within relative tolerance `rtol`:
 * `|a - e| <= rtol * max(|e|, minScale) + 1e-300`. NaN matches NaN; infinities and `rtol = 0`
 * must match exactly.
 */
export function expectMatches(
  actual: Tensor,
  expected: Enc,
  rtol: number,
  label: string,
  opts: MatchOptions = {},
): void {
  const { minScale = 0, dtype = true } = opts;
  expect(actual.shape, `${label}: shape`).toEqual(expected.shape);
  if (dtype) expect(actual.dtype, `${label}: dtype`).toBe(DT[expected.dtype]);
  for (let i = 0; i < expected.data.length; i++) {
    const a = actual.data[i]!;
    const e = dec(expected.data[i]!);
    if (Number.isNaN(e)) expect(a, `${label}[${i}]`).toBeNaN();
    else if (!Number.isFinite(e) || rtol === 0) expect(a, `${label}[${i}]`).toBe(e);
    else
      expect(Math.abs(a - e), `${label}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(
        rtol * Math.max(Math.abs(e), minScale) + 1e-300,
      );
  }
}

/** Flatten nested arrays / numbers to a flat list. */
export function flat(v: unknown): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v as number];
}

/** Every element within `rtol` relative (plus `rtol` absolute for values near 0) of numpy's. */
export function expectClose(t: Tensor, expected: unknown, rtol: number): void {
  const e = flat(expected);
  expect(t.size).toBe(e.length);
  for (let i = 0; i < e.length; i++) {
    const d = Math.abs(t.data[i]! - e[i]!);
    if (!(d <= rtol * (1 + Math.abs(e[i]!))))
      throw new Error(`element ${i}: got ${t.data[i]}, numpy ${e[i]} (rtol ${rtol})`);
  }
}

/** Deterministic, irregular float64 test values (no RNG needed). */
export function vals(shape: number[], seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return fromData(
    Float64Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + seed) * 1.5 + 0.1 * seed),
    shape,
  );
}

/**
 * Central-difference check of d(sum(w * f(x)))/dx for every element of every input, with fixed
 * weights w; tolerance: |analytic - numeric| <= 1e-6 * (1 + |numeric|) at eps = 1e-6 (float64).
 */
export function fdCheck(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], eps = 1e-6): void {
  const xs = inputs.map((t) => fromData(Float64Array.from(t.data), t.shape).requiresGrad_());
  const y = f(...xs);
  const w = fromData(
    Float64Array.from({ length: y.size }, (_, i) => Math.cos(0.9 * i + 0.3)),
    y.shape,
  );
  const grads = gradients(y, xs, { gradOutput: w });
  const loss = (ts: Tensor[]): number => {
    const out = noGrad(() => f(...ts));
    let s = 0;
    for (let i = 0; i < out.size; i++) s += out.data[i]! * w.data[i]!;
    return s;
  };
  xs.forEach((x, k) => {
    for (let i = 0; i < x.size; i++) {
      const plus = inputs.map((t) => fromData(Float64Array.from(t.data), t.shape));
      const minus = inputs.map((t) => fromData(Float64Array.from(t.data), t.shape));
      plus[k]!.data[i]! += eps;
      minus[k]!.data[i]! -= eps;
      const num = (loss(plus) - loss(minus)) / (2 * eps);
      const ana = grads[k]!.data[i]!;
      if (Math.abs(ana - num) > 1e-6 * (1 + Math.abs(num)))
        throw new Error(
          `gradient mismatch for input ${k} element ${i}: autograd ${ana}, finite differences ${num}`,
        );
    }
  });
}

/**
 * Central differences of sum(w * f(x)) for fixed weights w = cos(1.3 i + 0.2), compared with
 * autograd: |analytic - numeric| <= rtol * max(1, |numeric|). `x0` is a float64 tensor or a
 * flat list of values.
 */
export function checkGradient(
  f: (x: Tensor) => Tensor,
  x0: Tensor | number[],
  eps = 1e-6,
  rtol = 1e-6,
): void {
  const base = Array.isArray(x0) ? tensor(x0) : x0;
  const x = new Tensor(Float64Array.from(base.data), base.shape).requiresGrad_();
  const y0 = f(x);
  const w = Float64Array.from({ length: y0.size }, (_, i) => Math.cos(1.3 * i + 0.2));
  const L = (t: Tensor): number => {
    const y = f(t).data;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += w[i]! * y[i]!;
    return s;
  };
  const [g] = gradients(y0, [x], { gradOutput: new Tensor(w, y0.shape) });
  for (let i = 0; i < x.size; i++) {
    const num = noGrad(() => {
      const hi = new Tensor(Float64Array.from(base.data), base.shape);
      const lo = new Tensor(Float64Array.from(base.data), base.shape);
      hi.data[i]! += eps;
      lo.data[i]! -= eps;
      return (L(hi) - L(lo)) / (2 * eps);
    });
    expect(Math.abs(g!.data[i]! - num), `d/dx[${i}]`).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(num)));
  }
}
