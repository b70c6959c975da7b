/**
 * numpy-style indexing (`x[:, 0:1]`, `x[idx]`, `x[mask]`, `x[..., None]`), torch-style
 * `gather`/`scatterAdd`/`indexSelect`/`maskedSelect`, and functional writes (`setIndex`,
 * `indexPut`), each with its autograd backward rule beside it.
 *
 * Every read here is one kernel: an *offset plan*. The output is a list of groups of
 * dimensions; each group has a table of element offsets into the source's flat storage, and an
 * output element reads `src[base + T0[i0] + T1[i1] + ...]`. A basic dimension (a slice, a
 * transpose, a flip) is a group whose table is `start + j * stride`; all advanced (integer-array
 * or mask) indices together form one group whose table holds their broadcast offsets. The
 * adjoint of a plan read is a plan scatter-add (`dst[offset] += g`), so the backward of every
 * indexing op — slicing, advanced indexing with repeated indices, masks — is the same
 * scatter-add into zeros, and the backward of the scatter is the read again (higher-order works).
 */
import { record } from '../autograd/engine.js';
import { allocate, castValue, type DataArray, type DType } from '../dtype.js';
import { DTypeError, IndexError, ShapeError, show, showShape, ValueError } from '../errors.js';
import {
  broadcastShapes,
  broadcastStrides,
  normalizeAxis,
  sameShape,
  shapeSize,
  stridesOf,
} from '../shape.js';
import { asTensor, Tensor, type TensorLike, zeros } from '../tensor.js';
import { add, broadcastTo, mul } from './arith.js';
import { astype } from './unary.js';

// ---------------------------------------------------------------------------------------------
// offset plans: the one gather kernel and its adjoint
// ---------------------------------------------------------------------------------------------

/** How to read a tensor of `outShape` out of a source of `srcShape` (see the file comment). */
interface Plan {
  srcShape: readonly number[];
  outShape: number[];
  base: number;
  /** One offset table per group of output dimensions (a basic dim, or the advanced block). */
  tables: Int32Array[];
}

function rawGather(src: DataArray, plan: Plan, dtype: DType): DataArray {
  const n = shapeSize(plan.outShape);
  const out = allocate(dtype, n);
  if (n === 0) return out;
  const tables = plan.tables;
  const m = tables.length;
  if (m === 0) {
    out[0] = src[plan.base]!;
    return out;
  }
  const last = tables[m - 1]!;
  const L = last.length;
  const idx = new Int32Array(m);
  let pos = plan.base;
  for (let d = 0; d < m - 1; d++) pos += tables[d]![0]!;
  for (let o = 0; o < n; o += L) {
    for (let j = 0; j < L; j++) out[o + j] = src[pos + last[j]!]!;
    for (let d = m - 2; d >= 0; d--) {
      const t = tables[d]!;
      pos -= t[idx[d]!]!;
      idx[d]!++;
      if (idx[d]! < t.length) {
        pos += t[idx[d]!]!;
        break;
      }
      idx[d] = 0;
      pos += t[0]!;
    }
  }
  return out;
}

/** Walk the plan calling `visit(srcOffset, outIndex)`; used by the scatter and write kernels. */
function walkPlan(plan: Plan, visit: (pos: number, o: number) => void): void {
  const n = shapeSize(plan.outShape);
  if (n === 0) return;
  const tables = plan.tables;
  const m = tables.length;
  if (m === 0) {
    visit(plan.base, 0);
    return;
  }
  const last = tables[m - 1]!;
  const L = last.length;
  const idx = new Int32Array(m);
  let pos = plan.base;
  for (let d = 0; d < m - 1; d++) pos += tables[d]![0]!;
  for (let o = 0; o < n; o += L) {
    for (let j = 0; j < L; j++) visit(pos + last[j]!, o + j);
    for (let d = m - 2; d >= 0; d--) {
      const t = tables[d]!;
      pos -= t[idx[d]!]!;
      idx[d]!++;
      if (idx[d]! < t.length) {
        pos += t[idx[d]!]!;
        break;
      }
      idx[d] = 0;
      pos += t[0]!;
    }
  }
}

function rawScatterAdd(g: DataArray, plan: Plan, dtype: DType): DataArray {
  const out = allocate(dtype, shapeSize(plan.srcShape));
  walkPlan(plan, (pos, o) => {
    out[pos] = out[pos]! + g[o]!;
  });
  return out;
}

