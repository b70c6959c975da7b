/**
 * Reductions with numpy's `axis`/`keepdims` semantics — `sum`, `mean`, `prod`, `max`, `min`,
 * `argmax`, `argmin`, `variance`/`std`, `cumsum`, `logsumexp`, `all`, `any` — each
 * differentiable one with its backward rule beside it, written with differentiable ops so
 * `grad(grad(f))` works.
 *
 * Kernels: a reduction over one axis views the tensor as `[outer, n, inner]` (everything before
 * the axis, the axis, everything after) and runs a strided loop with no per-element
 * allocation; the inner dimension stays contiguous so the loop is cache-friendly. Several axes
 * are handled by merging adjacent reduced axes into one and reducing the remaining groups one
 * after another (no transposes, no copies of the input).
 */
import { record } from '../autograd/engine.js';
import { allocate, type DataArray, type DType, floatResult } from '../dtype.js';
import { show, showShape, ValueError } from '../errors.js';
import { normalizeAxes, normalizeAxis, shapeSize } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';
import { type BinaryKernel, broadcastTo, div, mapBinaryKernel, mul, sub } from './arith.js';

const kSquaredDiff: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) {
    const d = a[pa]! - b[pb]!;
    out[o + j] = d * d;
  }
};
const kExpDiff: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = Math.exp(a[pa]! - b[pb]!);
};

import { equal, logicalAnd, logicalOr, where } from './binary.js';
import { exp, isnan, sqrt } from './unary.js';

/** Options of the reductions: numpy's `axis` (one axis, several, or all when omitted) and `keepdims`. */
export interface ReduceOptions {
  /** Axis or axes to reduce (negative counts from the end); all axes when omitted or null. */
  axis?: number | readonly number[] | null;
  /** Keep reduced axes as length-1 dimensions so the result broadcasts against the input. */
  keepdims?: boolean;
}

/** Options of `variance` and `std`: `ddof` is numpy's delta degrees of freedom (divisor `N - ddof`). */
export interface VarianceOptions extends ReduceOptions {
  /** Delta degrees of freedom: divide by `N - ddof` (default 0, numpy; PyTorch's default is 1). */
  ddof?: number;
}

/** Options of `argmax`/`argmin`: a single axis (flattened index when omitted). */
export interface ArgReduceOptions {
  /** The axis to search along; when omitted the index is into the flattened tensor. */
  axis?: number | null;
  /** Keep the reduced axis as a length-1 dimension. */
  keepdims?: boolean;
}

// ---------------------------------------------------------------------------------------------
// kernels
// ---------------------------------------------------------------------------------------------

enum K {
  Sum,
  Prod,
  ProdInt,
  Max,
  Min,
  All,
  Any,
}

