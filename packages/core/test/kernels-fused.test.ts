import { describe, expect, it } from 'vitest';
import {
  add,
  assertGrad,
  gradients,
  initWasm,
  linear,
  matmul,
  mul,
  RandomState,
  ShapeError,
  square,
  sum,
  type Tensor,
  tensor,
  transpose,
  withBackend,
} from '../src/index.js';
import {
  addRowVector,
  type FloatArray,
  gatherChannels,
  reluBackward,
  reluForward,
  scatterChannels,
  sumRows,
} from '../src/kernels/index.js';

await initWasm();
const rs = new RandomState(7);
const floats = [Float32Array, Float64Array] as const;
function random(T: (typeof floats)[number], n: number): FloatArray {
  return T.from(rs.uniform(-1, 1, [n]).data as Float64Array);
}
// rows × cols including empty and 1×N / N×1
const shapes: [number, number][] = [
  [0, 0],
  [0, 5],
  [5, 0],
  [1, 1],
  [1, 17],
  [17, 1],
  [7, 13],
  [100, 10],
];

describe('fused element-wise + reduction kernels against their definitions', () => {
  for (const T of floats) {
    it(`${T.name}: reluForward / reluBackward (NaN, ±0, in place)`, () => {
      const x = T.from([-2, -0, 0, 0.5, Number.NaN, 3, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
      const out = new T(x.length);
      reluForward(x, out);
      expect(Array.from(out)).toEqual([0, 0, 0, 0.5, Number.NaN, 3, 0, Number.POSITIVE_INFINITY]);
      const g = T.from([1, 2, 3, 4, 5, 6, 7, 8]);
      const gx = new T(x.length);
      reluBackward(g, out, gx);
      expect(Array.from(gx)).toEqual([0, 0, 0, 4, 0, 6, 0, 8]);
      for (const [r, c] of shapes) {
        const v = random(T, r * c);
        const want = Array.from(v, (z) => Math.max(z, 0));
        const o = new T(r * c);
        reluForward(v, o);
        expect(Array.from(o)).toEqual(want);
        reluForward(v, v); // in place
        expect(Array.from(v)).toEqual(want);
      }
    });

    it(`${T.name}: branch-free relu kernels match the ternaries bit for bit (signed zeros, ±∞, NaN, extremes)`, () => {
      const max = T === Float32Array ? 3.4028234663852886e38 : Number.MAX_VALUE;
      const tiny = T === Float32Array ? 1.401298464324817e-45 : Number.MIN_VALUE;
      const edge = [0, -0, 1, -1, 0.5, -0.5, tiny, -tiny, max, -max, max / 3, Number.NaN];
      const vals = T.from([...edge, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
      const out = new T(vals.length);
      reluForward(vals, out);
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i]!;
        expect(Object.is(out[i], v > 0 || v !== v ? v : 0), `relu(${v})`).toBe(true);
      }
      const n = vals.length;
      const g = new T(n * n);
      const y = new T(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          g[i * n + j] = vals[i]!;
          y[i * n + j] = vals[j]!;
        }
      const gx = new T(n * n);
      reluBackward(g, y, gx);
      for (let k = 0; k < n * n; k++)
        expect(Object.is(gx[k], y[k]! > 0 ? g[k]! : 0), `g ${g[k]} y ${y[k]}`).toBe(true);
    });

    it(`${T.name}: addRowVector and sumRows over ${shapes.length} shapes`, () => {
      for (const [r, c] of shapes) {
        const m = random(T, r * c);
        const v = random(T, c);
        const want = Array.from(m, (z, i) => Math.fround(z + v[i % c]!));
        const got = m.slice();
        addRowVector(got, v, r, c);
        if (T === Float32Array) expect(Array.from(got)).toEqual(want);
        else expect(Array.from(got)).toEqual(Array.from(m, (z, i) => z + v[i % c]!));
        const s = new T(c + 1).fill(99); // stale contents must be overwritten, the extra slot kept
        sumRows(m, s, r, c);
        for (let j = 0; j < c; j++) {
          let acc = 0;
          for (let i = 0; i < r; i++)
            acc = T === Float32Array ? Math.fround(acc + m[i * c + j]!) : acc + m[i * c + j]!;
          expect(s[j]).toBe(acc);
        }
        expect(s[c]).toBe(99);
      }
    });
  }
});

describe('gatherChannels / scatterChannels (batch [N, C, L] <-> channel-major [cg, nc·L])', () => {
  for (const T of [Float32Array, Float64Array, Int32Array] as const)
    it(`${T.name}: by the definition, over image and channel windows, with and without bias`, () => {
      for (const [N, C, L, n0, nc, c0, cg] of [
        [3, 5, 4, 0, 3, 0, 5],
        [4, 6, 7, 1, 2, 2, 3],
        [2, 1, 1, 0, 2, 0, 1],
        [2, 3, 0, 0, 2, 0, 3],
        [0, 3, 4, 0, 0, 0, 3],
      ] as const) {
        const src = new T(N * C * L);
        for (let i = 0; i < src.length; i++) src[i] = (i * 7919) % 101;
        const buf = new T(cg * nc * L).fill(-1);
        gatherChannels(src, buf, n0, nc, C, c0, cg, L);
        for (let c = 0; c < cg; c++)
          for (let j = 0; j < nc; j++)
            for (let l = 0; l < L; l++)
              expect(buf[c * nc * L + j * L + l]).toBe(src[((n0 + j) * C + c0 + c) * L + l]);
        const bias = new T(C);
        for (let c = 0; c < C; c++) bias[c] = 1000 * (c + 1);
        for (const b of [null, bias]) {
          const dst = new T(N * C * L).fill(-3);
          scatterChannels(buf, dst, n0, nc, C, c0, cg, L, b);
          for (let n = 0; n < N; n++)
            for (let c = 0; c < C; c++)
              for (let l = 0; l < L; l++) {
                const inside = n >= n0 && n < n0 + nc && c >= c0 && c < c0 + cg;
                const want = inside ? src[(n * C + c) * L + l]! + (b ? b[c]! : 0) : -3;
                expect(dst[(n * C + c) * L + l]).toBe(want);
              }
        }
      }
    });
});

describe('linear (fused x Wᵀ + b) against matmul(x, Wᵀ) + b', () => {
  const composite = (x: Tensor, w: Tensor, b: Tensor | null) => {
    const y = matmul(x, transpose(w));
    return b ? add(y, b) : y;
  };
  const t = (shape: number[], dtype: 'float32' | 'float64' = 'float64', requiresGrad = false) =>
    tensor(rs.uniform(-1, 1, shape), { dtype, requiresGrad });

  for (const backend of ['js', 'wasm'] as const)
    it(`${backend}: values for 2-D, 3-D, 1-D inputs, with and without bias, float32 and float64`, () => {
      withBackend(backend, () => {
        for (const dtype of ['float32', 'float64'] as const)
          for (const xs of [[5, 3], [2, 4, 3], [3], [0, 3], [100, 40]]) {
            const inF = xs[xs.length - 1]!;
            const outF = inF === 40 ? 100 : 4;
            const x = t(xs, dtype);
            const w = t([outF, inF], dtype);
            const b = t([outF], dtype);
            for (const bias of [b, null]) {
              const got = linear(x, w, bias);
              const want = composite(x, w, bias);
              expect(got.shape).toEqual(want.shape);
              expect(got.dtype).toBe(dtype);
              const tol = dtype === 'float32' ? 1e-5 : 1e-12;
              let worst = 0;
              got.data.forEach((v, k) => {
                worst = Math.max(worst, Math.abs(v - want.data[k]!) / (1 + Math.abs(want.data[k]!)));
              });
              expect(worst, `${dtype} ${xs} bias ${bias !== null}`).toBeLessThanOrEqual(tol);
            }
          }
      });
    });

  it('gradients equal the composite ops (backward, all three inputs, 3-D input)', () => {
    for (const xs of [
      [6, 3],
      [2, 5, 3],
    ]) {
      const x = t(xs, 'float64', true);
      const w = t([4, 3], 'float64', true);
      const b = t([4], 'float64', true);
      const c = t([...xs.slice(0, -1), 4]);
      const got = gradients(sum(mul(linear(x, w, b), c)), [x, w, b]);
      const want = gradients(sum(mul(composite(x, w, b), c)), [x, w, b]);
      got.forEach((g, i) => {
        expect(g.shape).toEqual(want[i]!.shape);
        g.data.forEach((v, j) => expect(v).toBeCloseTo(want[i]!.data[j]!, 12));
      });
    }
  });

  it('gradients agree with finite differences, and second derivatives (createGraph) with the composite ops', () => {
    const x = t([3, 4]);
    const w = t([2, 4]);
    const b = t([2]);
    const c = t([3, 2]);
    assertGrad(
      (p: { x: Tensor; w: Tensor; b: Tensor }) => sum(mul(square(linear(p.x, p.w, p.b)), c)),
      { x, w, b },
      { rtol: 1e-6 },
    );
    // d/dw Σ (∂L/∂x)² where L = Σ c·(x Wᵀ + b)²: needs the backward itself to be differentiable
    const second = (f: typeof linear) => {
      const xg = tensor(x.data, { requiresGrad: true }).reshape([3, 4]);
      const wg = tensor(w.data, { requiresGrad: true }).reshape([2, 4]);
      const bg = tensor(b.data, { requiresGrad: true });
      const [gx] = gradients(sum(mul(square(f(xg, wg, bg)), c)), [xg], { createGraph: true });
      return gradients(sum(square(gx!)), [wg, bg]);
    };
    const got = second(linear);
    const want = second((xx, ww, bb) => composite(xx as Tensor, ww as Tensor, bb as Tensor));
    got.forEach((g, i) => g.data.forEach((v, j) => expect(v).toBeCloseTo(want[i]!.data[j]!, 10)));
  });

  it('promotes mixed dtypes, falls back to matmul for integers, and rejects bad shapes naming the argument', () => {
    const y = linear(
      tensor([[1, 2]], { dtype: 'float32' }),
      tensor([
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
      tensor([0, 0, 10]),
    );
    expect(y.dtype).toBe('float64');
    expect(y.toArray()).toEqual([[1, 2, 13]]);
    const yi = linear(tensor([[1, 2]], { dtype: 'int32' }), tensor([[3, 4]], { dtype: 'int32' }));
    expect(yi.dtype).toBe('int32');
    expect(yi.toArray()).toEqual([[11]]);
    expect(() => linear(tensor([[1, 2, 3]]), tensor([[1, 2]]))).toThrow(ShapeError);
    expect(() => linear(tensor([[1, 2]]), tensor([1, 2]))).toThrow(
      /linear.*weight must be 2-D \[out, in\], received shape \[2\]/,
    );
    expect(() => linear(tensor([[1, 2]]), tensor([[1, 2]]), tensor([1, 2]))).toThrow(
      /linear.*bias must have shape \[1\], received \[2\]/,
    );
  });
});

describe("float32 ReLU on the 'wasm' backend (SIMD loops) against the 'js' loops", () => {
  const max = 3.4028234663852886e38;
  const tiny = 1.401298464324817e-45;
  const edge = [
    0,
    -0,
    1,
    -1,
    tiny,
    -tiny,
    max,
    -max,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  /** Random values with the edge values sprinkled in (every residue mod 4 gets some). */
  function mixed(n: number): Float32Array {
    const v = Float32Array.from(rs.uniform(-1, 1, [n]).data as Float64Array);
    for (let i = 0; i < n; i += 7) v[i] = edge[(i / 7) % edge.length]!;
    return v;
  }
  const same = (a: Float32Array, b: Float32Array) => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++)
      if (!Object.is(a[i], b[i])) expect(`${i}: ${a[i]}`).toBe(`${i}: ${b[i]}`);
  };
  // below, at and above the SIMD cut-over (256), and tails of 1..3 after whole f32x4 vectors
  for (const n of [255, 256, 257, 258, 259, 1000, 10000]) {
    it(`n = ${n}: forward and backward bit for bit, out of place and in place`, () => {
      const x = mixed(n);
      const g = mixed(n);
      const run = (b: 'js' | 'wasm') =>
        withBackend(b, () => {
          const y = new Float32Array(n);
          reluForward(x, y);
          const inPlace = x.slice();
          reluForward(inPlace, inPlace);
          const gx = new Float32Array(n);
          reluBackward(g, y, gx);
          const gIn = g.slice();
          reluBackward(gIn, y, gIn);
          // the raw pre-activations as `y` too: NaN and ±0 in the mask
          const gx2 = new Float32Array(n);
          reluBackward(g, x, gx2);
          return [y, inPlace, gx, gIn, gx2];
        });
      const js = run('js');
      const wasm = run('wasm');
      js.forEach((a, i) => same(wasm[i]!, a));
      // and the definitions: relu(v) = v > 0 || NaN ? v : +0, grad = y > 0 ? g : +0
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        expect(Object.is(wasm[0]![i], v > 0 || v !== v ? v : 0)).toBe(true);
        expect(Object.is(wasm[4]![i], v > 0 ? g[i]! : 0)).toBe(true);
      }
    });
  }
});

describe("float32 addRowVector / sumRows on the 'wasm' backend (SIMD loops) against the 'js' loops", () => {
  const same = (a: Float32Array, b: Float32Array) => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++)
      if (!Object.is(a[i], b[i])) expect(`${i}: ${a[i]}`).toBe(`${i}: ${b[i]}`);
  };
  // rows × cols at and above the 256-value cut-over, with column tails of 1..3 after whole vectors
  const big: [number, number][] = [
    [1, 256],
    [256, 1],
    [16, 16],
    [100, 10],
    [37, 13],
    [100, 100],
    [7, 259],
  ];
  for (const [r, c] of big) {
    it(`${r}×${c}: bit for bit (rounding at every float32 sum, row order; ±0, ±∞, NaN)`, () => {
      const m = Float32Array.from(rs.uniform(-1, 1, [r * c]).data as Float64Array, (v, i) =>
        i % 11 === 0
          ? [-0, 1e30, -1e30, Number.NaN, Number.POSITIVE_INFINITY][(i / 11) % 5]!
          : v * 10 ** (i % 7),
      );
      const v = Float32Array.from(rs.uniform(-1, 1, [c]).data as Float64Array, (z, j) =>
        j % 5 === 0 ? -0 : z,
      );
      const run = (b: 'js' | 'wasm') =>
        withBackend(b, () => {
          const added = m.slice();
          addRowVector(added, v, r, c);
          const sums = new Float32Array(c + 3).fill(7); // longer than cols: the rest is untouched
          sumRows(m, sums, r, c);
          return [added, sums];
        });
      const js = run('js');
      const wasm = run('wasm');
      same(wasm[0]!, js[0]!);
      same(wasm[1]!, js[1]!);
      // the definitions, with float32 rounding at each step
      for (let j = 0; j < c; j++) {
        let s = 0;
        for (let i = 0; i < r; i++) s = Math.fround(s + m[i * c + j]!);
        expect(Object.is(wasm[1]![j], s)).toBe(true);
        expect(Object.is(wasm[0]![j], Math.fround(m[j]! + v[j]!))).toBe(true);
      }
      expect(Array.from(wasm[1]!.subarray(c))).toEqual([7, 7, 7]);
    });
  }
});
