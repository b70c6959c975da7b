import { describe, expect, it } from 'vitest';
import {
  arange,
  chunk,
  columnStack,
  concat,
  enableGrad,
  expandDims,
  flatten,
  flip,
  fromData,
  gradients,
  hstack,
  meshgrid,
  moveaxis,
  ones,
  pad,
  permute,
  ravel,
  repeat,
  reshape,
  ShapeError,
  split,
  squeeze,
  stack,
  swapaxes,
  type Tensor,
  take,
  tensor,
  tile,
  transpose,
  unsqueeze,
  ValueError,
  vstack,
  zeros,
} from '../src/index.js';
import { fdCheck, loadCoreLinalg, vals } from './helpers.js';

// numpy reference values: tests/fixtures/gen_core_linalg.py -> core_linalg.json (exact for these integer-valued ops)
const F = loadCoreLinalg();
const S = F.shapeops;

describe('reshape family', () => {
  it('reshape with -1, flatten, ravel, squeeze, unsqueeze', () => {
    const x = arange(24);
    expect(reshape(x, 2, -1, 4).shape).toEqual([2, 3, 4]);
    expect(x.reshape([4, -1]).shape).toEqual([4, 6]);
    expect(flatten(zeros([2, 3, 4]), 1).shape).toEqual([2, 12]);
    expect(zeros([2, 3, 4]).flatten().shape).toEqual([24]);
    expect(ravel(zeros([2, 3])).shape).toEqual([6]);
    expect(squeeze(zeros([1, 3, 1])).shape).toEqual([3]);
    expect(squeeze(zeros([1, 3, 1]), -1).shape).toEqual([1, 3]);
    expect(unsqueeze(zeros([3]), 0).shape).toEqual([1, 3]);
    expect(expandDims(zeros([3]), -1).shape).toEqual([3, 1]);
    expect(zeros([2, 3]).unsqueeze([0, -1]).shape).toEqual([1, 2, 3, 1]);
    expect(reshape(tensor(5), [1, 1]).toArray()).toEqual([[5]]);
  });
  it('names both shapes when sizes differ', () => {
    expect(() => reshape(arange(6), [4, 2])).toThrow(ShapeError);
    expect(() => reshape(arange(6), [4, 2])).toThrow(
      /reshape: cannot reshape tensor of shape \[6\] .*into shape \[4,2\]/,
    );
    expect(() => reshape(arange(6), [-1, 4])).toThrow(/shape \[6\].*\[-1,4\]/);
    expect(() => reshape(arange(6), [-1, -1])).toThrow(ValueError);
    expect(() => squeeze(zeros([2, 3]), 0)).toThrow(/squeeze: .*axis 0 of shape \[2,3\] has size 2/);
  });
});

describe('permutations match numpy', () => {
  const x = tensor(S.x);
  it('transpose, permute, .T, swapaxes, moveaxis', () => {
    expect(transpose(x).toArray()).toEqual(S.transpose);
    expect(x.T.toArray()).toEqual(S.transpose);
    expect(transpose(x, [1, 2, 0]).toArray()).toEqual(S.transpose_120);
    expect(permute(x, 1, 2, 0).toArray()).toEqual(S.transpose_120);
    expect(x.permute([1, 2, 0]).toArray()).toEqual(S.transpose_120);
    expect(swapaxes(x, 0, 2).toArray()).toEqual(S.swapaxes_02);
    expect(moveaxis(x, 0, -1).toArray()).toEqual(S.moveaxis_0_m1);
    expect(tensor([[1, 2, 3]]).T.toArray()).toEqual([[1], [2], [3]]);
    expect(() => transpose(x, [0, 0, 1])).toThrow(/transpose: axes \[0,0,1\] repeat an axis/);
  });
  it('flip, tile, repeat, pad, take', () => {
    expect(flip(x).toArray()).toEqual(S.flip_none);
    expect(x.flip(1).toArray()).toEqual(S.flip_1);
    expect(tile(tensor([[1, 2]]), [2, 3]).toArray()).toEqual(S.tile_23);
    expect(tile(x, 2).toArray()).toEqual(S.tile_2_on_3d);
    expect(repeat(x, 2).toArray()).toEqual(S.repeat_2);
    expect(x.repeat([1, 0, 2], 1).toArray()).toEqual(S.repeat_axis1);
    expect(
      pad(
        x,
        [
          [0, 1],
          [2, 0],
          [1, 1],
        ],
        { value: -1 },
      ).toArray(),
    ).toEqual(S.pad);
    expect(
      take(x, [
        [0, 23],
        [5, 5],
      ]).toArray(),
    ).toEqual(S.take_flat);
    expect(take(x, [2, 0], 1).toArray()).toEqual(S.take_axis1);
  });
  it('concat, stack, split, chunk', () => {
    expect(concat([x, x.index(':', ':', ':1').mul(10)], 2).toArray()).toEqual(S.concat_axis2);
    expect(stack([x, x.neg()], 1).toArray()).toEqual(S.stack_axis1);
    expect(split(x, 2, 2).map((p) => p.toArray())).toEqual(S.split_2_axis2);
    expect(x.split([1, 2], 1).map((p) => p.toArray())).toEqual(S.split_idx_axis1);
    expect(chunk(arange(5), 2).map((p) => p.toArray())).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(concat([tensor([1], { dtype: 'int32' }), tensor([0.5])]).dtype).toBe('float64');
    expect(() => concat([zeros([2, 3]), zeros([2, 4])])).toThrow(
      /concat: sizes must match except along axis 0, but tensors\[0\] has shape \[2,3\] and tensors\[1\] has shape \[2,4\]/,
    );
    expect(() => stack([zeros([2]), zeros([3])])).toThrow(ShapeError);
    expect(() => split(arange(5), 2)).toThrow(/equal division/);
  });
});

