/**
 * The geometry of high-dimensional spaces (UDL chapter 8, "the curse of dimensionality"; the
 * CM20315 Coursework IV lesson): how far apart random points are, how little volume a
 * hypersphere has, and how that volume sits in a thin outer shell.
 *
 * The book's convention holds here: data sets are `[D, N]` with one example per column.
 */
import { show, showShape, ValueError } from './errors.js';
import { gammaScalar, lgammaScalar } from './special.js';
import { Tensor, type TensorLike, tensor } from './tensor.js';

/**
 * Ratio of the largest to the smallest Euclidean distance between distinct data points
 * (Coursework IV part (a)):
 *
 *   ratio = max_{i≠j} ‖x_i − x_j‖ / min_{i≠j} ‖x_i − x_j‖,
 *
 * for `x` of shape `[D, N]` whose columns are the N examples (the book's convention). Self-pairs
 * (distance 0) are excluded. In 1000 dimensions the ratio is close to 1: all random points are
 * almost equally far apart.
 *
 * Method: squared distances from the Gram matrix, ‖x_i‖² + ‖x_j‖² − 2 x_iᵀx_j, over the N(N−1)/2
 * pairs with Float64Array loops (blocked 4×2 dot products, no N×N tensors), then the pairs whose
 * Gram estimate is within rounding of the smallest/largest are recomputed exactly from
 * coordinate differences, so the result does not suffer from the Gram formula's cancellation.
 * `[1000, 1000]` takes a fraction of a second.
 *
 * ```ts
 * seed(0);
 * const x = random.normal(0, 1, [1000, 1000]);
 * distanceRatio(x); // ≈ 1.1 (numpy prints the same to 3 decimals)
 * ```
 */
export function distanceRatio(x: TensorLike): number {
  const op = 'distanceRatio';
  const t = x instanceof Tensor ? x : tensor(x as never);
  if (t.ndim !== 2)
    throw new ValueError(
      op,
      `x must have shape [D, N] (one example per column), received shape ${showShape(t.shape)}`,
    );
  const [D, N] = t.shape as [number, number];
  if (N < 2)
    throw new ValueError(
      op,
      `x needs at least 2 examples (columns) to form a pair, received shape ${showShape(t.shape)}`,
    );
  if (t.dtype === 'bool') throw new ValueError(op, `x must be numeric, received dtype ${t.dtype}`);
  // Points as contiguous rows, padded to a multiple of 4 rows (the padding rows are never read back).
  const Np = (N + 3) & ~3;
  const P = new Float64Array(Np * D);
  const src = t.data;
  for (let d = 0; d < D; d++) {
    const row = d * N;
    for (let i = 0; i < N; i++) {
      const v = src[row + i]!;
      if (!Number.isFinite(v))
        throw new ValueError(op, `x must be finite, received ${show(v)} at [${d}, ${i}]`);
      P[i * D + d] = v;
    }
  }
  const sq = new Float64Array(Np);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let k = i * D, e = k + D; k < e; k++) s += P[k]! * P[k]!;
    sq[i] = s;
  }
  // d2[i * N + j] for i < j from the Gram matrix (upper triangle only).
  const d2 = new Float64Array(N * N);
  gramDistances(P, sq, N, D, d2);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      const v = d2[i * N + j]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  // Rounding of the Gram formula is at most a few ulps of the squared norms involved.
  let maxSq = 0;
  for (let i = 0; i < N; i++) if (sq[i]! > maxSq) maxSq = sq[i]!;
  const tol = 64 * Number.EPSILON * (D + 4) * maxSq;
  let minD2 = Infinity;
  let maxD2 = -Infinity;
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) {
      const v = d2[i * N + j]!;
      if (v <= lo + tol) minD2 = Math.min(minD2, exactSquaredDistance(P, D, i, j));
      if (v >= hi - tol) maxD2 = Math.max(maxD2, exactSquaredDistance(P, D, i, j));
    }
  }
  if (minD2 === 0)
    throw new ValueError(op, 'two examples coincide (smallest distance is 0), so the ratio is infinite');
  return Math.sqrt(maxD2) / Math.sqrt(minD2);
}

/** Squared distance between rows i and j of the row-major points P [., D], from differences. */
function exactSquaredDistance(P: Float64Array, D: number, i: number, j: number): number {
  let s = 0;
  const a = i * D;
  const b = j * D;
  for (let k = 0; k < D; k++) {
    const diff = P[a + k]! - P[b + k]!;
    s += diff * diff;
  }
  return s;
}

/**
 * Upper triangle of the squared-distance matrix from the Gram matrix:
 * d2[i·N + j] = sq[i] + sq[j] − 2 P_i·P_j for i < j. P holds the points as rows, padded with
 * zero rows to a multiple of 4; dot products are computed in 4×2 register blocks.
 */
