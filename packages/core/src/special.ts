/**
 * Special functions: `gamma`, `lgamma`, `digamma`, `trigamma`, `erf`, `erfc`, as scalar functions
 * (`gammaScalar(x)`, ...) and element-wise tensor ops with autograd.
 *
 * Every approximation here is built from convergent or asymptotic series whose coefficients are
 * exact (Bernoulli numbers, zeta values computed at load time), so there are no fitted
 * coefficient tables to trust:
 * - `lgamma`/`gamma`: Stirling's series for x >= 10 (error < 1e-19 there), Taylor series of
 *   log Γ around 1 and 2 (where log Γ vanishes) with the recurrence Γ(x+1) = xΓ(x) below 10, and the
 *   reflection formula Γ(x)Γ(1-x) = π / sin(πx) for negative arguments, with an exactly reduced
 *   `sin(πx)`. Positive integers up to 23 give exact factorials.
 * - `erf`: the positive series erf(x) = 2/√π e^{-x²} Σ 2ⁿx^{2n+1}/(2n+1)!! (no cancellation) for
 *   |x| < 2, and 1 - erfc(|x|) beyond; `erfc` by `1 - erf` for x < 1.5 and by its continued
 *   fraction (modified Lentz) for x >= 1.5, with e^{-x²} evaluated from an exact split of x².
 * - `digamma`/`trigamma`: asymptotic series for x >= 10, recurrence below, reflection for x < 0.
 *
 * Accuracy (tested in `test/special.test.ts` against mpmath at 40 digits and scipy 1.10): worst
 * relative error 5.2e-16 for gamma on [-170, 171.6], 4e-16 for lgamma on [-170, 1e300]
 * (including next to its roots 1 and 2, where scipy's own gammaln loses all relative accuracy),
 * 5.6e-16 for erf and 4.1e-15 for erfc on [-6, 26.5]; the bound is 1e-12. Values at poles and
 * infinities follow scipy 1.10: Γ and log Γ at 0 and the negative integers are +Infinity, ψ is
 * NaN at the negative integers; Γ(-Infinity) is NaN (scipy says -Infinity).
 */
import { record } from './autograd/engine.js';
import { allocate, floatResult } from './dtype.js';
import { AutogradError } from './errors.js';
import { mul, neg } from './ops/arith.js';
import { exp, square } from './ops/unary.js';
import { asTensor, Tensor, type TensorLike } from './tensor.js';

const LN_SQRT_2PI = 0.9189385332046728; // log(sqrt(2π))
const SQRT_2PI = 2.5066282746310002;
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const EULER_GAMMA = 0.5772156649015329;

/** Bernoulli numbers B_2, B_4, ..., B_30 (exact rationals). */
const BERNOULLI = [
  1 / 6,
  -1 / 30,
  1 / 42,
  -1 / 30,
  5 / 66,
  -691 / 2730,
  7 / 6,
  -3617 / 510,
  43867 / 798,
  -174611 / 330,
  854513 / 138,
  -236364091 / 2730,
  8553103 / 6,
  -23749461029 / 870,
  8615841276005 / 14322,
];

/** Stirling-series coefficients B_2k / (2k (2k-1)), k = 1..10. */
const STIRLING = BERNOULLI.slice(0, 10).map((b, i) => b / ((2 * i + 2) * (2 * i + 1)));

/**
 * ζ(k) - 1 for k = 2..40 by the Euler–Maclaurin formula with N = 16 (error far below 1e-17),
 * the coefficients of the Taylor series of log Γ around 1 and 2.
 */
const ZETA_M1: number[] = (() => {
  const out: number[] = [0, 0];
  const N = 16;
  for (let k = 2; k <= 40; k++) {
    let s = 0;
    for (let n = N - 1; n >= 2; n--) s += n ** -k;
    // tail: ∫_N^∞ + f(N)/2 - Σ B_2j/(2j)! f^(2j-1)(N)
    s += N ** (1 - k) / (k - 1) + 0.5 * N ** -k;
    let rising = k; // k (k+1) ... (k + 2j - 2)
    let fact = 2; // (2j)!
    for (let j = 1; j <= 8; j++) {
      s += (BERNOULLI[j - 1]! / fact) * rising * N ** (-k - 2 * j + 1);
      rising *= (k + 2 * j - 1) * (k + 2 * j);
      fact *= (2 * j + 1) * (2 * j + 2);
    }
    out.push(s);
  }
  return out;
})();

