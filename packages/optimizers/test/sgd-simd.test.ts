// SGD with momentum on float32 storage: the WebAssembly SIMD kernel (core's 'wasm' sgdMomentum32,
// used by sgdUpdate while the 'wasm' backend is active) against the JavaScript loop ('js'
// backend), bit for bit, over every option combination, first and later steps, odd lengths
// (a scalar tail after the f64x2 pairs) and non-finite values (the finite flag).
import { initWasm, RandomState, type Tensor, withBackend } from '@gradkit/core';
import { getKernel } from '@gradkit/core/kernels';
import { describe, expect, it } from 'vitest';
import { sgdUpdate } from '../src/index.js';

await initWasm();
const rng = new RandomState(11);
const randn32 = (n: number, scale = 1) =>
  Float32Array.from((rng.randn(n) as Tensor).data as Float64Array, (v) => v * scale);

function sameBits(a: Float32Array, b: Float32Array, what: string) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    if (!Object.is(a[i], b[i])) expect(`${what}[${i}] = ${a[i]}`).toBe(`${what}[${i}] = ${b[i]}`);
}

describe("sgdUpdate float32 momentum: 'wasm' SIMD kernel = 'js' loop", () => {
  it("the 'wasm' backend has its own kernel (SIMD for 256+ values, the loop below); the 'js' one is the loop", () => {
    const o = { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, maximize: false };
    expect(getKernel('sgdMomentum32', 'wasm')).not.toBe(getKernel('sgdMomentum32', 'js'));
    for (const n of [300, 255]) {
      const [p, g] = [randn32(n), randn32(n)];
      const run = (backend: 'js' | 'wasm') => {
        const [q, b] = [p.slice(), new Float32Array(n)];
        const ok = withBackend(backend, () => getKernel('sgdMomentum32')(q, g, b, true, o));
        return { q, b, ok };
      };
      const [js, wasm] = [run('js'), run('wasm')];
      sameBits(wasm.q, js.q, `param n=${n}`);
      sameBits(wasm.b, js.b, `buf n=${n}`);
      expect([wasm.ok, js.ok]).toEqual([true, true]);
    }
  });

  const combos: [number, number, boolean, number, boolean][] = [
    // lr, dampening, nesterov, weightDecay, maximize
    [0.05, 0, false, 0, false],
    [0.1, 0.1, false, 1e-3, false],
    [0.01, 0, true, 5e-4, false],
    [0.3, 0.5, true, 0, true],
  ];
  for (const n of [256, 257, 1001, 4000]) {
    for (const [lr, dampening, nesterov, weightDecay, maximize] of combos) {
      it(`n = ${n}, lr ${lr}, dampening ${dampening}, nesterov ${nesterov}, weightDecay ${weightDecay}, maximize ${maximize}`, () => {
        const o = { lr, momentum: 0.9, dampening, nesterov, weightDecay, maximize };
        const p0 = randn32(n);
        const grads = [0, 1, 2, 3].map(() => randn32(n, 0.1));
        const run = (backend: 'js' | 'wasm') =>
          withBackend(backend, () => {
            const p = p0.slice();
            const buf = new Float32Array(n);
            const finite = grads.map((g, t) => sgdUpdate(p, g, buf, t === 0, o));
            return { p, buf, finite };
          });
        const js = run('js');
        const wasm = run('wasm');
        sameBits(wasm.p, js.p, 'param');
        sameBits(wasm.buf, js.buf, 'buf');
        expect(wasm.finite).toEqual([true, true, true, true]);
        expect(js.finite).toEqual(wasm.finite);
        // the update moved the parameters (the test would catch a kernel that did nothing)
        expect(Array.from(wasm.p).some((v, i) => v !== p0[i])).toBe(true);
      });
    }
  }

  for (const at of [0, 1, 254, 255, 256]) {
    it(`a non-finite parameter at index ${at} of 257 (pairs and tail) is reported`, () => {
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
        const o = { lr: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, maximize: false };
        const run = (backend: 'js' | 'wasm') =>
          withBackend(backend, () => {
            const p = randn32(257);
            p[at] = bad;
            const g = new Float32Array(257).fill(0.5);
            const buf = new Float32Array(257);
            return sgdUpdate(p, g, buf, true, o);
          });
        expect(run('wasm')).toBe(false);
        expect(run('js')).toBe(false);
      }
    });
  }
});