/** Read `plan` out of `x` (differentiable; backward: scatter-add into zeros). */
function planGather(op: string, x: Tensor, plan: Plan): Tensor {
  const out = new Tensor(rawGather(x.data, plan, x.dtype), plan.outShape, x.dtype);
  return record(out, op, [x], (g) => [planScatter(op, g, plan)]);
}

/** Scatter-add `g` (of the plan's output shape) into zeros of the source shape (backward: the read). */
function planScatter(op: string, g: Tensor, plan: Plan): Tensor {
  const out = new Tensor(rawScatterAdd(g.data, plan, g.dtype), plan.srcShape, g.dtype);
  return record(out, `${op}Backward`, [g], (gg) => [planGather(op, gg, plan)]);
}

function stridedPlan(
  op: string,
  srcShape: readonly number[],
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Plan {
  if (shape.length !== strides.length)
    throw new ShapeError(
      op,
      `shape ${showShape(shape)} and strides ${show(strides)} must have the same length`,
    );
  const size = shapeSize(srcShape);
  let lo = offset;
  let hi = offset;
  for (let d = 0; d < shape.length; d++) {
    const s = shape[d]!;
    if (!Number.isInteger(s) || s < 0)
      throw new ValueError(op, `shape must contain non-negative integers, received ${showShape(shape)}`);
    if (!Number.isInteger(strides[d]))
      throw new ValueError(op, `strides must be integers, received ${show(strides)}`);
    if (s === 0) {
      lo = 0;
      hi = -1;
      break;
    }
    const span = (s - 1) * strides[d]!;
    if (span < 0) lo += span;
    else hi += span;
  }
  if (shapeSize(shape) > 0 && (lo < 0 || hi >= size))
    throw new IndexError(
      op,
      `view shape ${showShape(shape)} strides ${show(strides)} offset ${offset} reads elements ${lo}..${hi}, outside a source of ${size} elements`,
    );
  const tables = shape.map((s, d) => {
    const t = new Int32Array(s);
    for (let j = 0; j < s; j++) t[j] = j * strides[d]!;
    return t;
  });
  return { srcShape: [...srcShape], outShape: [...shape], base: offset, tables };
}

/**
 * A (materialised) strided view of `x`'s row-major storage (PyTorch's `as_strided`): element
 * `[i0, i1, ...]` of the result is `x.data[offset + Σ i_d * strides[d]]`. Strides may be negative
 * (a flip) or zero (a broadcast). Every basic shape op (transpose, flip, slicing, diagonal) is one
 * of these. Backward: scatter-add of the gradient into zeros of `x`'s shape (overlaps accumulate).
 *
 * ```ts
 * asStrided(arange(6), [2, 2], [3, 1], 1).toArray(); // [[1, 2], [4, 5]]
 * asStrided(arange(9).reshape(3, 3), [3], [4]).toArray(); // the diagonal [0, 4, 8]
 * ```
 */
export function asStrided(
  x: TensorLike,
  shape: readonly number[],
  strides: readonly number[],
  offset = 0,
): Tensor {
  const t = asTensor(x);
  return planGather('asStrided', t, stridedPlan('asStrided', t.shape, shape, strides, offset));
}

/**
 * The adjoint of `asStrided`: a tensor of zeros of `baseShape` with each element of `src` added at
 * `offset + Σ i_d * strides[d]` (positions hit twice accumulate). `diag(v)` is
 * `asStridedScatterAdd(v, [n, n], [n + 1])`. Backward: `asStrided` with the same view.
 *
 * ```ts
 * asStridedScatterAdd(tensor([1, 2]), [2, 2], [3]).toArray(); // [[1, 0], [0, 2]]
 * ```
 */
export function asStridedScatterAdd(
  src: TensorLike,
  baseShape: readonly number[],
  strides: readonly number[],
  offset = 0,
): Tensor {
  const t = asTensor(src);
  return planScatter('asStrided', t, stridedPlan('asStridedScatterAdd', baseShape, t.shape, strides, offset));
}

// ---------------------------------------------------------------------------------------------
// index specs
// ---------------------------------------------------------------------------------------------

/** A Python slice `start:stop:step` (any part may be null = default). Build with `slice()`. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}

  /** Python's `slice.indices(length)`: concrete `[start, stop, step, count]` for an axis of `length`. */
  indices(length: number, op = 'index'): [number, number, number, number] {
    const step = this.step ?? 1;
    if (step === 0) throw new ValueError(op, 'slice step cannot be zero');
    for (const [k, v] of [
      ['start', this.start],
      ['stop', this.stop],
      ['step', this.step],
    ] as const)
      if (v !== null && !Number.isInteger(v))
        throw new ValueError(op, `slice ${k} must be an integer or null, received ${show(v)}`);
    const lower = step < 0 ? -1 : 0;
    const upper = step < 0 ? length - 1 : length;
    const clamp = (v: number | null, dflt: number): number => {
      if (v === null) return dflt;
      let r = v < 0 ? v + length : v;
      if (r < lower) r = lower;
      else if (r > upper) r = upper;
      return r;
    };
    const start = clamp(this.start, step < 0 ? upper : lower);
    const stop = clamp(this.stop, step < 0 ? lower : upper);
    let count = 0;
    if (step > 0 && stop > start) count = Math.floor((stop - start - 1) / step) + 1;
    else if (step < 0 && start > stop) count = Math.floor((start - stop - 1) / -step) + 1;
    return [start, stop, step, count];
  }

  toString(): string {
    const f = (v: number | null): string => (v === null ? '' : String(v));
    return `${f(this.start)}:${f(this.stop)}${this.step === null ? '' : `:${this.step}`}`;
  }
}

