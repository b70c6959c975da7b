// lstsq against numpy.linalg.lstsq: tests/fixtures/gen_core_lstsq.py -> core_lstsq.json.
// Tolerance: 1e-9 relative to the solution's largest entry (numpy uses LAPACK gelsd, gradkit a
// one-sided Jacobi SVD: the same solution, rounded differently).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lstsq, ShapeError, tensor, ValueError } from '../src/index.js';

interface Case {
  name: string;
  a: number[][];
  b: number[] | number[][];
  rcond: number | null;
  x: number[] | number[][];
  residuals: number[];
  rank: number;
  s: number[];
}
const F = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/core_lstsq.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const flat = (v: number[] | number[][]): number[] => (v as (number | number[])[]).flat() as number[];

function maxRel(got: ArrayLike<number>, want: number[]): number {
  const scale = Math.max(1, ...want.map(Math.abs));
  let m = 0;
  for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got[i]! - want[i]!) / scale);
  return m;
}

describe('lstsq (numpy.linalg.lstsq parity)', () => {
  it.each(F.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = lstsq(tensor(c.a), tensor(c.b), { rcond: c.rcond });
    expect(r.x.shape).toEqual(
      Array.isArray(c.x[0]) ? [c.x.length, (c.x[0] as number[]).length] : [c.x.length],
    );
    expect(maxRel(r.x.data, flat(c.x))).toBeLessThan(1e-9);
    expect(r.rank).toBe(c.rank);
    expect(r.s.shape).toEqual([c.s.length]);
    expect(maxRel(r.s.data, c.s)).toBeLessThan(1e-12);
    expect(r.residuals.shape).toEqual([c.residuals.length]);
    expect(maxRel(r.residuals.data, c.residuals)).toBeLessThan(1e-9);
  });

  it('the doc example', () => {
    const { x, residuals, rank } = lstsq(
      tensor([
        [1, 0],
        [1, 1],
        [1, 2],
      ]),
      tensor([1, 3, 5.5]),
    );
    expect(x.toArray()).toEqual([expect.closeTo(11 / 12, 14), expect.closeTo(2.25, 14)]);
    expect(residuals.item()).toBeCloseTo(1 / 24, 14);
    expect(rank).toBe(2);
  });

  it('keeps float32 inputs float32', () => {
    const r = lstsq(
      tensor(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        { dtype: 'float32' },
      ),
      tensor([1, 3, 5.5], { dtype: 'float32' }),
    );
    expect(r.x.dtype).toBe('float32');
  });

  it('names the argument on bad input', () => {
    expect(() => lstsq(tensor([1, 2, 3]), tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => lstsq(tensor([1, 2, 3]), tensor([1, 2, 3]))).toThrow(/lstsq: a must be a 2-D matrix/);
    expect(() => lstsq(tensor([[1], [2]]), tensor([1, 2, 3]))).toThrow(/expected b.shape\[0\] == 2/);
    expect(() => lstsq(tensor([[1], [Number.NaN]]), tensor([1, 2]))).toThrow(ValueError);
    expect(() => lstsq(tensor([[1], [2]]), tensor([1, 2]), { rcond: Number.NaN })).toThrow(/rcond must be/);
  });
});
