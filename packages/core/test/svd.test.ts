// svd against numpy.linalg.svd: tests/fixtures/gen_core_svd.py -> core_svd.json.
// S is compared directly; U's columns and Vh's rows for the K = min(M, N) singular pairs up to one
// sign per pair (numpy's signs come from LAPACK's gesdd); the completion of a full U or Vh is
// checked for orthonormality (any basis of the complement is numpy's answer too).
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { matmul, RandomState, ShapeError, svd, type Tensor, tensor, ValueError } from '../src/index.js';

interface Case {
  name: string;
  a: number[][] | number[][][];
  dtype: string;
  full_matrices: boolean;
  U: number[][] | number[][][];
  S: number[] | number[][];
  Vh: number[][] | number[][][];
}
const F = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/core_svd.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

/** The matrices of a stack (a single matrix as a stack of one). */
const stack = <T>(v: T[] | T[][], depth: number): T[][] =>
  depth === 3 ? (v as T[][]) : ([v] as unknown as T[][]);

function rows(t: Tensor): number[][] {
  const [m, n] = t.shape.slice(-2) as [number, number];
  const d = Array.from(t.data as ArrayLike<number>, Number);
  const out: number[][] = [];
  for (let b = 0; b < d.length / (m * n); b++)
    for (let i = 0; i < m; i++) out.push(d.slice(b * m * n + i * n, b * m * n + (i + 1) * n));
  return out;
}

/** max |QᵀQ − I| over the columns of q (rows × cols). */
function orthonormalError(q: number[][]): number {
  const cols = q[0]!.length;
  let e = 0;
  for (let p = 0; p < cols; p++)
    for (let r = 0; r < cols; r++) {
      let d = 0;
      for (const row of q) d += row[p]! * row[r]!;
      e = Math.max(e, Math.abs(d - (p === r ? 1 : 0)));
    }
  return e;
}

describe('svd (numpy.linalg.svd parity)', () => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const A = tensor(c.a, { dtype: c.dtype === 'float32' ? 'float32' : 'float64' });
    const { U, S, Vh } = svd(A, { fullMatrices: c.full_matrices });
    const tol = c.dtype === 'float32' ? 1e-5 : 1e-11;
    const depth = A.ndim;
    const [m, n] = A.shape.slice(-2) as [number, number];
    const k = Math.min(m, n);
    const batch = A.shape.slice(0, -2);
    expect(U.shape).toEqual([...batch, m, c.full_matrices ? m : k]);
    expect(S.shape).toEqual([...batch, k]);
    expect(Vh.shape).toEqual([...batch, c.full_matrices ? n : k, n]);
    expect(U.dtype).toBe(c.dtype === 'float32' ? 'float32' : 'float64');
    const wantU = stack(c.U as number[][], depth);
    const wantVh = stack(c.Vh as number[][], depth);
    const count = batch.reduce((p, d) => p * d, 1);
    const gotU = rows(U);
    const gotVh = rows(Vh);
    const gotS = Array.from(S.data as ArrayLike<number>, Number);
    const scale = Math.max(1, ...gotS);
    for (let b = 0; b < count; b++) {
      const s = gotS.slice(b * k, (b + 1) * k);
      const ws = (depth === 2 ? [c.S as number[]] : (c.S as number[][]))[b]!;
      for (let i = 0; i < k; i++) expect(Math.abs(s[i]! - ws[i]!) / scale).toBeLessThan(tol);
      const u = gotU.slice(b * m, (b + 1) * m);
      const vh = gotVh.slice(b * Vh.shape[Vh.ndim - 2]!, (b + 1) * Vh.shape[Vh.ndim - 2]!);
      const wu = (wantU as unknown as number[][][])[b]!;
      const wvh = (wantVh as unknown as number[][][])[b]!;
      for (let i = 0; i < k; i++) {
        if (ws[i]! <= 1e-12 * scale) continue; // a null direction: any unit vector of the null space
        const sign = Math.sign(vh[i]!.reduce((acc, v, j) => acc + v * wvh[i]![j]!, 0));
        for (let j = 0; j < n; j++) expect(Math.abs(sign * vh[i]![j]! - wvh[i]![j]!)).toBeLessThan(tol * 10);
        for (let r = 0; r < m; r++) expect(Math.abs(sign * u[r]![i]! - wu[r]![i]!)).toBeLessThan(tol * 10);
        // the convention: the row's largest-magnitude entry is positive
        const big = vh[i]!.reduce((x, v) => (Math.abs(v) > Math.abs(x) ? v : x), 0);
        expect(big).toBeGreaterThan(0);
      }
      expect(orthonormalError(u)).toBeLessThan(tol * 10);
      expect(orthonormalError(vh[0]!.map((_, j) => vh.map((row) => row[j]!)))).toBeLessThan(tol * 10);
    }
    // U diag(S) Vh reproduces a (the first k columns of U, rows of Vh)
    const k2 = k;
    for (let b = 0; b < count; b++) {
      const u = gotU.slice(b * m, (b + 1) * m).map((r) => r.slice(0, k2));
      const vh = gotVh.slice(b * Vh.shape[Vh.ndim - 2]!, b * Vh.shape[Vh.ndim - 2]! + k2);
      const s = gotS.slice(b * k, b * k + k2);
      const rec = matmul(
        tensor(u.map((r) => r.map((v, i) => v * s[i]!))),
        tensor(vh),
      ).toArray() as number[][];
      const a = (depth === 2 ? [c.a as number[][]] : (c.a as number[][][]))[b]!;
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) expect(Math.abs(rec[i]![j]! - a[i]![j]!) / scale).toBeLessThan(tol * 10);
    }
  });

  it('keeps numpy’s shapes for a stack and thin factors, and gives integers float64', () => {
    const r = svd(tensor([[1, 2, 3]], { dtype: 'int32' }), { fullMatrices: false });
    expect([r.U.shape, r.S.shape, r.Vh.shape]).toEqual([[1, 1], [1], [1, 3]]);
    expect(r.S.dtype).toBe('float64');
    expect(r.S.item()).toBeCloseTo(Math.sqrt(14), 14);
  });

  it('rejects what numpy rejects, naming the argument', () => {
    expect(() => svd(tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => svd(tensor([1, 2, 3]))).toThrow(
      /a must have at least 2 dimensions \[\.\.\., M, N\], received shape \[3\]/,
    );
    expect(() => svd(tensor([[1, Number.NaN]]))).toThrow(ValueError);
    expect(() => svd(tensor([[1, Number.POSITIVE_INFINITY]]))).toThrow(
      /a must be finite; received Infinity at flat index 1/,
    );
    expect(() => svd(tensor([[1, 2]]), { fullMatrices: 'yes' as unknown as boolean })).toThrow(
      /options\.fullMatrices must be a boolean, received "yes"/,
    );
  });
});

