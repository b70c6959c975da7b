/**
 * Fused multiply-add `a·b + c` with one rounding, emulated with error-free transformations
 * (Veltkamp/Dekker product, Knuth two-sum). PyTorch's CPU kernels are compiled with FMA
 * contraction, so a few of its formulas round once where plain JS rounds twice; matching them
 * bit for bit matters on chaotic trajectories (lr 10 on the pathological surface).
 */
const SPLIT = 134217729; // 2^27 + 1

/**
 * `a·b + c` rounded once (IEEE fused multiply-add), for finite inputs; non-finite ones fall back
 * to `a·b + c`.
 *
 * ```ts
 * fma(0.1, 10, -1); // 2^-54 = 5.551115123125783e-17 (plain 0.1 * 10 - 1 gives 0)
 * ```
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c)) return p + c;
  // exact error of the product: a·b = p + e
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = al * bl - (p - ah * bh - al * bh - ah * bl);
  // p + c = s + f exactly
  const s = p + c;
  const bb = s - p;
  const f = p - (s - bb) + (c - bb);
  return s + (f + e);
}
