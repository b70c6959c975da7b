// The relaxed-SIMD ("FMA") build of the WebAssembly kernels. Node 20 validates relaxed SIMD only
// with --experimental-wasm-relaxed-simd, so the FMA build runs in child processes started with that
// flag (gemm-fma-child.ts); one more runs with the flag and GRADKIT_WASM_FMA=0, which must load the
// plain build. Every float32 GEMM result is checked bit for bit against a readable emulation of the
// kernel's arithmetic — per element, a chain over p within each KC = 256 block of k, then added to
// C — with one rounding per multiply-add (fused) for the FMA build and two (product, then sum) for
// the plain build, and against a float64 reference within a rounding-error bound.
import { describe, expect, it } from 'vitest';
import { gemmWasmSimd, initWasm } from '../src/kernels/index.js';
import { relaxedSimdSupported, wasmFma } from '../src/kernels/wasm.js';
import { step32 } from './float32-bits.js';
import {
  type ConvCase,
  cases,
  convCases,
  convDims,
  convGradOperands,
  convOperands,
  type GemmCase,
  operands,
} from './gemm-fma-cases.js';
import { lastJsonLine, runChild } from './run-child.js';

const KC = 256;

interface ChildOutput {
  status: string;
  supported: boolean;
  fma: boolean;
  results: string[];
  convResults: string[];
  convGwResults: string[];
  convGxResults: string[];
  threadsSame: boolean;
}

/** Runs gemm-fma-child.ts with `flags` and `env` added to this environment; resolves with its JSON line. */
async function child(flags: string[], env: Record<string, string>): Promise<ChildOutput> {
  return lastJsonLine<ChildOutput>(
    await runChild('gemm-fma-child.ts', [], { flags, env: { ...process.env, ...env } }),
  );
}

const decode = (s: string): Float32Array => {
  const bytes = Buffer.from(s, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

/**
 * float32 a·b + c rounded once (ties to even), for float32 operands without overflow: the product is
 * exact in a double (24 + 24 significant bits), the sum is split into its double `s` and the exact
 * error `e` (TwoSum); rounding `s` to float32 is right unless `s` sits exactly halfway between two
 * floats while `e` ≠ 0, where `e`'s sign decides.
 */
function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const bv = s - p;
  const e = p - (s - bv) + (c - bv);
  const r = Math.fround(s);
  if (e === 0 || r === s) return r;
  const other = step32(r, s > r);
  if ((r + other) / 2 !== s) return r;
  return e > 0 ? Math.max(r, other) : Math.min(r, other);
}

/** The build's multiply-add s + a·b in float32: one rounding (`fused`, the FMA build) or two (product, then sum). */
const madd32 = (a: number, b: number, s: number, fused: boolean): number =>
  fused ? fma32(a, b, s) : Math.fround(s + Math.fround(a * b));

/** x[image j, channel ch] at tap (ky, kx) of output position (oy, ox) of `cs`; 0 in the padding. */
function tapValue(
  cs: ConvCase,
  x: Float32Array,
  j: number,
  ch: number,
  oy: number,
  ox: number,
  ky: number,
  kx: number,
): number {
  const y = oy * cs.stride + ky - cs.pad;
  const xx = ox * cs.stride + kx - cs.pad;
  return y < 0 || y >= cs.h || xx < 0 || xx >= cs.w ? 0 : x[((j * cs.c + ch) * cs.h + y) * cs.w + xx]!;
}

/** The output gradient at `i`, or +0 where the mask is not > 0 (a fused relu's backward). */
const gradAt = (gOut: Float32Array, mask: Float32Array | null, i: number): number =>
  mask && !(mask[i]! > 0) ? 0 : gOut[i]!;

/** The kernel's arithmetic for case `cs`: `fused` (FMA build) or product-then-sum (plain build). */
function emulate(
  cs: GemmCase,
  a: Float32Array,
  b: Float32Array,
  c0: Float32Array,
  fused: boolean,
): Float32Array {
  const { layout, m, k, n, accumulate } = cs;
  const A = (i: number, p: number) => (layout === 'TN' ? a[p * m + i]! : a[i * k + p]!);
  const B = (p: number, j: number) => (layout === 'NT' ? b[j * k + p]! : b[p * n + j]!);
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let cij = c0[i * n + j]!;
      for (let pc = 0; pc < k; pc += KC) {
        let s = 0;
        for (let p = pc; p < Math.min(pc + KC, k); p++) s = madd32(A(i, p), B(p, j), s, fused);
        cij = pc === 0 && !accumulate ? s : Math.fround(cij + s);
      }
      out[i * n + j] = cij;
    }
  return out;
}