/**
 * Python's `slice(start, stop, step)`, for `x.index(slice(1, -1))` = numpy `x[1:-1]`. The string
 * forms `'1:-1'`, `':'`, `'::2'` are accepted by `index` too.
 *
 * ```ts
 * arange(6).index(slice(null, null, -2)).toArray(); // [5, 3, 1]
 * ```
 */
export function slice(
  start: number | null = null,
  stop: number | null = null,
  step: number | null = null,
): Slice {
  return new Slice(start, stop, step);
}

/** numpy's `np.newaxis` (it is `null`): `x.index(':', newaxis)` = `x[:, None]`. */
export const newaxis = null;

/**
 * One entry of an index expression: an integer (drops the axis; negative counts from the end),
 * a `Slice` or a slice string (`':'`, `'0:1'`, `'::2'`, `'1:-1'`), an integer string (`'3'`),
 * `null` (numpy's `None`/`newaxis`), `'...'` (Ellipsis), an integer array or tensor (advanced
 * indexing), or a boolean mask (array or bool tensor).
 */
export type IndexSpec = number | string | Slice | null | Tensor | readonly unknown[];

function parseSliceString(op: string, s: string): Slice | number | '...' {
  const t = s.trim();
  if (t === '...') return '...';
  const parts = t.split(':');
  const num = (p: string): number | null => {
    const q = p.trim();
    if (q === '') return null;
    const v = Number(q);
    if (!Number.isInteger(v))
      throw new ValueError(
        op,
        `cannot parse index string ${show(s)}: ${show(q)} is not an integer; expected forms like ':', '1:3', '::2', '1:-1', '...'`,
      );
    return v;
  };
  if (parts.length === 1) {
    const v = num(parts[0]!);
    if (v === null) throw new ValueError(op, `cannot parse index string ${show(s)}`);
    return v;
  }
  if (parts.length > 3) throw new ValueError(op, `cannot parse index string ${show(s)}: too many ':'`);
  return new Slice(num(parts[0]!), num(parts[1]!), parts.length === 3 ? num(parts[2]!) : null);
}

type Parsed =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; value: Slice }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; value: Tensor }
  | { kind: 'mask'; value: Tensor };

function parseSpec(op: string, spec: IndexSpec): Parsed {
  if (spec === null) return { kind: 'newaxis' };
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec)) throw new IndexError(op, `index must be an integer, received ${spec}`);
    return { kind: 'int', value: spec };
  }
  if (typeof spec === 'string') {
    const p = parseSliceString(op, spec);
    if (p === '...') return { kind: 'ellipsis' };
    if (typeof p === 'number') return { kind: 'int', value: p };
    return { kind: 'slice', value: p };
  }
  if (spec instanceof Slice) return { kind: 'slice', value: spec };
  if (typeof spec === 'boolean') return { kind: 'mask', value: asTensor(spec) };
  let t: Tensor;
  try {
    t = spec instanceof Tensor ? spec : asTensor(spec as TensorLike);
  } catch {
    throw new IndexError(
      op,
      `unsupported index ${show(spec)}; expected an integer, slice, string, null, '...', integer array or boolean mask`,
    );
  }
  if (t.dtype === 'bool') return { kind: 'mask', value: t };
  if (Array.isArray(spec) && spec.length === 0)
    return { kind: 'array', value: new Tensor(new Int32Array(0), [0], 'int32') };
  if (t.dtype !== 'int32') {
    for (let i = 0; i < t.size; i++)
      if (!Number.isInteger(t.data[i]))
        throw new IndexError(
          op,
          `index arrays must hold integers (or booleans for a mask), received a ${t.dtype} array containing ${t.data[i]}`,
        );
  }
  return { kind: 'array', value: t };
}

