// The fast paths behind the small CNN of notebook 10.5 (conv 1 → 2 channels 3×3, Dropout2d, 2×2
// max pooling), each against the readable path it replaces:
// - the 'wasm' kernels' direct few-channel convolution (fewChannelPath) against the 'js' kernels
//   (im2col → GEMM): forward, input and bias gradients bit for bit, the weight gradient (another
//   summation order) to rounding and against a float64 loop;
// - the unrolled 2×2 / stride 2 max pooling against the general window loop (values, indices,
//   NaN and ties), and its backward through reused engine buffers;
// - Dropout2d's per-dtype multiply loops against the products they stand for.
import { Dropout2d, maxPool2d, maxPool2dWithIndices } from '@gradkit/conv';
import { fromData, RandomState, type Tensor, wasmAvailable } from '@gradkit/core';
import { type ConvKernelDims, getKernel, reluBackward, WASM_GEMM_MIN_WORK } from '@gradkit/core/kernels';
import { describe, expect, it } from 'vitest';
import { fewChannelPath } from '../src/kernels.js';
import { isPool2x2, maxPool2x2, maxPoolIndices } from '../src/pool-argmax.js';

type Float = Float32Array | Float64Array;
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
const rng = new RandomState(2026);

function randn(C: Ctor, n: number): Float {
  const a = new C(n);
  if (n > 0) a.set((rng.randn(n) as { data: Float64Array }).data);
  return a;
}

/** Indices where a and b differ as Object.is sees it (so −0 ≠ +0, NaN = NaN). */
function bitDiffs(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

function worstRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

interface Geo {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kh: number;
  kw: number;
  sh: number;
  dil: [number, number];
  groups: number;
}

function dims(t: Geo): ConvKernelDims {
  const oh = Math.floor((t.h - t.dil[0] * (t.kh - 1) - 1) / t.sh) + 1;
  const ow = t.w - t.dil[1] * (t.kw - 1);
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
    strideH: t.sh,
    strideW: 1,
    padTop: 0,
    padLeft: 0,
    dilH: t.dil[0],
    dilW: t.dil[1],
  };
}

// the notebook's layer, then edge sizes: rows shorter than a vector (OW 1–3), row lengths 4k+1 …
// 4k+3, one image, groups, dilation, row stride 2, 1-D (h = 1), K at the limit (32), 4 outputs
const cases: Geo[] = [
  { n: 64, c: 1, h: 28, w: 28, o: 2, kh: 3, kw: 3, sh: 1, dil: [1, 1], groups: 1 },
  { n: 3, c: 1, h: 40, w: 3, o: 2, kh: 3, kw: 3, sh: 1, dil: [1, 1], groups: 1 }, // OW 1
  { n: 2, c: 2, h: 33, w: 4, o: 3, kh: 2, kw: 3, sh: 1, dil: [1, 1], groups: 1 }, // OW 2
  { n: 2, c: 1, h: 200, w: 5, o: 1, kh: 1, kw: 3, sh: 1, dil: [1, 1], groups: 1 }, // OW 3
  { n: 1, c: 1, h: 9, w: 11, o: 4, kh: 3, kw: 3, sh: 1, dil: [1, 1], groups: 1 }, // OW 9
  { n: 5, c: 3, h: 12, w: 14, o: 2, kh: 3, kw: 3, sh: 2, dil: [1, 1], groups: 1 }, // OW 12, stride 2
  { n: 4, c: 4, h: 10, w: 17, o: 6, kh: 3, kw: 2, sh: 1, dil: [2, 3], groups: 2 }, // groups, dilation
  { n: 7, c: 2, h: 1, w: 50, o: 3, kh: 1, kw: 5, sh: 1, dil: [1, 1], groups: 1 }, // 1-D
  { n: 2, c: 2, h: 11, w: 12, o: 4, kh: 4, kw: 4, sh: 1, dil: [1, 1], groups: 1 }, // K = 32
  { n: 3, c: 3, h: 8, w: 80, o: 3, kh: 1, kw: 1, sh: 1, dil: [1, 1], groups: 3 }, // 1×1, depthwise
];

/**
 * A float64 loop: `gw0[o, k] + Σ_{n, oy, ox} g · x[tap k]` (the weight gradient's value) and, for
 * the error bound, `|gw0[o, k]| + Σ |g · x[tap k]|`.
 */
