import { describe, expect, it } from 'vitest';
import { argsort, IndexError, sort, tensor, topk } from '../src/index.js';
import { fdCheck, flat, loadCoreLinalg, vals } from './helpers.js';

// numpy reference values (np.sort / np.argsort with kind='stable'): tests/fixtures/gen_core_linalg.py
const F = loadCoreLinalg();

describe('sort and argsort match numpy (stable, NaN last)', () => {
  it.each<[string, any]>(
    F.sort.map((c: { shape: number[]; axis: number | null }) => [
      `shape ${JSON.stringify(c.shape)} axis ${c.axis}`,
      c,
    ]),
  )('%s', (_n, c) => {
    const x = tensor(flat(c.x)).reshape(c.shape);
    const s = sort(x, { axis: c.axis });
    const a = argsort(x, { axis: c.axis });
    expect(a.dtype).toBe('int32');
    expect(Array.from(a.data)).toEqual(flat(c.argsort));
    // toEqual treats NaN as equal to NaN
    expect(Array.from(s.data)).toEqual(flat(c.sort));
  });
  it('descending: largest first, ties in original order, NaN first', () => {
    const x = tensor([1, 3, Number.NaN, 3, 2]);
    expect(argsort(x, { descending: true }).toArray()).toEqual([2, 1, 3, 4, 0]);
    expect(x.sort({ descending: true }).toList()).toEqual([Number.NaN, 3, 3, 2, 1]);
    expect(argsort(tensor([2, 1, 2], { dtype: 'int32' })).toArray()).toEqual([1, 0, 2]);
  });
});

describe('topk', () => {
  it('values and indices along an axis', () => {
    const { values, indices } = topk(tensor([1, 5, 3, 5]), 2);
    expect(values.toArray()).toEqual([5, 5]);
    expect(indices.toArray()).toEqual([1, 3]);
    const r = tensor([
      [4, 1, 3],
      [0, 9, 2],
    ]).topk(2, { axis: 1, largest: false });
    expect(r.values.toArray()).toEqual([
      [1, 3],
      [0, 2],
    ]);
    expect(r.indices.toArray()).toEqual([
      [1, 2],
      [0, 2],
    ]);
    const c = topk(
      tensor([
        [4, 1],
        [0, 9],
      ]),
      1,
      { axis: 0 },
    );
    expect(c.values.toArray()).toEqual([[4, 9]]);
    expect(() => topk(tensor([1, 2]), 3)).toThrow(IndexError);
    expect(() => topk(tensor([1, 2]), 3)).toThrow(/topk: k \(3\) is larger than the size 2 of axis 0/);
  });
});

describe('backward rules (finite differences)', () => {
  it('sort routes each gradient to the element it came from', () => {
    fdCheck((a) => sort(a), [vals([7])]);
    fdCheck((a) => sort(a, { axis: 0, descending: true }), [vals([4, 3])]);
    fdCheck((a) => sort(a, { axis: null }), [vals([2, 3])]);
    fdCheck((a) => topk(a, 2, { axis: 1 }).values, [vals([3, 4])]);
  });
});
