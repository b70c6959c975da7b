// Row reductions of inference (float32 rows, float64 arithmetic): the maximum of a row and its
// log-sum-exp's sum Σ exp(x − m), the normaliser of a language model's 50,257 logits per token.
// The JavaScript side is src/kernels/reduce.ts.
//
// exp in f64x2 (no libm call per element): with k = round(d·log₂e) and r = d − k·ln 2 (Cody–Waite:
// ln 2 split into a high part with 32 trailing zero bits, so k·ln2Hi is exact, and a low part),
// |r| ≤ ln 2 / 2 and exp(d) = 2ᵏ · exp(r), exp(r) by its Taylor polynomial of degree 13 (truncation
// error below 0.35¹⁴/14! ≈ 4·10⁻¹⁸, under one ulp), evaluated by Estrin's scheme (a shallow tree
// instead of Horner's chain of 13 dependent steps). k is rounded by adding 1.5·2⁵² (the low bits of
// the sum are then k itself) and 2ᵏ is built from those bits. d is clamped to [−708, 708] first so
// that 2ᵏ is a normal double: exp(−708) ≈ 3·10⁻³⁰⁸ stands in for the smaller terms, which change
// no sum whose largest term is exp(0) = 1. The clamp is pmin/pmax (one instruction each; NaN
// passes through them, so a NaN value makes the sum NaN) rather than min/max, whose NaN and −0
// rules cost V8 a dozen instructions. About 3 ns per value on a slow core against 10 for Math.exp.

const LOG2E: f64 = Math.LOG2E;
const LN2_HI: f64 = 0.6931471803691238; // 0x3fe62e42fee00000
const LN2_LO: f64 = 1.9082149292705877e-10; // 0x3dea39ef35793c76
const ROUND: f64 = 6755399441055744.0; // 1.5 · 2⁵²
const LO: f64 = -708;
const HI: f64 = 708;

// The constants, read with v128.load64_splat (one instruction; a v128.const costs several in V8).
const CONSTS = memory.data<f64>([
  1.0,
  1.0,
  1.0 / 2.0,
  1.0 / 6.0,
  1.0 / 24.0,
  1.0 / 120.0,
  1.0 / 720.0,
  1.0 / 5040.0,
  1.0 / 40320.0,
  1.0 / 362880.0,
  1.0 / 3628800.0,
  1.0 / 39916800.0,
  1.0 / 479001600.0,
  1.0 / 6227020800.0,
  LOG2E,
  ROUND,
  LN2_HI,
  LN2_LO,
  LO,
  HI,
  reinterpret<f64>(<i64>1023),
]);

/** Constant `j` of `CONSTS` in both lanes. */
function K(j: i32): v128 {
  return v128.load64_splat(CONSTS + ((<usize>j) << 3));
}

/** exp(r) for |r| ≤ ln 2 / 2, both lanes: the degree-13 Taylor polynomial by Estrin's scheme. */
function expReduced(r: v128): v128 {
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  // pairs c_{2j} + c_{2j+1} r
  const q0 = f64x2.add(K(0), r);
  const q1 = f64x2.add(K(2), f64x2.mul(r, K(3)));
  const q2 = f64x2.add(K(4), f64x2.mul(r, K(5)));
  const q3 = f64x2.add(K(6), f64x2.mul(r, K(7)));
  const q4 = f64x2.add(K(8), f64x2.mul(r, K(9)));
  const q5 = f64x2.add(K(10), f64x2.mul(r, K(11)));
  const q6 = f64x2.add(K(12), f64x2.mul(r, K(13)));
  // quads (q0 + q1 r²) + (q2 + q3 r²) r⁴, (q4 + q5 r²) + q6 r⁴
  const u0 = f64x2.add(f64x2.add(q0, f64x2.mul(q1, r2)), f64x2.mul(f64x2.add(q2, f64x2.mul(q3, r2)), r4));
  const u1 = f64x2.add(f64x2.add(q4, f64x2.mul(q5, r2)), f64x2.mul(q6, r4));
  return f64x2.add(u0, f64x2.mul(u1, r8));
}