function weightGradRef(
  g: Float,
  x: Float,
  gw0: Float,
  d: ConvKernelDims,
): { value: Float64Array; scale: Float64Array } {
  const og = d.o / d.groups;
  const KK = d.channels * d.kh * d.kw;
  const value = Float64Array.from(gw0);
  const scale = Float64Array.from(gw0, Math.abs);
  for (let o = 0; o < d.o; o++) {
    const gi = Math.floor(o / og);
    for (let c = 0; c < d.channels; c++)
      for (let i = 0; i < d.kh; i++)
        for (let j = 0; j < d.kw; j++) {
          let s = 0;
          let a = 0;
          for (let n = 0; n < d.n; n++)
            for (let oy = 0; oy < d.oh; oy++)
              for (let ox = 0; ox < d.ow; ox++) {
                const p =
                  g[((n * d.o + o) * d.oh + oy) * d.ow + ox]! *
                  x[
                    ((n * d.c + gi * d.channels + c) * d.h + oy * d.strideH + i * d.dilH) * d.w +
                      ox +
                      j * d.dilW
                  ]!;
                s += p;
                a += Math.abs(p);
              }
          const k = o * KK + (c * d.kh + i) * d.kw + j;
          value[k] = value[k]! + s;
          scale[k] = scale[k]! + a;
        }
  }
  return { value, scale };
}

/** Largest |a − ref| / scale: the error relative to the summation's bound. */
function worstScaled(a: Float, ref: { value: Float64Array; scale: Float64Array }): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - ref.value[i]!) / Math.max(ref.scale[i]!, Number.MIN_VALUE));
  return worst;
}

describe.runIf(wasmAvailable())("the 'wasm' kernels' direct few-channel convolution", () => {
  const fw = getKernel('conv2dForward', 'wasm');
  const fj = getKernel('conv2dForward', 'js');
  const bw = getKernel('conv2dBackward', 'wasm');
  const ij = getKernel('conv2dBackwardInput', 'js');
  const wj = getKernel('conv2dBackwardWeight', 'js');
  const sj = getKernel('channelSum', 'js');

  it('takes the geometries above and none with padding, column stride, many channels or few positions', () => {
    for (const t of cases) expect(fewChannelPath(dims(t))).toBe(true);
    const base = dims(cases[0]!);
    expect(fewChannelPath({ ...base, padTop: 1, oh: 28 })).toBe(false);
    expect(fewChannelPath({ ...base, padLeft: 1, ow: 28 })).toBe(false);
    expect(fewChannelPath({ ...base, strideW: 2, ow: 13 })).toBe(false);
    expect(fewChannelPath({ ...base, o: 5 })).toBe(false);
    expect(fewChannelPath({ ...base, o: 8, groups: 2, c: 2, channels: 1 })).toBe(true);
    expect(fewChannelPath({ ...base, c: 4, channels: 4 })).toBe(false); // K = 36
    expect(fewChannelPath({ ...base, h: 7, w: 7, oh: 5, ow: 5 })).toBe(false); // 25 positions
    // a last row or column past the image (asymmetric 'same' padding on the far side)
    expect(fewChannelPath({ ...base, oh: 27 })).toBe(false);
    expect(fewChannelPath({ ...base, ow: 27 })).toBe(false);
  });

  // tolerances of the weight gradient: against the GEMM path (relative to max(1, |value|)), and
  // against the float64 loop relative to Σ |products| (a few float32 / float64 roundings)
  for (const [label, C, tol, eps] of [
    ['float32', Float32Array, 1e-5, 1e-6],
    ['float64', Float64Array, 1e-13, 1e-15],
  ] as const)
    it(`${label}: forward, input and bias gradients equal im2col → GEMM bit for bit; the weight gradient to rounding`, () => {
      for (const t of cases) {
        const d = dims(t);
        const K = d.channels * d.kh * d.kw;
        const L = d.oh * d.ow;
        const og = d.o / d.groups;
        // the 'js' kernels' GEMM runs in WebAssembly (the same sums) from this much work on
        expect(og * K * L).toBeGreaterThanOrEqual(WASM_GEMM_MIN_WORK);
        const nx = d.n * d.c * d.h * d.w;
        const ny = d.n * d.o * L;
        const x = randn(C, nx);
        const wt = randn(C, d.o * K);
        const bias = randn(C, d.o);
        // some exact zeros (of both signs) in the input and weights: the signs of zero sums count
        for (let i = 0; i < nx; i += 7) x[i] = i % 2 ? 0 : -0;
        wt[0] = -0;
        for (const b of [bias, null])
          for (const relu of [false, true]) {
            const yw = new C(ny).fill(Number.NaN);
            const yj = new C(ny).fill(Number.NaN);
            fw(x, wt, b, yw, d, relu);
            fj(x, wt, b, yj, d, relu);
            expect(bitDiffs(yw, yj)).toEqual([]);
          }
        // gradients add into what is there; every other call masked (a fused relu's backward)
        const gy = randn(C, ny);
        const mask = randn(C, ny);
        for (const masked of [false, true]) {
          const g = masked ? new C(ny) : gy;
          if (masked) reluBackward(gy, mask, g);
          const gx0 = randn(C, nx);
          const gw0 = randn(C, d.o * K);
          const gb0 = randn(C, d.o);
          const [gx, gw, gb] = [gx0.slice(), gw0.slice(), gb0.slice()];
          bw(gy, masked ? mask : null, x, wt, gx, gw, gb, d);
          const [ex, ew, eb] = [gx0.slice(), gw0.slice(), gb0.slice()];
          ij(g, wt, ex, d);
          wj(g, x, ew, d);
          sj(g, eb, d.n, d.o, L);
          expect(bitDiffs(gx, ex)).toEqual([]);
          expect(bitDiffs(gb, eb)).toEqual([]);
          expect(worstRel(gw, ew)).toBeLessThan(tol);
          expect(worstScaled(gw, weightGradRef(g, x, gw0, d))).toBeLessThan(eps);
          // each gradient alone: the same bits as all three at once
          const only = [gx0.slice(), gw0.slice(), gb0.slice()];
          bw(gy, masked ? mask : null, x, wt, only[0]!, null, null, d);
          bw(gy, masked ? mask : null, x, wt, null, only[1]!, null, d);
          bw(gy, masked ? mask : null, x, wt, null, null, only[2]!, d);
          expect(bitDiffs(only[0]!, gx)).toEqual([]);
          expect(bitDiffs(only[1]!, gw)).toEqual([]);
          expect(bitDiffs(only[2]!, gb)).toEqual([]);
        }
      }
    });
});

