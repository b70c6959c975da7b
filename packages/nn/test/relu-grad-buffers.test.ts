// relu's backward reads its incoming gradient once (`readsGradOnce`) and writes x's gradient into
// an engine buffer where core's protocol allows one (`gradBuffer`): the gradients stay those of
// the readable rule g · [y > 0] bit for bit (Object.is), pass after pass, including when relu's
// input is shared with another branch, when buffers of earlier passes are kept by the caller, and
// under createGraph (where no buffer is handed out).
import { fromData, gradients, RandomState, type Tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { relu } from '../src/index.js';

const rng = new RandomState(11);
type C = Float32ArrayConstructor | Float64ArrayConstructor;

function randn(Ctor: C, n: number): Float32Array | Float64Array {
  const a = new Ctor(n);
  a.set((rng.randn(n) as { data: Float64Array }).data);
  for (let i = 0; i < n; i += 9) a[i] = [0, -0, Number.NaN][(i / 9) % 3]!; // ±0 and NaN inputs
  return a;
}

function bitDiffs(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

/** g · [y > 0] as the readable rule writes it, rounded to the dtype. */
function reluGrad(Ctor: C, g: ArrayLike<number>, y: ArrayLike<number>): Float32Array | Float64Array {
  const out = new Ctor(g.length);
  for (let i = 0; i < g.length; i++) out[i] = y[i]! > 0 ? g[i]! : 0;
  return out;
}

describe('relu backward through engine buffers', () => {
  for (const [label, Ctor] of [
    ['float32', Float32Array],
    ['float64', Float64Array],
  ] as const)
    it(`${label}: x → h = x·a → relu → relu → Σ y·c (+ Σ h·b): the readable rule's gradients, pass after pass`, () => {
      const n = 300;
      const kept: Tensor[] = [];
      const expected: (Float32Array | Float64Array)[] = [];
      for (let pass = 0; pass < 4; pass++) {
        const shared = pass % 2 === 1; // h also feeds a second branch: its gradient is a sum
        const xd = randn(Ctor, n);
        const a = randn(Ctor, n);
        const b = randn(Ctor, n);
        const c = randn(Ctor, n);
        const x = fromData(xd, [n]).requiresGrad_();
        const h = x.mul(fromData(a, [n]));
        const r1 = relu(h);
        const r2 = relu(r1);
        let loss = r2.mul(fromData(c, [n])).sum();
        if (shared) loss = loss.add(h.mul(fromData(b, [n])).sum());
        loss.backward();
        // by hand: d r2 = c; d r1 = c·[r2 > 0]; d h = d r1 · [r1 > 0] (+ b); d x = d h · a
        const g1 = reluGrad(Ctor, c, r2.data);
        const gh = reluGrad(Ctor, g1, r1.data);
        if (shared) for (let i = 0; i < n; i++) gh[i] = gh[i]! + b[i]!;
        const gx = new Ctor(n);
        for (let i = 0; i < n; i++) gx[i] = gh[i]! * a[i]!;
        expect(bitDiffs(x.grad!.data, gx)).toEqual([]);
        kept.push(x.grad!);
        expected.push(gx);
      }
      // the gradients handed out earlier were not overwritten by later passes
      for (let i = 0; i < kept.length; i++) expect(bitDiffs(kept[i]!.data, expected[i]!)).toEqual([]);
    });

  it('a leaf straight into relu, and gradients() with createGraph (no engine buffers): the same values', () => {
    const xd = randn(Float32Array, 64);
    const g = randn(Float32Array, 64);
    const want = reluGrad(
      Float32Array,
      g,
      Float32Array.from(xd, (v) => (v > 0 ? v : 0)),
    );
    for (let pass = 0; pass < 2; pass++) {
      const x = fromData(xd, [64]).requiresGrad_();
      relu(x)
        .mul(fromData(g, [64]))
        .sum()
        .backward();
      expect(bitDiffs(x.grad!.data, want)).toEqual([]);
      // createGraph runs the differentiable product g · mask (so −g·0 = −0 where the rule writes +0)
      const x2 = fromData(xd, [64]).requiresGrad_();
      const finite = g.map((v) => (Number.isNaN(v) ? 1 : v));
      const [gx] = gradients(
        relu(x2)
          .mul(fromData(finite, [64]))
          .sum(),
        [x2],
        { createGraph: true },
      );
      const wantFinite = reluGrad(
        Float32Array,
        finite,
        Float32Array.from(xd, (v) => (v > 0 ? v : 0)),
      );
      expect(Array.from(gx!.data, (v) => v + 0)).toEqual(Array.from(wantFinite, (v) => v + 0));
    }
  });
});