function checkIndex(op: string, i: number, size: number, axis: number): number {
  if (i < -size || i >= size)
    throw new IndexError(op, `index ${i} is out of bounds for axis ${axis} with size ${size}`);
  return i < 0 ? i + size : i;
}

/** The indices where a mask is true, one flat list per mask dimension (numpy's `nonzero`). */
function maskToArrays(mask: Tensor): Tensor[] {
  const nd = mask.ndim;
  let count = 0;
  for (let i = 0; i < mask.size; i++) if (mask.data[i]) count++;
  const outs = Array.from({ length: nd }, () => new Int32Array(count));
  const st = stridesOf(mask.shape);
  let k = 0;
  for (let i = 0; i < mask.size; i++) {
    if (!mask.data[i]) continue;
    let r = i;
    for (let d = 0; d < nd; d++) {
      outs[d]![k] = Math.floor(r / st[d]!);
      r -= outs[d]![k]! * st[d]!;
    }
    k++;
  }
  return outs.map((a) => new Tensor(a, [count], 'int32'));
}

/** Build the offset plan of `x[specs]` with numpy semantics. */
function buildPlan(op: string, shape: readonly number[], specs: readonly IndexSpec[]): Plan {
  const parsed = specs.map((s) => parseSpec(op, s));
  const ndim = shape.length;
  let ellipses = 0;
  let consumed = 0;
  let hasAdvanced = false;
  for (const p of parsed) {
    if (p.kind === 'ellipsis') ellipses++;
    else if (p.kind === 'mask') {
      consumed += p.value.ndim;
      hasAdvanced = true;
    } else if (p.kind !== 'newaxis') consumed++;
    if (p.kind === 'array') hasAdvanced = true;
  }
  if (ellipses > 1)
    throw new IndexError(op, `an index can only have a single ellipsis ('...'), received ${ellipses}`);
  if (consumed > ndim)
    throw new IndexError(
      op,
      `too many indices: the tensor has shape ${showShape(shape)} (${ndim} dimension(s)) but ${consumed} were indexed`,
    );
  // expand the ellipsis (or pad at the end) with full slices
  const full: Parsed[] = [];
  let expanded = false;
  for (const p of parsed) {
    if (p.kind === 'ellipsis') {
      for (let i = 0; i < ndim - consumed; i++) full.push({ kind: 'slice', value: new Slice() });
      expanded = true;
    } else full.push(p);
  }
  if (!expanded) for (let i = 0; i < ndim - consumed; i++) full.push({ kind: 'slice', value: new Slice() });

  const strides = stridesOf(shape);
  let base = 0;
  // result dims in order: basic dims carry their table; 'adv' marks where advanced indices sit
  const dims: ({ kind: 'basic'; table: Int32Array } | { kind: 'adv' })[] = [];
  const adv: { idx: Tensor; stride: number }[] = [];
  let d = 0;
  for (const p of full) {
    switch (p.kind) {
      case 'newaxis':
        dims.push({ kind: 'basic', table: new Int32Array(1) });
        break;
      case 'int': {
        const i = checkIndex(op, p.value, shape[d]!, d);
        if (hasAdvanced) {
          // numpy: with an array index present, an integer is an advanced (0-d) index
          adv.push({ idx: new Tensor(Int32Array.of(i), [], 'int32'), stride: strides[d]! });
          dims.push({ kind: 'adv' });
        } else base += i * strides[d]!;
        d++;
        break;
      }
      case 'slice': {
        const [start, , step, count] = p.value.indices(shape[d]!, op);
        const t = new Int32Array(count);
        for (let j = 0; j < count; j++) t[j] = (start + j * step) * strides[d]!;
        dims.push({ kind: 'basic', table: t });
        d++;
        break;
      }
      case 'array': {
        const t = p.value;
        const n = shape[d]!;
        const a = new Int32Array(t.size);
        for (let i = 0; i < t.size; i++) a[i] = checkIndex(op, t.data[i]!, n, d);
        adv.push({ idx: new Tensor(a, t.shape, 'int32'), stride: strides[d]! });
        dims.push({ kind: 'adv' });
        d++;
        break;
      }
      case 'mask': {
        const m = p.value;
        const covered = shape.slice(d, d + m.ndim);
        if (!sameShape(covered, m.shape))
          throw new IndexError(
            op,
            `boolean mask of shape ${showShape(m.shape)} does not match the indexed dimensions ${showShape(covered)} of a tensor of shape ${showShape(shape)} (starting at axis ${d})`,
          );
        if (m.ndim === 0) {
          // x[True] adds an axis of length 1, x[False] one of length 0 (numpy)
          adv.push({
            idx: new Tensor(new Int32Array(m.data[0] ? 1 : 0), [m.data[0] ? 1 : 0], 'int32'),
            stride: 0,
          });
          dims.push({ kind: 'adv' });
          break;
        }
        for (const arr of maskToArrays(m)) {
          adv.push({ idx: arr, stride: strides[d]! });
          dims.push({ kind: 'adv' });
          d++;
        }
        break;
      }
      default:
        break;
    }
  }
  if (adv.length === 0) {
    const tables = dims.map((x) => (x as { table: Int32Array }).table);
    return { srcShape: [...shape], outShape: tables.map((t) => t.length), base, tables };
  }
  // broadcast the advanced indices together and sum their offsets into one table
  let bshape: number[] = [];
  for (const a of adv) bshape = broadcastShapes(op, bshape, a.idx.shape);
  const bsize = shapeSize(bshape);
  const table = new Int32Array(bsize);
  const nb = bshape.length;
  for (const a of adv) {
    const bs = broadcastStrides(a.idx.shape, bshape);
    const ix = new Int32Array(nb);
    let p = 0;
    for (let o = 0; o < bsize; o++) {
      table[o] = table[o]! + a.idx.data[p]! * a.stride;
      for (let k = nb - 1; k >= 0; k--) {
        ix[k]!++;
        p += bs[k]!;
        if (ix[k]! < bshape[k]!) break;
        p -= bs[k]! * bshape[k]!;
        ix[k] = 0;
      }
    }
  }
  const positions = dims.flatMap((x, i) => (x.kind === 'adv' ? [i] : []));
  const contiguous = positions[positions.length - 1]! - positions[0]! === positions.length - 1;
  const basics = (list: typeof dims): Int32Array[] =>
    list.flatMap((x) => (x.kind === 'basic' ? [x.table] : []));
  const before = contiguous ? basics(dims.slice(0, positions[0]!)) : [];
  const after = contiguous ? basics(dims.slice(positions[0]! + positions.length)) : basics(dims);
  // one table for the whole advanced block: its output dims are bshape, flattened row-major
  const outShape = [...before.map((t) => t.length), ...bshape, ...after.map((t) => t.length)];
  return { srcShape: [...shape], outShape, base, tables: [...before, table, ...after] };
}

