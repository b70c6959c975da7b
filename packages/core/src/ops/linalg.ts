/**
 * Linear algebra with numpy semantics beyond the products (`matmul.ts`) — diag, trace, norm, and
 * LU-based inv/solve/det — each with its autograd backward rule beside it.
 */
import { record } from '../autograd/engine.js';
import { allocate } from '../dtype.js';
import { ShapeError, show, showShape, ValueError } from '../errors.js';
import { broadcastShapes, broadcastStrides, normalizeAxis, shapeSize } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';
import { broadcastTo, mul, neg, sumToShape } from './arith.js';
import { pow } from './binary.js';
import { asStrided, asStridedScatterAdd } from './indexing.js';
import { commonDType, matmul } from './matmul.js';
import { reshape, swapaxes, unsqueeze } from './shape.js';
import { abs, astype, sqrt } from './unary.js';

/**
 * numpy's `diag`: for a 1-D `v`, the square matrix with `v` on diagonal `k` (above the main
 * diagonal for k > 0); for a 2-D `x`, its k-th diagonal as a 1-D tensor. Backward: the other
 * direction (extract ↔ embed).
 *
 * ```ts
 * diag(tensor([1, 2])).toArray();              // [[1, 0], [0, 2]]
 * diag(tensor([[1, 2], [3, 4]])).toArray();    // [1, 4]
 * diag(tensor([[1, 2], [3, 4]]), 1).toArray(); // [2]
 * ```
 */
export function diag(x: TensorLike, k = 0): Tensor {
  const t = asTensor(x);
  if (!Number.isInteger(k)) throw new ValueError('diag', `k must be an integer, received ${show(k)}`);
  if (t.ndim === 1) {
    const n = t.shape[0]! + Math.abs(k);
    return asStridedScatterAdd(t, [n, n], [n + 1], k >= 0 ? k : -k * n);
  }
  if (t.ndim === 2) {
    const [r, c] = t.shape as [number, number];
    const len = Math.max(0, k >= 0 ? Math.min(r, c - k) : Math.min(r + k, c));
    return asStrided(t, [len], [c + 1], len === 0 ? 0 : k >= 0 ? k : -k * c);
  }
  throw new ShapeError('diag', `input must be 1-D or 2-D, received shape ${showShape(t.shape)}`);
}

/**
 * numpy's `trace` of a matrix: `Σ_i x[i, i + offset]`. Backward: the gradient on the diagonal.
 *
 * ```ts
 * trace(tensor([[1, 2], [3, 4]])).item(); // 5
 * ```
 */
export function trace(x: TensorLike, offset = 0): Tensor {
  const t = asTensor(x);
  if (t.ndim !== 2) throw new ShapeError('trace', `input must be 2-D, received shape ${showShape(t.shape)}`);
  return sumToShape(diag(t, offset), []);
}

// ---------------------------------------------------------------------------------------------
// norms
// ---------------------------------------------------------------------------------------------

export interface NormOptions {
  /**
   * Vector norms: 2 (default), 1, Infinity (max |x|), -Infinity (min |x|), 0 (count of
   * non-zeros), any other p: `(Σ |x|^p)^(1/p)`. Matrix norms (2-D input, or `axis` of two axes):
   * 'fro' (default), 1 (max column sum), -1, Infinity (max row sum), -Infinity.
   */
  ord?: number | 'fro';
  /** An axis (vector norm) or two axes (matrix norm); default: all of `x` (flattened 2-norm when `ord` is unset). */
  axis?: number | readonly [number, number];
  keepdims?: boolean;
}

function sumAxes(x: Tensor, axes: readonly number[]): Tensor {
  return sumToShape(
    x,
    x.shape.map((d, i) => (axes.includes(i) ? 1 : d)),
  );
}