/**
 * `count` values with NaN (unless `nan` is false), ±Infinity, ±0 and many ties (a few distinct
 * values) mixed in.
 */
function poolInput(C: Ctor, count: number, nan = true): Float {
  const a = randn(C, count);
  const special = [nan ? Number.NaN : 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1, 1, -1];
  for (let i = 0; i < count; i++) {
    const r = Number(rng.randint(0, 10));
    if (r < 3) a[i] = special[Number(rng.randint(0, special.length))]!;
    else if (r < 5) a[i] = Number(rng.randint(-2, 3)); // ties
  }
  return a;
}

describe('2×2 / stride 2 max pooling', () => {
  const shapes: [number, number, number, number][] = [
    [64, 2, 26, 26],
    [3, 2, 7, 9], // odd sizes: the last row and column are not pooled
    [1, 1, 2, 2],
    [2, 3, 5, 2],
    [1, 4, 3, 1 + 2 * 6],
  ];

  for (const [label, C] of [
    ['float32', Float32Array],
    ['float64', Float64Array],
  ] as const)
    it(`${label}: the unrolled pass chooses the general loop's indices, NaN and ties included, and gathers their values`, () => {
      for (const [N, Ch, H, W] of shapes) {
        const w = { kh: 2, kw: 2, sh: 2, sw: 2, ph: 0, pw: 0, dh: 1, dw: 1, OH: H >> 1, OW: W >> 1 };
        expect(isPool2x2(w, H, W)).toBe(true);
        // planes with NaN, planes without NaN (ties, ±0, ±∞), and planes of plain random values
        const x = poolInput(C, N * Ch * H * W);
        x.set(poolInput(C, Math.floor(x.length / 3), false), Math.floor(x.length / 3));
        x.set(randn(C, Math.floor(x.length / 4)), x.length - Math.floor(x.length / 4));
        const planes = N * Ch;
        const P = w.OH * w.OW;
        const ref = new Int32Array(planes * P);
        maxPoolIndices(x, ref, planes, H, W, w);
        const idx = new Int32Array(planes * P).fill(-7);
        const out = new C(planes * P).fill(Number.NaN);
        maxPool2x2(x, out, idx, planes, H, W, w.OH, w.OW);
        expect(bitDiffs(idx, ref)).toEqual([]);
        const gathered = new C(planes * P);
        for (let p = 0; p < planes; p++)
          for (let r = 0; r < P; r++) gathered[p * P + r] = x[p * H * W + ref[p * P + r]!]!;
        expect(bitDiffs(out, gathered)).toEqual([]);
        // and through the public op (which picks the unrolled pass for these options)
        const t = fromData(x, [N, Ch, H, W]);
        const r = maxPool2dWithIndices(t, 2);
        expect(bitDiffs(r.indices.data, ref)).toEqual([]);
        expect(bitDiffs(r.y.data, gathered)).toEqual([]);
      }
      // other geometries keep the general loop
      const w3 = { kh: 2, kw: 2, sh: 1, sw: 2, ph: 0, pw: 0, dh: 1, dw: 1, OH: 5, OW: 3 };
      expect(isPool2x2(w3, 6, 6)).toBe(false);
      expect(isPool2x2({ ...w3, sh: 2, OH: 4 }, 7, 6)).toBe(false); // ceilMode: a window past the image
    });

  for (const [label, C] of [
    ['float32', Float32Array],
    ['float64', Float64Array],
  ] as const)
    it(`${label}: Dropout2d → maxPool2d forward and backward through reused engine buffers, pass after pass`, () => {
      // x → Dropout2d → 2×2 max pooling → Σ y · c: the pooling's backward scatters c into an engine
      // buffer (zeroed first) for the dropout's output, the dropout's backward multiplies it into
      // the buffer for x; three passes reuse them
      const [N, Ch, H, W] = [6, 2, 26, 26];
      const plane = H * W;
      const drop = new Dropout2d(0.5, { rng: new RandomState(5) });
      const kept: Tensor[] = [];
      const copies: Float[] = [];
      for (let pass = 0; pass < 3; pass++) {
        const xd = randn(C, N * Ch * plane);
        for (let i = 0; i < xd.length; i++) if (xd[i] === 0) xd[i] = 1; // nonzero: the masks read back below
        for (let i = 5; i < xd.length; i += 97) xd[i] = Number(rng.randint(-1, 2)) || 0.5; // ties
        const x = fromData(xd, [N, Ch, H, W]).requiresGrad_();
        const d = drop.call(x);
        // the channel factors, read back from the output: 1 / (1 − p) = 2 or 0
        const keep = Array.from({ length: N * Ch }, (_, i) => d.data[i * plane]! / xd[i * plane]!);
        expect(keep.every((k) => k === 0 || k === 2)).toBe(true);
        const dd = new C(xd.length);
        for (let i = 0; i < xd.length; i++) dd[i] = xd[i]! * keep[Math.floor(i / plane)]!;
        expect(bitDiffs(d.data, dd)).toEqual([]);
        const { y, indices } = maxPool2dWithIndices(d, 2);
        const c = randn(C, y.size);
        y.mul(fromData(c, y.shape)).sum().backward();
        // expected: gd = scatter of c (into zeros), gx = gd · keep
        const gd = new C(xd.length);
        const P = y.size / (N * Ch);
        for (let p = 0; p < N * Ch; p++)
          for (let r = 0; r < P; r++) {
            const k = p * plane + indices.data[p * P + r]!;
            gd[k] = gd[k]! + c[p * P + r]!;
          }
        const gx = new C(xd.length);
        for (let i = 0; i < xd.length; i++) gx[i] = gd[i]! * keep[Math.floor(i / plane)]!;
        expect(bitDiffs(x.grad!.data, gx)).toEqual([]);
        kept.push(x.grad!);
        copies.push(gx);
      }
      // earlier passes' gradients are not overwritten by later ones
      for (let i = 0; i < kept.length; i++) expect(bitDiffs(kept[i]!.data, copies[i]!)).toEqual([]);
      // and maxPool2d (values only) is maxPool2dWithIndices' y
      const t = fromData(randn(C, 2 * 3 * 8 * 8), [2, 3, 8, 8]);
      expect(bitDiffs(maxPool2d(t, 2).data, maxPool2dWithIndices(t, 2).y.data)).toEqual([]);
    });
});