function asSpecs(specs: readonly IndexSpec[]): IndexSpec[] {
  return specs.length === 1 &&
    Array.isArray(specs[0]) &&
    specs[0].some((s) => s instanceof Slice || typeof s === 'string' || s === null)
    ? [...(specs[0] as IndexSpec[])]
    : [...specs];
}

// ---------------------------------------------------------------------------------------------
// reading
// ---------------------------------------------------------------------------------------------

/**
 * numpy indexing `x[spec0, spec1, ...]` (see `IndexSpec`). Basic indices (integers, slices,
 * `null`, `'...'`) select a strided view; integer arrays and boolean masks are numpy advanced
 * indices: a single one replaces its axis (or the mask's axes) by the index's shape; several
 * broadcast together and, when separated by a basic index, move to the front — exactly numpy's
 * rules. The result is always a new tensor (numpy would return a view for basic indexing).
 * Backward: the gradient is scatter-added into zeros of `x`'s shape, so repeated indices
 * accumulate.
 *
 * ```ts
 * const x = arange(12).reshape(3, 4);
 * x.index(':', '0:1').shape;          // [3, 1]     x[:, 0:1]
 * x.index(':', [0, 2]).shape;         // [3, 2]     x[:, [0, 2]]
 * x.index(-1).toArray();              // [8, 9, 10, 11]
 * x.index(x.greater(5)).toArray();    // [6, ..., 11]   x[x > 5]
 * x.index('...', null).shape;         // [3, 4, 1]  x[..., None]
 * ```
 */