/** Reduce `src` viewed as `[outer, n, inner]` over the middle axis into a Float64Array `[outer, inner]`. */
function kernel(src: ArrayLike<number>, outer: number, n: number, inner: number, op: K): Float64Array {
  const out = new Float64Array(outer * inner);
  if (inner === 1) {
    // contiguous rows: accumulate in a register
    for (let o = 0; o < outer; o++) {
      const b = o * n;
      let acc: number;
      switch (op) {
        case K.Sum:
          acc = 0;
          for (let k = 0; k < n; k++) acc += src[b + k]!;
          break;
        case K.Prod:
          acc = 1;
          for (let k = 0; k < n; k++) acc *= src[b + k]!;
          break;
        case K.ProdInt:
          acc = 1;
          for (let k = 0; k < n; k++) acc = Math.imul(acc, src[b + k]!);
          break;
        case K.Max:
          acc = src[b]!;
          for (let k = 1; k < n; k++) {
            const v = src[b + k]!;
            if (v > acc || v !== v) acc = v;
            if (acc !== acc) break;
          }
          break;
        case K.Min:
          acc = src[b]!;
          for (let k = 1; k < n; k++) {
            const v = src[b + k]!;
            if (v < acc || v !== v) acc = v;
            if (acc !== acc) break;
          }
          break;
        case K.All:
          acc = 1;
          for (let k = 0; k < n; k++)
            if (src[b + k] === 0) {
              acc = 0;
              break;
            }
          break;
        case K.Any:
          acc = 0;
          for (let k = 0; k < n; k++)
            if (src[b + k] !== 0) {
              acc = 1;
              break;
            }
          break;
      }
      out[o] = acc;
    }
    return out;
  }
  // inner > 1: add whole contiguous rows of length `inner` into the output row
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    const first = o * n * inner;
    switch (op) {
      case K.Sum:
        for (let k = 0; k < n; k++) {
          const rb = first + k * inner;
          for (let i = 0; i < inner; i++) out[ob + i] += src[rb + i]!;
        }
        break;
      case K.Prod:
        out.fill(1, ob, ob + inner);
        for (let k = 0; k < n; k++) {
          const rb = first + k * inner;
          for (let i = 0; i < inner; i++) out[ob + i] *= src[rb + i]!;
        }
        break;
      case K.ProdInt:
        out.fill(1, ob, ob + inner);
        for (let k = 0; k < n; k++) {
          const rb = first + k * inner;
          for (let i = 0; i < inner; i++) out[ob + i] = Math.imul(out[ob + i]!, src[rb + i]!);
        }
        break;
      case K.Max:
        for (let i = 0; i < inner; i++) out[ob + i] = src[first + i]!;
        for (let k = 1; k < n; k++) {
          const rb = first + k * inner;
          for (let i = 0; i < inner; i++) {
            const v = src[rb + i]!;
            if (v > out[ob + i]! || v !== v) out[ob + i] = v;
          }
        }
        break;
      case K.Min:
        for (let i = 0; i < inner; i++) out[ob + i] = src[first + i]!;
        for (let k = 1; k < n; k++) {
          const rb = first + k * inner;
          for (let i = 0; i < inner; i++) {
            const v = src[rb + i]!;
            if (v < out[ob + i]! || v !== v) out[ob + i] = v;
          }
        }
        break;
      case K.All:
        out.fill(1, ob, ob + inner);
        for (let k = 0; k < n; k++) {
          const rb = first + k * inner;
          for (let i = 0; i < inner; i++) if (src[rb + i] === 0) out[ob + i] = 0;
        }
        break;
      case K.Any:
        for (let k = 0; k < n; k++) {
          const rb = first + k * inner;
          for (let i = 0; i < inner; i++) if (src[rb + i] !== 0) out[ob + i] = 1;
        }
        break;
    }
  }
  return out;
}

/** Group sorted axes into runs of adjacent axes: [[start, length], ...]. */
function axisGroups(axes: readonly number[]): [number, number][] {
  const groups: [number, number][] = [];
  for (const a of axes) {
    const last = groups[groups.length - 1];
    if (last && last[0] + last[1] === a) last[1]++;
    else groups.push([a, 1]);
  }
  return groups;
}

/** Shape after reducing `axes`, with or without the length-1 placeholders. */
function reducedShape(shape: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepdims) out.push(1);
    } else out.push(shape[i]!);
  }
  return out;
}

/** Run a kernel over several axes (each adjacent group in one pass, last group first). */
function reduceRaw(x: Tensor, axes: readonly number[], op: K): Float64Array | DataArray {
  let data: ArrayLike<number> = x.data;
  let shape = [...x.shape];
  const groups = axisGroups(axes);
  if (groups.length === 0) return Float64Array.from(x.data);
  for (let g = groups.length - 1; g >= 0; g--) {
    const [start, len] = groups[g]!;
    const outer = shapeSize(shape.slice(0, start));
    const n = shapeSize(shape.slice(start, start + len));
    const inner = shapeSize(shape.slice(start + len));
    data = kernel(data, outer, n, inner, op);
    shape = [...shape.slice(0, start), ...shape.slice(start + len)];
  }
  return data as Float64Array;
}

