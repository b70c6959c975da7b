// The WebAssembly (f32x4) 2×2 max pooling (forward and backward) and Dropout2d multiply of core's wasm/assembly/pool.ts
// against the JavaScript loops they stand in for, bit for bit (the same comparisons and choices per
// window, the same float32 product per element): the kernels directly on every window/plane
// layout (vector body and scalar tails, NaN, ties, ±0, ±∞, subnormals), then the public ops on
// the 'wasm' backend against the 'js' backend, forward and backward, float32 and float64.
import { Dropout2d, maxPool2dWithIndices } from '@gradkit/conv';
import { fromData, RandomState, wasmAvailable } from '@gradkit/core';
import {
  getKernel,
  maxPool2x2BackwardWasm,
  maxPool2x2Wasm,
  scalePlanesWasm,
  withBackend,
} from '@gradkit/core/kernels';
import { describe, expect, it } from 'vitest';
import { maxPool2x2BackwardJs, POOL_WASM_MIN, scalePlanesJs } from '../src/kernels.js';
import { maxPool2x2, maxPoolIndices } from '../src/pool-argmax.js';

const rng = new RandomState(77);

/** Indices where a and b differ as Object.is sees it (so −0 ≠ +0, NaN = NaN). */
function bitDiffs(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

/** Random float32 values, about a third of them special (NaN when `nan`, ±∞, ±0, ties, subnormals). */
function special32(count: number, nan: boolean): Float32Array {
  const a = new Float32Array(count);
  a.set((rng.randn(count) as { data: Float64Array }).data);
  const sp = [nan ? Number.NaN : 3, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1, -1, 1e-45];
  for (let i = 0; i < count; i++) {
    const r = Number(rng.randint(0, 10));
    if (r < 3) a[i] = sp[Number(rng.randint(0, sp.length))]!;
    else if (r < 5) a[i] = Number(rng.randint(-2, 3)); // ties
  }
  return a;
}

describe.runIf(wasmAvailable())('WebAssembly 2×2 max pooling and plane scaling (float32)', () => {
  // [planes, H, W]: OW = 13 (three vector steps and a tail of one), odd sizes (last row/column
  // unpooled), OW < 4 (tail only), the notebook's 26×26 planes
  const shapes: [number, number, number][] = [
    [128, 26, 26],
    [3, 7, 9],
    [1, 2, 2],
    [5, 5, 2],
    [4, 3, 27],
    [2, 10, 17],
    [6, 4, 16],
  ];

  it('chooses the general loop’s and the unrolled pass’s indices and values, NaN and ties included', () => {
    for (const [planes, H, W] of shapes)
      for (const nan of [true, false]) {
        const OH = H >> 1;
        const OW = W >> 1;
        const w = { kh: 2, kw: 2, sh: 2, sw: 2, ph: 0, pw: 0, dh: 1, dw: 1, OH, OW };
        const x = special32(planes * H * W, nan);
        const P = OH * OW;
        const ref = new Int32Array(planes * P);
        maxPoolIndices(x, ref, planes, H, W, w);
        const idxJs = new Int32Array(planes * P);
        const outJs = new Float32Array(planes * P);
        maxPool2x2(x, outJs, idxJs, planes, H, W, OH, OW);
        const idx = new Int32Array(planes * P).fill(-7);
        const out = new Float32Array(planes * P).fill(Number.NaN);
        expect(maxPool2x2Wasm(x, out, idx, planes, H, W, OH, OW)).toBe(true);
        expect(bitDiffs(idx, ref)).toEqual([]);
        expect(bitDiffs(idx, idxJs)).toEqual([]);
        expect(bitDiffs(out, outJs)).toEqual([]);
        // the values are the chosen elements themselves
        for (let q = 0; q < planes * P; q++)
          expect(Object.is(out[q], x[Math.floor(q / P) * H * W + idx[q]!])).toBe(true);
      }
  });

  it('takes the last NaN of a window (PyTorch), and the first of tied maxima', () => {
    // windows [a b; c d] side by side in one 2×8 plane (four windows: one vector step)
    const x = new Float32Array([
      ...[Number.NaN, 1, 1, 1, -0, 0, 2, Number.NaN],
      ...[0, Number.NaN, 1, 1, 0, -0, Number.NaN, Number.NaN],
    ]);
    const out = new Float32Array(4);
    const idx = new Int32Array(4);
    expect(maxPool2x2Wasm(x, out, idx, 1, 2, 8, 1, 4)).toBe(true);
    // NaN at a then NaN at d: d (the bottom row's NaN); ties 1,1,1,1: a; −0 / 0 ties: a (−0);
    // NaN at b, c and d: c (a NaN ends the bottom row's scan before d)
    expect(Array.from(idx)).toEqual([9, 2, 4, 14]);
    expect(Object.is(out[2], -0)).toBe(true);
    expect(Number.isNaN(out[0]!) && out[1] === 1 && Number.isNaN(out[3]!)).toBe(true);
  });

  it('writes the backward window by window as zeroing and scatter-adding does, into arbitrary contents', () => {
    for (const [planes, H, W] of shapes) {
      const OH = H >> 1;
      const OW = W >> 1;
      const x = special32(planes * H * W, true);
      const P = planes * OH * OW;
      const idx = new Int32Array(P);
      maxPool2x2(x, new Float32Array(P), idx, planes, H, W, OH, OW);
      const g = special32(P, true); // −0, NaN, ±∞ gradients: +0 + g as the scatter-add computes
      const js = new Float32Array(planes * H * W).fill(7);
      maxPool2x2BackwardJs(g, idx, js, planes, H, W, OH, OW);
      const out = new Float32Array(planes * H * W).fill(Number.NaN);
      expect(maxPool2x2BackwardWasm(g, idx, out, planes, H, W, OH, OW)).toBe(true);
      expect(bitDiffs(out, js)).toEqual([]);
      // an index outside its window (not one maxPool2d writes): declined, the caller scatters
      for (const [q, bad] of [
        [0, 2 * W + 2],
        [P - 1, -(W + 2)],
      ]) {
        const wrong = idx.slice();
        wrong[q] = wrong[q]! + bad;
        expect(maxPool2x2BackwardWasm(g, wrong, out, planes, H, W, OH, OW)).toBe(false);
      }
    }
  });

  it('scales planes by their factors as the JavaScript loop does, every plane length', () => {
    for (const plane of [1, 3, 4, 5, 7, 676]) {
      const planes = 37;
      const x = special32(planes * plane, true);
      const keep = new Float32Array(planes);
      for (let i = 0; i < planes; i++) keep[i] = [0, 2, 1 / 0.7, -0.5, 3e38][i % 5]!;
      const js = new Float32Array(x.length);
      scalePlanesJs(x, keep, js, plane);
      const out = new Float32Array(x.length).fill(Number.NaN);
      expect(scalePlanesWasm(x, keep, out, plane)).toBe(true);
      expect(bitDiffs(out, js)).toEqual([]);
      // in place
      const y = x.slice();
      expect(scalePlanesWasm(y, keep, y, plane)).toBe(true);
      expect(bitDiffs(y, js)).toEqual([]);
    }
  });

  it('declines float64 arrays (the caller runs its loop)', () => {
    const x = new Float64Array(16);
    expect(maxPool2x2Wasm(x, new Float64Array(4), new Int32Array(4), 1, 4, 4, 2, 2)).toBe(false);
    expect(scalePlanesWasm(x, new Float64Array(2), new Float64Array(16), 8)).toBe(false);
  });

  for (const [label, C] of [
    ['float32', Float32Array],
    ['float64', Float64Array],
  ] as const)
    it(`${label}: Dropout2d → maxPool2d on the 'wasm' backend gives the 'js' backend's outputs and gradients`, () => {
      expect(getKernel('maxPool2x2', 'wasm')).not.toBe(getKernel('maxPool2x2', 'js'));
      // the notebook's sizes (above POOL_WASM_MIN) and a small one (below: the JavaScript loops)
      for (const [N, Ch, H, W] of [
        [64, 2, 26, 26],
        [3, 2, 7, 9],
        [1, 2, 4, 6],
      ] as const) {
        expect(N * Ch * H * W >= POOL_WASM_MIN).toBe(N > 1);
        expect(getKernel('maxPool2x2Backward', 'wasm')).not.toBe(getKernel('maxPool2x2Backward', 'js'));
        const xd = C.from(special32(N * Ch * H * W, true));
        const c = C.from((rng.randn(N * Ch * (H >> 1) * (W >> 1)) as { data: Float64Array }).data);
        const run = (backend: 'js' | 'wasm') =>
          withBackend(backend, () => {
            const drop = new Dropout2d(0.3, { rng: new RandomState(9) });
            const x = fromData(xd.slice(), [N, Ch, H, W]).requiresGrad_();
            const d = drop.call(x);
            const { y, indices } = maxPool2dWithIndices(d, 2);
            y.mul(fromData(c, y.shape)).sum().backward();
            return { d: d.data, y: y.data, indices: indices.data, g: x.grad!.data };
          });
        const js = run('js');
        // twice: the second pass writes into the engine buffers the first one left behind
        for (const wa of [run('wasm'), run('wasm')]) {
          expect(bitDiffs(wa.d, js.d)).toEqual([]);
          expect(bitDiffs(wa.y, js.y)).toEqual([]);
          expect(bitDiffs(wa.indices, js.indices)).toEqual([]);
          expect(bitDiffs(wa.g, js.g)).toEqual([]);
        }
        // the dropout did drop and scale (1 / 0.7 as the dtype stores it)
        const plane = H * W;
        const factors = new Set<number>();
        for (let p = 0; p < N * Ch; p++) {
          const i = p * plane + xd.subarray(p * plane, (p + 1) * plane).indexOf(1);
          if (i >= p * plane) factors.add(js.d[i]!);
        }
        const scale = 1 / (1 - 0.3);
        if (N > 1) expect([...factors].sort()).toEqual([0, label === 'float32' ? Math.fround(scale) : scale]);
      }
    });
});
