// High-dimensional geometry helpers (Coursework IV). The fast Gram-matrix distance ratio is
// checked against the readable definition (all pairwise distances from differences); volumes
// against the closed forms of the circle, the ball and the ratio of volumes. Notebook numbers
// are checked in tests/test/coursework-iv.test.ts against numpy.
import { describe, expect, it } from 'vitest';
import {
  distanceRatio,
  hypersphereVolume,
  outerShellVolumeFraction,
  RandomState,
  tensor,
  ValueError,
} from '../src/index.js';

/** The definition: every pair of columns, distance from coordinate differences. */
function referenceRatio(x: number[][]): number {
  const D = x.length;
  const N = x[0]!.length;
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < N; i++)
    for (let j = i + 1; j < N; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += (x[d]![i]! - x[d]![j]!) ** 2;
      lo = Math.min(lo, Math.sqrt(s));
      hi = Math.max(hi, Math.sqrt(s));
    }
  return hi / lo;
}

describe('distanceRatio', () => {
  it('points on a line: largest 3, smallest 1', () => {
    expect(distanceRatio(tensor([[0, 1, 3]]))).toBe(3);
    expect(
      distanceRatio([
        [0, 3],
        [0, 4],
      ]),
    ).toBe(1); // a single pair
  });

  it('matches the pairwise definition for many shapes (N not a multiple of the 4x2 block)', () => {
    const rs = new RandomState(1);
    for (const [D, N] of [
      [1, 2],
      [2, 3],
      [3, 5],
      [7, 9],
      [16, 30],
      [64, 41],
      [5, 100],
    ] as const) {
      const x = rs.normal(0, 1, [D, N]);
      const rows = x.toArray() as number[][];
      const r = distanceRatio(x);
      expect(Math.abs(r - referenceRatio(rows)), `[${D}, ${N}]`).toBeLessThanOrEqual(1e-13 * r);
    }
  });

  it('is exact where the Gram formula cancels: a tight pair far from the origin', () => {
    // points at 1e4 with one pair 1e-5 apart: ‖a‖²+‖b‖²−2a·b loses all digits of 1e-10
    const x = [
      [1e4, 1e4 + 1e-5, 1e4 + 2],
      [1e4, 1e4, 1e4 + 1],
    ];
    const r = distanceRatio(x);
    expect(Math.abs(r - referenceRatio(x))).toBeLessThanOrEqual(1e-12 * r);
  });

  it('float32 and int32 data', () => {
    expect(distanceRatio(tensor([[0, 2, 5]], { dtype: 'int32' }))).toBe(2.5);
    expect(distanceRatio(tensor([[0, 2, 5]], { dtype: 'float32' }))).toBe(2.5);
  });

  it('bad input names the argument', () => {
    expect(() => distanceRatio(tensor([1, 2, 3]))).toThrow(
      /distanceRatio: x must have shape \[D, N\].*received shape \[3\]/,
    );
    expect(() => distanceRatio(tensor([[1], [2]]))).toThrow(/distanceRatio: x needs at least 2 examples/);
    expect(() =>
      distanceRatio(
        tensor([
          [1, 1],
          [2, 2],
        ]),
      ),
    ).toThrow(/two examples coincide/);
    expect(() => distanceRatio(tensor([[1, NaN]]))).toThrow(ValueError);
  });
});

describe('hypersphereVolume', () => {
  it('closed forms: segment, circle, ball', () => {
    expect(hypersphereVolume(3, 1)).toBeCloseTo(3, 14);
    expect(Math.abs(hypersphereVolume(1, 2) - Math.PI * 0.25)).toBeLessThan(1e-16);
    expect(Math.abs(hypersphereVolume(2, 3) - (4 / 3) * Math.PI)).toBeLessThan(1e-15);
    expect(Math.abs(hypersphereVolume(2, 4) - Math.PI ** 2 / 2)).toBeLessThan(1e-14);
  });

  it('large dimensions in log space agree with the direct formula and underflow to 0', () => {
    const direct = (Math.PI ** 150 / 1) * 0.5 ** 300; // times 1/Γ(151) = 1/150!
    let fact = 1;
    for (let k = 2; k <= 150; k++) fact *= k;
    expect(Math.abs(hypersphereVolume(1, 300) - direct / fact)).toBeLessThanOrEqual(1e-12 * (direct / fact));
    const v301 = hypersphereVolume(1, 301);
    expect(v301).toBeGreaterThan(0);
    expect(v301).toBeLessThan(hypersphereVolume(1, 300));
    expect(hypersphereVolume(1, 5000)).toBe(0);
    expect(hypersphereVolume(0, 5)).toBe(0);
  });

  it('bad input', () => {
    expect(() => hypersphereVolume(-1, 2)).toThrow(
      /hypersphereVolume: diameter must be a finite non-negative number, received -1/,
    );
    expect(() => hypersphereVolume(1, 2.5)).toThrow(
      /hypersphereVolume: dimensions must be a positive integer, received 2\.5/,
    );
    expect(() => hypersphereVolume(1, 0)).toThrow(ValueError);
  });
});

describe('outerShellVolumeFraction', () => {
  it('equals (V(r) − V(0.99 r)) / V(r) from the volume formula', () => {
    for (const d of [1, 2, 3, 10, 50, 100, 250]) {
      const ratio = (hypersphereVolume(1, d) - hypersphereVolume(0.99, d)) / hypersphereVolume(1, d);
      expect(Math.abs(outerShellVolumeFraction(d) - ratio), `${d}D`).toBeLessThan(1e-12);
    }
    expect(outerShellVolumeFraction(10, 0.5)).toBeCloseTo(1 - 0.5 ** 10, 15);
    expect(outerShellVolumeFraction(3, 0)).toBe(0);
    expect(outerShellVolumeFraction(3, 1)).toBe(1);
  });

  it('bad input', () => {
    expect(() => outerShellVolumeFraction(0)).toThrow(
      /outerShellVolumeFraction: dimensions must be a positive integer/,
    );
    expect(() => outerShellVolumeFraction(2, 1.5)).toThrow(
      /outerShellVolumeFraction: shellFraction must be a number in \[0, 1\]/,
    );
  });
});
