/**
 * Fused multiply-add in JavaScript, which has none: `a·b + c` with a single rounding.
 *
 * Used where results must equal, bit for bit, code that computes with hardware FMA: glibc's `log`
 * behind numpy's Gaussians (random/log.ts) and the PyTorch CPU kernels that @gradkit/optimizers
 * matches on chaotic trajectories.
 */

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word
const LO = 1 - HI;

/**
 * `a·b + c` rounded once, to the nearest double (IEEE 754 fusedMultiplyAdd, C's `fma`), for
 * operands below 1e290 in magnitude whose product is below 1e300 and not so small (under ~2^-969)
 * that its rounding error underflows; other inputs fall back to the plain `a * b + c`.
 *
 * Boldo & Melquiond's emulation: a·b = p + e exactly (Dekker's product with Veltkamp's split),
 * c + p = s + t exactly (Knuth's two-sum), and the result is RN(s + RO(t + e)) where RO rounds to
 * odd — the sticky bit that makes the second rounding exact (without it, `s + (t + e)` can round
 * twice the wrong way when s + (t + e) is halfway between two doubles).
 *
 * ```ts
 * fma(0.1, 10, -1); // 2^-54 = 5.551115123125783e-17 (plain 0.1 * 10 - 1 gives 0)
 * ```
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!(Math.abs(a) < 1e290 && Math.abs(b) < 1e290 && Math.abs(p) < 1e300 && Math.abs(c) < Infinity)) {
    return p + c; // huge or non-finite operands: the split would overflow (NaN, ±Infinity propagate)
  }
  let h = SPLITTER * a;
  const ah = h - (h - a);
  const al = a - ah;
  h = SPLITTER * b;
  const bh = h - (h - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = c + p;
  let d = s - c;
  const t = c - (s - d) + (p - d);
  let v = t + e;
  d = v - t;
  const ve = t - (v - d) + (e - d);
  if (ve !== 0) {
    // v = RN(t + e) is inexact: round to odd instead (v ≠ 0 here, since v = 0 would be exact).
    f64[0] = v;
    const lo = u32[LO]!;
    if ((lo & 1) === 0) {
      if (v > 0 === ve > 0) {
        // one ulp away from zero
        u32[LO] = lo + 1;
      } else {
        // one ulp toward zero
        if (lo === 0) u32[HI] = u32[HI]! - 1;
        u32[LO] = lo - 1;
      }
      v = f64[0]!;
    }
  }
  return s + v;
}
