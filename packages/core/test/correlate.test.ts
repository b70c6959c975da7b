// `correlate` / `convolve` against numpy's np.correlate / np.convolve (tests/fixtures/
// udl_shattered_gradients.json, written by tests/fixtures/gen_udl_shattered_gradients.py with
// numpy 2.4.6): 13 pairs of lengths (a longer, v longer, equal, odd, even, 1, 256) in the three
// modes. numpy's float64 dot sums through BLAS (ddot) in another order than our left-to-right
// loop, so each value is compared at 1e-13 of Σ|a_i v_j| (the scale of its rounding error).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convolve, correlate, ShapeError, tensor, ValueError } from '../src/index.js';

type Mode = 'valid' | 'same' | 'full';
type Case = { a: number[]; v: number[] } & Record<string, number[]>;
const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/udl_shattered_gradients.json', import.meta.url), 'utf8'),
) as { correlate: Case[] };

const scale = (a: number[], v: number[]) =>
  a.reduce((s, x) => s + Math.abs(x), 0) * v.reduce((s, x) => s + Math.abs(x), 0);

describe('correlate / convolve (numpy.correlate / numpy.convolve)', () => {
  const modes: Mode[] = ['valid', 'same', 'full'];
  const cases = fx.correlate.flatMap((c) =>
    modes.map((m) => [`[${c.a.length}] with [${c.v.length}], ${m}`, c, m] as const),
  );

  it.each(cases)('equals numpy: %s', (_, c, mode) => {
    const tol = 1e-13 * scale(c.a, c.v);
    for (const [name, fn] of [
      ['correlate', correlate],
      ['convolve', convolve],
    ] as const) {
      const got = fn(c.a, c.v, mode).toArray() as number[];
      const want = c[`${name}_${mode}`]!;
      expect(got.length, name).toBe(want.length);
      got.forEach((g, i) => expect(Math.abs(g - want[i]!), `${name}[${i}]`).toBeLessThanOrEqual(tol));
    }
  });

  it('places lag 0 at index ⌊N/2⌋ in mode same (the autocorrelation peak)', () => {
    const x = [0.5, -1, 2, 0.25, 1, -0.75];
    const ac = correlate(x, x, 'same').toArray() as number[];
    const energy = x.reduce((s, v) => s + v * v, 0);
    expect(ac[3]).toBeCloseTo(energy, 14);
    expect(Math.max(...ac)).toBe(ac[3]);
  });

  it('defaults to numpy’s modes and keeps float32', () => {
    expect(correlate([1, 2, 3], [0, 1, 0.5]).toArray()).toEqual([3.5]);
    expect(convolve([1, 2, 3], [0, 1, 0.5]).toArray()).toEqual([0, 1, 2.5, 4, 1.5]);
    expect(correlate(tensor([1, 2], { dtype: 'float32' }), tensor([1], { dtype: 'float32' })).dtype).toBe(
      'float32',
    );
    expect(correlate(tensor([1, 2], { dtype: 'int32' }), [1]).dtype).toBe('float64');
  });

  it('rejects bad input with typed errors', () => {
    expect(() => correlate([[1, 2]], [1])).toThrow(ShapeError);
    expect(() => correlate([[1, 2]], [1])).toThrow(/a must be 1-D, received shape \[1,2\]/);
    expect(() => convolve([1], [])).toThrow(/v is empty/);
    expect(() => correlate([1], [1], 'middle' as 'same')).toThrow(ValueError);
    expect(() => correlate([1], [1], 'middle' as 'same')).toThrow(
      /mode must be 'valid', 'same' or 'full', received/,
    );
  });
});
