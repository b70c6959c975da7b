/**
 * Shape manipulation with numpy semantics — reshape, transpose/permute, squeeze/unsqueeze,
 * concat/stack/split, tile/repeat, flip, pad — each with its autograd backward rule beside it.
 *
 * Reshapes share storage (tensors are immutable, so a reshape is free); transposes, flips and
 * slices are strided reads (`asStrided`). Backward rules invert the op: reshape back, transpose
 * by the inverse permutation, flip again, slice the gradient of a concat, crop the gradient of a
 * pad. `tile` and integer `repeat` are built from reshape + `broadcastTo`, so their backward is
 * the broadcast adjoint (`sumToShape`) with no rule of their own.
 */
import { record } from '../autograd/engine.js';
import { allocate, castValue, type DType, promoteTypes } from '../dtype.js';
import { ShapeError, show, showShape, ValueError } from '../errors.js';
import { normalizeAxis, sameShape, shapeSize, stridesOf } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';
import { broadcastTo } from './arith.js';
import { asStrided, index, slice, take } from './indexing.js';
import { astype } from './unary.js';

/** A shape argument: one dimension, or an array of them (`reshape(x, 2, 3)` or `reshape(x, [2, 3])`). */
export type ShapeSpec = number | readonly number[];

function flatShape(op: string, parts: readonly ShapeSpec[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (Array.isArray(p)) out.push(...p);
    else throw new ValueError(op, `shape must be numbers or an array of numbers, received ${show(p)}`);
  }
  for (const d of out)
    if (!Number.isInteger(d)) throw new ValueError(op, `shape must contain integers, received ${show(out)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// reshape family
// ---------------------------------------------------------------------------------------------

/**
 * numpy's `reshape`: the same elements in row-major order with a new shape; one entry may be -1
 * (inferred). Accepts `reshape(x, [2, 3])` or `reshape(x, 2, 3)`. Shares storage with `x`.
 * Backward: reshape the gradient back to `x.shape`.
 *
 * ```ts
 * arange(6).reshape(2, -1).shape; // [2, 3]
 * ```
 */
export function reshape(x: TensorLike, ...shape: ShapeSpec[]): Tensor {
  const t = asTensor(x);
  const s = flatShape('reshape', shape);
  const neg = s.filter((d) => d === -1).length;
  if (neg > 1)
    throw new ValueError(
      'reshape',
      `can only specify one unknown dimension (-1), received shape ${showShape(s)}`,
    );
  for (const d of s)
    if (d < -1)
      throw new ValueError('reshape', `shape entries must be non-negative or -1, received ${showShape(s)}`);
  if (neg === 1) {
    const known = s.reduce((a, d) => (d === -1 ? a : a * d), 1);
    const k = s.indexOf(-1);
    if (known === 0 || t.size % known !== 0)
      throw new ShapeError(
        'reshape',
        `cannot reshape tensor of shape ${showShape(t.shape)} (size ${t.size}) into shape ${showShape(s)}`,
      );
    s[k] = t.size / known;
  }
  if (shapeSize(s) !== t.size)
    throw new ShapeError(
      'reshape',
      `cannot reshape tensor of shape ${showShape(t.shape)} (size ${t.size}) into shape ${showShape(s)} (size ${shapeSize(s)})`,
    );
  if (sameShape(s, t.shape)) return t;
  const out = new Tensor(t.data, s, t.dtype);
  return record(out, 'reshape', [t], (g) => [reshape(g, t.shape)]);
}

/**
 * Flatten dimensions `startDim..endDim` (inclusive) into one (PyTorch's `flatten`); with the
 * defaults it is numpy's `flatten()`: a 1-D tensor. Backward: reshape.
 *
 * ```ts
 * flatten(zeros([2, 3, 4]), 1).shape; // [2, 12]
 * ```
 */
export function flatten(x: TensorLike, startDim = 0, endDim = -1): Tensor {
  const t = asTensor(x);
  if (t.ndim === 0) return reshape(t, [1]);
  const a = normalizeAxis('flatten', startDim, t.ndim, 'startDim');
  const b = normalizeAxis('flatten', endDim, t.ndim, 'endDim');
  if (a > b) throw new ValueError('flatten', `startDim (${startDim}) must not come after endDim (${endDim})`);
  return reshape(t, [...t.shape.slice(0, a), shapeSize(t.shape.slice(a, b + 1)), ...t.shape.slice(b + 1)]);
}

/** numpy's `ravel`: the elements as a 1-D tensor (row-major). */
export function ravel(x: TensorLike): Tensor {
  return reshape(x, [-1]);
}

/**
 * Remove axes of length 1 (numpy's `squeeze`): all of them, or those named by `axis` (numpy
 * raises when a named axis is not of length 1, and so does this). Backward: reshape.
 *
 * ```ts
 * squeeze(zeros([1, 3, 1])).shape; // [3]
 * ```
 */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = asTensor(x);
  let drop: number[];
  if (axis === undefined || axis === null) drop = t.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  else {
    drop = (typeof axis === 'number' ? [axis] : [...axis]).map((a) => normalizeAxis('squeeze', a, t.ndim));
    for (const a of drop)
      if (t.shape[a] !== 1)
        throw new ValueError(
          'squeeze',
          `cannot select an axis to squeeze out which has size not equal to one: axis ${a} of shape ${showShape(t.shape)} has size ${t.shape[a]}`,
        );
  }
  return reshape(
    t,
    t.shape.filter((_, i) => !drop.includes(i)),
  );
}

/**
 * Insert an axis of length 1 at `axis` (numpy's `expand_dims`, PyTorch's `unsqueeze`); `axis`
 * may be negative (counted in the result) or a list. Backward: reshape.
 *
 * ```ts
 * unsqueeze(zeros([3]), 0).shape;  // [1, 3]
 * unsqueeze(zeros([3]), -1).shape; // [3, 1]
 * ```
 */
export function unsqueeze(x: TensorLike, axis: number | readonly number[]): Tensor {
  const t = asTensor(x);
  const axes = typeof axis === 'number' ? [axis] : [...axis];
  const nd = t.ndim + axes.length;
  const norm = axes.map((a) => normalizeAxis('unsqueeze', a, nd));
  if (new Set(norm).size !== norm.length)
    throw new ValueError('unsqueeze', `axis contains a repeated axis: ${show(axes)}`);
  const shape: number[] = [];
  let k = 0;
  for (let i = 0; i < nd; i++) shape.push(norm.includes(i) ? 1 : t.shape[k++]!);
  return reshape(t, shape);
}

/** numpy's name for `unsqueeze`. */
export const expandDims = unsqueeze;

// ---------------------------------------------------------------------------------------------
// axis permutations
// ---------------------------------------------------------------------------------------------

function checkPerm(op: string, axes: readonly number[], ndim: number): number[] {
  if (axes.length !== ndim)
    throw new ValueError(
      op,
      `axes ${show(axes)} do not match a tensor of ${ndim} dimension(s); expected a permutation of ${ndim} axes`,
    );
  const p = axes.map((a) => normalizeAxis(op, a, ndim));
  if (new Set(p).size !== p.length)
    throw new ValueError(op, `axes ${show(axes)} repeat an axis; expected a permutation`);
  return p;
}

/**
 * numpy's `transpose(x, axes)`: output axis `i` is input axis `axes[i]`; without `axes` the axes
 * are reversed (the matrix transpose for 2-D). Backward: transpose by the inverse permutation.
 *
 * ```ts
 * transpose(zeros([2, 3, 4])).shape;           // [4, 3, 2]
 * transpose(zeros([2, 3, 4]), [1, 0, 2]).shape; // [3, 2, 4]
 * ```
 */
export function transpose(x: TensorLike, axes?: readonly number[] | null): Tensor {
  const t = asTensor(x);
  const nd = t.ndim;
  const perm =
    axes === undefined || axes === null
      ? Array.from({ length: nd }, (_, i) => nd - 1 - i)
      : checkPerm('transpose', axes, nd);
  if (perm.every((p, i) => p === i)) return t;
  const st = stridesOf(t.shape);
  const out = asStrided(
    t.detach(),
    perm.map((p) => t.shape[p]!),
    perm.map((p) => st[p]!),
    0,
  );
  const inv = new Array<number>(nd);
  perm.forEach((p, i) => {
    inv[p] = i;
  });
  return record(out, 'transpose', [t], (g) => [transpose(g, inv)]);
}

/**
 * PyTorch's `permute(x, ...dims)`: `transpose` with the axes given as arguments or one array.
 *
 * ```ts
 * permute(zeros([2, 3, 4]), 2, 0, 1).shape; // [4, 2, 3]
 * ```
 */
export function permute(x: TensorLike, ...axes: ShapeSpec[]): Tensor {
  return transpose(x, flatShape('permute', axes));
}

/**
 * Exchange two axes (numpy's `swapaxes`, PyTorch's `transpose(dim0, dim1)`).
 *
 * ```ts
 * swapaxes(zeros([2, 3, 4]), 0, 2).shape; // [4, 3, 2]
 * ```
 */
export function swapaxes(x: TensorLike, axis1: number, axis2: number): Tensor {
  const t = asTensor(x);
  const a = normalizeAxis('swapaxes', axis1, t.ndim, 'axis1');
  const b = normalizeAxis('swapaxes', axis2, t.ndim, 'axis2');
  const perm = Array.from({ length: t.ndim }, (_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return transpose(t, perm);
}

/**
 * numpy's `moveaxis(x, source, destination)`: move one axis to a new position, others keep order.
 *
 * ```ts
 * moveaxis(zeros([2, 3, 4]), 0, -1).shape; // [3, 4, 2]
 * ```
 */
export function moveaxis(x: TensorLike, source: number, destination: number): Tensor {
  const t = asTensor(x);
  const s = normalizeAxis('moveaxis', source, t.ndim, 'source');
  const d = normalizeAxis('moveaxis', destination, t.ndim, 'destination');
  const rest = Array.from({ length: t.ndim }, (_, i) => i).filter((i) => i !== s);
  rest.splice(d, 0, s);
  return transpose(t, rest);
}

// ---------------------------------------------------------------------------------------------
// joining and splitting
// ---------------------------------------------------------------------------------------------

/**
 * numpy's `concatenate(tensors, axis)`: join along an existing axis. All inputs need the same
 * number of dimensions and equal sizes except along `axis`; the dtype is their numpy result
 * type. Backward: each input gets its slice of the gradient.
 *
 * ```ts
 * concat([zeros([2, 3]), ones([1, 3])]).shape;      // [3, 3]
 * concat([zeros([2, 3]), ones([2, 1])], 1).shape;   // [2, 4]
 * ```
 */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError('concat', `tensors must be a non-empty array, received ${show(tensors)}`);
  let ts = tensors.map((x) => asTensor(x));
  const first = ts[0]!;
  if (first.ndim === 0)
    throw new ShapeError('concat', 'zero-dimensional tensors cannot be concatenated; use stack');
  const ax = normalizeAxis('concat', axis, first.ndim);
  let dtype: DType = first.dtype;
  ts.forEach((t, i) => {
    if (t.ndim !== first.ndim)
      throw new ShapeError(
        'concat',
        `all inputs must have the same number of dimensions, but tensors[0] has shape ${showShape(first.shape)} and tensors[${i}] has shape ${showShape(t.shape)}`,
      );
    for (let d = 0; d < t.ndim; d++)
      if (d !== ax && t.shape[d] !== first.shape[d])
        throw new ShapeError(
          'concat',
          `sizes must match except along axis ${ax}, but tensors[0] has shape ${showShape(first.shape)} and tensors[${i}] has shape ${showShape(t.shape)}`,
        );
    dtype = promoteTypes(dtype, t.dtype);
  });
  ts = ts.map((t) => (t.dtype === dtype ? t : astype(t, dtype)));
  const outer = shapeSize(first.shape.slice(0, ax));
  const inner = shapeSize(first.shape.slice(ax + 1));
  const total = ts.reduce((a, t) => a + t.shape[ax]!, 0);
  const shape = [...first.shape];
  shape[ax] = total;
  const out = allocate(dtype, shapeSize(shape));
  const rowOut = total * inner;
  let off = 0;
  const offsets: number[] = [];
  for (const t of ts) {
    offsets.push(off);
    const chunk = t.shape[ax]! * inner;
    const src = t.data;
    for (let o = 0; o < outer; o++)
      out.set(src.subarray(o * chunk, (o + 1) * chunk), o * rowOut + off * inner);
    off += t.shape[ax]!;
  }
  const res = new Tensor(out, shape, dtype);
  return record(res, 'concat', ts, (g) =>
    ts.map((t, i) => {
      if (!t.requiresGrad) return null;
      const gst = stridesOf(shape);
      return asStrided(g, t.shape, gst, offsets[i]! * gst[ax]!);
    }),
  );
}

/** numpy's name for `concat`. */
export const concatenate = concat;

/**
 * numpy's `stack(tensors, axis)`: join equal-shaped tensors along a new axis. Backward: each
 * input gets its slice of the gradient.
 *
 * ```ts
 * stack([zeros([3]), ones([3])]).shape;    // [2, 3]
 * stack([zeros([3]), ones([3])], 1).shape; // [3, 2]
 * ```
 */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError('stack', `tensors must be a non-empty array, received ${show(tensors)}`);
  const ts = tensors.map((x) => asTensor(x));
  ts.forEach((t, i) => {
    if (!sameShape(t.shape, ts[0]!.shape))
      throw new ShapeError(
        'stack',
        `all inputs must have the same shape, but tensors[0] has shape ${showShape(ts[0]!.shape)} and tensors[${i}] has shape ${showShape(t.shape)}`,
      );
  });
  const ax = normalizeAxis('stack', axis, ts[0]!.ndim + 1);
  return concat(
    ts.map((t) => unsqueeze(t, ax)),
    ax,
  );
}

/**
 * numpy's `vstack`: stack row-wise — 1-D inputs `[N]` become rows `[1, N]`, then `concat` along
 * axis 0. Backward: each input gets its rows of the gradient.
 *
 * ```ts
 * vstack([tensor([1, 2]), tensor([3, 4])]).toArray(); // [[1, 2], [3, 4]]
 * ```
 */
export function vstack(tensors: readonly TensorLike[]): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError('vstack', `tensors must be a non-empty array, received ${show(tensors)}`);
  return concat(
    tensors.map((x) => {
      const t = asTensor(x);
      return t.ndim === 0 ? reshape(t, [1, 1]) : t.ndim === 1 ? reshape(t, [1, -1]) : t;
    }),
    0,
  );
}

/**
 * numpy's `hstack`: stack column-wise — `concat` along axis 1, or along axis 0 for 1-D inputs.
 * The notebooks' `np.hstack([x_ND, np.ones((N, 1))])` appends a column of ones.
 *
 * ```ts
 * hstack([zeros([2, 2]), ones([2, 1])]).shape; // [2, 3]
 * hstack([tensor([1]), tensor([2, 3])]).toArray(); // [1, 2, 3]
 * ```
 */
export function hstack(tensors: readonly TensorLike[]): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError('hstack', `tensors must be a non-empty array, received ${show(tensors)}`);
  const ts = tensors.map((x) => {
    const t = asTensor(x);
    return t.ndim === 0 ? reshape(t, [1]) : t;
  });
  return concat(ts, ts[0]!.ndim === 1 ? 0 : 1);
}

/**
 * numpy's `column_stack`: 1-D inputs `[N]` become columns `[N, 1]`, then `concat` along axis 1.
 *
 * ```ts
 * columnStack([tensor([1, 2]), tensor([3, 4])]).toArray(); // [[1, 3], [2, 4]]
 * ```
 */
export function columnStack(tensors: readonly TensorLike[]): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError('columnStack', `tensors must be a non-empty array, received ${show(tensors)}`);
  return concat(
    tensors.map((x) => {
      const t = asTensor(x);
      return t.ndim === 0 ? reshape(t, [1, 1]) : t.ndim === 1 ? reshape(t, [-1, 1]) : t;
    }),
    1,
  );
}

export interface MeshgridOptions {
  /** 'xy' (default, numpy/matplotlib: outputs `[len(y), len(x)]`) or 'ij' (matrix indexing: `[len(x), len(y)]`). */
  indexing?: 'xy' | 'ij';
}

/**
 * numpy's `meshgrid(x, y, ..., indexing='xy')`: coordinate grids from 1-D coordinate vectors
 * (inputs are flattened). With 'xy' indexing and inputs of lengths Nx, Ny the outputs have shape
 * `[Ny, Nx]` (the notebooks' loss-surface grids); with 'ij' `[Nx, Ny]`. An options object may
 * follow the vectors. Built from reshape + `broadcastTo`, so gradients sum over the copies.
 *
 * ```ts
 * const [X, Y] = meshgrid(tensor([1, 2, 3]), tensor([10, 20]));
 * X.toArray(); // [[1, 2, 3], [1, 2, 3]]
 * Y.toArray(); // [[10, 10, 10], [20, 20, 20]]
 * ```
 */
export function meshgrid(...args: (TensorLike | MeshgridOptions)[]): Tensor[] {
  let options: MeshgridOptions = {};
  const last = args[args.length - 1];
  if (
    last !== undefined &&
    typeof last === 'object' &&
    !(last instanceof Tensor) &&
    !Array.isArray(last) &&
    !ArrayBuffer.isView(last)
  ) {
    options = last as MeshgridOptions;
    args = args.slice(0, -1);
  }
  const indexing = options.indexing ?? 'xy';
  if (indexing !== 'xy' && indexing !== 'ij')
    throw new ValueError('meshgrid', `indexing must be 'xy' or 'ij', received ${show(indexing)}`);
  const xs = args.map((a) => ravel(a as TensorLike));
  const shape = xs.map((x) => x.size);
  const swap = indexing === 'xy' && xs.length >= 2;
  if (swap) [shape[0], shape[1]] = [shape[1]!, shape[0]!];
  return xs.map((x, i) => {
    const pos = swap && i < 2 ? 1 - i : i;
    const s = shape.map((d, k) => (k === pos ? d : 1));
    return broadcastTo(reshape(x, s), shape);
  });
}

function narrow(t: Tensor, axis: number, start: number, stop: number): Tensor {
  return index(t, ...Array<string>(axis).fill(':'), slice(start, stop));
}

/**
 * numpy's `split(x, indicesOrSections, axis)`: a number N splits into N equal parts (an error
 * when the axis is not divisible); an array of indices splits before each index. Backward: each
 * part's gradient lands in its slice.
 *
 * ```ts
 * split(arange(6), 3).map((p) => p.toArray());       // [[0, 1], [2, 3], [4, 5]]
 * split(arange(6), [1, 4]).map((p) => p.toArray());  // [[0], [1, 2, 3], [4, 5]]
 * ```
 */
export function split(x: TensorLike, indicesOrSections: number | readonly number[], axis = 0): Tensor[] {
  const t = asTensor(x);
  const ax = normalizeAxis('split', axis, t.ndim);
  const n = t.shape[ax]!;
  let cuts: number[];
  if (typeof indicesOrSections === 'number') {
    const k = indicesOrSections;
    if (!Number.isInteger(k) || k <= 0)
      throw new ValueError('split', `number of sections must be a positive integer, received ${show(k)}`);
    if (n % k !== 0)
      throw new ValueError(
        'split',
        `array split does not result in an equal division: axis ${ax} of size ${n} into ${k} sections; use chunk or pass indices`,
      );
    cuts = Array.from({ length: k - 1 }, (_, i) => ((i + 1) * n) / k);
  } else cuts = [...indicesOrSections];
  const bounds = [0, ...cuts, n];
  const parts: Tensor[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) parts.push(narrow(t, ax, bounds[i]!, bounds[i + 1]!));
  return parts;
}

/**
 * PyTorch's `chunk(x, chunks, dim)`: split into `chunks` parts of `ceil(n / chunks)` elements
 * along `axis` (the last may be smaller; fewer parts when `n` is small).
 *
 * ```ts
 * chunk(arange(5), 2).map((p) => p.shape); // [[3], [2]]
 * ```
 */
export function chunk(x: TensorLike, chunks: number, axis = 0): Tensor[] {
  const t = asTensor(x);
  if (!Number.isInteger(chunks) || chunks <= 0)
    throw new ValueError('chunk', `chunks must be a positive integer, received ${show(chunks)}`);
  const ax = normalizeAxis('chunk', axis, t.ndim);
  const n = t.shape[ax]!;
  const size = Math.max(1, Math.ceil(n / chunks));
  const parts: Tensor[] = [];
  for (let s = 0; s < n; s += size) parts.push(narrow(t, ax, s, Math.min(n, s + size)));
  if (parts.length === 0) parts.push(t);
  return parts;
}

// ---------------------------------------------------------------------------------------------
// tile / repeat / flip / pad
// ---------------------------------------------------------------------------------------------

/**
 * numpy's `tile(x, reps)`: repeat the whole tensor `reps[i]` times along each axis (the shorter
 * of `reps` and `x.shape` is padded with leading 1s). Built from reshape + `broadcastTo`, so the
 * backward sums the copies.
 *
 * ```ts
 * tile(tensor([1, 2]), 2).toArray();      // [1, 2, 1, 2]
 * tile(tensor([1, 2]), [2, 1]).toArray(); // [[1, 2], [1, 2]]
 * ```
 */
export function tile(x: TensorLike, reps: number | readonly number[]): Tensor {
  let t = asTensor(x);
  const r = typeof reps === 'number' ? [reps] : [...reps];
  for (const v of r)
    if (!Number.isInteger(v) || v < 0)
      throw new ValueError('tile', `reps must be non-negative integers, received ${show(reps)}`);
  const nd = Math.max(r.length, t.ndim);
  while (r.length < nd) r.unshift(1);
  const shape = [...Array<number>(nd - t.ndim).fill(1), ...t.shape];
  t = reshape(
    t,
    shape.flatMap((d) => [1, d]),
  );
  t = broadcastTo(
    t,
    shape.flatMap((d, i) => [r[i]!, d]),
  );
  return reshape(
    t,
    shape.map((d, i) => d * r[i]!),
  );
}

/**
 * numpy's `repeat(x, repeats, axis)`: repeat each element (each slice along `axis`) `repeats`
 * times, or `repeats[i]` times for element `i`; without `axis` the input is flattened first.
 * Backward: the copies' gradients are summed.
 *
 * ```ts
 * repeat(tensor([1, 2]), 2).toArray();            // [1, 1, 2, 2]
 * repeat(tensor([[1, 2]]), [1, 3], 1).toArray();  // [[1, 2, 2, 2]]
 * ```
 */
export function repeat(x: TensorLike, repeats: number | readonly number[], axis?: number): Tensor {
  let t = asTensor(x);
  if (axis === undefined || axis === null) {
    t = ravel(t);
    axis = 0;
  }
  const ax = normalizeAxis('repeat', axis, t.ndim);
  const n = t.shape[ax]!;
  if (typeof repeats === 'number' || (Array.isArray(repeats) && repeats.length === 1)) {
    const r = typeof repeats === 'number' ? repeats : repeats[0]!;
    if (!Number.isInteger(r) || r < 0)
      throw new ValueError('repeat', `repeats must be non-negative integers, received ${show(repeats)}`);
    const s = [...t.shape.slice(0, ax + 1), 1, ...t.shape.slice(ax + 1)];
    const b = [...t.shape.slice(0, ax + 1), r, ...t.shape.slice(ax + 1)];
    const o = [...t.shape];
    o[ax] = n * r;
    return reshape(broadcastTo(reshape(t, s), b), o);
  }
  if (repeats.length !== n)
    throw new ValueError(
      'repeat',
      `repeats has length ${repeats.length} but axis ${ax} has size ${n}; expected one count per element or a single count`,
    );
  const idx: number[] = [];
  repeats.forEach((r, i) => {
    if (!Number.isInteger(r) || r < 0)
      throw new ValueError('repeat', `repeats must be non-negative integers, received ${show(repeats)}`);
    for (let k = 0; k < r; k++) idx.push(i);
  });
  return take(t, new Tensor(Int32Array.from(idx), [idx.length], 'int32'), ax);
}

/**
 * numpy's `flip(x, axis)`: reverse the order of elements along `axis` (all axes when omitted).
 * Backward: flip the gradient the same way.
 *
 * ```ts
 * flip(tensor([[1, 2], [3, 4]]), 1).toArray(); // [[2, 1], [4, 3]]
 * ```
 */
export function flip(x: TensorLike, axis?: number | readonly number[]): Tensor {
  const t = asTensor(x);
  const axes =
    axis === undefined || axis === null
      ? t.shape.map((_, i) => i)
      : (typeof axis === 'number' ? [axis] : [...axis]).map((a) => normalizeAxis('flip', a, t.ndim));
  const st = stridesOf(t.shape);
  let offset = 0;
  const strides = st.map((s, i) => {
    if (!axes.includes(i)) return s;
    offset += (t.shape[i]! - 1) * s;
    return -s;
  });
  const out = t.size === 0 ? t.detach() : asStrided(t.detach(), t.shape, strides, offset);
  return record(out, 'flip', [t], (g) => [flip(g, axes)]);
}

/**
 * numpy's `pad(x, padWidth, mode='constant', constant_values=value)`: add `before`/`after`
 * elements of `value` around each axis. `padWidth` is a number (all sides), `[before, after]`
 * (every axis), or one `[before, after]` per axis. Backward: the gradient cropped back.
 *
 * ```ts
 * pad(tensor([1, 2]), 1).toArray();                  // [0, 1, 2, 0]
 * pad(ones([1, 1]), [[0, 0], [1, 2]], { value: 9 }).toArray(); // [[9, 1, 9, 9]]
 * ```
 */
export function pad(
  x: TensorLike,
  padWidth: number | readonly number[] | readonly (readonly number[])[],
  options: { value?: number } = {},
): Tensor {
  const t = asTensor(x);
  const nd = t.ndim;
  let widths: number[][];
  if (typeof padWidth === 'number') widths = t.shape.map(() => [padWidth, padWidth]);
  else if (padWidth.length > 0 && padWidth.every((p) => typeof p === 'number')) {
    const p = padWidth as readonly number[];
    if (p.length === 1) widths = t.shape.map(() => [p[0]!, p[0]!]);
    else if (p.length === 2) widths = t.shape.map(() => [p[0]!, p[1]!]);
    else
      throw new ValueError(
        'pad',
        `padWidth ${show(padWidth)} must be a number, [before, after], or one [before, after] per axis`,
      );
  } else {
    const p = padWidth as readonly (readonly number[])[];
    if (p.length === 1) widths = t.shape.map(() => [...p[0]!]);
    else if (p.length === nd) widths = p.map((q) => [...q]);
    else
      throw new ValueError(
        'pad',
        `padWidth has ${p.length} entries but the tensor has ${nd} dimension(s) (shape ${showShape(t.shape)}); expected one [before, after] per axis`,
      );
    widths = widths.map((w) => (w.length === 1 ? [w[0]!, w[0]!] : w));
  }
  for (const w of widths)
    if (w.length !== 2 || !w.every((v) => Number.isInteger(v) && v >= 0))
      throw new ValueError(
        'pad',
        `pad widths must be non-negative integers [before, after], received ${show(padWidth)}`,
      );
  const shape = t.shape.map((d, i) => d + widths[i]![0]! + widths[i]![1]!);
  const ost = stridesOf(shape);
  const offset = widths.reduce((a, w, i) => a + w[0]! * ost[i]!, 0);
  const value = options.value ?? 0;
  const out = allocate(t.dtype, shapeSize(shape));
  const v = castValue(t.dtype, value);
  if (v !== 0) out.fill(v);
  // copy x row by row into the interior
  if (t.size > 0) {
    const inner = nd === 0 ? 1 : t.shape[nd - 1]!;
    const idx = new Array<number>(nd).fill(0);
    let pos = offset;
    for (let o = 0; o < t.size; o += inner) {
      out.set(t.data.subarray(o, o + inner), pos);
      for (let d = nd - 2; d >= 0; d--) {
        idx[d]!++;
        pos += ost[d]!;
        if (idx[d]! < t.shape[d]!) break;
        pos -= ost[d]! * t.shape[d]!;
        idx[d] = 0;
      }
    }
  }
  const res = new Tensor(out, shape, t.dtype);
  return record(res, 'pad', [t], (g) => [asStrided(g, t.shape, ost, offset)]);
}