/** Resolve the options: axes (sorted, unique), the element count reduced, and output shapes. */
function plan(op: string, x: Tensor, options: ReduceOptions | undefined) {
  const axes = normalizeAxes(op, options?.axis, x.ndim);
  const keepdims = options?.keepdims ?? false;
  let count = 1;
  for (const a of axes) count *= x.shape[a]!;
  return {
    axes,
    keepdims,
    count,
    outShape: reducedShape(x.shape, axes, keepdims),
    keepShape: reducedShape(x.shape, axes, true),
  };
}

function checkOptions(op: string, options: unknown): void {
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options)))
    throw new ValueError(
      op,
      `options must be an object like { axis: 0, keepdims: true }, received ${show(options)}`,
    );
}

function finish(values: ArrayLike<number>, shape: readonly number[], dtype: DType): Tensor {
  const out = allocate(dtype, values.length);
  out.set(values);
  return new Tensor(out, shape, dtype);
}

/**
 * A reshape that shares storage (data are immutable), recorded for autograd. Used to put a
 * reduced gradient back into its keepdims shape before broadcasting.
 */
function view(t: Tensor, shape: readonly number[]): Tensor {
  if (t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) return t;
  const out = new Tensor(t.data, shape, t.dtype);
  return record(out, 'reshape', [t], (g) => [view(g, t.shape)]);
}

// ---------------------------------------------------------------------------------------------
// sum, mean, prod
// ---------------------------------------------------------------------------------------------

/**
 * Sum over `axis` (all axes when omitted), numpy's `sum`. bool and int32 inputs give int32
 * (numpy gives int64; int32 wraps on overflow), float dtypes are kept (accumulation in float64).
 * Backward: the gradient is broadcast back over the reduced axes.
 *
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);       // [2, 3]
 * sum(x).item();                                  // 21
 * sum(x, { axis: 0 }).toArray();                  // [5, 7, 9]
 * x.sum({ axis: 1, keepdims: true }).shape;       // [2, 1]
 * ```
 */
export function sum(a: TensorLike, options?: ReduceOptions): Tensor {
  checkOptions('sum', options);
  const x = asTensor(a);
  const p = plan('sum', x, options);
  const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
  const out = finish(reduceRaw(x, p.axes, K.Sum), p.outShape, dtype);
  return record(out, 'sum', [x], (g) => [broadcastTo(view(g, p.keepShape), x.shape)]);
}

/**
 * Arithmetic mean over `axis` (all axes when omitted): `sum / N`. Integer and bool inputs give
 * float64, float32 stays float32. The mean of zero elements is NaN in numpy; here it throws.
 * Backward: `g / N` broadcast back.
 *
 * ```ts
 * mean(tensor([[1, 2], [3, 4]]), { axis: 0 }).toArray(); // [2, 3]
 * ```
 */
export function mean(a: TensorLike, options?: ReduceOptions): Tensor {
  checkOptions('mean', options);
  const x = asTensor(a);
  const p = plan('mean', x, options);
  if (p.count === 0 && shapeSize(p.outShape) > 0)
    throw new ValueError(
      'mean',
      `mean of an empty slice (reducing axes ${show(p.axes)} of shape ${showShape(x.shape)} of length 0) is undefined`,
    );
  const s = reduceRaw(x, p.axes, K.Sum);
  for (let i = 0; i < s.length; i++) s[i] = s[i]! / p.count;
  const out = finish(s, p.outShape, floatResult(x.dtype));
  return record(out, 'mean', [x], (g) => [broadcastTo(div(view(g, p.keepShape), p.count), x.shape)]);
}

/**
 * Product over `axis` (all axes when omitted), numpy's `prod` (empty product 1). bool and int32
 * give int32 (wrapping like int32 arithmetic), floats keep their dtype.
 *
 * Backward: d(prod)/dx_i = prod_{j != i} x_j, computed without dividing by zero: with no zero in
 * the slice it is `prod / x_i`; with exactly one zero only the zero's position gets the product
 * of the others; with two or more zeros it is 0. Second derivatives are exact for slices with
 * at most one zero.
 *
 * ```ts
 * prod(tensor([[1, 2], [3, 4]]), { axis: 1 }).toArray(); // [2, 12]
 * ```
 */