/** Exact factorials 0! .. 22! (all exactly representable in float64). */
const FACTORIALS: number[] = (() => {
  const f = [1];
  for (let i = 1; i <= 22; i++) f.push(f[i - 1]! * i);
  return f;
})();

/** sin(πx) with the argument reduced exactly (`x % 2` is exact in floating point). */
function sinpi(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  let r = Math.abs(x) % 2; // [0, 2)
  let sgn = x < 0 ? -1 : 1;
  if (r >= 1) {
    r -= 1; // sin(π(r + 1)) = -sin(πr)
    sgn = -sgn;
  }
  if (r > 0.5) r = 1 - r; // sin(π(1 - r)) = sin(πr), exact subtraction
  return sgn * (r <= 0.25 ? Math.sin(Math.PI * r) : Math.cos(Math.PI * (0.5 - r)));
}

/** cos(πx) with exact argument reduction. */
function cospi(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  let r = Math.abs(x) % 2; // [0, 2)
  if (r > 1) r = 2 - r; // cos(π(2 - r)) = cos(πr)
  if (r === 0.5) return 0;
  if (r < 0.25) return Math.cos(Math.PI * r);
  if (r <= 0.75) return Math.sin(Math.PI * (0.5 - r));
  return -Math.cos(Math.PI * (1 - r));
}

/** Σ B_2k / (2k(2k-1) x^{2k-1}) for x >= 10: the correction term of Stirling's series. */
function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  let s = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) s = s * r2 + STIRLING[k]!;
  return s * r;
}

/** log Γ(1 + e) for |e| <= 0.5 by its Taylor series -γe + Σ (-1)^k ζ(k) e^k / k. */
function lgamma1p(e: number): number {
  let s = 0;
  let p = e * e;
  for (let k = 2; k <= 40; k++) {
    const t = ((k % 2 === 0 ? 1 : -1) * ZETA_M1[k]! * p) / k;
    s += t;
    if (Math.abs(t) < 1e-18 * Math.abs(s)) break;
    p *= e;
  }
  // ζ(k) = 1 + (ζ(k) - 1): -γe + Σ_{k>=2} (-1)^k e^k/k + Σ (-1)^k (ζ(k)-1) e^k/k, where the
  // middle sum is e - log(1 + e); the remaining series converges like (e/2)^k.
  return s + (e - Math.log1p(e)) - EULER_GAMMA * e;
}

/** log Γ(2 + e) for |e| <= 0.5: (1-γ)e + Σ (-1)^k (ζ(k)-1) e^k / k. */
function lgamma2p(e: number): number {
  let s = 0;
  let p = e * e;
  for (let k = 2; k <= 40; k++) {
    const t = ((k % 2 === 0 ? 1 : -1) * ZETA_M1[k]! * p) / k;
    s += t;
    if (Math.abs(t) < 1e-18 * Math.abs(s)) break;
    p *= e;
  }
  return s + (1 - EULER_GAMMA) * e;
}

/**
 * log|Γ(x)| (scipy's `gammaln`, C's `lgamma`). Poles (0 and the negative integers) give
 * +Infinity.
 *
 * ```ts
 * lgammaScalar(10);  // 12.801827480081469 (= log 9!)
 * lgammaScalar(0.5); // 0.5723649429247001 (= log √π)
 * ```
 */
export function lgammaScalar(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (!Number.isFinite(x)) return Number.POSITIVE_INFINITY;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0) {
    // reflection: |Γ(x)| = π / (|sin(πx)| Γ(1-x)), with Γ(1-x) = (-x) Γ(-x) since -x is exact
    // while 1 - x may round
    return Math.log(Math.PI / Math.abs(sinpi(x))) - lgammaScalar(-x) - Math.log(-x);
  }
  if (Number.isInteger(x) && x <= 23) return Math.log(FACTORIALS[x - 1]!); // log (x-1)!, correctly rounded log
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  if (x < 0.5) return lgamma1p(x) - Math.log(x); // log Γ(x) = log Γ(1 + x) - log x
  if (x <= 1.5) return lgamma1p(x - 1);
  if (x <= 2.5) return lgamma2p(x - 2);
  // 2.5 < x < 10: x = 2 + e + m, log Γ(x) = log Γ(2 + e) + log((x-1)(x-2)...(x-m)), no cancellation
  const m = Math.round(x - 2);
  const e = x - 2 - m;
  let prod = 1;
  for (let k = 1; k <= m; k++) prod *= x - k;
  return lgamma2p(e) + Math.log(prod);
}

