/**
 * numpy's `linalg.svd`: the singular value decomposition `a = U diag(S) Vh` of a matrix (or a
 * stack of matrices), by one-sided Jacobi rotations (Hestenes), in float64.
 */
import { allocate } from './dtype.js';
import { ShapeError, show, showShape, ValueError } from './errors.js';
import { asTensor, Tensor, type TensorLike } from './tensor.js';

const EPS = 2.220446049250313e-16;

/**
 * Thin SVD `A = U diag(s) Vᵀ` of an m×n row-major matrix with m ≥ n, by one-sided Jacobi
 * rotations (Hestenes) on the columns: accurate to a few ulps of `s_max` (and the small singular
 * values to high relative accuracy where the columns' scaling allows). Returns `U` (m×n), `s`
 * (n, descending) and `V` (n×n), all row-major. Internal: {@link thinSvd} calls it.
 */
function jacobiSvd(
  a: Float64Array,
  m: number,
  n: number,
): { u: Float64Array; s: Float64Array; v: Float64Array } {
  // columns of W (= A V) stored contiguously: w[j * m + i]
  const w = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a[i * n + j]!;
  const v = new Float64Array(n * n); // columns of V contiguously: v[j * n + i]
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const wp = w[p * m + i]!;
          const wq = w[q * m + i]!;
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        for (let i = 0; i < m; i++) {
          const wp = w[p * m + i]!;
          const wq = w[q * m + i]!;
          w[p * m + i] = c * wp - sn * wq;
          w[q * m + i] = sn * wp + c * wq;
        }
        for (let i = 0; i < n; i++) {
          const vp = v[p * n + i]!;
          const vq = v[q * n + i]!;
          v[p * n + i] = c * vp - sn * vq;
          v[q * n + i] = sn * vp + c * vq;
        }
      }
    if (!rotated) break;
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += w[j * m + i]! * w[j * m + i]!;
    norms[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => norms[y]! - norms[x]!);
  const u = new Float64Array(m * n);
  const s = new Float64Array(n);
  const vOut = new Float64Array(n * n);
  order.forEach((j, k) => {
    const sj = norms[j]!;
    s[k] = sj;
    for (let i = 0; i < m; i++) u[i * n + k] = sj > 0 ? w[j * m + i]! / sj : 0;
    for (let i = 0; i < n; i++) vOut[i * n + k] = v[j * n + i]!;
  });
  return { u, s, v: vOut };
}

/**
 * Thin SVD `A = U diag(s) Vᵀ` of any m×n row-major matrix: {@link jacobiSvd} on `A` when m ≥ n,
 * else on `Aᵀ` with the factors swapped (`Aᵀ = U' s V'ᵀ` → `A = V' s U'ᵀ`). Returns `U` (m×k),
 * `s` (k, descending) and `V` (n×k), k = min(m, n), row-major. Internal: `svd` and `lstsq`.
 */
export function thinSvd(
  a: Float64Array,
  m: number,
  n: number,
): { u: Float64Array; s: Float64Array; v: Float64Array } {
  if (m >= n) return jacobiSvd(a, m, n);
  const at = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) at[j * m + i] = a[i * n + j]!;
  const t = jacobiSvd(at, n, m);
  return { u: t.v, s: t.s, v: t.u };
}

/**
 * Fills the columns `from..k-1` of the m×k row-major `q` (whose columns `0..from-1` are
 * orthonormal, or zero where a singular value vanished and left no direction) so that all `k` are
 * orthonormal: Gram–Schmidt, twice, of the unit vectors `e_i`, taking the one that keeps the most
 * of its length each time. Zero columns are replaced as well.
 */
function completeOrthonormal(q: Float64Array, m: number, k: number, from: number): void {
  const col = new Float64Array(m);
  const ok: number[] = [];
  for (let j = 0; j < from; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += q[i * k + j]! ** 2;
    if (ss > 0.5) ok.push(j);
  }
  const missing: number[] = [];
  for (let j = 0; j < k; j++) if (!ok.includes(j)) missing.push(j);
  for (const target of missing) {
    let best: Float64Array | null = null;
    let bestNorm = -1;
    for (let e = 0; e < m; e++) {
      col.fill(0);
      col[e] = 1;
      for (let pass = 0; pass < 2; pass++)
        for (const j of ok) {
          let d = 0;
          for (let i = 0; i < m; i++) d += q[i * k + j]! * col[i]!;
          for (let i = 0; i < m; i++) col[i]! -= d * q[i * k + j]!;
        }
      let nrm = 0;
      for (let i = 0; i < m; i++) nrm += col[i]! ** 2;
      if (nrm > bestNorm + 1e-12) {
        bestNorm = nrm;
        best = Float64Array.from(col);
      }
    }
    const scale = 1 / Math.sqrt(bestNorm);
    for (let i = 0; i < m; i++) q[i * k + target] = best![i]! * scale;
    ok.push(target);
  }
}

/** Options of {@link svd}. */
export interface SvdOptions {
  /**
   * numpy's `full_matrices` (default true): `U` is `[M, M]` and `Vh` `[N, N]`; false gives the
   * thin factors `U [M, K]`, `Vh [K, N]` with `K = min(M, N)`.
   */
  fullMatrices?: boolean;
}

