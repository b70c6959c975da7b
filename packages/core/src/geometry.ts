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
 * pairs with Float64Array loops (blocked 4×2 dot products, panels of 4 rows: O(N) memory, no
 * N×N arrays), then the pairs whose
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
  // Rounding of the Gram formula is at most a few ulps of the squared norms involved, so
  // pairs whose Gram estimate is within `tol` of the extremes are candidates, recomputed exactly.
  let maxSq = 0;
  for (let i = 0; i < N; i++) if (sq[i]! > maxSq) maxSq = sq[i]!;
  const tol = 64 * Number.EPSILON * (D + 4) * maxSq;
  // Squared distances of a panel of 4 rows at a time: memory O(N), not O(N²).
  const panel = new Float64Array(4 * N);
  let lo = Infinity;
  let hi = -Infinity;
  let minCand: number[] = []; // flattened (i, j, estimate)
  let maxCand: number[] = [];
  for (let i = 0; i < N; i += 4) {
    gramPanel(P, sq, N, D, i, panel);
    for (let r = 0; r < 4 && i + r < N; r++) {
      const ii = i + r;
      for (let j = ii + 1; j < N; j++) {
        const v = panel[r * N + j]!;
        if (v <= lo + tol) {
          if (v < lo) lo = v;
          minCand.push(ii, j, v);
        }
        if (v >= hi - tol) {
          if (v > hi) hi = v;
          maxCand.push(ii, j, v);
        }
      }
    }
    if (minCand.length > 3072) minCand = prune(minCand, (v) => v <= lo + tol);
    if (maxCand.length > 3072) maxCand = prune(maxCand, (v) => v >= hi - tol);
  }
  let minD2 = Infinity;
  let maxD2 = -Infinity;
  for (let c = 0; c < minCand.length; c += 3)
    if (minCand[c + 2]! <= lo + tol)
      minD2 = Math.min(minD2, exactSquaredDistance(P, D, minCand[c]!, minCand[c + 1]!));
  for (let c = 0; c < maxCand.length; c += 3)
    if (maxCand[c + 2]! >= hi - tol)
      maxD2 = Math.max(maxD2, exactSquaredDistance(P, D, maxCand[c]!, maxCand[c + 1]!));
  if (minD2 === 0)
    throw new ValueError(op, 'two examples coincide (smallest distance is 0), so the ratio is infinite');
  return Math.sqrt(maxD2) / Math.sqrt(minD2);
}

/** Keep the (i, j, estimate) triples whose estimate passes `keep`. */
function prune(cand: number[], keep: (v: number) => boolean): number[] {
  const out: number[] = [];
  for (let c = 0; c < cand.length; c += 3)
    if (keep(cand[c + 2]!)) out.push(cand[c]!, cand[c + 1]!, cand[c + 2]!);
  return out;
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
 * One panel of the squared-distance matrix from the Gram matrix: for the rows i0..i0+3,
 * panel[r·N + j] = sq[i] + sq[j] − 2 P_i·P_j (i = i0 + r) for every j > i (other entries are
 * left unspecified). P holds the points as rows, padded with zero rows to a multiple of 4; dot
 * products are computed in 4×2 register blocks (6 loads per 8 multiply-adds).
 */
function gramPanel(
  P: Float64Array,
  sq: Float64Array,
  N: number,
  D: number,
  i0: number,
  panel: Float64Array,
): void {
  const Np = P.length / D;
  const a0 = i0 * D;
  const a1 = a0 + D;
  const a2 = a1 + D;
  const a3 = a2 + D;
  const sq0 = sq[i0]!;
  const sq1 = sq[i0 + 1]!;
  const sq2 = sq[i0 + 2]!;
  const sq3 = sq[i0 + 3]!;
  for (let j = i0; j < N; j += 2) {
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
    const t0 = sq[j]!;
    panel[j] = sq0 + t0 - 2 * s00;
    panel[N + j] = sq1 + t0 - 2 * s10;
    panel[2 * N + j] = sq2 + t0 - 2 * s20;
    panel[3 * N + j] = sq3 + t0 - 2 * s30;
    if (j + 1 < N) {
      const t1 = sq[j + 1]!;
      panel[j + 1] = sq0 + t1 - 2 * s01;
      panel[N + j + 1] = sq1 + t1 - 2 * s11;
      panel[2 * N + j + 1] = sq2 + t1 - 2 * s21;
      panel[3 * N + j + 1] = sq3 + t1 - 2 * s31;
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
