/**
 * A correctly rounded (to within ~2^-68 relative before the final rounding) natural logarithm,
 * used by the legacy Gaussian so that `randn` reproduces numpy's draws bit for bit.
 *
 * Why: numpy's polar Box–Muller calls the C library's `log`, which on glibc is accurate to about
 * 0.52 ulp (almost always the correctly rounded value), while JS engines' `Math.log` (fdlibm)
 * is only within 1 ulp and differs from glibc on about 5% of inputs in [0, 1). Computing the
 * logarithm in double-double arithmetic and rounding once gives the correctly rounded value, which
 * is what glibc returns on all but a tiny fraction of inputs.
 *
 * Method: x = m · 2^e with m in [0.75, 1.5); c = k/128 the grid point nearest m (k = 96..192);
 * r = (m − c)/c as a double-double (|r| < 2^-7.5). Then
 *   log x = e·ln2 + log c + log1p(r),  log1p(r) = r − r²/2 + r³/3 − … (r and r²/2 in double-double,
 *   the rest, below 2^-16 relative, in doubles),
 * with ln2 and the table log(k/128) held as double-doubles (the table is computed once at load
 * time from log c = 2·atanh((c−1)/(c+1)) summed in double-double).
 */

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)

// Scratch outputs of the error-free transformations (avoid allocating pairs).
let errOut = 0;

/** a + b = s + errOut exactly (Knuth's TwoSum). */
function twoSum(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  errOut = a - (s - bb) + (b - bb);
  return s;
}

/** a · b = p + errOut exactly (Dekker's TwoProduct with Veltkamp splitting). */
function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  errOut = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

// ---- double-double helpers used only to build the table at load time
type DD = [number, number];
function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a[0], b[0]);
  const e = errOut + a[1] + b[1];
  const h = s + e;
  return [h, e - (h - s)];
}
function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a[0], b[0]);
  const e = errOut + (a[0] * b[1] + a[1] * b[0]);
  const h = p + e;
  return [h, e - (h - p)];
}
function ddDivNum(a: DD, b: number): DD {
  const q1 = a[0] / b;
  const p = twoProd(q1, b);
  const pe = errOut;
  const r = a[0] - p - pe + a[1];
  const q2 = r / b;
  const h = q1 + q2;
  return [h, q2 - (h - q1)];
}

/** log(c) as a double-double, c > 0 near 1: 2·atanh(s), s = (c−1)/(c+1). */
function ddLogNear1(c: number): DD {
  const s = ddDivNum([c - 1, 0], c + 1);
  const s2 = ddMul(s, s);
  let term = s;
  let sum: DD = s;
  for (let j = 1; j < 60; j++) {
    term = ddMul(term, s2);
    const add = ddDivNum(term, 2 * j + 1);
    sum = ddAdd(sum, add);
    if (Math.abs(add[0]) < 1e-40) break;
  }
  return [sum[0] * 2, sum[1] * 2];
}

const LOG_HI = new Float64Array(97);
const LOG_LO = new Float64Array(97);
for (let k = 96; k <= 192; k++) {
  const v = ddLogNear1(k / 128);
  LOG_HI[k - 96] = v[0];
  LOG_LO[k - 96] = v[1];
}
// ln 2 = LN2_HI + LN2_LO (double-double), from log(1/2) = −2·atanh(1/3)
const LN2 = ddLogNear1(0.5);
const LN2_HI = -LN2[0];
const LN2_LO = -LN2[1];

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word (little-endian: 1)

/**
 * Natural logarithm of `x`, correctly rounded except for inputs within ~2^-68 (relative) of a
 * rounding boundary. Non-positive, infinite and NaN inputs follow `Math.log`.
 */
export function logCR(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54, makes a subnormal normal
    e = -54;
  }
  f64[0] = x;
  const hw = u32[HI]!;
  e += ((hw >>> 20) & 0x7ff) - 1023;
  u32[HI] = (hw & 0x800fffff) | 0x3ff00000; // m in [1, 2)
  let m = f64[0]!;
  if (m >= 1.5) {
    m *= 0.5;
    e += 1;
  }
  const k = Math.round(m * 128); // 96..192
  const c = k / 128;
  const d = m - c; // exact (Sterbenz)
  // r = d / c as rh + rl
  const rh = d / c;
  const p = twoProd(rh, c);
  const rl = (d - p - errOut) / c;
  // -r²/2 as sh + sl
  const sq = twoProd(rh, rh);
  const sh = -0.5 * sq;
  const sl = -0.5 * (errOut + 2 * rh * rl);
  // tail: r³/3 − r⁴/4 + … − r^12/12 (Horner, doubles)
  const tail =
    rh *
    rh *
    rh *
    (1 / 3 -
      rh *
        (1 / 4 -
          rh *
            (1 / 5 -
              rh *
                (1 / 6 -
                  rh * (1 / 7 - rh * (1 / 8 - rh * (1 / 9 - rh * (1 / 10 - rh * (1 / 11 - rh / 12)))))))));
  // e·ln2 + log c as a double-double
  const eh = twoProd(e, LN2_HI);
  let lo = errOut + e * LN2_LO + LOG_LO[k - 96]!;
  let hi = twoSum(eh, LOG_HI[k - 96]!);
  lo += errOut;
  // + r
  hi = twoSum(hi, rh);
  lo += errOut + rl;
  // + (-r²/2)
  hi = twoSum(hi, sh);
  lo += errOut + sl + tail;
  return hi + lo;
}
