import { describe, expect, it } from 'vitest';
import {
  arange,
  DTypeError,
  enableGrad,
  fromData,
  gather,
  gradients,
  IndexError,
  type IndexSpec,
  index,
  indexPut,
  indexSelect,
  maskedSelect,
  newaxis,
  ones,
  scatterAdd,
  setIndex,
  slice,
  type Tensor,
  take,
  tensor,
  zeros,
} from '../src/index.js';
import { fdCheck, loadCoreLinalg, vals } from './helpers.js';

// numpy reference values: tests/fixtures/gen_core_linalg.py -> core_linalg.json (exact: integer data)
const F = loadCoreLinalg();

const i32 = (v: unknown): Tensor => tensor(v as number[], { dtype: 'int32' });

describe('numpy indexing', () => {
  it.each<[string, any]>(F.index.map((c: { specs: unknown[] }) => [JSON.stringify(c.specs), c]))(
    'x[%s] matches numpy',
    (_name, c) => {
      const { shape, specs, out, outShape } = c as {
        shape: number[];
        specs: IndexSpec[];
        out: unknown;
        outShape: number[];
      };
      const x = arange(shape.reduce((a, b) => a * b, 1)).reshape(shape);
      const r = index(x, ...specs);
      expect(r.shape).toEqual(outShape);
      expect(r.toArray()).toEqual(out);
    },
  );
  it('method form, Slice objects, newaxis, ellipsis, scalars', () => {
    const x = arange(12).reshape(3, 4);
    expect(x.index(slice(null, null, -2), slice(1, 3)).toArray()).toEqual([
      [9, 10],
      [1, 2],
    ]);
    expect(x.index(newaxis, '...', 0).shape).toEqual([1, 3]);
    expect(x.index(1, 2).shape).toEqual([]);
    expect(x.index(1, 2).item()).toBe(6);
    expect(x.index([':', 0]).toArray()).toEqual([0, 4, 8]);
    expect(x.index(x.greater(8)).toArray()).toEqual([9, 10, 11]);
    expect(x.index(tensor([2, 0], { dtype: 'int32' })).shape).toEqual([2, 4]);
  });
  it('errors name the op, axis, index and size', () => {
    const x = arange(12).reshape(3, 4);
    expect(() => x.index(':', 4)).toThrow(IndexError);
    expect(() => x.index(':', 4)).toThrow('index: index 4 is out of bounds for axis 1 with size 4');
    expect(() => x.index([0, -4])).toThrow('index: index -4 is out of bounds for axis 0 with size 3');
    expect(() => x.index(0, 0, 0)).toThrow(/too many indices: the tensor has shape \[3,4\]/);
    expect(() => x.index('...', 0, '...')).toThrow(/single ellipsis/);
    expect(() => x.index([true, false])).toThrow(
      /boolean mask of shape \[2\] does not match the indexed dimensions \[3\]/,
    );
    expect(() => x.index([0.5])).toThrow(/integers/);
    expect(() => take(x, [12])).toThrow('take: index 12 is out of bounds for axis 0 with size 12');
    expect(() => gather(x, 1, i32([[4]]))).toThrow('gather: index 4 is out of bounds for axis 1 with size 4');
  });
});