/**
 * The convolution forward of `cs` element by element: per output, its K products chained from +0 in
 * (channel, ky, kx) order — `fused` or product-then-sum — then the bias added, then ReLU if asked
 * (max(v, +0): −0 becomes +0). Taps in the padding read 0.
 */
function emulateConv(
  cs: ConvCase,
  x: Float32Array,
  wt: Float32Array,
  bias: Float32Array,
  fused: boolean,
): Float32Array {
  const { oh, ow, channels: cg } = convDims(cs);
  const og = cs.o / cs.groups;
  const out = new Float32Array(cs.n * cs.o * oh * ow);
  let at = 0;
  for (let j = 0; j < cs.n; j++)
    for (let o = 0; o < cs.o; o++)
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++) {
          const g = Math.floor(o / og);
          let s = 0;
          for (let c = 0; c < cg; c++)
            for (let ky = 0; ky < cs.kh; ky++)
              for (let kx = 0; kx < cs.kw; kx++) {
                const v = tapValue(cs, x, j, g * cg + c, oy, ox, ky, kx);
                s = madd32(wt[((o * cg + c) * cs.kh + ky) * cs.kw + kx]!, v, s, fused);
              }
          const r = Math.fround(s + bias[o]!);
          out[at++] = cs.relu ? (r > 0 || Number.isNaN(r) ? r : 0) : r;
        }
  return out;
}

/**
 * The weight gradient of `cs` as im2col + GEMM sums it: gw[o, k] += Σ_p g[o, p] · x[tap k of p] over
 * the positions p = (image, oy, ox) of each group (one chunk of images), in blocks of KC positions,
 * each a chain from +0 in p order (`fused` or product-then-sum) added to gw. g is gOut, or +0
 * where mask ≤ 0 (a fused relu's backward). Taps in the padding read 0.
 */
function emulateConvGw(
  cs: ConvCase,
  x: Float32Array,
  gOut: Float32Array,
  mask: Float32Array | null,
  gw0: Float32Array,
  fused: boolean,
): Float32Array {
  const { oh, ow, channels: cg } = convDims(cs);
  const og = cs.o / cs.groups;
  const L = oh * ow;
  const P = cs.n * L;
  const gw = gw0.slice();
  for (let o = 0; o < cs.o; o++) {
    const grp = Math.floor(o / og);
    for (let c = 0; c < cg; c++)
      for (let ky = 0; ky < cs.kh; ky++)
        for (let kx = 0; kx < cs.kw; kx++) {
          const at = ((o * cg + c) * cs.kh + ky) * cs.kw + kx;
          let acc = gw[at]!;
          for (let pc = 0; pc < P; pc += KC) {
            let s = 0;
            for (let p = pc; p < Math.min(pc + KC, P); p++) {
              const j = Math.floor(p / L);
              const oy = Math.floor((p % L) / ow);
              const ox = p % ow;
              const g = gradAt(gOut, mask, (j * cs.o + o) * L + (p % L));
              s = madd32(g, tapValue(cs, x, j, grp * cg + c, oy, ox, ky, kx), s, fused);
            }
            acc = Math.fround(acc + s);
          }
          gw[at] = acc;
        }
  }
  return gw;
}

/**
 * The input gradient of `cs` as GEMM + col2im sum it: each column of Wᵀ·g (tap k of an output
 * position) a chain of the og products from +0 (`fused` or product-then-sum), added to gx0 in
 * (channel, ky, kx) order, then output-position order; taps in the padding dropped. g as in
 * emulateConvGw.
 */
