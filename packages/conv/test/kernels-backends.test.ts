// The convolution kernels of the two backends: the 'wasm' ones (im2col → GEMM → rearrangement
// in WebAssembly linear memory, packages/core/wasm/assembly/conv.ts) against the 'js' ones of
// src/kernels.ts (JavaScript lowering around the core GEMM), over random geometries and edge
// shapes, in float32 and float64.
import { RandomState, type Tensor, wasmAvailable, withBackend } from '@gradkit/core';
import {
  type ConvKernelDims,
  getKernel,
  type KernelName,
  reluBackward,
  WASM_GEMM_MIN_WORK,
} from '@gradkit/core/kernels';
import { describe, expect, it } from 'vitest';
import { conv1d, conv2d } from '../src/index.js';

const rng = new RandomState(7);
type Float = Float32Array | Float64Array;

function randn(Ctor: Float32ArrayConstructor | Float64ArrayConstructor, n: number): Float {
  const a = new Ctor(n);
  if (n > 0) a.set((rng.randn(n) as { data: Float64Array }).data);
  return a;
}

interface Case {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kh: number;
  kw: number;
  stride: [number, number];
  pad: [number, number];
  dil: [number, number];
  groups: number;
}

function dims(t: Case): ConvKernelDims {
  const oh = Math.floor((t.h + 2 * t.pad[0] - t.dil[0] * (t.kh - 1) - 1) / t.stride[0]) + 1;
  const ow = Math.floor((t.w + 2 * t.pad[1] - t.dil[1] * (t.kw - 1) - 1) / t.stride[1]) + 1;
  return {
    n: t.n,
    c: t.c,
    h: t.h,
    w: t.w,
    o: t.o,
    kh: t.kh,
    kw: t.kw,
    oh,
    ow,
    channels: t.c / t.groups,
    groups: t.groups,
    strideH: t.stride[0],
    strideW: t.stride[1],
    padTop: t.pad[0],
    padLeft: t.pad[1],
    dilH: t.dil[0],
    dilW: t.dil[1],
  };
}

/** Random geometries: strides, padding, dilation, groups, 1-D (h = 1) and 2-D, sizes off the block sizes. */
function randomCases(count: number): Case[] {
  const r = new RandomState(11);
  const int = (lo: number, hi: number) => Number(r.randint(lo, hi + 1));
  const out: Case[] = [];
  for (let t = 0; t < count; t++) {
    const groups = int(1, 3);
    const oneD = t % 2 === 0;
    const kh = oneD ? 1 : int(1, 3);
    const kw = int(1, 4);
    const dil: [number, number] = [oneD ? 1 : int(1, 2), int(1, 2)];
    const h = oneD ? 1 : int(kh * dil[0], 9);
    const w = int(kw * dil[1], 41);
    out.push({
      n: int(1, 37),
      c: groups * int(1, 5),
      h,
      w,
      o: groups * int(1, 9),
      kh,
      kw,
      stride: [oneD ? 1 : int(1, 3), int(1, 3)],
      pad: [oneD ? 0 : int(0, 2), int(0, 2)],
      dil,
      groups,
    });
  }
  return out;
}

// edge shapes: single image / channel / output, 1×N and N×1 images, a kernel covering the whole
// input, many images (several chunks of the lowering), and an empty batch
const edgeCases: Case[] = [
  { n: 1, c: 1, h: 1, w: 5, o: 1, kh: 1, kw: 5, stride: [1, 1], pad: [0, 0], dil: [1, 1], groups: 1 },
  { n: 1, c: 1, h: 1, w: 200, o: 3, kh: 1, kw: 3, stride: [1, 2], pad: [0, 1], dil: [1, 1], groups: 1 },
  { n: 3, c: 2, h: 17, w: 1, o: 5, kh: 3, kw: 1, stride: [2, 1], pad: [1, 0], dil: [1, 1], groups: 1 },
  { n: 2, c: 4, h: 6, w: 6, o: 4, kh: 6, kw: 6, stride: [1, 1], pad: [0, 0], dil: [1, 1], groups: 4 },
  { n: 700, c: 15, h: 1, w: 19, o: 15, kh: 1, kw: 3, stride: [1, 2], pad: [0, 0], dil: [1, 1], groups: 1 },
  { n: 41, c: 3, h: 12, w: 12, o: 8, kh: 3, kw: 3, stride: [1, 1], pad: [1, 1], dil: [1, 1], groups: 1 },
  { n: 0, c: 2, h: 4, w: 4, o: 3, kh: 2, kw: 2, stride: [1, 1], pad: [0, 0], dil: [1, 1], groups: 1 },
];