describe('take, indexSelect, maskedSelect, gather, scatterAdd, setIndex, indexPut', () => {
  it('compute like numpy / PyTorch', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(take(x, [1, 1, 0], 0).toArray()).toEqual([
      [3, 4],
      [3, 4],
      [1, 2],
    ]);
    expect(take(x, 3).item()).toBe(4);
    expect(indexSelect(x, 1, [1]).toArray()).toEqual([[2], [4]]);
    expect(maskedSelect(x, tensor([true, false])).toArray()).toEqual([1, 3]);
    expect(
      gather(
        x,
        1,
        i32([
          [0, 0],
          [1, 0],
        ]),
      ).toArray(),
    ).toEqual([
      [1, 1],
      [4, 3],
    ]);
    expect(gather(x, 0, i32([[1, 0]])).toArray()).toEqual([[3, 2]]);
    expect(scatterAdd(zeros([3]), 0, i32([0, 2, 0]), tensor([1, 2, 3])).toArray()).toEqual([4, 0, 2]);
    expect(
      scatterAdd(
        zeros([2, 3]),
        1,
        i32([
          [2, 2],
          [0, 1],
        ]),
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ).toArray(),
    ).toEqual([
      [0, 0, 3],
      [3, 4, 0],
    ]);
    expect(setIndex(zeros([2, 3]), [':', 1], 5).toArray()).toEqual([
      [0, 5, 0],
      [0, 5, 0],
    ]);
    expect(
      setIndex(
        zeros([2, 3]),
        [[1, 0]],
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).toArray(),
    ).toEqual([
      [4, 5, 6],
      [1, 2, 3],
    ]);
    expect(x.setIndex(x.greater(2), 0).toArray()).toEqual([
      [1, 2],
      [0, 0],
    ]);
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]); // functional: the input is untouched
    expect(indexPut(zeros([3]), [[0, 0, 2]], tensor([1, 2, 3]), true).toArray()).toEqual([3, 0, 3]);
    expect(indexPut(zeros([3]), [[0, 2]], 7).toArray()).toEqual([7, 0, 7]);
    expect(() => scatterAdd(zeros([3]), 0, i32([0]), tensor([1, 2]))).toThrow(
      /src has shape \[2\] but index has shape \[1\]/,
    );
    expect(() => take(x, tensor([true, false]))).toThrow(DTypeError);
  });
});

describe('backward rules (finite differences)', () => {
  it('basic slicing scatters into zeros', () => {
    fdCheck((a) => a.index('1:', '::-2').mul(vals([2, 2])), [vals([3, 4])]);
    fdCheck((a) => a.index(0, null, '...', 1).mul(3), [vals([2, 3, 2])]);
  });
  it('advanced indices accumulate repeated positions', () => {
    fdCheck((a) => a.index(':', [0, 2, 0, 0]).mul(vals([3, 4])), [vals([3, 3])]);
    fdCheck(
      (a) =>
        a
          .index(
            [
              [1, 1],
              [0, 2],
            ],
            ':',
            [0, 0],
          )
          .mul(vals([2, 2, 3])),
      [vals([3, 3, 2])],
    );
    fdCheck((a) => take(a, [5, 0, 5]).mul(a.index(0, ':3')), [vals([2, 3])]);
    fdCheck((a) => indexSelect(a, 1, [2, 2]).mul(vals([2, 2])), [vals([2, 3])]);
  });
  it('masks scatter', () => {
    const m = tensor([
      [true, false, true],
      [false, false, true],
    ]);
    fdCheck((a) => a.index(m).mul(vals([3])), [vals([2, 3])]);
    fdCheck((a) => a.index(':', [true, false, true]).mul(vals([2, 2])), [vals([2, 3])]);
    fdCheck((a) => maskedSelect(a, tensor([false, true, true])).mul(vals([4])), [vals([2, 3])]);
  });
  it('gather, scatterAdd, setIndex, indexPut', () => {
    const idx = i32([
      [0, 2, 2],
      [1, 1, 0],
    ]);
    fdCheck((a) => gather(a, 1, idx).mul(vals([2, 3])), [vals([2, 3])]);
    fdCheck(
      (a, s) =>
        scatterAdd(
          a,
          0,
          i32([
            [1, 0],
            [1, 1],
          ]),
          s,
        ).mul(vals([2, 3])),
      [vals([2, 3]), vals([2, 2], 4)],
    );
    fdCheck((a, v) => setIndex(a, [':', [2, 0]], v).mul(vals([3, 3])), [vals([3, 3]), vals([2], 3)]);
    fdCheck((a, v) => indexPut(a, [[0, 0, 1]], v, true).mul(vals([2, 2])), [vals([2, 2]), vals([1, 2], 3)]);
  });
  it('second derivatives through indexing', () => {
    fdCheck(
      (a0) => {
        const a = a0.requiresGrad ? a0 : fromData(Float64Array.from(a0.data), a0.shape).requiresGrad_();
        return enableGrad(() => {
          const y = a.index(':', [1, 1, 0]).mul(a.index(':', [0, 1, 2]));
          const [g] = gradients(y, [a], { gradOutput: ones(y.shape), createGraph: true });
          return g!.index('::-1').mul(a);
        });
      },
      [vals([2, 3])],
    );
  });
});
