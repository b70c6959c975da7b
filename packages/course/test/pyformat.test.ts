// pyFormat against CPython's `%` formatting (tests/fixtures/course_pyformat.json, written by
// gen_course_pyformat.py): every string equal, exact ties rounded half to even.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat, pyStr } from '../src/pyformat.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/course_pyformat.json', import.meta.url), 'utf8'),
) as { python: string; cases: [string, number | string, string][] };
const decode = (v: number | string) =>
  typeof v === 'number'
    ? v
    : v === 'nan'
      ? Number.NaN
      : v === 'inf'
        ? Number.POSITIVE_INFINITY
        : v === '-inf'
          ? Number.NEGATIVE_INFINITY
          : Number(v);

describe('pyFormat', () => {
  it(`equals CPython ${fixture.python}'s % formatting on ${fixture.cases.length} cases`, () => {
    const wrong: string[] = [];
    for (const [fmt, v, want] of fixture.cases) {
      const got = pyFormat(fmt, decode(v));
      if (got !== want)
        wrong.push(`${fmt} % ${String(v)}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
  it('formats tuples, %% and strings; refuses a missing or extra argument', () => {
    expect(pyFormat('Correct answer = %3.3f, Your answer = %3.3f', 0.119, 0.11932)).toBe(
      'Correct answer = 0.119, Your answer = 0.119',
    );
    expect(pyFormat('%d%% of %s', 37, 'them')).toBe('37% of them');
    expect(() => pyFormat('%f %f', 1)).toThrow(/not enough arguments/);
    expect(() => pyFormat('%f', 1, 2)).toThrow(/not all arguments converted/);
    expect(() => pyFormat('%f', 'x')).toThrow(/real number is required/);
  });
  it('pyStr writes numbers as Python does', () => {
    expect(pyStr(1)).toBe('1.0');
    expect(pyStr(0.1)).toBe('0.1');
    expect(pyStr(1e-7)).toBe('1e-07');
    expect(pyStr([1.5, 2])).toBe('[1.5, 2.0]');
  });
});
