// isclose / allclose against numpy.isclose / numpy.allclose: tests/fixtures/gen_core_allclose.py
// -> core_allclose.json. Exact: the results are booleans.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allclose, isclose, ShapeError, tensor, ValueError } from '../src/index.js';
import { decodeNested } from './helpers.js';

type Num = number | string;
type Nested = Num | Nested[];
interface Case {
  name: string;
  a: Nested;
  b: Nested;
  rtol: number;
  atol: number;
  equal_nan: boolean;
  isclose: boolean | unknown[];
  allclose: boolean;
}
const F = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/core_allclose.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

describe('isclose / allclose (numpy parity)', () => {
  for (const c of F.cases)
    it(c.name, () => {
      const a = decodeNested(c.a) as number[];
      const b = decodeNested(c.b) as number[];
      const options = { rtol: c.rtol, atol: c.atol, equalNan: c.equal_nan };
      expect(isclose(tensor(a), tensor(b), options).toArray()).toEqual(c.isclose);
      expect(allclose(a, b, options)).toBe(c.allclose);
    });

  it('uses numpy defaults (rtol 1e-5, atol 1e-8) and accepts numbers', () => {
    expect(allclose(1, 1 + 9e-6)).toBe(true);
    expect(allclose(1, 1 + 2e-5)).toBe(false);
    expect(isclose(tensor([1, 1.00001, 2]), 1).toArray()).toEqual([true, true, false]);
  });

  it('names the function and the argument in its errors', () => {
    expect(() => allclose([1, 2], [1, 2, 3])).toThrow(ShapeError);
    expect(() => allclose([1, 2], [1, 2, 3])).toThrow(/^allclose: /);
    expect(() => isclose(1, 1, { rtol: -1 })).toThrow(ValueError);
    expect(() => isclose(1, 1, { atol: Number.NaN })).toThrow(
      /isclose: atol must be a non-negative number, received NaN/,
    );
  });
});