describe('vstack, hstack, columnStack, meshgrid match numpy', () => {
  it('stack helpers', () => {
    expect(vstack([arange(3), arange(6).reshape(2, 3)]).toArray()).toEqual(S.vstack);
    expect(hstack([arange(6).reshape(3, 2), ones([3, 1])]).toArray()).toEqual(S.hstack_2d);
    expect(hstack([arange(2), arange(3)]).toArray()).toEqual(S.hstack_1d);
    expect(columnStack([arange(3), arange(6).reshape(3, 2)]).toArray()).toEqual(S.column_stack);
  });
  it('meshgrid xy (3 inputs) and ij', () => {
    expect(meshgrid(arange(3), arange(2).mul(10), arange(2).mul(100)).map((t) => t.toArray())).toEqual(
      S.meshgrid_xy,
    );
    expect(meshgrid(arange(3), arange(2).mul(10), { indexing: 'ij' }).map((t) => t.toArray())).toEqual(
      S.meshgrid_ij,
    );
  });
  it('gradients flow through them', () => {
    fdCheck((a, b) => vstack([a, b]).mul(vals([3, 2])), [vals([2]), vals([2, 2], 2)]);
    fdCheck(
      (a, b) => {
        const [X, Y] = meshgrid(a, b) as [Tensor, Tensor];
        return X.mul(Y).mul(Y);
      },
      [vals([3]), vals([2], 2)],
    );
  });
});

describe('backward rules (finite differences)', () => {
  it('reshape, transpose, permute, squeeze/unsqueeze', () => {
    fdCheck((a) => reshape(a, [3, -1]).mul(vals([3, 4], 2)), [vals([2, 6])]);
    fdCheck((a) => transpose(a).mul(vals([4, 3, 2], 3)), [vals([2, 3, 4])]);
    fdCheck((a) => permute(a, 2, 0, 1).mul(vals([4, 2, 3], 3)), [vals([2, 3, 4])]);
    fdCheck((a) => a.T.mul(a.T), [vals([3, 2])]);
    fdCheck((a) => squeeze(unsqueeze(a, 1)).mul(a), [vals([3])]);
  });
  it('concat, stack, split, chunk', () => {
    fdCheck((a, b) => concat([a, b, a], 1).mul(vals([2, 8])), [vals([2, 3]), vals([2, 2], 5)]);
    fdCheck((a, b) => stack([a, b], -1).mul(vals([2, 3, 2])), [vals([2, 3]), vals([2, 3], 5)]);
    fdCheck(
      (a) => {
        const [p, q, r] = split(a, [1, 3], 1) as [Tensor, Tensor, Tensor];
        return concat([r.mul(q.index(':', ':1')), p.mul(p)], 1);
      },
      [vals([2, 4])],
    );
    fdCheck((a) => chunk(a, 2, 0)[1]!.mul(2), [vals([5, 2])]);
  });
  it('tile, repeat, flip, pad', () => {
    fdCheck((a) => tile(a, [2, 1, 3]).mul(vals([2, 2, 9])), [vals([2, 3])]);
    fdCheck((a) => repeat(a, 3, 1).mul(vals([2, 9])), [vals([2, 3])]);
    fdCheck((a) => repeat(a, [2, 0, 1], 0).mul(vals([3, 2])), [vals([3, 2])]);
    fdCheck((a) => repeat(a, 2).mul(vals([12])), [vals([2, 3])]);
    fdCheck((a) => flip(a, [0, 2]).mul(vals([2, 3, 2])), [vals([2, 3, 2])]);
    fdCheck(
      (a) =>
        pad(
          a,
          [
            [1, 0],
            [2, 1],
          ],
          { value: 3 },
        ).mul(
          pad(a, [
            [0, 1],
            [0, 3],
          ]),
        ),
      [vals([2, 3])],
    );
  });
  it('second derivatives through shape ops', () => {
    // f(a) = sum(w * (T(a) * T(a))) ; check d/da of (grad f . v) by finite differences
    fdCheck(
      (a0) => {
        const a = a0.requiresGrad ? a0 : fromData(Float64Array.from(a0.data), a0.shape).requiresGrad_();
        return enableGrad(() => {
          const y = transpose(a)
            .mul(transpose(a))
            .mul(vals([3, 2], 4));
          const [g] = gradients(y, [a], { gradOutput: ones(y.shape), createGraph: true });
          return flip(g!, 0).mul(tile(a, 1));
        });
      },
      [vals([2, 3])],
    );
  });
});