export function prod(a: TensorLike, options?: ReduceOptions): Tensor {
  checkOptions('prod', options);
  const x = asTensor(a);
  const p = plan('prod', x, options);
  const intLike = x.dtype === 'int32' || x.dtype === 'bool';
  const out = finish(
    reduceRaw(x, p.axes, intLike ? K.ProdInt : K.Prod),
    p.outShape,
    intLike ? 'int32' : x.dtype,
  );
  return record(out, 'prod', [x], (g) => {
    const opts = { axis: p.axes, keepdims: true };
    const isZero = equal(x, 0);
    const nz = where(isZero, 1, x); // zeros replaced by 1
    const pnz = prod(nz, opts); // product of the non-zero entries of each slice
    const zeros = sum(isZero, opts); // how many zeros each slice holds (int32, no gradient)
    // value 0 but gradient 1 to the zero entry: keeps second derivatives right with one zero
    const zval = sum(where(isZero, x, 0), opts);
    const others = div(pnz, nz);
    const local = where(
      equal(zeros, 0),
      others,
      where(equal(zeros, 1), where(isZero, pnz, mul(others, zval)), 0),
    );
    return [mul(view(g, p.keepShape), local)];
  });
}

// ---------------------------------------------------------------------------------------------
// max, min, argmax, argmin
// ---------------------------------------------------------------------------------------------

function extremum(op: 'max' | 'min', a: TensorLike, options: ReduceOptions | undefined): Tensor {
  checkOptions(op, options);
  const x = asTensor(a);
  const p = plan(op, x, options);
  if (p.count === 0 && shapeSize(p.outShape) > 0)
    throw new ValueError(
      op,
      `zero-size array to reduction operation ${op} which has no identity (reducing axes ${show(p.axes)} of shape ${showShape(x.shape)}); expected a non-empty slice`,
    );
  const out = finish(reduceRaw(x, p.axes, op === 'max' ? K.Max : K.Min), p.outShape, x.dtype);
  return record(out, op, [x], (g) => {
    // gradient shared evenly among the positions attaining the extremum (PyTorch's amax/amin)
    const outK = view(out.detach(), p.keepShape);
    const hit = logicalOr(equal(x, outK), logicalAnd(isnan(x), isnan(outK)));
    const mask = where(hit, 1, 0).astype(g.dtype);
    const count = sum(mask, { axis: p.axes, keepdims: true });
    return [mul(view(g, p.keepShape), div(mask, count))];
  });
}

/**
 * Maximum over `axis` (all axes when omitted), numpy's `max`/`amax`: NaN-propagating, keeps the
 * dtype; an empty slice throws a ValueError. Backward: the gradient goes to the position of the
 * maximum, split evenly among ties (PyTorch's `amax`; `torch.max(dim)` picks one index instead).
 *
 * ```ts
 * max(tensor([[1, 5], [7, 2]]), { axis: 1 }).toArray(); // [5, 7]
 * ```
 */
export function max(a: TensorLike, options?: ReduceOptions): Tensor {
  return extremum('max', a, options);
}

/**
 * Minimum over `axis` (all axes when omitted), numpy's `min`/`amin`: NaN-propagating, keeps the
 * dtype; an empty slice throws. Backward: to the minimum's positions, split evenly among ties.
 *
 * ```ts
 * min(tensor([[1, 5], [7, 2]]), { axis: 0 }).toArray(); // [1, 2]
 * ```
 */
export function min(a: TensorLike, options?: ReduceOptions): Tensor {
  return extremum('min', a, options);
}

