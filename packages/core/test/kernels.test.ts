import { afterEach, describe, expect, it } from 'vitest';
import {
  availableBackends,
  fromData,
  getBackend,
  gradients,
  initWasm,
  type KernelBackend,
  matmul,
  RandomState,
  setBackend,
  tensor,
  ValueError,
  wasmAvailable,
  wasmStatus,
  withBackend,
} from '../src/index.js';
import {
  col2im,
  type FloatArray,
  type GemmLayout,
  gemm,
  gemmJs,
  gemmWasmSimd,
  getKernel,
  type Im2colParams,
  im2col,
  type KernelName,
} from '../src/kernels/index.js';
import { flat, loadCoreLinalg } from './helpers.js';

// The WebAssembly module is a build output (scripts/build-wasm.mjs, run by `node scripts/test.mjs`
// before the tests). These tests require it: without it the 'wasm' half would test nothing.
const wasmReady = await initWasm();

/** C = op(A) op(B) by the textbook definition, in double precision (the readable reference). */
function reference(
  layout: GemmLayout,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += a[layout === 'TN' ? p * m + i : i * k + p]! * b[layout === 'NT' ? j * k + p : p * n + j]!;
      c[i * n + j] = s;
    }
  return c;
}

const rs = new RandomState(20260914);
function random(T: typeof Float32Array | typeof Float64Array, n: number): FloatArray {
  const a = new T(n);
  for (let i = 0; i < n; i++) a[i] = rs.uniform(-1, 1) as number;
  return a;
}

/** |got - want| <= tol · (Σ_p |a_ip b_pj| + 1): the error bound of a k-term dot product. */
function expectGemmClose(got: FloatArray, offset: number, want: Float64Array, tol: number): void {
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[offset + i]! - want[i]!);
    if (!(d <= tol * (1 + Math.abs(want[i]!))))
      throw new Error(`element ${i}: got ${got[offset + i]}, want ${want[i]} (tol ${tol})`);
  }
}

// Edge shapes (1×N, N×1, K = 1, empty) and non-multiples of the micro-tile (4×8 f32, 4×4 f64)
// and of the cache blocks (KC = 256, MC = 128, NC = 1024).
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 17, 9],
  [9, 17, 1],
  [1, 1, 33],
  [33, 1, 1],
  [7, 1, 5],
  [4, 8, 8],
  [5, 9, 11],
  [13, 31, 19],
  [64, 64, 64],
  [3, 300, 10],
  [130, 40, 7],
  [6, 20, 1030],
  [0, 5, 4],
  [4, 0, 5],
  [4, 5, 0],
];
for (let t = 0; t < 8; t++)
  shapes.push([
    1 + Math.floor((rs.uniform() as number) * 70),
    1 + Math.floor((rs.uniform() as number) * 300),
    1 + Math.floor((rs.uniform() as number) * 70),
  ]);

const kernels: [string, typeof gemmJs][] = [
  ['js', gemmJs],
  ['wasm SIMD', gemmWasmSimd],
];

describe.each(kernels)('gemm kernel %s against the textbook triple loop', (_name, kernel) => {
  for (const [T, tol] of [
    [Float64Array, 1e-13],
    [Float32Array, 2e-5],
  ] as const) {
    for (const layout of ['NN', 'NT', 'TN'] as const) {
      it(`${T.name} ${layout} over ${shapes.length} shapes, overwrite and accumulate, at offsets`, () => {
        if (!wasmReady && kernel === gemmWasmSimd) throw new Error(wasmStatus());
        for (const [m, k, n] of shapes) {
          const a = random(T, m * k + 3);
          const b = random(T, k * n + 5);
          const want = reference(layout, a.subarray(3), b.subarray(5), m, k, n);
          const c = new T(m * n + 7).fill(Number.NaN); // overwrite must not read C
          kernel(layout, a, 3, b, 5, c, 7, m, k, n, false);
          expectGemmClose(c, 7, want, tol);
          expect(Number.isNaN(c[6]!) && (m * n === 0 || !Number.isNaN(c[7]!))).toBe(true); // untouched before the offset
          const c0 = random(T, m * n);
          const acc = c0.slice();
          kernel(layout, a, 3, b, 5, acc, 0, m, k, n, true);
          expectGemmClose(
            acc,
            0,
            want.map((v, i) => v + c0[i]!),
            tol,
          );
        }
      });
    }
  }
});