/** What {@link svd} returns: numpy's `SVDResult(U, S, Vh)`. */
export interface SvdResult {
  /** Left singular vectors as columns, `[..., M, M]` (or `[..., M, K]` with `fullMatrices: false`). */
  U: Tensor;
  /** Singular values, `[..., K]`, non-negative, largest first. */
  S: Tensor;
  /** Right singular vectors as rows, `[..., N, N]` (or `[..., K, N]`). */
  Vh: Tensor;
}

/**
 * numpy's `linalg.svd(a, full_matrices=True)`: `a = U @ diag(S) @ Vh` for `a` of shape
 * `[..., M, N]` (a stack of matrices is decomposed matrix by matrix). `S` holds the
 * `K = min(M, N)` singular values, largest first; the columns of `U` and the rows of `Vh` are
 * orthonormal. Computed in float64 by one-sided Jacobi rotations (float32 input gives float32
 * results, as numpy; integers and booleans give float64). Not differentiable (no autograd record).
 *
 * Singular vectors are unique only up to sign (and, for repeated singular values, up to a
 * rotation within their subspace); numpy's come from LAPACK's `gesdd` and fix the sign by its
 * arithmetic. Here each row of `Vh` belonging to a nonzero singular value has its
 * largest-magnitude entry positive (the first such entry on a tie), and `U`'s column follows, so
 * a row of `Vh` may be the negative of numpy's; `U @ diag(S) @ Vh` and `S` agree with numpy's to
 * rounding. The extra columns of a full `U` (rows of `Vh`) are an orthonormal completion.
 *
 * Throws a ShapeError for fewer than 2 dimensions and a ValueError for NaN or infinite entries
 * (numpy raises `LinAlgError: SVD did not converge` on them).
 *
 * ```ts
 * const { U, S, Vh } = svd(tensor([[3, 0], [4, 5]]));
 * S.toArray();  // [6.708203932499369, 2.2360679774997894] (√45, √5; numpy: [6.70820393, 2.23606798])
 * Vh.toArray(); // [[0.70710678…, 0.70710678…], [0.70710678…, -0.70710678…]] (numpy: both rows negated)
 * U.toArray();  // [[0.31622777…, 0.9486833…], [0.9486833…, -0.31622777…]]
 * ```
 */
export function svd(a: TensorLike, options: SvdOptions = {}): SvdResult {
  const op = 'svd';
  const A = asTensor(a);
  if (A.ndim < 2)
    throw new ShapeError(
      op,
      `a must have at least 2 dimensions [..., M, N], received shape ${showShape(A.shape)}`,
    );
  const full = options.fullMatrices ?? true;
  if (typeof full !== 'boolean')
    throw new ValueError(op, `options.fullMatrices must be a boolean, received ${show(full)}`);
  const m = A.shape[A.ndim - 2]!;
  const n = A.shape[A.ndim - 1]!;
  const batch = A.shape.slice(0, -2);
  const count = batch.reduce((p, d) => p * d, 1);
  const k = Math.min(m, n);
  const uCols = full ? m : k;
  const vRows = full ? n : k;
  const outType = A.dtype === 'float32' ? 'float32' : 'float64';
  const src = A.data as ArrayLike<number>;
  for (let i = 0; i < src.length; i++)
    if (!Number.isFinite(Number(src[i])))
      throw new ValueError(op, `a must be finite; received ${show(Number(src[i]))} at flat index ${i}`);
  const U = allocate(outType, count * m * uCols, op);
  const S = allocate(outType, count * k, op);
  const Vh = allocate(outType, count * vRows * n, op);
  const mat = new Float64Array(m * n);
  for (let b = 0; b < count; b++) {
    for (let i = 0; i < m * n; i++) mat[i] = Number(src[b * m * n + i]);
    // a = u diag(s) vᵀ with u m×k, v n×k
    const { u, s, v } = thinSvd(mat, m, n);
    // the sign convention: each v column's largest-magnitude entry positive (nonzero s only)
    for (let c = 0; c < k; c++) {
      if (!(s[c]! > 0)) {
        for (let i = 0; i < m; i++) u[i * k + c] = 0;
        for (let i = 0; i < n; i++) v[i * k + c] = 0;
        continue;
      }
      let big = 0;
      for (let i = 0; i < n; i++) if (Math.abs(v[i * k + c]!) > Math.abs(big)) big = v[i * k + c]!;
      if (big < 0) {
        for (let i = 0; i < m; i++) u[i * k + c] = -u[i * k + c]!;
        for (let i = 0; i < n; i++) v[i * k + c] = -v[i * k + c]!;
      }
    }
    // U: m×uCols, V: n×vRows (columns), completed to orthonormal bases where needed
    const uq = new Float64Array(m * uCols);
    for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) uq[i * uCols + c] = u[i * k + c]!;
    completeOrthonormal(uq, m, uCols, k);
    const vq = new Float64Array(n * vRows);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) vq[i * vRows + c] = v[i * k + c]!;
    completeOrthonormal(vq, n, vRows, k);
    U.set(uq, b * m * uCols);
    S.set(s.subarray(0, k), b * k);
    const vh = new Float64Array(vRows * n);
    for (let r = 0; r < vRows; r++) for (let j = 0; j < n; j++) vh[r * n + j] = vq[j * vRows + r]!;
    Vh.set(vh, b * vRows * n);
  }
  return {
    U: new Tensor(U, [...batch, m, uCols], outType),
    S: new Tensor(S, [...batch, k], outType),
    Vh: new Tensor(Vh, [...batch, vRows, n], outType),
  };
}