function argExtremum(op: 'argmax' | 'argmin', a: TensorLike, options: ArgReduceOptions | undefined): Tensor {
  checkOptions(op, options);
  const x = asTensor(a);
  const axisOpt = options?.axis;
  if (Array.isArray(axisOpt))
    throw new ValueError(op, `axis must be a single integer or omitted, received ${show(axisOpt)}`);
  const keepdims = options?.keepdims ?? false;
  let outer: number;
  let n: number;
  let inner: number;
  let outShape: number[];
  if (axisOpt === undefined || axisOpt === null) {
    outer = 1;
    n = x.size;
    inner = 1;
    outShape = keepdims ? x.shape.map(() => 1) : [];
  } else {
    const ax = normalizeAxis(op, axisOpt, x.ndim);
    outer = shapeSize(x.shape.slice(0, ax));
    n = x.shape[ax]!;
    inner = shapeSize(x.shape.slice(ax + 1));
    outShape = reducedShape(x.shape, [ax], keepdims);
  }
  if (n === 0 && outer * inner > 0)
    throw new ValueError(
      op,
      `attempt to get ${op} of an empty sequence (shape ${showShape(x.shape)}, axis ${show(axisOpt ?? null)})`,
    );
  const src = x.data;
  const out = new Int32Array(outer * inner);
  const isMax = op === 'argmax';
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let best = src[base]!;
      let bi = 0;
      if (best === best) {
        for (let k = 1; k < n; k++) {
          const v = src[base + k * inner]!;
          if (v !== v) {
            bi = k; // numpy: the first NaN wins
            break;
          }
          if (isMax ? v > best : v < best) {
            best = v;
            bi = k;
          }
        }
      }
      out[o * inner + i] = bi;
    }
  }
  return new Tensor(out, outShape, 'int32');
}

/**
 * Index of the maximum along `axis` (into the flattened tensor when omitted), numpy's `argmax`:
 * the first occurrence wins, a NaN counts as the maximum. Returns an int32 tensor.
 *
 * ```ts
 * argmax(tensor([[1, 5], [7, 2]]), { axis: 1 }).toArray(); // [1, 0]
 * argmax(tensor([[1, 5], [7, 2]])).item();                 // 2
 * ```
 */
export function argmax(a: TensorLike, options?: ArgReduceOptions): Tensor {
  return argExtremum('argmax', a, options);
}

/**
 * Index of the minimum along `axis` (flattened when omitted), numpy's `argmin`: the first
 * occurrence wins, a NaN counts as the minimum. Returns an int32 tensor.
 *
 * ```ts
 * argmin(tensor([3, 1, 1])).item(); // 1
 * ```
 */
export function argmin(a: TensorLike, options?: ArgReduceOptions): Tensor {
  return argExtremum('argmin', a, options);
}

// ---------------------------------------------------------------------------------------------
// variance, std
// ---------------------------------------------------------------------------------------------

/**
 * Variance over `axis` (all axes when omitted), numpy's `var`: `sum((x - mean)²) / (N - ddof)`
 * computed in two passes. `ddof` defaults to 0 (numpy; PyTorch's `var` defaults to 1, the
 * unbiased estimate). Integer inputs give float64. Throws when `N - ddof <= 0` (numpy would
 * warn and return NaN/Infinity). Backward: `2 (x - mean) / (N - ddof)`.
 * Also available as the method `x.var()`.
 *
 * ```ts
 * variance(tensor([1, 2, 3, 4])).item();            // 1.25
 * variance(tensor([1, 2, 3, 4]), { ddof: 1 }).item(); // 1.6666666666666667
 * ```
 */
export function variance(a: TensorLike, options?: VarianceOptions): Tensor {
  return varianceImpl('variance', a, options);
}