function gramDistances(P: Float64Array, sq: Float64Array, N: number, D: number, d2: Float64Array): void {
  const Np = P.length / D;
  for (let i = 0; i < N; i += 4) {
    const a0 = i * D;
    const a1 = a0 + D;
    const a2 = a1 + D;
    const a3 = a2 + D;
    for (let j = i; j < N; j += 2) {
      const b0 = j * D;
      const b1 = j + 1 < Np ? b0 + D : b0;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      let s20 = 0;
      let s21 = 0;
      let s30 = 0;
      let s31 = 0;
      for (let k = 0; k < D; k++) {
        const p = P[b0 + k]!;
        const q = P[b1 + k]!;
        const u0 = P[a0 + k]!;
        const u1 = P[a1 + k]!;
        const u2 = P[a2 + k]!;
        const u3 = P[a3 + k]!;
        s00 += u0 * p;
        s01 += u0 * q;
        s10 += u1 * p;
        s11 += u1 * q;
        s20 += u2 * p;
        s21 += u2 * q;
        s30 += u3 * p;
        s31 += u3 * q;
      }
      // keep only pairs i' < j' < N (the diagonal block also yields j' <= i' and padding rows)
      const q0 = j;
      const q1 = j + 1;
      if (q1 < N) {
        if (i < q1) d2[i * N + q1] = sq[i]! + sq[q1]! - 2 * s01;
        if (i + 1 < q1 && i + 1 < N) d2[(i + 1) * N + q1] = sq[i + 1]! + sq[q1]! - 2 * s11;
        if (i + 2 < q1 && i + 2 < N) d2[(i + 2) * N + q1] = sq[i + 2]! + sq[q1]! - 2 * s21;
        if (i + 3 < q1 && i + 3 < N) d2[(i + 3) * N + q1] = sq[i + 3]! + sq[q1]! - 2 * s31;
      }
      if (i < q0) d2[i * N + q0] = sq[i]! + sq[q0]! - 2 * s00;
      if (i + 1 < q0 && i + 1 < N) d2[(i + 1) * N + q0] = sq[i + 1]! + sq[q0]! - 2 * s10;
      if (i + 2 < q0 && i + 2 < N) d2[(i + 2) * N + q0] = sq[i + 2]! + sq[q0]! - 2 * s20;
      if (i + 3 < q0 && i + 3 < N) d2[(i + 3) * N + q0] = sq[i + 3]! + sq[q0]! - 2 * s30;
    }
  }
}

/**
 * Volume of a hypersphere (a D-ball) of the given diameter (Coursework IV part (b); UDL problem
 * 8.7 in the CM20315 notes):
 *
 *   V_D(r) = π^{D/2} / Γ(D/2 + 1) · r^D,   r = diameter / 2.
 *
 * In 2-D this is the area of a circle πr²; for diameter 1 the volume peaks near D = 5 and falls
 * towards 0 as D grows, while the unit hypercube around it keeps volume 1. Large D is evaluated
 * in log space, so there is no overflow (the result underflows to 0 gracefully).
 *
 * ```ts
 * hypersphereVolume(1, 2);  // 0.7853981633974483 (= π/4)
 * hypersphereVolume(1, 10); // 0.0024903945701927
 * ```
 */
export function hypersphereVolume(diameter: number, dimensions: number): number {
  const op = 'hypersphereVolume';
  if (typeof diameter !== 'number' || !(diameter >= 0) || !Number.isFinite(diameter))
    throw new ValueError(op, `diameter must be a finite non-negative number, received ${show(diameter)}`);
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)
    throw new ValueError(op, `dimensions must be a positive integer, received ${show(dimensions)}`);
  const r = diameter / 2;
  const halfD = dimensions / 2;
  if (dimensions <= 300) return (Math.PI ** halfD / gammaScalar(halfD + 1)) * r ** dimensions;
  if (r === 0) return 0;
  return Math.exp(halfD * Math.log(Math.PI) - lgammaScalar(halfD + 1) + dimensions * Math.log(r));
}

/**
 * Proportion of a D-dimensional hypersphere's volume that lies in its outer shell, the part
 * farther than (1 − shellFraction)·r from the centre (Coursework IV part (c)):
 *
 *   (V_D(r) − V_D((1 − f) r)) / V_D(r) = 1 − (1 − f)^D,
 *
 * since V_D(r) ∝ r^D. With f = 0.01 (the outer 1% of the radius) the shell holds about 1% of a
 * circle's area but 95% of the volume in 300 dimensions.
 *
 * ```ts
 * outerShellVolumeFraction(2);   // 0.0199 (to rounding)
 * outerShellVolumeFraction(300); // 0.9509591...
 * ```
 */
export function outerShellVolumeFraction(dimensions: number, shellFraction = 0.01): number {
  const op = 'outerShellVolumeFraction';
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)
    throw new ValueError(op, `dimensions must be a positive integer, received ${show(dimensions)}`);
  if (typeof shellFraction !== 'number' || !(shellFraction >= 0 && shellFraction <= 1))
    throw new ValueError(
      op,
      `shellFraction must be a number in [0, 1] (a fraction of the radius), received ${show(shellFraction)}`,
    );
  if (shellFraction === 1) return 1;
  return -Math.expm1(dimensions * Math.log1p(-shellFraction));
}