/** max (sign = 1) or min (sign = -1) over `axes`, keepdims; the gradient is shared by ties. */
function extremeAxes(x: Tensor, axes: readonly number[], sign: 1 | -1): Tensor {
  const kshape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const n = shapeSize(kshape);
  const out = allocate(x.dtype, n).fill(sign * -Infinity);
  const os = broadcastStrides(kshape, x.shape);
  const nd = x.ndim;
  const idx = new Array<number>(nd).fill(0);
  const walk = (f: (i: number, o: number) => void): void => {
    let o = 0;
    idx.fill(0);
    for (let i = 0; i < x.size; i++) {
      f(i, o);
      for (let d = nd - 1; d >= 0; d--) {
        idx[d]!++;
        o += os[d]!;
        if (idx[d]! < x.shape[d]!) break;
        o -= os[d]! * x.shape[d]!;
        idx[d] = 0;
      }
    }
  };
  walk((i, o) => {
    const v = x.data[i]!;
    if (Number.isNaN(v) || sign * v > sign * out[o]!) out[o] = v;
  });
  const res = new Tensor(out, kshape, x.dtype);
  return record(res, sign > 0 ? 'max' : 'min', [x], (g) => {
    const mask = allocate(g.dtype, x.size);
    const count = new Float64Array(n);
    walk((i, o) => {
      if (x.data[i] === out[o]) {
        mask[i] = 1;
        count[o]!++;
      }
    });
    walk((i, o) => {
      if (mask[i]) mask[i] = 1 / count[o]!;
    });
    return [mul(broadcastTo(g, x.shape), new Tensor(mask, x.shape, g.dtype))];
  });
}

/**
 * numpy's `linalg.norm(x, ord, axis, keepdims)`. Default: the 2-norm of the flattened input
 * (Frobenius for a matrix), `‖x‖₂ = sqrt(Σ x²)`. See `NormOptions` for the other orders; matrix
 * 2-norm / nuclear norm (singular values) are not provided. Differentiable (built from abs,
 * sums, powers and max/min; at x = 0 the 2-norm's gradient is NaN, like `sqrt`).
 *
 * ```ts
 * norm(tensor([3, 4])).item();                           // 5
 * norm(tensor([[1, -2], [3, 4]]), { ord: 1 }).item();    // 6 (max column sum)
 * norm(tensor([[3, 4], [6, 8]]), { axis: 1 }).toArray(); // [5, 10]
 * ```
 */
export function norm(x: TensorLike, options: NormOptions = {}): Tensor {
  let t = asTensor(x);
  if (t.dtype === 'int32' || t.dtype === 'bool') t = astype(t, 'float64');
  const { ord, keepdims = false } = options;
  let axes: number[];
  if (options.axis === undefined || options.axis === null) {
    if (ord !== undefined && t.ndim > 2)
      throw new ValueError(
        'norm',
        `improper number of dimensions to norm: ord ${show(ord)} needs a 1-D or 2-D input or an axis, received shape ${showShape(t.shape)}`,
      );
    axes = t.shape.map((_, i) => i);
    if (ord === undefined) {
      const r = sqrt(sumAxes(mul(t, t), axes));
      return keepdims ? r : reshape(r, []);
    }
  } else if (typeof options.axis === 'number') axes = [normalizeAxis('norm', options.axis, t.ndim)];
  else {
    if (options.axis.length !== 2)
      throw new ValueError('norm', `axis must be one axis or two axes, received ${show(options.axis)}`);
    axes = options.axis.map((a) => normalizeAxis('norm', a, t.ndim));
    if (axes[0] === axes[1]) throw new ValueError('norm', `duplicate axes given: ${show(options.axis)}`);
  }
  const dropped = (r: Tensor): Tensor =>
    keepdims
      ? r
      : reshape(
          r,
          t.shape.filter((_, i) => !axes.includes(i)),
        );
  if (axes.length === 1) {
    const p = ord ?? 2;
    if (p === 'fro') throw new ValueError('norm', `ord 'fro' is a matrix norm; for a vector use ord 2`);
    if (p === 2) return dropped(sqrt(sumAxes(mul(t, t), axes)));
    if (p === 1) return dropped(sumAxes(abs(t), axes));
    if (p === Infinity) return dropped(extremeAxes(abs(t), axes, 1));
    if (p === -Infinity) return dropped(extremeAxes(abs(t), axes, -1));
    if (p === 0) {
      const nz = new Tensor(
        Float64Array.from(t.data, (v) => (v !== 0 ? 1 : 0)),
        t.shape,
        'float64',
      );
      return dropped(astype(sumAxes(nz, axes), t.dtype));
    }
    return dropped(pow(sumAxes(pow(abs(t), p), axes), 1 / p));
  }
  const [ra, ca] = axes as [number, number];
  const p = ord ?? 'fro';
  if (p === 'fro') return dropped(sqrt(sumAxes(mul(t, t), axes)));
  if (p === 1 || p === -1) return dropped(extremeAxes(sumAxes(abs(t), [ra]), [ca], p === 1 ? 1 : -1));
  if (p === Infinity || p === -Infinity)
    return dropped(extremeAxes(sumAxes(abs(t), [ca]), [ra], p === Infinity ? 1 : -1));
  throw new ValueError(
    'norm',
    `matrix norm ord ${show(p)} is not supported; expected 'fro', 1, -1, Infinity or -Infinity (the 2-norm and nuclear norm need singular values)`,
  );
}