describe('kernel registry', () => {
  afterEach(() => {
    if (wasmReady) setBackend('wasm');
  });
  it('defaults to wasm when the module loaded, and lists the backends', () => {
    expect(wasmReady).toBe(true);
    expect(wasmAvailable()).toBe(true);
    expect(wasmStatus()).toBe('loaded');
    expect(availableBackends()).toEqual(['js', 'wasm']);
    expect(getBackend()).toBe('wasm');
  });
  it('setBackend switches the gemm kernel; withBackend restores the previous one', () => {
    setBackend('js');
    expect(getBackend()).toBe('js');
    expect(getKernel('gemm')).toBe(gemmJs);
    expect(withBackend('wasm', () => getBackend())).toBe('wasm');
    expect(getBackend()).toBe('js');
    expect(() =>
      withBackend('wasm', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(getBackend()).toBe('js');
  });
  it('errors name the function, the argument and the expected values', () => {
    expect(() => setBackend('gpu' as KernelBackend)).toThrow(ValueError);
    expect(() => setBackend('gpu' as KernelBackend)).toThrow(
      `setBackend: name must be 'js' or 'wasm', received "gpu"`,
    );
    expect(() => getKernel('nope' as KernelName)).toThrow(/getKernel: no kernel named "nope"/);
    const f32 = new Float32Array(4);
    expect(() => gemm('NN', f32, 0, new Float64Array(4), 0, f32, 0, 2, 2, 2)).toThrow(
      'gemm: a, b and c must all be Float32Array or all Float64Array, received Float32Array, Float64Array, Float32Array',
    );
    expect(() => gemm('NN', f32, 0, f32, 0, f32, 0, 2, 3, 2)).toThrow(
      /gemm: operands too short for m=2, k=3, n=2/,
    );
    expect(() => gemm('XX' as GemmLayout, f32, 0, f32, 0, f32, 0, 2, 2, 2)).toThrow(/gemm: layout must be/);
  });
  it('gemm runs the doc-comment example on both backends', () => {
    for (const be of ['js', 'wasm'] as const)
      withBackend(be, () => {
        const c = new Float32Array(4);
        gemm('NN', new Float32Array([1, 2, 3, 4]), 0, new Float32Array([5, 6, 7, 8]), 0, c, 0, 2, 2, 2);
        expect([...c]).toEqual([19, 22, 43, 50]);
      });
  });
});

// numpy reference values: tests/fixtures/gen_core_linalg.py -> core_linalg.json
const F = loadCoreLinalg();

describe.each(['js', 'wasm'] as const)('matmul on the %s backend', (backend) => {
  const run = <T>(fn: () => T): T => withBackend(backend, fn);
  it.each<[string, any]>(
    F.matmul.map((c: { aShape: number[]; bShape: number[] }) => [
      `${JSON.stringify(c.aShape)} @ ${JSON.stringify(c.bShape)}`,
      c,
    ]),
  )('matches numpy (rtol 1e-12): %s', (_n, c) => {
    const r = run(() => matmul(tensor(flat(c.a)).reshape(c.aShape), tensor(flat(c.b)).reshape(c.bShape)));
    expect(r.shape).toEqual(c.outShape);
    expectGemmClose(r.data as Float64Array, 0, Float64Array.from(flat(c.out)), 1e-12);
  });
  it('float32 matches numpy float32 (rtol 1e-5)', () => {
    const c = F.matmul_f32;
    const r = run(() =>
      matmul(
        tensor(flat(c.a), { dtype: 'float32' }).reshape(c.aShape),
        tensor(flat(c.b), { dtype: 'float32' }).reshape(c.bShape),
      ),
    );
    expect(r.dtype).toBe('float32');
    expectGemmClose(r.data as Float32Array, 0, Float64Array.from(flat(c.out)), 1e-5);
  });
  it('batched, broadcast matmul and its backward (G Bᵀ, Aᵀ G) agree with the other backend', () => {
    for (const dtype of ['float64', 'float32'] as const) {
      const tol = dtype === 'float64' ? 1e-12 : 2e-5;
      const A = fromData(
        random(dtype === 'float64' ? Float64Array : Float32Array, 3 * 2 * 37 * 21),
        [3, 2, 37, 21],
      );
      const B = fromData(random(dtype === 'float64' ? Float64Array : Float32Array, 2 * 21 * 45), [2, 21, 45]);
      const G = fromData(
        random(dtype === 'float64' ? Float64Array : Float32Array, 3 * 2 * 37 * 45),
        [3, 2, 37, 45],
      );
      const both = (be: KernelBackend) =>
        withBackend(be, () => {
          const a = A.detach().requiresGrad_();
          const b = B.detach().requiresGrad_();
          const out = matmul(a, b);
          const [ga, gb] = gradients(out, [a, b], { gradOutput: G });
          return [out, ga!, gb!];
        });
      const here = both(backend);
      const other = both(backend === 'js' ? 'wasm' : 'js');
      for (let t = 0; t < 3; t++) {
        expect(here[t]!.shape).toEqual(other[t]!.shape);
        expect(here[t]!.dtype).toBe(dtype);
        expectGemmClose(
          here[t]!.data as FloatArray,
          0,
          Float64Array.from(other[t]!.data as FloatArray),
          tol * 10,
        );
      }
    }
  });
  it('empty operands give zeros of the right shape', () => {
    const r = run(() => matmul(tensor([[], []]), tensor([]).reshape([0, 3])));
    expect(r.shape).toEqual([2, 3]);
    expect([...r.data]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('im2col / col2im against the definition', () => {
  const geometries: Im2colParams[] = [];
  const rsg = new RandomState(7);
  const pick = (lo: number, hi: number): number => lo + Math.floor((rsg.uniform() as number) * (hi - lo + 1));
  for (let t = 0; t < 40; t++) {
    const channels = pick(1, 3);
    const h = pick(1, 9);
    const w = pick(1, 9);
    const kh = pick(1, 4);
    const kw = pick(1, 4);
    const strideH = pick(1, 3);
    const strideW = pick(1, 3);
    const dilH = pick(1, 2);
    const dilW = pick(1, 2);
    const padTop = pick(0, 2);
    const padLeft = pick(0, 2);
    const oh = Math.floor((h + 2 * padTop - dilH * (kh - 1) - 1) / strideH) + 1;
    const ow = Math.floor((w + 2 * padLeft - dilW * (kw - 1) - 1) / strideW) + 1;
    if (oh < 1 || ow < 1) continue;
    geometries.push({ channels, h, w, kh, kw, oh, ow, strideH, strideW, padTop, padLeft, dilH, dilW });
  }
  /** cols[(c·KH + ky)·KW + kx, oy·OW + ox] = x[c, oy·sH + ky·dH − pT, ox·sW + kx·dW − pL] (0 outside). */
  const entry = (x: ArrayLike<number>, p: Im2colParams, row: number, l: number): [number, number] => {
    const c = Math.floor(row / (p.kh * p.kw));
    const ky = Math.floor(row / p.kw) % p.kh;
    const kx = row % p.kw;
    const iy = Math.floor(l / p.ow) * p.strideH + ky * p.dilH - p.padTop;
    const ix = (l % p.ow) * p.strideW + kx * p.dilW - p.padLeft;
    if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) return [0, -1];
    const idx = (c * p.h + iy) * p.w + ix;
    return [x[idx]!, idx];
  };
  // the float32 and float64 twins of the loops and the generic one (any other typed array)
  for (const T of [Float64Array, Float32Array, Int32Array] as const) {
    const values = (C: typeof T, n: number): Float64Array | Float32Array | Int32Array =>
      C === Int32Array
        ? Int32Array.from(random(Float64Array, n), (v) => Math.round(1000 * v))
        : random(C as typeof Float64Array | typeof Float32Array, n);
    it(`${T.name}: fills every entry by the definition, at a column offset and row stride (${geometries.length} geometries)`, () => {
      for (const p of geometries) {
        const K = p.channels * p.kh * p.kw;
        const L = p.oh * p.ow;
        const x = values(T, 2 + p.channels * p.h * p.w);
        const ld = L + 3;
        const cols = new T(K * ld + 2).fill(-777);
        im2col(x, 2, cols, 2, ld, p);
        for (let r = 0; r < K; r++)
          for (let l = 0; l < L; l++) expect(cols[2 + r * ld + l]).toBe(entry(x.subarray(2), p, r, l)[0]);
      }
    });
    it(`${T.name}: im2col / col2im of a batch of images in one call equal one call per image (count, xStride, colsStride)`, () => {
      for (const p of geometries) {
        const K = p.channels * p.kh * p.kw;
        const L = p.oh * p.ow;
        const count = 3;
        const xStride = p.channels * p.h * p.w + 1; // images need not be packed
        const x = values(T, 2 + count * xStride);
        const ld = count * L + 1;
        const one = new T(K * ld + 2).fill(-777);
        for (let j = 0; j < count; j++) im2col(x, 2 + j * xStride, one, 2 + j * L, ld, p);
        const batch = new T(K * ld + 2).fill(-777);
        im2col(x, 2, batch, 2, ld, p, count, xStride, L);
        expect(Array.from(batch)).toEqual(Array.from(one));
        // col2im's batch: the same sums in the same order as one call per image
        const d = values(T, K * ld + 2);
        const gOne = values(T, 2 + count * xStride);
        const gBatch = gOne.slice();
        for (let j = 0; j < count; j++) col2im(d, 2 + j * L, ld, gOne, 2 + j * xStride, p);
        col2im(d, 2, ld, gBatch, 2, p, count, xStride, L);
        expect(Array.from(gBatch)).toEqual(Array.from(gOne));
      }
    });
    it(`${T.name}: col2im is the adjoint: <im2col(x), d> = <x, col2im(d)>, entry by entry`, () => {
      for (const p of geometries) {
        const K = p.channels * p.kh * p.kw;
        const L = p.oh * p.ow;
        const d = values(T, K * L);
        const gx = new T(p.channels * p.h * p.w);
        col2im(d, 0, L, gx, 0, p);
        const want = new Float64Array(gx.length);
        const x = new Float64Array(gx.length);
        for (let r = 0; r < K; r++)
          for (let l = 0; l < L; l++) {
            const idx = entry(x, p, r, l)[1];
            if (idx >= 0) want[idx] += d[r * L + l]!;
          }
        for (let i = 0; i < want.length; i++)
          expect(Math.abs(gx[i]! - want[i]!)).toBeLessThanOrEqual(
            (T === Float32Array ? 1e-6 : 1e-14) * (1 + Math.abs(want[i]!)),
          );
      }
    });
  }
});
