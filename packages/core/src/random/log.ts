/**
 * The natural logarithm numpy's legacy Gaussian sees on Linux, to the last bit.
 *
 * Why: `RandomState.randn` must reproduce numpy's draws exactly, and numpy's polar Box–Muller
 * (`legacy_gauss`) calls the C library's `log`. JS engines' `Math.log` (fdlibm) differs from
 * glibc's on ~5% of inputs, and even a correctly rounded log differs on ~1 input in 1,300 (glibc's
 * is accurate to 0.52 ulp, not correctly rounded), which turns into Gaussian draws 1–2 ulps off.
 *
 * What: glibc's `log` (glibc ≥ 2.28; the algorithm of Szabolcs Nagy's log in Arm Optimized
 * Routines, also used by musl), evaluated in the order of glibc's x86-64 build for CPUs with FMA
 * (`__log_fma`, chosen on every x86-64 CPU with AVX2), each fused multiply-add emulated exactly
 * (`fma`, ../fma.ts). The constants are in ./log-data.ts, derived by
 * packages/core/scripts/log-data/generate.py from the algorithm's published design rules.
 *
 * Method (x = 2^k z, z in [0x1.6p-1, 0x1.6p0) falling in subinterval i of 128):
 *   log x = k·ln2 + log c + log1p(r),  r = z·invc − 1 (one rounding),  invc ≈ 1/c, logc ≈ log c,
 *   log1p(r) ≈ r + A0 r² + … + A4 r⁶;  with hi = (k·ln2hi + logc) + r and lo its rounding error
 *   plus k·ln2lo, the result is lo + A0 r² + r³(A1 + A2 r + r²(A3 + A4 r)) + hi.
 * Inputs within ~1/16 of 1 use log(1 + r) = r + B0 r² + … + B10 r¹² with r = x − 1, the r + B0 r²
 * part in extra precision.
 */

import { fma } from '../fma.js';
import { A, B, LN2HI, LN2LO, TABLE } from './log-data.js';

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word

const NEAR1_LO = 0.9375; // 1 − 2^-4
const NEAR1_HI = 1.064697265625; // 1 + 0x1.09p-4
const TWO27 = 134217728;
const TWO52 = 4503599627370496;
const OFF_HI = 0x3fe60000; // high word of 0x1.6p-1

// Outputs of `reduce` besides r (module scratch, so that nothing is allocated per call).
let redK = 0;
let redW = 0;

/**
 * The table step for a positive normal `x` (`k0` = 0, or −52 for a subnormal scaled by 2^52):
 * x = 2^k z with z in [0x1.6p-1, 0x1.6p0) in subinterval i; returns r = fma(z, invc_i, −1) and
 * sets redK = k0 + k and redW = redK·ln2hi + logc_i. Both are exact as glibc computes them: z·invc =
 * p + e exactly (Dekker) and p − 1 is exact (p is within 2^-7 of 1), so (p − 1) + e rounds once;
 * k·ln2hi + logc is a sum of multiples of 2^-43 below 2^10.
 */
function reduce(x: number, k0: number): number {
  f64[0] = x;
  const tmp = (u32[HI]! - OFF_HI) | 0; // high word of bits(x) − bits(0x1.6p-1)
  const i = (tmp >>> 13) & 127;
  redK = k0 + (tmp >> 20);
  u32[HI] = u32[HI]! - (tmp & 0xfff00000); // z = x / 2^k
  const z = f64[0]!;
  const invc = TABLE[2 * i]!;
  redW = redK * LN2HI + TABLE[2 * i + 1]!;
  const p = z * invc;
  let h = SPLITTER * z;
  const zh = h - (h - z);
  const zl = z - zh;
  h = SPLITTER * invc;
  const ih = h - (h - invc);
  const il = invc - ih;
  return p - 1 + (zh * ih - p + zh * il + zl * ih + zl * il);
}

/**
 * Natural logarithm of `x`, the same double glibc's `log` returns (x86-64 FMA build): the readable
 * reference, every fused multiply-add of glibc's evaluation emulated with `fma`. log(±0) =
 * −Infinity, log(x < 0) = NaN, log(Infinity) = Infinity, log(NaN) = NaN.
 */
