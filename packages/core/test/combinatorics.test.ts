// comb(n, k) against Python's math.comb: tests/fixtures/gen_combinatorics.py -> combinatorics.json
// (big integers stored as decimal strings). Tolerance: exact — every value equals String(bigint),
// and Number(comb(n, k)) equals Python's float(math.comb(n, k)) bit for bit (Infinity where Python
// raises OverflowError).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comb, GradkitError, ValueError } from '../src/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/combinatorics.json', import.meta.url), 'utf8'),
) as { comb: { n: number; k: number; value: string; float: number | null }[] };

describe('comb (math.comb)', () => {
  it(`equals Python's math.comb exactly on ${fx.comb.length} cases, up to C(3000, 1500)`, () => {
    for (const c of fx.comb) {
      const v = comb(c.n, c.k);
      expect(typeof v).toBe('bigint');
      expect(v.toString(), `comb(${c.n}, ${c.k})`).toBe(c.value);
      expect(Number(v), `Number(comb(${c.n}, ${c.k}))`).toBe(c.float ?? Number.POSITIVE_INFINITY);
    }
  });

  it('takes bigint arguments and gives 0n for k > n, as Python does', () => {
    expect(comb(50n, 10n)).toBe(10272278170n);
    expect(comb(50, 10n)).toBe(10272278170n);
    expect(comb(8, 9)).toBe(0n);
    expect(comb(0, 0)).toBe(1n);
    expect(comb(7, 0)).toBe(1n);
    expect(comb(7, 7)).toBe(1n);
  });

  it('rejects negative, fractional and non-numeric arguments with a ValueError naming the argument', () => {
    expect(() => comb(-1, 2)).toThrow(ValueError);
    expect(() => comb(-1, 2)).toThrow(/^comb: n must be a non-negative integer .*received -1$/);
    expect(() => comb(5, -2n)).toThrow(/^comb: k must be a non-negative integer, received -2n$/);
    expect(() => comb(5.5, 2)).toThrow(/comb: n .*received 5\.5/);
    expect(() => comb(5, Number.NaN)).toThrow(ValueError);
    expect(() => comb(2 ** 60, 1)).toThrow(/safe-integer/);
    expect(() => comb('5' as unknown as number, 1)).toThrow(GradkitError);
  });
});