/** Γ(x) for x >= 10 by Stirling's formula, with x^(x-1/2) split to postpone overflow. */
function gammaStirling(x: number): number {
  if (x > 171.63) return Number.POSITIVE_INFINITY;
  const v = x ** (0.5 * x - 0.25);
  return SQRT_2PI * v * (v * Math.exp(-x)) * Math.exp(stirlingCorrection(x));
}

/**
 * The gamma function Γ(x) = ∫₀^∞ t^{x-1} e^{-t} dt (scipy's `gamma`), with Γ(n) = (n-1)! exact
 * for integers up to 23. Poles (0 and the negative integers) give +Infinity as scipy; above
 * 171.62 the result overflows to Infinity.
 *
 * ```ts
 * gammaScalar(5);   // 24
 * gammaScalar(0.5); // 1.772453850905516 (= √π)
 * gammaScalar(-1.5); // 2.363271801207355
 * ```
 */
export function gammaScalar(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (Number.isInteger(x)) {
    if (x <= 0) return Number.POSITIVE_INFINITY;
    if (x <= 23) return FACTORIALS[x - 1]!;
  }
  if (x < 0) {
    // reflection: Γ(x) = π / (sin(πx) Γ(1-x)) with Γ(1-x) = (-x) Γ(-x) (-x is exact, 1 - x may round)
    const g = gammaScalar(-x);
    const s = sinpi(x);
    if (g === Number.POSITIVE_INFINITY || !Number.isFinite(g * -x)) {
      // Γ(1-x) overflows: go through logarithms for the (tiny) result
      return Math.sign(s) * Math.exp(Math.log(Math.PI / Math.abs(s)) - lgammaScalar(-x) - Math.log(-x));
    }
    return Math.PI / (s * (-x * g));
  }
  if (x >= 10) return gammaStirling(x);
  // 0 < x < 10: x = 2 + e + m with |e| <= 1/2; Γ(2 + e) = exp(log Γ(2 + e)) from the series
  // (a small exponent, so exp adds ~1 ulp), then the recurrence up or down to x.
  const m = Math.round(x - 2);
  const e = x - 2 - m;
  const g2 = Math.exp(lgamma2p(e));
  if (m === -2) return g2 / (x * (x + 1)); // x = e in (0, 0.5)
  if (m === -1) return g2 / x; // x = 1 + e
  let prod = 1;
  for (let k = 1; k <= m; k++) prod *= x - k; // (x-1)(x-2)...(x-m), each factor exact
  return g2 * prod;
}

/** Σ_{k>=2} (-1)^k (ζ(k) - 1) e^{k-1} for |e| <= 1/2 (converges like (e/2)^k). */
function digammaTail(e: number): number {
  let s = 0;
  let p = e;
  for (let k = 2; k <= 40; k++) {
    const t = (k % 2 === 0 ? 1 : -1) * ZETA_M1[k]! * p;
    s += t;
    if (Math.abs(t) <= 1e-18 * Math.abs(s)) break;
    p *= e;
  }
  return s;
}

/** ψ(1 + e) for |e| <= 1/2: -γ + e/(1+e) + Σ (-1)^k (ζ(k)-1) e^{k-1} (the derivative of lgamma1p). */
function digamma1p(e: number): number {
  return -EULER_GAMMA + e / (1 + e) + digammaTail(e);
}

/**
 * The digamma function ψ(x) = d/dx log Γ(x) (scipy's `psi`): the asymptotic series for x >= 10,
 * the recurrence ψ(x+1) = ψ(x) + 1/x below and reflection ψ(1-x) - ψ(x) = π cot(πx) for x < 0.
 * NaN at the negative integers; ψ(±0) = ∓Infinity. On (0, 10) it uses the Taylor series of ψ
 * around 1 and 2 (zeta-value coefficients), so it stays accurate to ~1e-17 absolute next to its
 * positive root x ≈ 1.4616; elsewhere the relative error is below 5e-15.
 *
 * ```ts
 * digammaScalar(1); // -0.5772156649015329 (= -γ)
 * ```
 */