interface MvnCase {
  name: string;
  seed: number;
  mean: number[];
  cov: number[][];
  size: number | number[] | null;
  sample: number[] | number[][] | number[][][];
  z: number[] | number[][] | number[][][];
  s: number[];
  vh: number[][];
}
const MVN = (F as unknown as { mvn: MvnCase[] }).mvn;

describe('RandomState.multivariateNormal (numpy legacy multivariate_normal parity)', () => {
  it.each(MVN.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const x = new RandomState(c.seed).multivariateNormal(c.mean, c.cov, c.size);
    const n = c.mean.length;
    const size = c.size === null ? [] : Array.isArray(c.size) ? c.size : [c.size];
    expect(x.shape).toEqual([...size, n]);
    const z = (c.z as unknown[]).flat(3) as number[];
    const want = (c.sample as unknown[]).flat(3) as number[];
    const got = Array.from(x.data as Float64Array);
    // our SVD: numpy's singular values; each row of Vh numpy's up to a sign
    const { S, Vh } = svd(tensor(c.cov));
    const vh = Vh.toArray() as number[][];
    const s = Array.from(S.data as Float64Array);
    for (let k = 0; k < n; k++) expect(Math.abs(s[k]! - c.s[k]!)).toBeLessThan(1e-12 * Math.max(1, c.s[0]!));
    const signs = vh.map((row, k) => Math.sign(row.reduce((acc, v, j) => acc + v * c.vh[k]![j]!, 0)));
    for (let row = 0; row < z.length / n; row++)
      for (let j = 0; j < n; j++) {
        // numpy's draw, through our factors with numpy's signs: numpy's sample
        let np = c.mean[j]!;
        let ours = c.mean[j]!;
        for (let k = 0; k < n; k++) {
          np += z[row * n + k]! * signs[k]! * Math.sqrt(s[k]!) * vh[k]![j]!;
          ours += z[row * n + k]! * Math.sqrt(s[k]!) * vh[k]![j]!;
        }
        expect(Math.abs(np - want[row * n + j]!)).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(want[row * n + j]!)),
        );
        // ours: the same numpy draws z through our Vh
        expect(Math.abs(ours - got[row * n + j]!)).toBeLessThan(1e-13 * Math.max(1, Math.abs(ours)));
        if (signs.every((v) => v === 1))
          expect(Math.abs(got[row * n + j]! - want[row * n + j]!)).toBeLessThan(
            1e-12 * Math.max(1, Math.abs(want[row * n + j]!)),
          );
      }
  });

  it('draws before it decomposes, as numpy: the stream continues where numpy’s does', () => {
    const rs = new RandomState(0);
    rs.multivariateNormal(
      [0, 0, 0],
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      4,
    );
    const next = new RandomState(0);
    next.standardNormal(12);
    expect(rs.randn()).toBe(next.randn());
  });

  it('checks its arguments as numpy, naming them', () => {
    const rs = new RandomState(0);
    expect(() =>
      rs.multivariateNormal(
        [[0, 0]],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/mean must be 1 dimensional, received shape \[1,2\]/);
    expect(() => rs.multivariateNormal([0, 0], [1, 0])).toThrow(
      /cov must be 2 dimensional and square, received shape \[2\]/,
    );
    expect(() =>
      rs.multivariateNormal(
        [0, 0, 0],
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(/mean and cov must have same length, received mean \[3\] and cov \[2,2\]/);
    expect(() =>
      rs.multivariateNormal(
        [0, 0],
        [
          [1, 2],
          [0, 1],
        ],
        null,
        { checkValid: 'raise' },
      ),
    ).toThrow(/covariance is not symmetric positive-semidefinite/);
    expect(() =>
      rs.multivariateNormal(
        [0, 0],
        [
          [1, 0],
          [0, 1],
        ],
        null,
        { checkValid: 'loud' as never },
      ),
    ).toThrow(/checkValid must be 'warn', 'raise' or 'ignore', received "loud"/);
    expect(() => rs.multivariateNormal('ab' as never, [[1]])).toThrow(ValueError);
  });

  it("warns (numpy's RuntimeWarning text) on a covariance that is not positive semi-definite, and samples anyway", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const x = new RandomState(0).multivariateNormal(
        [0, 0],
        [
          [1, 0],
          [0, -1],
        ],
      );
      expect(x.shape).toEqual([2]);
      expect(warn).toHaveBeenCalledWith(
        'RuntimeWarning: multivariateNormal: covariance is not symmetric positive-semidefinite.',
      );
    } finally {
      warn.mockRestore();
    }
  });
});