export function index(x: TensorLike, ...specs: IndexSpec[]): Tensor {
  const t = asTensor(x);
  return planGather('index', t, buildPlan('index', t.shape, asSpecs(specs)));
}

/**
 * numpy's `take(x, indices, axis)`: elements of `x` at `indices` along `axis` (of the flattened
 * `x` when `axis` is omitted). Output shape: `x.shape[:axis] + indices.shape + x.shape[axis+1:]`.
 * Backward: scatter-add.
 *
 * ```ts
 * take(tensor([[1, 2], [3, 4]]), [1, 1, 0], 0).toArray(); // [[3, 4], [3, 4], [1, 2]]
 * ```
 */
export function take(x: TensorLike, indices: TensorLike, axis?: number): Tensor {
  const t = asTensor(x);
  const flat = axis === undefined || axis === null;
  // without an axis: a plan over the flattened storage (row-major, so the same offsets), whose
  // backward scatters into x's own shape
  const shape = flat ? [t.size] : t.shape;
  const ax = flat ? 0 : normalizeAxis('take', axis, t.ndim);
  const idx = typeof indices === 'number' ? indices : (indices as IndexSpec);
  const specs: IndexSpec[] = [...Array(ax).fill(':'), idx];
  if (idx instanceof Tensor && idx.dtype === 'bool')
    throw new DTypeError(
      'take',
      'indices must be integers, received a bool tensor; use index(x, mask) for masks',
    );
  const plan = buildPlan('take', shape, specs);
  return planGather('take', t, flat ? { ...plan, srcShape: [...t.shape] } : plan);
}

/**
 * PyTorch's `index_select(x, dim, index)`: the slices of `x` at the 1-D `indices` along `axis`.
 * Backward: scatter-add (repeated indices accumulate).
 *
 * ```ts
 * indexSelect(tensor([[1, 2], [3, 4]]), 1, [1]).toArray(); // [[2], [4]]
 * ```
 */
export function indexSelect(x: TensorLike, axis: number, indices: TensorLike): Tensor {
  const idx = asTensor(indices);
  if (idx.ndim !== 1)
    throw new ShapeError('indexSelect', `indices must be 1-D, received shape ${showShape(idx.shape)}`);
  const t = asTensor(x);
  const ax = normalizeAxis('indexSelect', axis, t.ndim);
  return planGather('indexSelect', t, buildPlan('indexSelect', t.shape, [...Array(ax).fill(':'), idx]));
}

/**
 * PyTorch's `masked_select(x, mask)`: the elements of `x` where the (broadcast) boolean `mask`
 * is true, as a 1-D tensor in row-major order (numpy `x[mask]` after broadcasting).
 *
 * ```ts
 * maskedSelect(tensor([[1, 2], [3, 4]]), tensor([true, false])).toArray(); // [1, 3]
 * ```
 */
export function maskedSelect(x: TensorLike, mask: TensorLike): Tensor {
  const t = asTensor(x);
  const m = asTensor(mask);
  if (m.dtype !== 'bool')
    throw new DTypeError('maskedSelect', `mask must have dtype bool, received ${m.dtype}`);
  const shape = broadcastShapes('maskedSelect', t.shape, m.shape);
  const tb = broadcastTo(t, shape);
  const mb = broadcastTo(m, shape);
  return planGather('maskedSelect', tb, buildPlan('maskedSelect', shape, [mb]));
}

// ---------------------------------------------------------------------------------------------
// gather / scatterAdd (PyTorch)
// ---------------------------------------------------------------------------------------------

function indexTensor(op: string, arg: string, index: TensorLike): Tensor {
  const t = asTensor(index);
  if (t.dtype === 'bool') throw new DTypeError(op, `${arg} must hold integers, received dtype bool`);
  if (t.dtype !== 'int32')
    for (let i = 0; i < t.size; i++)
      if (!Number.isInteger(t.data[i]))
        throw new DTypeError(op, `${arg} must hold integers, received ${t.data[i]}`);
  return t;
}

