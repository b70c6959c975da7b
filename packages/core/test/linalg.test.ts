import { describe, expect, it } from 'vitest';
import {
  det,
  diag,
  dot,
  enableGrad,
  fromData,
  gradients,
  inner,
  inv,
  matmul,
  norm,
  ones,
  outer,
  ShapeError,
  solve,
  type Tensor,
  tensor,
  trace,
  ValueError,
  zeros,
} from '../src/index.js';
import { expectClose, fdCheck, flat, loadCoreLinalg, vals } from './helpers.js';

// numpy reference values: tests/fixtures/gen_core_linalg.py -> core_linalg.json
const F = loadCoreLinalg();

const T = (v: unknown, shape: number[], dtype: 'float64' | 'float32' = 'float64'): Tensor =>
  tensor(flat(v), { dtype }).reshape(shape);

describe('matmul and products match numpy (rtol 1e-12)', () => {
  it.each<[string, any]>(
    F.matmul.map((c: { aShape: number[]; bShape: number[] }) => [
      `${JSON.stringify(c.aShape)} @ ${JSON.stringify(c.bShape)}`,
      c,
    ]),
  )('%s', (_n, c) => {
    const { a, aShape, b, bShape, out, outShape } = c as Record<string, number[]>;
    const r = matmul(T(a, aShape!), T(b, bShape!));
    expect(r.shape).toEqual(outShape);
    expectClose(r, out, 1e-12);
  });
  it('float32 matmul stays float32 (rtol 1e-5 against numpy float32)', () => {
    const c = F.matmul_f32;
    const r = matmul(T(c.a, c.aShape, 'float32'), T(c.b, c.bShape, 'float32'));
    expect(r.dtype).toBe('float32');
    expectClose(r, c.out, 1e-5);
  });
  it('int32 matmul stays int32; mixed dtypes promote', () => {
    const r = matmul(tensor([[1, 2]], { dtype: 'int32' }), tensor([[3], [4]], { dtype: 'int32' }));
    expect(r.dtype).toBe('int32');
    expect(r.toArray()).toEqual([[11]]);
    expect(matmul(tensor([[1, 2]], { dtype: 'float32' }), tensor([[3], [4]])).dtype).toBe('float64');
  });
  it.each<[string, any]>(
    F.dot.map((c: { aShape: number[]; bShape: number[] }) => [
      `dot ${JSON.stringify(c.aShape)} . ${JSON.stringify(c.bShape)}`,
      c,
    ]),
  )('%s', (_n, c) => {
    const { a, aShape, b, bShape, out, outShape } = c as Record<string, number[]>;
    const r = dot(T(a, aShape!), T(b, bShape!));
    expect(r.shape).toEqual(outShape);
    expectClose(r, out, 1e-12);
  });
  it('inner and outer', () => {
    const c = F.inner;
    const r = inner(T(c.a, c.aShape), T(c.b, c.bShape));
    expect(r.shape).toEqual(c.outShape);
    expectClose(r, c.out, 1e-12);
    const o = F.outer;
    expectClose(outer(T(o.a, o.aShape), T(o.b, o.bShape)), o.out, 1e-12);
    expect(dot(tensor(2), tensor([1, 2])).toArray()).toEqual([2, 4]);
  });
  it('shape errors name both shapes', () => {
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(ShapeError);
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(
      'matmul: inner dimensions differ: a has shape [2,3], b has shape [4,5]; expected a.shape[-1] == b.shape[-2]',
    );
    expect(() => matmul(zeros([2, 2, 3]), zeros([3, 3, 1]))).toThrow(
      /matmul: cannot broadcast shapes \[2\] and \[3\]/,
    );
    expect(() => matmul(tensor(1), zeros([2]))).toThrow(ValueError);
    expect(() => dot(zeros([2, 3]), zeros([2, 3]))).toThrow(
      /dot: shapes \[2,3\] and \[2,3\] are not aligned/,
    );
  });
});