export function digammaScalar(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x === 0) return Object.is(x, -0) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (x < 0) {
    if (Number.isInteger(x)) return Number.NaN;
    // ψ(x) = ψ(1-x) - π cot(πx), with ψ(1-x) = ψ(-x) - 1/x (-x is exact)
    return digammaScalar(-x) - 1 / x - (Math.PI * cospi(x)) / sinpi(x);
  }
  if (x < 0.5) return digamma1p(x) - 1 / x; // ψ(x) = ψ(1 + x) - 1/x
  if (x <= 1.5) return digamma1p(x - 1);
  if (x < 10) {
    // x = 2 + e + m: ψ(x) = ψ(2 + e) + Σ_{k=1..m} 1/(x - k), all terms of one sign
    const m = Math.round(x - 2);
    const e = x - 2 - m;
    let acc = 0;
    for (let k = m; k >= 1; k--) acc += 1 / (x - k);
    return 1 - EULER_GAMMA + digammaTail(e) + acc;
  }
  // ψ(x) ~ log x - 1/(2x) - Σ B_2k / (2k x^{2k})
  const r2 = 1 / (x * x);
  let s = 0;
  for (let k = 9; k >= 0; k--) s = s * r2 + BERNOULLI[k]! / (2 * k + 2);
  return Math.log(x) - 0.5 / x - s * r2;
}

/**
 * The trigamma function ψ₁(x) = d²/dx² log Γ(x) (scipy's `polygamma(1, x)`): the asymptotic
 * series for x >= 10, the recurrence ψ₁(x) = ψ₁(x+1) + 1/x² and reflection
 * ψ₁(1-x) + ψ₁(x) = π² / sin²(πx). +Infinity at the poles.
 *
 * ```ts
 * trigammaScalar(1); // 1.6449340668482264 (= π²/6)
 * ```
 */
export function trigammaScalar(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0) {
    const s = sinpi(x);
    // ψ₁(1-x) = ψ₁(-x) - 1/x² (-x is exact)
    return (Math.PI * Math.PI) / (s * s) - (trigammaScalar(-x) - 1 / (x * x));
  }
  let acc = 0;
  let z = x;
  while (z < 10) {
    acc += 1 / (z * z);
    z += 1;
  }
  // ψ₁(z) ~ 1/z + 1/(2z²) + Σ B_2k / z^{2k+1}
  const r = 1 / z;
  const r2 = r * r;
  let s = 0;
  for (let k = 9; k >= 0; k--) s = s * r2 + BERNOULLI[k]!;
  return acc + r + 0.5 * r2 + s * r2 * r;
}

/** e^{-x²} with x² split exactly into hi + lo (Veltkamp), so the result keeps full precision. */
function expMinusSquare(x: number): number {
  const hi = x * x;
  if (hi > 746) return 0;
  const c = 134217729 * x; // 2^27 + 1
  const xh = c - (c - x);
  const xl = x - xh;
  const lo = xh * xh - hi + 2 * xh * xl + xl * xl;
  return Math.exp(-hi) * Math.exp(-lo);
}

/** erf(x) for 0 <= x <= 3 by the positive series 2/√π e^{-x²} Σ 2ⁿ x^{2n+1} / (2n+1)!!. */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let n = 0;
  ERF_TERMS[0] = x;
  while (n < ERF_TERMS.length - 1) {
    n++;
    term *= x2 / (2 * n + 1);
    ERF_TERMS[n] = term;
    if (term < 1e-17 * x) break;
  }
  // add the smallest terms first (fewer roundings reach the result)
  let sum = 0;
  for (let k = n; k >= 0; k--) sum += ERF_TERMS[k]!;
  return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
}
const ERF_TERMS = new Float64Array(64); // |x| < 2 needs at most ~45 terms

/**
 * erfc(x) for x >= 1.5 by the continued fraction
 * erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated with the modified
 * Lentz algorithm.
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let C = x;
  let D = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    D = x + an * D;
    if (D === 0) D = tiny;
    C = x + an / C;
    if (C === 0) C = tiny;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (expMinusSquare(x) / f) * 0.5641895835477563; // 1/√π
}

/**
 * The error function erf(x) = 2/√π ∫₀^x e^{-t²} dt (scipy's `erf`). Odd: erf(-x) = -erf(x).
 *
 * ```ts
 * erfScalar(1); // 0.8427007929497149
 * ```
 */
export function erfScalar(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  let r: number;
  if (ax < 2) r = erfSeries(ax);
  else if (ax >= 6) r = 1;
  else r = 1 - erfcFraction(ax);
  return x < 0 ? -r : x === 0 ? x : r;
}