/** For each position of `index` (shape S), the flat offset into a tensor of `shape` along `axis`. */
function alongOffsets(op: string, shape: readonly number[], axis: number, index: Tensor): Int32Array {
  const nd = shape.length;
  if (index.ndim !== nd)
    throw new ShapeError(
      op,
      `index must have as many dimensions as the input (${nd}), received shape ${showShape(index.shape)}`,
    );
  for (let d = 0; d < nd; d++)
    if (d !== axis && index.shape[d]! > shape[d]!)
      throw new ShapeError(
        op,
        `index shape ${showShape(index.shape)} exceeds input shape ${showShape(shape)} at dimension ${d}; expected index.shape[d] <= input.shape[d] for d != axis`,
      );
  const st = stridesOf(shape);
  const n = index.size;
  const out = new Int32Array(n);
  const ix = new Int32Array(nd);
  const size = shape[axis]!;
  let pos = 0; // offset of the current position, ignoring the axis coordinate
  for (let o = 0; o < n; o++) {
    const v = index.data[o]!;
    if (v < -size || v >= size)
      throw new IndexError(op, `index ${v} is out of bounds for axis ${axis} with size ${size}`);
    out[o] = pos + (v < 0 ? v + size : v) * st[axis]!;
    for (let d = nd - 1; d >= 0; d--) {
      ix[d]!++;
      if (d !== axis) pos += st[d]!;
      if (ix[d]! < index.shape[d]!) break;
      if (d !== axis) pos -= st[d]! * index.shape[d]!;
      ix[d] = 0;
    }
  }
  return out;
}

/**
 * PyTorch's `gather(x, dim, index)` (numpy's `take_along_axis`): `out[i][j] = x[index[i][j]][j]`
 * for `axis = 0`, `x[i][index[i][j]]` for `axis = 1`, and so on. `index` has `x`'s number of
 * dimensions; the output has `index`'s shape. Backward: `scatterAdd` of the gradient into zeros.
 *
 * ```ts
 * gather(tensor([[1, 2], [3, 4]]), 1, tensor([[0, 0], [1, 0]], { dtype: 'int32' })).toArray(); // [[1, 1], [4, 3]]
 * ```
 */
export function gather(x: TensorLike, axis: number, index: TensorLike): Tensor {
  const t = asTensor(x);
  const ax = normalizeAxis('gather', axis, t.ndim);
  const idx = indexTensor('gather', 'index', index);
  const offs = alongOffsets('gather', t.shape, ax, idx);
  const out = allocate(t.dtype, offs.length);
  for (let i = 0; i < offs.length; i++) out[i] = t.data[offs[i]!]!;
  const res = new Tensor(out, idx.shape, t.dtype);
  return record(res, 'gather', [t], (g) => [scatterAdd(zeros(t.shape, { dtype: g.dtype }), ax, idx, g)]);
}

/**
 * PyTorch's `scatter_add(x, dim, index, src)`, functional: a copy of `x` with
 * `out[index[i][j]][j] += src[i][j]` (for `axis = 0`); repeated indices accumulate. `index` and
 * `src` have the same shape. Backward: `dx = g`, `dsrc = gather(g, axis, index)`.
 *
 * ```ts
 * scatterAdd(zeros([3]), 0, tensor([0, 2, 0], { dtype: 'int32' }), tensor([1, 2, 3])).toArray(); // [4, 0, 2]
 * ```
 */
export function scatterAdd(x: TensorLike, axis: number, index: TensorLike, src: TensorLike): Tensor {
  const t = asTensor(x);
  const ax = normalizeAxis('scatterAdd', axis, t.ndim);
  const idx = indexTensor('scatterAdd', 'index', index);
  let s = asTensor(src);
  if (!sameShape(s.shape, idx.shape))
    throw new ShapeError(
      'scatterAdd',
      `src has shape ${showShape(s.shape)} but index has shape ${showShape(idx.shape)}; expected equal shapes`,
    );
  if (s.dtype !== t.dtype) s = astype(s, t.dtype);
  const offs = alongOffsets('scatterAdd', t.shape, ax, idx);
  const out = t.data.slice() as DataArray;
  for (let i = 0; i < offs.length; i++) out[offs[i]!] = castValue(t.dtype, out[offs[i]!]! + s.data[i]!);
  const res = new Tensor(out, t.shape, t.dtype);
  return record(res, 'scatterAdd', [t, s], (g) => [g, s.requiresGrad ? gather(g, ax, idx) : null]);
}