function emulateConvGx(
  cs: ConvCase,
  wt: Float32Array,
  gOut: Float32Array,
  mask: Float32Array | null,
  gx0: Float32Array,
  fused: boolean,
): Float32Array {
  const { oh, ow, channels: cg } = convDims(cs);
  const og = cs.o / cs.groups;
  const gx = gx0.slice();
  for (let j = 0; j < cs.n; j++)
    for (let grp = 0; grp < cs.groups; grp++)
      for (let c = 0; c < cg; c++)
        for (let ky = 0; ky < cs.kh; ky++)
          for (let kx = 0; kx < cs.kw; kx++)
            for (let oy = 0; oy < oh; oy++)
              for (let ox = 0; ox < ow; ox++) {
                const y = oy * cs.stride + ky - cs.pad;
                const xx = ox * cs.stride + kx - cs.pad;
                if (y < 0 || y >= cs.h || xx < 0 || xx >= cs.w) continue;
                let s = 0;
                for (let oo = 0; oo < og; oo++) {
                  const o = grp * og + oo;
                  const g = gradAt(gOut, mask, ((j * cs.o + o) * oh + oy) * ow + ox);
                  s = madd32(wt[((o * cg + c) * cs.kh + ky) * cs.kw + kx]!, g, s, fused);
                }
                const at = ((j * cs.c + grp * cg + c) * cs.h + y) * cs.w + xx;
                gx[at] = Math.fround(gx[at]! + s);
              }
  return gx;
}

/** Largest |c − ref| / bound over the elements, ref in float64, bound (k + 2·blocks + 2)·2⁻²⁴ (Σ|a·b| + |c0|). */
function relativeToBound(
  cs: GemmCase,
  a: Float32Array,
  b: Float32Array,
  c0: Float32Array,
  c: Float32Array,
): number {
  const { layout, m, k, n, accumulate } = cs;
  const gamma = (k + 2 * Math.ceil(k / KC) + 2) * 2 ** -24;
  let worst = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let ref = accumulate ? c0[i * n + j]! : 0;
      let mag = Math.abs(ref);
      for (let p = 0; p < k; p++) {
        const prod =
          (layout === 'TN' ? a[p * m + i]! : a[i * k + p]!) *
          (layout === 'NT' ? b[j * k + p]! : b[p * n + j]!);
        ref += prod;
        mag += Math.abs(prod);
      }
      worst = Math.max(worst, Math.abs(c[i * n + j]! - ref) / (gamma * mag + Number.MIN_VALUE));
    }
  return worst;
}

/** Index of the first element whose bits differ, or -1. */
function firstDifference(x: Float32Array, y: Float32Array): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

await initWasm();
const label = (cs: GemmCase) => `${cs.layout} ${cs.m}×${cs.k}×${cs.n}${cs.accumulate ? ' +=' : ''}`;