/**
 * The complementary error function erfc(x) = 1 - erf(x) = 2/√π ∫ₓ^∞ e^{-t²} dt (scipy's
 * `erfc`), accurate in the tail where `1 - erf(x)` would cancel. erfc(-x) = 2 - erfc(x).
 *
 * ```ts
 * erfcScalar(5); // 1.537459794428035e-12
 * ```
 */
export function erfcScalar(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 1 + erfScalar(-x);
  if (x < 1.5) return 1 - erfSeries(x); // erfc(1.5) = 0.034: at most ~5 bits lost to cancellation
  if (x > 27.3) return 0;
  return erfcFraction(x);
}

// ---------------------------------------------------------------------------------------------
// tensor versions with autograd
// ---------------------------------------------------------------------------------------------

function mapFloat(a: TensorLike, f: (v: number) => number): [Tensor, Tensor] {
  const x = asTensor(a);
  const dtype = floatResult(x.dtype);
  const out = allocate(dtype, x.size);
  const d = x.data;
  for (let i = 0; i < out.length; i++) out[i] = f(d[i]!);
  return [x, new Tensor(out, x.shape, dtype)];
}

/**
 * Γ(x) element-wise (see {@link gammaScalar}); int/bool inputs give float64.
 * Backward: dΓ/dx = Γ(x) ψ(x).
 *
 * ```ts
 * gamma(tensor([1, 2, 3, 4])).toArray(); // [1, 1, 2, 6]
 * ```
 */
export function gamma(a: TensorLike): Tensor {
  const [x, out] = mapFloat(a, gammaScalar);
  return record(out, 'gamma', [x], (g) => [mul(g, mul(out, digamma(x)))]);
}

/**
 * log|Γ(x)| element-wise (see {@link lgammaScalar}). Backward: d/dx log Γ(x) = ψ(x).
 *
 * ```ts
 * lgamma(tensor([1, 10])).toArray(); // [0, 12.801827480081469]
 * ```
 */
export function lgamma(a: TensorLike): Tensor {
  const [x, out] = mapFloat(a, lgammaScalar);
  return record(out, 'lgamma', [x], (g) => [mul(g, digamma(x))]);
}

/**
 * ψ(x) = d/dx log Γ(x) element-wise (see {@link digammaScalar}). Backward: ψ₁(x) (trigamma).
 *
 * ```ts
 * digamma(tensor([1])).item(); // -0.5772156649015329
 * ```
 */
export function digamma(a: TensorLike): Tensor {
  const [x, out] = mapFloat(a, digammaScalar);
  return record(out, 'digamma', [x], (g) => [mul(g, trigamma(x))]);
}

/**
 * ψ₁(x) = d²/dx² log Γ(x) element-wise (see {@link trigammaScalar}). Its own derivative
 * (tetragamma) is not implemented: differentiating it throws an AutogradError.
 *
 * ```ts
 * trigamma(tensor([1])).item(); // 1.6449340668482264
 * ```
 */
export function trigamma(a: TensorLike): Tensor {
  const [x, out] = mapFloat(a, trigammaScalar);
  return record(out, 'trigamma', [x], () => {
    throw new AutogradError(
      'trigamma',
      'the derivative of trigamma (polygamma of order 2) is not implemented',
    );
  });
}

/**
 * erf(x) element-wise (see {@link erfScalar}). Backward: d/dx erf(x) = 2/√π e^{-x²}.
 *
 * ```ts
 * erf(tensor([0, 1])).toArray(); // [0, 0.8427007929497149]
 * ```
 */
export function erf(a: TensorLike): Tensor {
  const [x, out] = mapFloat(a, erfScalar);
  return record(out, 'erf', [x], (g) => [mul(g, mul(exp(neg(square(x))), TWO_OVER_SQRT_PI))]);
}

/**
 * erfc(x) = 1 - erf(x) element-wise (see {@link erfcScalar}). Backward: -2/√π e^{-x²}.
 *
 * ```ts
 * erfc(tensor([0, 5])).toArray(); // [1, 1.537459794428035e-12]
 * ```
 */
export function erfc(a: TensorLike): Tensor {
  const [x, out] = mapFloat(a, erfcScalar);
  return record(out, 'erfc', [x], (g) => [mul(g, mul(exp(neg(square(x))), -TWO_OVER_SQRT_PI))]);
}