/** exp(x) of both lanes of an f64x2. */
function exp2Lanes(x: v128): v128 {
  const d = f64x2.pmin(f64x2.pmax(x, K(18)), K(19));
  const t = f64x2.add(f64x2.mul(d, K(14)), K(15));
  const kf = f64x2.sub(t, K(15));
  const scale = i64x2.shl(i64x2.add(i64x2.sub(t, K(15)), K(20)), 52);
  const r = f64x2.sub(f64x2.sub(d, f64x2.mul(kf, K(16))), f64x2.mul(kf, K(17)));
  return f64x2.mul(expReduced(r), scale);
}

/** The largest of the four lanes (−∞ for all NaN: the lanes come from pmax, which skips NaNs). */
function laneMax(acc: v128): f32 {
  let m: f32 = -Infinity;
  for (let l = 0; l < 4; l++) {
    const v = f32x4.extract_lane(acc, 0);
    if (v > m) m = v;
    acc = v128.shuffle<f32>(acc, acc, 1, 2, 3, 0);
  }
  return m;
}

/** The largest of `n` float32 values at byte offset `x`, NaNs skipped (−∞ when there is none). */
export function maxF32(x: usize, n: i32): f32 {
  let i: i32 = 0;
  let m: f32 = -Infinity;
  if (n >= 4) {
    // pmax(acc, v) = acc < v ? v : acc keeps acc where v is NaN
    let acc = f32x4.splat(-Infinity);
    for (; i + 4 <= n; i += 4) acc = f32x4.pmax(acc, v128.load(x + ((<usize>i) << 2)));
    m = laneMax(acc);
  }
  for (; i < n; i++) {
    const v = load<f32>(x + ((<usize>i) << 2));
    if (v > m) m = v;
  }
  return m;
}

/**
 * The index of the first largest of `n ≥ 1` float32 values at byte offset `x`, numpy's `argmax`:
 * a NaN counts as the largest (the first NaN's index). One f32x4 pass finds the maximum (pmax, so
 * NaNs are skipped) and whether there is a NaN; a second finds the first lane equal to it.
 */
export function argmaxF32(x: usize, n: i32): i32 {
  let i: i32 = 0;
  let m: f32 = -Infinity;
  let nan = false;
  if (n >= 4) {
    let acc = f32x4.splat(-Infinity);
    let bad = v128.splat<i32>(0);
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(x + ((<usize>i) << 2));
      acc = f32x4.pmax(acc, v);
      bad = v128.or(bad, f32x4.ne(v, v));
    }
    nan = v128.any_true(bad);
    m = laneMax(acc);
  }
  for (; i < n; i++) {
    const v = load<f32>(x + ((<usize>i) << 2));
    if (v > m) m = v;
    else if (v !== v) nan = true;
  }
  // the first lane equal to m (or, with a NaN, the first NaN)
  const mm = f32x4.splat(m);
  i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + ((<usize>i) << 2));
    if (v128.any_true(nan ? f32x4.ne(v, v) : f32x4.eq(v, mm))) break;
  }
  for (; i < n; i++) {
    const v = load<f32>(x + ((<usize>i) << 2));
    if (nan ? v !== v : v === m) return i;
  }
  return 0;
}

/**
 * Σ exp(x[i] − m) over `n` float32 values at byte offset `x`, in float64: lanes 0–1 and 2–3 of
 * each group of four in two f64x2 sums, added at the end, then the tail in order.
 */
export function sumExpF32(x: usize, n: i32, m: f64): f64 {
  const mm = f64x2.splat(m);
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i: i32 = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + ((<usize>i) << 2));
    s0 = f64x2.add(s0, exp2Lanes(f64x2.sub(f64x2.promote_low_f32x4(v), mm)));
    s1 = f64x2.add(
      s1,
      exp2Lanes(f64x2.sub(f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)), mm)),
    );
  }
  return finishSum(s0, s1, x, i, n, m);
}

/**
 * The two f64x2 partial sums of a Σ exp(x − m) added (lanes in order), then the values from `i`
 * to `n` through the float64 exp, in order.
 */
function finishSum(s0: v128, s1: v128, x: usize, i: i32, n: i32, m: f64): f64 {
  let s = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  s += f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  for (; i < n; i++) {
    const d = <f64>load<f32>(x + ((<usize>i) << 2)) - m;
    s += f64x2.extract_lane(exp2Lanes(f64x2.splat(d)), 0);
  }
  return s;
}

