import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  IndexError,
  type Tensor,
  argsort,
  fromData,
  gradients,
  noGrad,
  sort,
  tensor,
  topk,
} from '../src/index.js';

// numpy reference values (np.sort / np.argsort with kind='stable'): tests/fixtures/gen_core_linalg.py
const F = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/core_linalg.json', import.meta.url), 'utf8'),
  (_k, v) => (v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v),
);

/** Deterministic, irregular test values (no RNG needed). */
function vals(shape: number[], seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return fromData(
    Float64Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + seed) * 1.5 + 0.1 * seed),
    shape,
  );
}

/**
 * Central-difference check of d(sum(w * f(x)))/dx for every input element, with fixed weights w;
 * tolerance: |analytic - numeric| <= 1e-6 * (1 + |numeric|) at eps = 1e-6 (float64).
 */
function fdCheck(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], eps = 1e-6): void {
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

function flat(v: unknown): number[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v as number];
}

describe('sort and argsort match numpy (stable, NaN last)', () => {
  it.each<[string, any]>(
    F.sort.map((c: { shape: number[]; axis: number | null }) => [
      `shape ${JSON.stringify(c.shape)} axis ${c.axis}`,
      c,
    ]),
  )('%s', (_n, c) => {
    const x = tensor(flat(c.x)).reshape(c.shape);
    const s = sort(x, { axis: c.axis });
    const a = argsort(x, { axis: c.axis });
    expect(a.dtype).toBe('int32');
    expect(Array.from(a.data)).toEqual(flat(c.argsort));
    // toEqual treats NaN as equal to NaN
    expect(Array.from(s.data)).toEqual(flat(c.sort));
  });
  it('descending: largest first, ties in original order, NaN first', () => {
    const x = tensor([1, 3, Number.NaN, 3, 2]);
    expect(argsort(x, { descending: true }).toArray()).toEqual([2, 1, 3, 4, 0]);
    expect(x.sort({ descending: true }).toList()).toEqual([Number.NaN, 3, 3, 2, 1]);
    expect(argsort(tensor([2, 1, 2], { dtype: 'int32' })).toArray()).toEqual([1, 0, 2]);
  });
});

describe('topk', () => {
  it('values and indices along an axis', () => {
    const { values, indices } = topk(tensor([1, 5, 3, 5]), 2);
    expect(values.toArray()).toEqual([5, 5]);
    expect(indices.toArray()).toEqual([1, 3]);
    const r = tensor([
      [4, 1, 3],
      [0, 9, 2],
    ]).topk(2, { axis: 1, largest: false });
    expect(r.values.toArray()).toEqual([
      [1, 3],
      [0, 2],
    ]);
    expect(r.indices.toArray()).toEqual([
      [1, 2],
      [0, 2],
    ]);
    const c = topk(
      tensor([
        [4, 1],
        [0, 9],
      ]),
      1,
      { axis: 0 },
    );
    expect(c.values.toArray()).toEqual([[4, 9]]);
    expect(() => topk(tensor([1, 2]), 3)).toThrow(IndexError);
    expect(() => topk(tensor([1, 2]), 3)).toThrow(/topk: k \(3\) is larger than the size 2 of axis 0/);
  });
});

describe('backward rules (finite differences)', () => {
  it('sort routes each gradient to the element it came from', () => {
    fdCheck((a) => sort(a), [vals([7])]);
    fdCheck((a) => sort(a, { axis: 0, descending: true }), [vals([4, 3])]);
    fdCheck((a) => sort(a, { axis: null }), [vals([2, 3])]);
    fdCheck((a) => topk(a, 2, { axis: 1 }).values, [vals([3, 4])]);
  });
});
