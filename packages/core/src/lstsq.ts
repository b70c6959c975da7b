/**
 * numpy's `linalg.lstsq`: the least-squares solution of `a x ≈ b` (the minimum-norm one when `a`
 * is rank deficient), from the singular value decomposition of `a` (one-sided Jacobi).
 */
import { allocate } from './dtype.js';
import { ShapeError, show, showShape, ValueError } from './errors.js';
import { thinSvd } from './svd.js';
import { asTensor, Tensor, type TensorLike } from './tensor.js';

/** Options of {@link lstsq}. */
export interface LstsqOptions {
  /**
   * Cut-off ratio for small singular values: singular values `s_i ≤ rcond · s_max` are treated as
   * zero. `null`/`undefined` (numpy's `rcond=None`): machine epsilon × `max(M, N)`.
   */
  rcond?: number | null;
}

/** What {@link lstsq} returns: numpy's tuple `(x, residuals, rank, s)` as a record. */
export interface LstsqResult {
  /** The solution, `[N]` for a 1-D `b`, `[N, K]` for `b [M, K]`. */
  x: Tensor;
  /**
   * Sums of squared residuals `‖b − a x‖²` per column of `b` (`[1]` for a 1-D `b`, `[K]`
   * otherwise); empty (`[0]`) when `rank < N` or `M ≤ N`, as numpy.
   */
  residuals: Tensor;
  /** The effective rank of `a` (singular values above `rcond · s_max`). */
  rank: number;
  /** The singular values of `a`, `[min(M, N)]`, largest first. */
  s: Tensor;
}

/**
 * numpy's `linalg.lstsq(a, b, rcond=None)`: the `x` minimising the squared 2-norm `‖b − a x‖²`
 * (the normal equations' solution `x = (aᵀa)⁻¹aᵀb` when `a` has full column rank — UDL eq. 8.2's
 * closed-form fit of notebook 8.2 — and otherwise the solution of smallest norm, `x = a⁺ b`).
 * `a` is `[M, N]`, `b` is `[M]` or `[M, K]`. Computed from the SVD `a = U diag(s) Vᵀ` as
 * `x = V diag(1/s_i for s_i > rcond · s_max, else 0) Uᵀ b`, in float64 (float32 inputs give
 * float32 results, as numpy). Not differentiable (no autograd record).
 *
 * Throws a ShapeError when `a` is not 2-D or `b`'s first axis differs from `a`'s, and a
 * ValueError for non-finite entries (numpy's LAPACK call fails on them too).
 *
 * ```ts
 * // fit y = c + m x to (0, 1), (1, 3), (2, 5.5)
 * const { x, residuals, rank } = lstsq(tensor([[1, 0], [1, 1], [1, 2]]), tensor([1, 3, 5.5]));
 * x.toArray();         // [0.9166666666666665, 2.25] (numpy: [0.91666667, 2.25])
 * residuals.toArray(); // [0.041666666666666664]
 * rank;                // 2
 * ```
 */
export function lstsq(a: TensorLike, b: TensorLike, options: LstsqOptions = {}): LstsqResult {
  const op = 'lstsq';
  const A = asTensor(a);
  const B = asTensor(b);
  if (A.ndim !== 2)
    throw new ShapeError(op, `a must be a 2-D matrix [M, N], received shape ${showShape(A.shape)}`);
  const [m, n] = A.shape as [number, number];
  if (B.ndim !== 1 && B.ndim !== 2)
    throw new ShapeError(op, `b must be 1-D [M] or 2-D [M, K], received shape ${showShape(B.shape)}`);
  if (B.shape[0] !== m)
    throw new ShapeError(
      op,
      `a has shape ${showShape(A.shape)} and b has shape ${showShape(B.shape)}; expected b.shape[0] == ${m} (the rows of a)`,
    );
  const rcond = options.rcond ?? null;
  if (rcond !== null && !(typeof rcond === 'number' && Number.isFinite(rcond)))
    throw new ValueError(op, `rcond must be a finite number or null, received ${show(rcond)}`);
  const k = B.ndim === 1 ? 1 : B.shape[1]!;
  const ad = Float64Array.from(A.data as ArrayLike<number>, Number);
  const bd = Float64Array.from(B.data as ArrayLike<number>, Number);
  if (!ad.every(Number.isFinite) || !bd.every(Number.isFinite))
    throw new ValueError(op, 'a and b must be finite; received NaN or infinite entries');
  const outType = A.dtype === 'float32' && B.dtype === 'float32' ? 'float32' : 'float64';
  const r = Math.min(m, n);

  // a = U diag(s) Vᵀ with U m×r, V n×r
  const { u: U, s, v: V } = thinSvd(ad, m, n);
  const cutoff = (rcond ?? 2.220446049250313e-16 * Math.max(m, n)) * (s[0] ?? 0);
  let rank = 0;
  for (let i = 0; i < r; i++) if (s[i]! > cutoff) rank++;

  // x = V diag(1/s) Uᵀ b over the kept singular values.
  const x = new Float64Array(n * k);
  for (let c = 0; c < k; c++)
    for (let i = 0; i < rank; i++) {
      let dotp = 0;
      for (let row = 0; row < m; row++) dotp += U[row * r + i]! * bd[row * k + c]!;
      const coef = dotp / s[i]!;
      for (let j = 0; j < n; j++) x[j * k + c]! += V[j * r + i]! * coef;
    }

  let residuals: Float64Array = new Float64Array(0);
  if (rank === n && m > n) {
    residuals = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let ss = 0;
      for (let row = 0; row < m; row++) {
        let pred = 0;
        for (let j = 0; j < n; j++) pred += ad[row * n + j]! * x[j * k + c]!;
        const e = bd[row * k + c]! - pred;
        ss += e * e;
      }
      residuals[c] = ss;
    }
  }
  const cast = (d: Float64Array) => {
    const out = allocate(outType, d.length);
    out.set(d);
    return out;
  };
  return {
    x: new Tensor(cast(x), B.ndim === 1 ? [n] : [n, k], outType),
    residuals: new Tensor(cast(residuals), [residuals.length], outType),
    rank,
    s: new Tensor(cast(s.subarray(0, r)), [r], outType),
  };
}