// exp in f32x4, for sumExpF32Single: Cephes' expf (k = round(d·log₂e), r = d − k·C1 − k·C2 with
// C1 = 0.693359375 exact in 9 bits, so k·C1 is exact, then exp(r) = 1 + r + r²·P(r), P of degree 5,
// whose own error is below 4.2·10⁻⁹ on |r| ≤ ln 2 / 2; float32 rounding brings the result within
// about 2·10⁻⁷ of exp(d)). d is clamped to [−87, 88] so that 2ᵏ is a normal float32; exp(−87) ≈
// 1.6·10⁻³⁸ stands in for the smaller terms, which change no sum whose largest term is 1. NaN
// passes through pmin/pmax and makes the sum NaN.
const CONSTS32 = memory.data<f32>([
  1.98756915e-4,
  1.3981999507e-3,
  8.3334519073e-3,
  4.1665795894e-2,
  1.6666665459e-1,
  5.0000001201e-1,
  1.0,
  <f32>LOG2E,
  0.693359375,
  -2.1219444e-4,
  -87.0,
  88.0,
]);

/** Constant `j` of `CONSTS32` in all four lanes. */
function K32(j: i32): v128 {
  return v128.load32_splat(CONSTS32 + ((<usize>j) << 2));
}

/** exp(d) of the four float32 lanes of `d`, in float32. */
function exp4Lanes(x: v128): v128 {
  const d = f32x4.pmin(f32x4.pmax(x, K32(10)), K32(11));
  const kf = f32x4.nearest(f32x4.mul(d, K32(7)));
  const r = f32x4.sub(f32x4.sub(d, f32x4.mul(kf, K32(8))), f32x4.mul(kf, K32(9)));
  const r2 = f32x4.mul(r, r);
  let p = f32x4.add(f32x4.mul(K32(0), r), K32(1));
  p = f32x4.add(f32x4.mul(p, r), K32(2));
  p = f32x4.add(f32x4.mul(p, r), K32(3));
  p = f32x4.add(f32x4.mul(p, r), K32(4));
  p = f32x4.add(f32x4.mul(p, r), K32(5));
  const e = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), K32(6));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(kf), i32x4.splat(127)), 23);
  return f32x4.mul(e, scale);
}

/**
 * Σ exp(x[i] − m) over `n` float32 values at byte offset `x`, with x[i] − m and its exp in float32
 * (numpy's and PyTorch's precision for float32 data: within about 2·10⁻⁷ of the float64 sum,
 * relatively) and the sum in float64: about 3.5 times faster than `sumExpF32`. Sixteen values per
 * iteration (four independent exps: one alone leaves the core waiting on the polynomial's chain),
 * their exps added in float32 and split into two f64x2 sums (lanes 0–1, 2–3) added at the end; the
 * tail goes through the float64 exp.
 *
 * A group of sixteen whose values are all below `cut` is skipped (NaN is not below it). The caller
 * puts `cut` where even n such terms cannot add up to a measurable part of the sum (the sum is at
 * least 1, the term of the maximum m); a language model's logits mostly sit there (about 70 % of
 * the tiny GPT-2's groups of 16), so the exps are taken only where they count. −∞ skips nothing.
 */
export function sumExpF32Single(x: usize, n: i32, m: f32, cut: f32): f64 {
  const mm = f32x4.splat(m);
  const lo = f32x4.splat(cut);
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i: i32 = 0;
  for (; i + 16 <= n; i += 16) {
    const p = x + ((<usize>i) << 2);
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    const v2 = v128.load(p, 32);
    const v3 = v128.load(p, 48);
    const below = v128.and(
      v128.and(f32x4.lt(v0, lo), f32x4.lt(v1, lo)),
      v128.and(f32x4.lt(v2, lo), f32x4.lt(v3, lo)),
    );
    if (i32x4.all_true(below)) continue;
    const e0 = exp4Lanes(f32x4.sub(v0, mm));
    const e1 = exp4Lanes(f32x4.sub(v1, mm));
    const e2 = exp4Lanes(f32x4.sub(v2, mm));
    const e3 = exp4Lanes(f32x4.sub(v3, mm));
    const eg = f32x4.add(f32x4.add(e0, e1), f32x4.add(e2, e3));
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(eg));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<f32>(eg, eg, 2, 3, 0, 1)));
  }
  return finishSum(s0, s1, x, i, n, <f64>m);
}
