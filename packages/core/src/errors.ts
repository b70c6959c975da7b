/**
 * Typed errors. Every message names the function, the argument, what was received and what
 * was expected, e.g. `add: cannot broadcast shapes [2,3] (a) and [4] (b): dimension 1 is 3 vs 4`.
 */
export class GradkitError extends Error {
  /** The function (op) that raised the error, e.g. `matmul`. */
  readonly op: string;
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = new.target.name;
    this.op = op;
  }
}

/** Shapes that cannot be combined (broadcasting, matmul, reshape, concat, ...). */
export class ShapeError extends GradkitError {}
/** A dtype the op does not accept (e.g. gradients of an int32 tensor). */
export class DTypeError extends GradkitError {}
/** A value outside the accepted range (negative size, NaN learning rate, bad option). */
export class ValueError extends GradkitError {}
/** An axis or index out of range. */
export class IndexError extends GradkitError {}
/** Misuse of the autograd engine (backward twice, non-scalar output without a seed). */
export class AutogradError extends GradkitError {}

/** Format a value for an error message: shapes as `[2,3]`, strings quoted, short arrays inline. */
export function show(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length > 8) return `[${value.slice(0, 8).map(show).join(',')},...] (length ${value.length})`;
    return `[${value.map(show).join(',')}]`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name ?? 'object';
    if (name === 'Tensor') {
      const t = value as { shape: number[]; dtype: string };
      return `Tensor(shape=[${t.shape.join(',')}], dtype=${t.dtype})`;
    }
    return name;
  }
  return String(value);
}

/** Format a shape: `[2,3]`, `[]` for a scalar. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