describe('relaxed-SIMD (FMA) build of the float32 GEMM', () => {
  // both children at once (each mostly waits for tsx to start)
  const runs = Promise.all([
    child(['--experimental-wasm-relaxed-simd'], { GRADKIT_WASM_FMA: '' }),
    child(['--experimental-wasm-relaxed-simd'], { GRADKIT_WASM_FMA: '0' }),
  ]);

  it('is detected with WebAssembly.validate and loaded exactly when relaxed SIMD is enabled', async () => {
    const [flagged, forced] = await runs;
    expect(flagged.status).toBe('loaded');
    expect(flagged.supported).toBe(true);
    expect(flagged.fma).toBe(true);
    // the flag enables relaxed SIMD, GRADKIT_WASM_FMA=0 still picks the plain build
    expect(forced.supported).toBe(true);
    expect(forced.fma).toBe(false);
    // this process: no flag (Node 20 has relaxed SIMD only behind it; Node 22+ has it on), and
    // vitest.config.ts pins the plain build with GRADKIT_WASM_FMA=0 for the bit-pinned tests
    expect(wasmFma()).toBe(
      relaxedSimdSupported() && !/^(0|false|off|no)$/i.test(process.env.GRADKIT_WASM_FMA ?? ''),
    );
    if (
      Number(process.versions.node.split('.')[0]) < 22 &&
      !process.execArgv.join(' ').includes('relaxed-simd')
    )
      expect(wasmFma()).toBe(false);
  });

  it('computes each fused multiply-add chain exactly (every layout, tails, k blocks, accumulate)', async () => {
    const [flagged] = await runs;
    let fusedSomewhere = false;
    cases.forEach((cs, idx) => {
      const { a, b, c } = operands(idx);
      const got = decode(flagged.results[idx]!);
      const fused = emulate(cs, a, b, c, true);
      const plain = emulate(cs, a, b, c, false);
      // relaxed_madd may lower to one rounding (FMA3) or two (no FMA in the CPU): one of them exactly
      const dFused = firstDifference(got, fused);
      if (dFused >= 0)
        expect(
          firstDifference(got, plain),
          `${label(cs)}: element ${dFused} is neither fused nor plain`,
        ).toBe(-1);
      else if (firstDifference(fused, plain) >= 0) fusedSomewhere = true;
      expect(relativeToBound(cs, a, b, c, got), label(cs)).toBeLessThanOrEqual(1);
    });
    // FMA3 is in every x86-64 CPU since 2013 and in ARMv8: here the build must really fuse
    expect(fusedSomewhere).toBe(true);
  });

  it('computes the float32 convolution forward with the same fused chains (direct kernels and im2col + GEMM)', async () => {
    const [flagged, forced] = await runs;
    // whether relaxed_madd fuses on this CPU, as the GEMM cases show (FMA3: one rounding)
    const fuses = cases.some((cs, idx) => {
      const { a, b, c } = operands(idx);
      const fused = emulate(cs, a, b, c, true);
      return (
        firstDifference(decode(flagged.results[idx]!), fused) === -1 &&
        firstDifference(fused, emulate(cs, a, b, c, false)) >= 0
      );
    });
    convCases.forEach((cs, idx) => {
      const { x, wt, bias } = convOperands(idx);
      const fused = emulateConv(cs, x, wt, bias, true);
      const plain = emulateConv(cs, x, wt, bias, false);
      const name = `conv case ${idx} (pad ${cs.pad}, groups ${cs.groups})`;
      expect(firstDifference(fused, plain), `${name} tells fused from plain`).toBeGreaterThanOrEqual(0);
      // the FMA build: the GEMM's multiply-add on both paths; the plain build: products then sums
      const got = decode(flagged.convResults[idx]!);
      expect(firstDifference(got, fuses ? fused : plain), name).toBe(-1);
      expect(firstDifference(decode(forced.convResults[idx]!), plain), name).toBe(-1);
    });
  });

  // the two gradients the direct kernels compute, each against its emulation of im2col + GEMM (+ col2im)
  const gradients = [
    {
      what: 'weight',
      paths: 'direct kernel and im2col + GEMM',
      got: (r: ChildOutput) => r.convGwResults,
      emulate: (cs: ConvCase, idx: number, mask: Float32Array | null, fused: boolean) => {
        const { gOut, gw0 } = convGradOperands(idx);
        return emulateConvGw(cs, convOperands(idx).x, gOut, mask, gw0, fused);
      },
    },
    {
      what: 'input',
      paths: 'images in the lanes and GEMM + col2im',
      got: (r: ChildOutput) => r.convGxResults,
      emulate: (cs: ConvCase, idx: number, mask: Float32Array | null, fused: boolean) => {
        const { gOut, gx0 } = convGradOperands(idx);
        return emulateConvGx(cs, convOperands(idx).wt, gOut, mask, gx0, fused);
      },
    },
  ];
  for (const g of gradients)
    it(`computes the float32 convolution ${g.what} gradient with the GEMM’s fused chains (${g.paths})`, async () => {
      const [flagged, forced] = await runs;
      convCases.forEach((cs, idx) => {
        const mask = cs.relu ? convGradOperands(idx).mask : null;
        const fused = g.emulate(cs, idx, mask, true);
        const plain = g.emulate(cs, idx, mask, false);
        const name = `conv case ${idx} ${g.what} gradient (pad ${cs.pad}, groups ${cs.groups}, ${cs.n} images)`;
        expect(firstDifference(fused, plain), `${name} tells fused from plain`).toBeGreaterThanOrEqual(0);
        expect(firstDifference(decode(g.got(flagged)[idx]!), flagged.fma ? fused : plain), name).toBe(-1);
        expect(firstDifference(decode(g.got(forced)[idx]!), plain), name).toBe(-1);
      });
    });

  it('gives the same bits on two threads as on one', async () => {
    const [flagged, forced] = await runs;
    expect(flagged.threadsSame).toBe(true);
    expect(forced.threadsSame).toBe(true);
  });

  it('forced off (GRADKIT_WASM_FMA=0) gives the plain build’s exact bits', async () => {
    const [, forced] = await runs;
    cases.forEach((cs, idx) => {
      const { a, b, c } = operands(idx);
      const got = decode(forced.results[idx]!);
      expect(firstDifference(got, emulate(cs, a, b, c, false)), label(cs)).toBe(-1);
      if (!wasmFma()) {
        // and this process's plain build agrees
        gemmWasmSimd(cs.layout, a, 0, b, 0, c, 0, cs.m, cs.k, cs.n, cs.accumulate);
        expect(firstDifference(got, c), label(cs)).toBe(-1);
      }
    });
  });
});