export function glibcLogExact(x: number): number {
  if (x >= NEAR1_LO && x < NEAR1_HI) {
    if (x === 1) return 0;
    const r = x - 1;
    const r2 = r * r;
    const r3 = r * r2;
    const c1 = fma(
      fma(fma(r3, B[10], fma(r2, B[9], fma(r, B[8], B[7]))), r3, fma(r2, B[6], fma(r, B[5], B[4]))),
      r3,
      fma(r2, B[3], fma(r, B[2], B[1])),
    );
    // r + B0 r² in extra precision: r = rhi + rlo with rhi² exact, B0 = −1/2
    const w = r * TWO27;
    const rhi = r + w - w;
    const rlo = r - rhi;
    const s = rhi * rhi * B[0];
    const hi = r + s;
    const lo = fma(B[0] * rlo, rhi + r, r - hi + s);
    return hi + fma(c1, r3, lo);
  }
  let k = 0;
  if (!(x >= 2.2250738585072014e-308) || x === Infinity) {
    if (x === 0) return -Infinity;
    if (!(x > 0) || x === Infinity) return x === Infinity ? x : Number.NaN;
    x *= TWO52; // subnormal: scale into the normal range
    k = -52;
  }
  const r = reduce(x, k);
  k = redK;
  const w = redW;
  const hi = w + r;
  const lo = fma(k, LN2LO, w - hi + r);
  const r2 = r * r;
  const poly = fma(fma(r, A[4], A[3]), r2, fma(r, A[2], A[1]));
  return fma(r * r2, poly, fma(r2, A[0], lo)) + hi;
}

const TOL = 2 ** -48;

/**
 * `glibcLogExact(x)`, fast: the same evaluation with plain multiplies and adds (no fma emulation),
 * which differs from glibc's fused one only in the small tail y of the result hi + y, by less than
 * `tol` (a generous bound: each fused operation differs from its unfused form by about one
 * rounding). When hi + (y ± tol) round to the same double, that double is glibc's; otherwise the
 * exact emulation decides (measured: 1 in ~170 of the polar method's r² inputs, 1 in ~11 of inputs
 * within 1/16 of 1, where the tail is largest relative to the last bit).
 */
export function glibcLog(x: number): number {
  if (x >= NEAR1_LO && x < NEAR1_HI) {
    if (x === 1) return 0;
    const r = x - 1;
    const r2 = r * r;
    const r3 = r * r2;
    const c1 =
      B[1] +
      r * B[2] +
      r2 * B[3] +
      r3 * (B[4] + r * B[5] + r2 * B[6] + r3 * (B[7] + r * B[8] + r2 * B[9] + r3 * B[10]));
    const w = r * TWO27;
    const rhi = r + w - w;
    const rlo = r - rhi;
    const s = rhi * rhi * B[0];
    const hi = r + s;
    const lo = r - hi + s + B[0] * rlo * (rhi + r);
    const y = c1 * r3 + lo;
    const res = hi + y;
    const tol = TOL * (Math.abs(r3) + Math.abs(lo) + Math.abs(y));
    if (hi + (y + tol) === res && hi + (y - tol) === res) return res;
    return glibcLogExact(x);
  }
  if (!(x >= 2.2250738585072014e-308) || x === Infinity) return glibcLogExact(x);
  const r = reduce(x, 0);
  const k = redK;
  const w = redW;
  const hi = w + r;
  const lo = k * LN2LO + (w - hi + r);
  const r2 = r * r;
  const u = r2 * A[0] + lo;
  const y = r * r2 * (A[1] + r * A[2] + r2 * (A[3] + r * A[4])) + u;
  const res = hi + y;
  const tol = TOL * (Math.abs(lo) + Math.abs(u) + Math.abs(y) + r2) + 1e-28 * Math.abs(k);
  if (hi + (y + tol) === res && hi + (y - tol) === res) return res;
  return glibcLogExact(x);
}