describe('fast kernels agree with the readable triple loop', () => {
  /** C = op(A) op(B) by the textbook definition, in double precision. */
  const reference = (
    a: Tensor,
    b: Tensor,
    m: number,
    k: number,
    n: number,
    ta: boolean,
    tb: boolean,
  ): number[] => {
    const c: number[] = [];
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++)
          s += a.data[ta ? p * m + i : i * k + p]! * b.data[tb ? j * k + p : p * n + j]!;
        c.push(s);
      }
    return c;
  };
  // sizes cover the 2-row / 4-column remainders and k > 128 (two k-blocks)
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [2, 3, 4],
    [3, 5, 7],
    [5, 130, 6],
    [7, 257, 3],
  ];
  for (const dtype of ['float64', 'float32'] as const) {
    const rtol = dtype === 'float64' ? 1e-12 : 1e-5;
    it.each(sizes)(`${dtype} m=%i k=%i n=%i: A B, A Bᵀ (inner), Aᵀ G (matmul backward)`, (m, k, n) => {
      const A = vals([m, k], 1).astype(dtype);
      const B = vals([k, n], 2).astype(dtype);
      expectClose(matmul(A, B), reference(A, B, m, k, n, false, false), rtol);
      const Bt = vals([n, k], 3).astype(dtype);
      expectClose(inner(A, Bt), reference(A, Bt, m, k, n, false, true), rtol);
      const G = vals([m, n], 4).astype(dtype);
      const Ag = A.detach().requiresGrad_();
      const Bg = B.detach().requiresGrad_();
      const [dA, dB] = gradients(matmul(Ag, Bg), [Ag, Bg], { gradOutput: G });
      expectClose(dB!, reference(A, G, k, m, n, true, false), rtol); // Aᵀ G
      expectClose(dA!, reference(G, B, m, n, k, false, true), rtol); // G Bᵀ
    });
  }
});

describe('norm, trace, diag match numpy', () => {
  it.each<[string, any]>(
    F.norm.map((c: { shape: number[]; ord: unknown; axis: unknown; keepdims: boolean }, i: number) => [
      `#${i} shape ${JSON.stringify(c.shape)} ord ${c.ord} axis ${JSON.stringify(c.axis)} keepdims ${c.keepdims}`,
      c,
    ]),
  )('%s', (_n, c) => {
    const { x, shape, ord, axis, keepdims, out, outShape } = c as Record<string, never>;
    const r = norm(T(x, shape), {
      ...(ord === null ? {} : { ord }),
      ...(axis === null ? {} : { axis }),
      keepdims,
    });
    if (outShape) expect(r.shape).toEqual(outShape);
    expectClose(r, out, 1e-12);
  });
  it('trace with offsets, diag both ways', () => {
    const c = F.trace;
    c.offsets.forEach((k: number, i: number) => expectClose(trace(T(c.a, c.shape), k), c.out[i], 1e-12));
    expect(diag(tensor([1, 2]), -1).toArray()).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 2, 0],
    ]);
    expect(
      diag(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        1,
      ).toArray(),
    ).toEqual([2, 6]);
    expect(
      diag(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        -1,
      ).toArray(),
    ).toEqual([4]);
    expect(() => norm(zeros([2, 2]), { ord: 2 })).toThrow(/matrix norm ord 2 is not supported/);
  });
});