// ---------------------------------------------------------------------------------------------
// functional writes
// ---------------------------------------------------------------------------------------------

function specList(index: IndexSpec | readonly IndexSpec[]): IndexSpec[] {
  if (
    Array.isArray(index) &&
    index.some(
      (s) =>
        s instanceof Slice || typeof s === 'string' || s === null || s instanceof Tensor || Array.isArray(s),
    )
  )
    return [...(index as IndexSpec[])];
  return [index as IndexSpec];
}

/**
 * numpy's assignment `x[index] = values`, functional: returns a NEW tensor equal to `x` with the
 * indexed elements replaced by `values` (broadcast to the indexed shape, cast to `x`'s dtype);
 * `x` is untouched. `index` is one `IndexSpec` or a list of them (`[':', 0]` for `x[:, 0]`); a
 * list of plain numbers is ONE integer-array index (`[0, 2]` is `x[[0, 2]]`; write `['0', '2']`
 * or `[0, '2']` for `x[0, 2]`).
 * With repeated advanced indices the last write wins, as numpy. Backward: `dx = g` with the
 * written positions zeroed, `dvalues = g[index]` (summed over broadcasting).
 *
 * ```ts
 * setIndex(zeros([2, 3]), [':', 1], 5).toArray(); // [[0, 5, 0], [0, 5, 0]]
 * ```
 */
export function setIndex(x: TensorLike, index: IndexSpec | readonly IndexSpec[], values: TensorLike): Tensor {
  const t = asTensor(x);
  const plan = buildPlan('setIndex', t.shape, specList(index));
  let v = asTensor(values, typeof values === 'number' ? t.dtype : undefined);
  if (v.dtype !== t.dtype) v = astype(v, t.dtype);
  if (!sameShape(broadcastShapes('setIndex', v.shape, plan.outShape), plan.outShape))
    throw new ShapeError(
      'setIndex',
      `values of shape ${showShape(v.shape)} cannot be broadcast to the indexed shape ${showShape(plan.outShape)}`,
    );
  const vb = broadcastTo(v, plan.outShape);
  const out = t.data.slice() as DataArray;
  const vd = vb.data;
  walkPlan(plan, (pos, o) => {
    out[pos] = vd[o]!;
  });
  const res = new Tensor(out, t.shape, t.dtype);
  return record(res, 'setIndex', [t, vb], (g) => {
    let gx: Tensor | null = null;
    if (t.requiresGrad) {
      const keep = allocate(g.dtype, t.size).fill(1);
      walkPlan(plan, (pos) => {
        keep[pos] = 0;
      });
      gx = mul(g, new Tensor(keep, t.shape, g.dtype));
    }
    return [gx, vb.requiresGrad ? planGather('setIndex', g, plan) : null];
  });
}

/**
 * PyTorch's `index_put(x, indices, values, accumulate)`, functional, with numpy index specs:
 * `accumulate = false` is `setIndex`; `accumulate = true` adds `values` at the indexed positions
 * (repeated indices accumulate, numpy's `np.add.at`). Backward as `setIndex` / scatter-add.
 *
 * ```ts
 * indexPut(zeros([3]), [[0, 0, 2]], tensor([1, 2, 3]), true).toArray(); // [3, 0, 3]
 * ```
 */
export function indexPut(
  x: TensorLike,
  indices: readonly IndexSpec[],
  values: TensorLike,
  accumulate = false,
): Tensor {
  if (!Array.isArray(indices))
    throw new ValueError('indexPut', `indices must be a list of index specs, received ${show(indices)}`);
  if (!accumulate) return setIndex(x, [...indices], values);
  const t = asTensor(x);
  const plan = buildPlan('indexPut', t.shape, [...indices]);
  let v = asTensor(values, typeof values === 'number' ? t.dtype : undefined);
  if (v.dtype !== t.dtype) v = astype(v, t.dtype);
  if (!sameShape(broadcastShapes('indexPut', v.shape, plan.outShape), plan.outShape))
    throw new ShapeError(
      'indexPut',
      `values of shape ${showShape(v.shape)} cannot be broadcast to the indexed shape ${showShape(plan.outShape)}`,
    );
  return add(t, planScatter('indexPut', broadcastTo(v, plan.outShape), plan));
}