// ---------------------------------------------------------------------------------------------
// LU: inv, solve, det
// ---------------------------------------------------------------------------------------------

function checkSquare(op: string, arg: string, t: Tensor): number {
  if (t.ndim < 2 || t.shape[t.ndim - 1] !== t.shape[t.ndim - 2])
    throw new ShapeError(
      op,
      `${arg} must be a square matrix (or a stack of them) of shape [..., n, n], received shape ${showShape(t.shape)}`,
    );
  return t.shape[t.ndim - 1]!;
}

/**
 * In-place LU factorisation with partial pivoting of the n×n matrix in `lu` (float64):
 * `P A = L U`, L unit lower. Returns the pivot rows and the permutation sign, or sign 0 when a
 * pivot is exactly zero (singular).
 */
function luFactor(lu: Float64Array, n: number): { piv: Int32Array; sign: number } {
  const piv = new Int32Array(n);
  let sign = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    let best = Math.abs(lu[c * n + c]!);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(lu[r * n + c]!);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    piv[c] = p;
    if (p !== c) {
      sign = -sign;
      for (let j = 0; j < n; j++) {
        const tmp = lu[c * n + j]!;
        lu[c * n + j] = lu[p * n + j]!;
        lu[p * n + j] = tmp;
      }
    }
    const d = lu[c * n + c]!;
    if (d === 0) {
      sign = 0;
      continue;
    }
    for (let r = c + 1; r < n; r++) {
      const f = lu[r * n + c]! / d;
      lu[r * n + c] = f;
      if (f !== 0) for (let j = c + 1; j < n; j++) lu[r * n + j]! -= f * lu[c * n + j]!;
    }
  }
  return { piv, sign };
}

/** Solve `A X = B` given A's LU factors; B (n×k, row-major) is overwritten by X. */
function luSolve(lu: Float64Array, piv: Int32Array, n: number, b: Float64Array, k: number): void {
  for (let c = 0; c < n; c++) {
    const p = piv[c]!;
    if (p !== c)
      for (let j = 0; j < k; j++) {
        const tmp = b[c * k + j]!;
        b[c * k + j] = b[p * k + j]!;
        b[p * k + j] = tmp;
      }
  }
  for (let r = 1; r < n; r++)
    for (let c = 0; c < r; c++) {
      const f = lu[r * n + c]!;
      if (f !== 0) for (let j = 0; j < k; j++) b[r * k + j]! -= f * b[c * k + j]!;
    }
  for (let r = n - 1; r >= 0; r--) {
    for (let c = r + 1; c < n; c++) {
      const f = lu[r * n + c]!;
      if (f !== 0) for (let j = 0; j < k; j++) b[r * k + j]! -= f * b[c * k + j]!;
    }
    const d = lu[r * n + r]!;
    for (let j = 0; j < k; j++) b[r * k + j]! /= d;
  }
}

function floatOf(t: Tensor): Tensor {
  return t.dtype === 'float32' || t.dtype === 'float64' ? t : astype(t, 'float64');
}

/** Solve each batch of `a [..., n, n]` against `b [..., n, k]` (same batch shape). */
function solveRaw(op: string, a: Tensor, b: Tensor): Tensor {
  const n = a.shape[a.ndim - 1]!;
  const k = b.shape[b.ndim - 1]!;
  const batch = shapeSize(a.shape.slice(0, -2));
  const out = allocate(b.dtype, b.size);
  const lu = new Float64Array(n * n);
  const x = new Float64Array(n * k);
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < n * n; i++) lu[i] = a.data[t * n * n + i]!;
    const { piv, sign } = luFactor(lu, n);
    if (sign === 0)
      throw new ValueError(
        op,
        `singular matrix${batch > 1 ? ` (batch entry ${t})` : ''}: LU factorisation found a zero pivot`,
      );
    for (let i = 0; i < n * k; i++) x[i] = b.data[t * n * k + i]!;
    luSolve(lu, piv, n, x, k);
    out.set(x, t * n * k);
  }
  return new Tensor(out, b.shape, b.dtype);
}

