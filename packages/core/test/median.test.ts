// `median` against numpy's np.median (tests/fixtures/udl_ensembling.json, written by
// tests/fixtures/gen_udl_ensembling.py with numpy 2.4.6): exact, since both sort and take the
// middle entry or (a + b) / 2 of the two middle entries.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { median, tensor, ValueError } from '../src/index.js';

interface Case {
  a: unknown;
  shape: number[];
  axis: number | null;
  median: number | unknown[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/udl_ensembling.json', import.meta.url), 'utf8'),
) as { median_cases: Case[]; all_y_model: number[][]; y_model_median: number[] };

describe('median (numpy.median)', () => {
  it.each(fx.median_cases.map((c) => [`shape [${c.shape}] axis ${c.axis}`, c] as const))(
    'equals numpy: %s',
    (_, c) => {
      const m = median(tensor(c.a as number[]), { axis: c.axis });
      expect(m.toArray()).toEqual(c.median);
    },
  );

  it('equals numpy on the UDL 9.3 ensemble (4 models × 100 inputs, axis 0)', () => {
    expect(median(tensor(fx.all_y_model), { axis: 0 }).toArray()).toEqual(fx.y_model_median);
  });

  it('keeps dims, takes dtypes as numpy does, propagates NaN', () => {
    const x = tensor([
      [10, 7, 4],
      [3, 2, 1],
    ]);
    expect(median(x).item()).toBe(3.5);
    expect(median(x, { axis: 0 }).toArray()).toEqual([6.5, 4.5, 2.5]);
    expect(median(x, { axis: -1, keepdims: true }).toArray()).toEqual([[7], [2]]);
    expect(median(x, { keepdims: true }).shape).toEqual([1, 1]);
    expect(median(tensor([1, 2, 3, 4], { dtype: 'int32' })).dtype).toBe('float64');
    expect(median(tensor([1, 2], { dtype: 'float32' })).dtype).toBe('float32');
    expect(median(tensor([1, Number.NaN, 3])).item()).toBeNaN();
    expect(median([1.7e308, 1.6e308]).item()).toBe(Number.POSITIVE_INFINITY); // (a + b) / 2 as numpy
  });

  it('throws typed errors naming the argument', () => {
    expect(() => median(tensor([1, 2]), { axis: 2 })).toThrow(/median: axis 2 is out of range/);
    expect(() => median(tensor([]))).toThrow(ValueError);
    expect(() => median(tensor([]))).toThrow(/median of an empty slice/);
    expect(() => median(tensor([1]), { keepdims: 1 as never })).toThrow(
      /median: keepdims must be true or false/,
    );
  });
});