function varianceImpl(op: string, a: TensorLike, options: VarianceOptions | undefined): Tensor {
  checkOptions(op, options);
  const x = asTensor(a);
  const p = plan(op, x, options);
  const ddof = options?.ddof ?? 0;
  if (typeof ddof !== 'number' || !Number.isFinite(ddof) || ddof < 0)
    throw new ValueError(op, `ddof must be a non-negative number, received ${show(ddof)}`);
  const dof = p.count - ddof;
  if (dof <= 0 && shapeSize(p.outShape) > 0)
    throw new ValueError(
      op,
      `degrees of freedom N - ddof = ${p.count} - ${ddof} <= 0 (reducing axes ${show(p.axes)} of shape ${showShape(x.shape)}); expected more elements than ddof`,
    );
  // pass 1: means (as a [outer..] array broadcast against x through strides)
  const sums = reduceRaw(x, p.axes, K.Sum);
  const mu = new Float64Array(sums.length);
  for (let i = 0; i < mu.length; i++) mu[i] = sums[i]! / p.count;
  // pass 2: squared deviations (the means broadcast back through strides), then their sums
  const dev = mapBinaryKernel('variance', x, new Tensor(mu, p.keepShape, 'float64'), 'float64', kSquaredDiff);
  const ss = reduceRaw(dev, p.axes, K.Sum);
  for (let i = 0; i < ss.length; i++) ss[i] = ss[i]! / dof;
  const out = finish(ss, p.outShape, floatResult(x.dtype));
  return record(out, 'variance', [x], (g) => {
    const centred = sub(x, mean(x, { axis: p.axes, keepdims: true }));
    return [mul(view(g, p.keepShape), mul(centred, 2 / dof))];
  });
}

/**
 * Standard deviation over `axis`, numpy's `std`: `sqrt(variance(x, options))` with the same
 * `ddof` (default 0). Backward: through `sqrt` and `variance`, i.e. `(x - mean) / ((N - ddof) std)`.
 *
 * ```ts
 * std(tensor([1, 2, 3, 4])).item(); // 1.118033988749895
 * ```
 */
export function std(a: TensorLike, options?: VarianceOptions): Tensor {
  return sqrt(varianceImpl('std', a, options));
}

// ---------------------------------------------------------------------------------------------
// cumsum
// ---------------------------------------------------------------------------------------------

/** Cumulative sum along one axis of `x` viewed as [outer, n, inner]; `reverse` runs from the end. */
function cumsumRaw(x: Tensor, axis: number, dtype: DType, reverse: boolean): Tensor {
  const outer = shapeSize(x.shape.slice(0, axis));
  const n = x.shape[axis]!;
  const inner = shapeSize(x.shape.slice(axis + 1));
  const src = x.data;
  const out = allocate(dtype, x.size);
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    if (!reverse) {
      for (let i = 0; i < inner; i++) out[base + i] = src[base + i]!;
      for (let k = 1; k < n; k++) {
        const r = base + k * inner;
        for (let i = 0; i < inner; i++) out[r + i] = out[r - inner + i]! + src[r + i]!;
      }
    } else if (n > 0) {
      const last = base + (n - 1) * inner;
      for (let i = 0; i < inner; i++) out[last + i] = src[last + i]!;
      for (let k = n - 2; k >= 0; k--) {
        const r = base + k * inner;
        for (let i = 0; i < inner; i++) out[r + i] = out[r + inner + i]! + src[r + i]!;
      }
    }
  }
  return new Tensor(out, x.shape, dtype);
}

/** Reverse cumulative sum (sum from each position to the end): the adjoint of `cumsum`. */
function reverseCumsum(x: Tensor, axis: number): Tensor {
  const out = cumsumRaw(x, axis, x.dtype, true);
  return record(out, 'reverseCumsum', [x], (g) => [cumsumAxis(g, axis)]);
}

function cumsumAxis(x: Tensor, axis: number): Tensor {
  const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
  const out = cumsumRaw(x, axis, dtype, false);
  return record(out, 'cumsum', [x], (g) => [reverseCumsum(g, axis)]);
}