/**
 * numpy's `linalg.inv`: the inverse of each square matrix in `[..., n, n]`, by LU with partial
 * pivoting (float64 arithmetic; float32 input gives float32). Throws a ValueError for a singular
 * matrix. Backward: `dA = -A⁻ᵀ G A⁻ᵀ`.
 *
 * ```ts
 * inv(tensor([[2, 0], [0, 4]])).toArray(); // [[0.5, 0], [0, 0.25]]
 * ```
 */
export function inv(x: TensorLike): Tensor {
  const a = floatOf(asTensor(x));
  const n = checkSquare('inv', 'x', a);
  const eyeData = allocate(a.dtype, a.size);
  for (let t = 0; t < a.size / (n * n || 1); t++)
    for (let i = 0; i < n; i++) eyeData[t * n * n + i * n + i] = 1;
  const out = solveRaw('inv', a, new Tensor(eyeData, a.shape, a.dtype));
  return record(out, 'inv', [a], (g) => {
    const yt = swapaxes(out, -1, -2);
    return [neg(matmul(matmul(yt, g), yt))];
  });
}

/**
 * numpy's `linalg.solve(a, b)`: `x` with `a x = b`, for `a [..., n, n]` and `b [..., n, k]` (batch
 * axes broadcast) or a 1-D `b [n]` (numpy ≥ 2 rule: `b` is a vector only when 1-D). LU with
 * partial pivoting; ValueError for a singular matrix. Backward: `dB = A⁻ᵀ G = solve(Aᵀ, G)`,
 * `dA = -dB xᵀ`.
 *
 * ```ts
 * solve(tensor([[3, 1], [1, 2]]), tensor([9, 8])).toArray(); // [2, 3]
 * ```
 */
export function solve(a: TensorLike, b: TensorLike): Tensor {
  let A = asTensor(a);
  let B = asTensor(b);
  const n = checkSquare('solve', 'a', A);
  if (B.ndim === 0)
    throw new ShapeError('solve', `b must be at least 1-D, received shape ${showShape(B.shape)}`);
  const vec = B.ndim === 1;
  if (vec) B = unsqueeze(B, -1);
  if (B.shape[B.ndim - 2] !== n)
    throw new ShapeError(
      'solve',
      `a has shape ${showShape(A.shape)} and b has shape ${showShape(vec ? [B.shape[0]!] : B.shape)}; expected b.shape[${vec ? 0 : -2}] == ${n}`,
    );
  [A, B] = commonDType(floatOf(A), floatOf(B));
  const batch = broadcastShapes('solve', A.shape.slice(0, -2), B.shape.slice(0, -2));
  A = broadcastTo(A, [...batch, n, n]);
  B = broadcastTo(B, [...batch, n, B.shape[B.ndim - 1]!]);
  const X = solveRaw('solve', A, B);
  const out = record(X, 'solve', [A, B], (g) => {
    const gb = solve(swapaxes(A, -1, -2), g);
    return [A.requiresGrad ? neg(matmul(gb, swapaxes(X, -1, -2))) : null, gb];
  });
  return vec ? reshape(out, out.shape.slice(0, -1)) : out;
}

/**
 * numpy's `linalg.det`: the determinant of each square matrix in `[..., n, n]`, the product of
 * the LU pivots times the permutation sign (0 for a singular matrix). Backward:
 * `dA = g · det(A) · A⁻ᵀ` (Jacobi's formula).
 *
 * ```ts
 * det(tensor([[1, 2], [3, 4]])).item(); // -2 (numpy: -2.0000000000000004, via exp(log-det))
 * ```
 */
export function det(x: TensorLike): Tensor {
  const a = floatOf(asTensor(x));
  const n = checkSquare('det', 'x', a);
  const batchShape = a.shape.slice(0, -2);
  const batch = shapeSize(batchShape);
  const out = allocate(a.dtype, batch);
  const lu = new Float64Array(n * n);
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < n * n; i++) lu[i] = a.data[t * n * n + i]!;
    const { sign } = luFactor(lu, n);
    let d = sign;
    for (let i = 0; i < n && d !== 0; i++) d *= lu[i * n + i]!;
    out[t] = d;
  }
  const res = new Tensor(out, batchShape, a.dtype);
  return record(res, 'det', [a], (g) => {
    const scale = unsqueeze(mul(g, res), [-1, -2]);
    return [mul(scale, swapaxes(inv(a), -1, -2))];
  });
}