/** Largest |a − b| relative to max(1, |b|). */
function worstRel(a: Float, b: Float): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

function expectAgree(wasm: Float, js: Float, exact: boolean, tol: number): void {
  expect(wasm.length).toBe(js.length);
  if (exact) expect(Array.from(wasm)).toEqual(Array.from(js));
  else expect(worstRel(wasm, js)).toBeLessThan(tol);
}

describe.runIf(wasmAvailable())('wasm convolution kernels against the js ones', () => {
  const kernels = <K extends KernelName>(name: K) =>
    [getKernel(name, 'wasm'), getKernel(name, 'js')] as const;
  const [fw, fj] = kernels('conv2dForward');
  const [iw, ij] = kernels('conv2dBackwardInput');
  const [ww, wj] = kernels('conv2dBackwardWeight');
  const [sw, sj] = kernels('channelSum');

  it('the wasm backend registers its own kernels', () => {
    expect(fw).not.toBe(fj);
    expect(iw).not.toBe(ij);
    expect(ww).not.toBe(wj);
    expect(sw).not.toBe(sj);
  });

  for (const [label, Ctor, tol] of [
    ['float32', Float32Array, 1e-5],
    ['float64', Float64Array, 1e-13],
  ] as const) {
    const cases = [...randomCases(60), ...edgeCases];
    it(`${label}: forward, input and weight gradients agree on ${cases.length} geometries (bit for bit where the GEMMs are SIMD on both)`, () => {
      for (const t of cases) {
        const d = dims(t);
        const K = d.channels * d.kh * d.kw;
        const L = d.oh * d.ow;
        const og = d.o / d.groups;
        // the js kernels call core's gemm, which runs products below WASM_GEMM_MIN_WORK in
        // JavaScript (another summation): there the results agree to rounding only
        const exact = og * K * L >= WASM_GEMM_MIN_WORK;
        const nx = d.n * d.c * d.h * d.w;
        const ny = d.n * d.o * L;
        const x = randn(Ctor, nx);
        const wt = randn(Ctor, d.o * K);
        const bias = randn(Ctor, d.o);
        const gy = randn(Ctor, ny);
        for (const b of [bias, null]) {
          const yw = new Ctor(ny).fill(Number.NaN);
          const yj = new Ctor(ny).fill(Number.NaN);
          fw(x, wt, b, yw, d);
          fj(x, wt, b, yj, d);
          expectAgree(yw, yj, exact, tol);
        }
        // gradients accumulate (+=) into what is there
        const gx0 = randn(Ctor, nx);
        const gxw = gx0.slice();
        const gxj = gx0.slice();
        iw(gy, wt, gxw, d);
        ij(gy, wt, gxj, d);
        expectAgree(gxw, gxj, exact, tol);
        const gw0 = randn(Ctor, d.o * K);
        const gww = gw0.slice();
        const gwj = gw0.slice();
        ww(gy, x, gww, d);
        wj(gy, x, gwj, d);
        expectAgree(gww, gwj, exact, tol);
        const gb0 = randn(Ctor, d.o);
        const gbw = gb0.slice();
        const gbj = gb0.slice();
        sw(gy, gbw, d.n, d.o, L);
        sj(gy, gbj, d.n, d.o, L);
        expectAgree(gbw, gbj, true, 0);
      }
    });
  }

  for (const backend of ['wasm', 'js'] as const)
    it(`${backend}: conv2dBackward (all gradients in one call) equals the separate kernels bit for bit (after the relu backward when masked), any subset wanted`, () => {
      const all = getKernel('conv2dBackward', backend);
      const inp = getKernel('conv2dBackwardInput', backend);
      const wgt = getKernel('conv2dBackwardWeight', backend);
      const sum = getKernel('channelSum', backend);
      const cases = [...randomCases(24), ...edgeCases];
      cases.forEach((t, i) => {
        const Ctor = i % 2 ? Float64Array : Float32Array;
        const d = dims(t);
        const K = d.channels * d.kh * d.kw;
        const L = d.oh * d.ow;
        const nx = d.n * d.c * d.h * d.w;
        const x = randn(Ctor, nx);
        const wt = randn(Ctor, d.o * K);
        const gy = randn(Ctor, d.n * d.o * L);
        const gx0 = randn(Ctor, nx);
        const gw0 = randn(Ctor, d.o * K);
        const gb0 = randn(Ctor, d.o);
        const wantX = i % 3 !== 1;
        const wantW = i % 3 !== 2;
        const wantB = i % 4 !== 3;
        // every other case as the backward of a fused convolution + relu: gOut masked by y > 0
        const mask = i % 2 === 0 ? null : randn(Ctor, gy.length);
        const [gx, gw, gb] = [gx0.slice(), gw0.slice(), gb0.slice()];
        all(gy, mask, x, wt, wantX ? gx : null, wantW ? gw : null, wantB ? gb : null, d);
        const g = mask === null ? gy : new Ctor(gy.length);
        if (mask !== null) reluBackward(gy, mask, g);
        const [ex, ew, eb] = [gx0.slice(), gw0.slice(), gb0.slice()];
        if (wantX) inp(g, wt, ex, d);
        if (wantW) wgt(g, x, ew, d);
        if (wantB) sum(g, eb, d.n, d.o, L);
        expectAgree(gx, ex, true, 0);
        expectAgree(gw, ew, true, 0);
        expectAgree(gb, eb, true, 0);
      });
    });

  it('an empty batch leaves the outputs untouched', () => {
    const d = dims(edgeCases[edgeCases.length - 1]!);
    const gw = new Float32Array(d.o * d.channels * d.kh * d.kw).fill(2);
    ww(new Float32Array(0), new Float32Array(0), gw, d);
    expect(Array.from(gw).every((v) => v === 2)).toBe(true);
  });

  it('conv1d / conv2d and their gradients agree with the all-JavaScript backend', () => {
    const f32 = (t: unknown) => (t as Tensor).astype('float32').requiresGrad_();
    const x = f32(rng.randn(6, 3, 11, 9));
    const w = f32(rng.randn(4, 3, 3, 2));
    const b = f32(rng.randn(4));
    const run = () => {
      x.grad = null;
      w.grad = null;
      b.grad = null;
      const y = conv2d(x, w, { bias: b, stride: [2, 1], padding: 1 });
      y.mul(y).sum().backward();
      return [y.data, x.grad!.data, w.grad!.data, b.grad!.data] as Float[];
    };
    const fast = run();
    const ref = withBackend('js', run);
    // float32 sums of many terms: compare relative to the largest magnitude of each result
    for (let i = 0; i < fast.length; i++) {
      const scale = Math.max(1, ...Array.from(ref[i]!, Math.abs));
      expect(worstRel(fast[i]!, ref[i]!) / scale).toBeLessThan(1e-6);
    }
    const x1 = rng.randn(5, 2, 40) as Tensor;
    const w1 = rng.randn(3, 2, 3) as Tensor;
    const y1 = conv1d(x1, w1, { stride: 2 });
    const r1 = withBackend('js', () => conv1d(x1, w1, { stride: 2 }));
    expect(worstRel(y1.data as Float, r1.data as Float)).toBeLessThan(1e-13);
  });
});