describe('inv, solve, det match numpy (rtol 1e-10)', () => {
  it('inv', () => {
    for (const c of F.inv) expectClose(inv(T(c.a, c.shape)), c.out, 1e-10);
  });
  it('solve (vector, matrix, broadcast batch)', () => {
    for (const c of F.solve) {
      const r = solve(T(c.a, c.aShape), T(c.b, c.bShape));
      if (c.outShape) expect(r.shape).toEqual(c.outShape);
      expectClose(r, c.out, 1e-10);
    }
  });
  it('det, including a singular matrix', () => {
    for (const c of F.det) expectClose(det(T(c.a, c.shape)), c.out, 1e-10);
  });
  it('singular and non-square input errors', () => {
    expect(() =>
      inv(
        tensor([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toThrow(/inv: singular matrix/);
    expect(() =>
      solve(
        tensor([
          [1, 2],
          [2, 4],
        ]),
        tensor([1, 1]),
      ),
    ).toThrow(/solve: singular matrix/);
    expect(() => inv(zeros([2, 3]))).toThrow(/inv: x must be a square matrix .* received shape \[2,3\]/);
    expect(() =>
      solve(
        tensor([
          [1, 0],
          [0, 1],
        ]),
        zeros([3]),
      ),
    ).toThrow(ShapeError);
  });
});

describe('backward rules (finite differences)', () => {
  it('matmul: 2-D, 1-D promotion, broadcast batch dims', () => {
    fdCheck((a, b) => matmul(a, b), [vals([3, 4]), vals([4, 2], 2)]);
    fdCheck((a, b) => matmul(a, b), [vals([4]), vals([4, 3], 2)]);
    fdCheck((a, b) => matmul(a, b), [vals([2, 4]), vals([4], 2)]);
    fdCheck((a, b) => matmul(a, b), [vals([3]), vals([3], 2)]);
    fdCheck((a, b) => matmul(a, b), [vals([2, 1, 3, 4]), vals([3, 4, 2], 2)]);
    fdCheck((a, b) => matmul(a, b), [vals([5, 6]), vals([2, 6, 3], 2)]);
  });
  it('dot, inner, outer, trace, diag, norm', () => {
    fdCheck((a, b) => dot(a, b), [vals([2, 3]), vals([4, 3, 2], 2)]);
    fdCheck((a, b) => inner(a, b), [vals([2, 3]), vals([4, 3], 2)]);
    fdCheck((a, b) => outer(a, b), [vals([3]), vals([2, 2], 2)]);
    fdCheck((a) => trace(a, 1).mul(a), [vals([3, 3])]);
    fdCheck((a) => diag(diag(a)).mul(vals([3, 3])), [vals([3, 4])]);
    fdCheck((a) => norm(a), [vals([3, 4])]);
    fdCheck((a) => norm(a, { axis: 1, ord: 1 }), [vals([3, 4])]);
    fdCheck((a) => norm(a, { axis: 0, ord: 3 }), [vals([3, 4])]);
    fdCheck((a) => norm(a, { ord: Infinity }), [vals([3, 4])]);
    fdCheck((a) => norm(a, { ord: -1, axis: [1, 0] }), [vals([3, 4])]);
  });
  it('inv, solve, det', () => {
    const A = vals([3, 3]).add(
      tensor([
        [4, 0, 0],
        [0, 4, 0],
        [0, 0, 4],
      ]),
    );
    fdCheck((a) => inv(a), [A]);
    fdCheck((a, b) => solve(a, b), [A, vals([3, 2], 2)]);
    fdCheck((a, b) => solve(a, b), [A, vals([3], 2)]);
    fdCheck((a, b) => solve(a, b), [A, vals([2, 3, 2], 2)]);
    fdCheck((a) => det(a), [A]);
    fdCheck((a) => det(a), [vals([2, 2, 2], 3)]);
  });
  it('second derivatives of matmul and det', () => {
    const second = (f: (a: Tensor) => Tensor) => (a0: Tensor) => {
      const a = a0.requiresGrad ? a0 : fromData(Float64Array.from(a0.data), a0.shape).requiresGrad_();
      return enableGrad(() => {
        const y = f(a);
        const [g] = gradients(y, [a], { gradOutput: ones(y.shape), createGraph: true });
        return g!;
      });
    };
    const B = vals([3, 2], 5);
    fdCheck(
      second((a) => matmul(matmul(a, B), matmul(a, B).T)),
      [vals([2, 3])],
    );
    fdCheck(
      second((a) => det(a)),
      [vals([3, 3], 2)],
    );
    fdCheck(
      second((a) => inv(a).mul(a)),
      [
        vals([2, 2], 2).add(
          tensor([
            [3, 0],
            [0, 3],
          ]),
        ),
      ],
    );
  });
});
