import { IndexError, ShapeError, show, showShape, ValueError } from './errors.js';

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C order) strides in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Check a user-given shape: non-negative integers. */
export function checkShape(op: string, arg: string, shape: readonly number[]): number[] {
  if (!Array.isArray(shape))
    throw new ValueError(op, `${arg} must be an array of non-negative integers, received ${show(shape)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0)
      throw new ValueError(op, `${arg} must contain non-negative integers, received ${show(shape)}`);
  }
  return [...shape];
}

/** numpy broadcasting of two shapes; throws a ShapeError naming the op and both shapes. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else
      throw new ShapeError(
        op,
        `cannot broadcast shapes ${showShape(a)} and ${showShape(b)}: dimension ${i} (from the right: ${n - i}) is ${da} vs ${db}; expected equal sizes or 1`,
      );
  }
  return out;
}

/** Strides of `shape` viewed as broadcast into `outShape` (0 along broadcast dimensions). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const st = stridesOf(shape);
  const n = outShape.length;
  const out = new Array<number>(n).fill(0);
  const off = n - shape.length;
  for (let i = 0; i < shape.length; i++) out[off + i] = shape[i] === 1 ? 0 : st[i]!;
  return out;
}

/** Normalise an axis (negative counts from the end), checking range. */
export function normalizeAxis(op: string, axis: number, ndim: number, arg = 'axis'): number {
  if (!Number.isInteger(axis)) throw new ValueError(op, `${arg} must be an integer, received ${show(axis)}`);
  const a = axis < 0 ? axis + ndim : axis;
  if (a < 0 || a >= ndim)
    throw new IndexError(
      op,
      `${arg} ${axis} is out of range for a tensor of ${ndim} dimension(s); expected -${ndim} <= ${arg} < ${ndim}`,
    );
  return a;
}

/** Normalise an axis option (number, array, or undefined = all axes) to a sorted unique list. */
export function normalizeAxes(
  op: string,
  axis: number | readonly number[] | undefined | null,
  ndim: number,
): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(op, a, ndim));
  const uniq = [...new Set(out)].sort((x, y) => x - y);
  if (uniq.length !== out.length) throw new ValueError(op, `axis contains a repeated axis: ${show(list)}`);
  return uniq;
}