/**
 * Cumulative sum along `axis` (numpy's `cumsum`; over the flattened tensor, giving 1-D, when
 * `axis` is omitted). bool and int32 give int32; float32 accumulates in float32 like numpy.
 * Backward: the reverse cumulative sum of the gradient.
 *
 * ```ts
 * cumsum(tensor([1, 2, 3])).toArray();                      // [1, 3, 6]
 * cumsum(tensor([[1, 2], [3, 4]]), { axis: 0 }).toArray();  // [[1, 2], [4, 6]]
 * ```
 */
export function cumsum(a: TensorLike, options?: { axis?: number | null }): Tensor {
  checkOptions('cumsum', options);
  const x = asTensor(a);
  const axisOpt = options?.axis;
  if (axisOpt === undefined || axisOpt === null) return cumsumAxis(view(x, [x.size]), 0);
  if (Array.isArray(axisOpt))
    throw new ValueError('cumsum', `axis must be a single integer or omitted, received ${show(axisOpt)}`);
  return cumsumAxis(x, normalizeAxis('cumsum', axisOpt, x.ndim));
}

// ---------------------------------------------------------------------------------------------
// logsumexp
// ---------------------------------------------------------------------------------------------

/**
 * `log(sum(exp(x)))` over `axis`, computed stably as `m + log(sum(exp(x - m)))` with `m` the
 * maximum (scipy's `logsumexp`; a non-finite maximum is replaced by 0, so all `-Infinity` gives
 * `-Infinity`). Integer inputs give float64. Backward: `g · softmax(x)` = `g · exp(x - out)`.
 *
 * ```ts
 * logsumexp(tensor([1000, 1000])).item(); // 1000.6931471805599
 * ```
 */
export function logsumexp(a: TensorLike, options?: ReduceOptions): Tensor {
  checkOptions('logsumexp', options);
  const x = asTensor(a);
  const p = plan('logsumexp', x, options);
  if (p.count === 0 && shapeSize(p.outShape) > 0)
    throw new ValueError(
      'logsumexp',
      `reduction over an empty slice (axes ${show(p.axes)} of shape ${showShape(x.shape)})`,
    );
  const m = p.count === 0 ? new Float64Array(0) : reduceRaw(x, p.axes, K.Max);
  for (let i = 0; i < m.length; i++) if (!Number.isFinite(m[i]!)) m[i] = 0;
  // exp(x - m) with the maxima broadcast back through strides
  const e = mapBinaryKernel('logsumexp', x, new Tensor(m, p.keepShape, 'float64'), 'float64', kExpDiff);
  const s = reduceRaw(e, p.axes, K.Sum);
  for (let i = 0; i < s.length; i++) s[i] = Math.log(s[i]!) + m[i]!;
  const out = finish(s, p.outShape, floatResult(x.dtype));
  return record(out, 'logsumexp', [x], (g) => [
    mul(view(g, p.keepShape), exp(sub(x, view(out, p.keepShape)))),
  ]);
}

// ---------------------------------------------------------------------------------------------
// all, any
// ---------------------------------------------------------------------------------------------

/**
 * Whether every element along `axis` is true (non-zero; NaN counts as true), numpy's `all`.
 * Returns bool; the empty `all` is true.
 *
 * ```ts
 * all(tensor([[true, false], [true, true]]), { axis: 1 }).toArray(); // [false, true]
 * ```
 */
export function all(a: TensorLike, options?: ReduceOptions): Tensor {
  checkOptions('all', options);
  const x = asTensor(a);
  const p = plan('all', x, options);
  return finish(reduceRaw(x, p.axes, K.All), p.outShape, 'bool');
}

/**
 * Whether any element along `axis` is true (non-zero), numpy's `any`. Returns bool; the empty
 * `any` is false.
 *
 * ```ts
 * any(tensor([0, 0, 3])).item(); // 1 (true)
 * ```
 */
export function any(a: TensorLike, options?: ReduceOptions): Tensor {
  checkOptions('any', options);
  const x = asTensor(a);
  const p = plan('any', x, options);
  return finish(reduceRaw(x, p.axes, K.Any), p.outShape, 'bool');
}
