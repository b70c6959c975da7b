// fma (src/fma.ts): a·b + c with one rounding, against an exact reference computed here with
// BigInt (the operands' exact binary values, multiplied and added as integers, rounded to nearest
// even), over random operands, cancellations of every depth and constructed ties where only the
// sticky bit decides; and the fallback for huge and non-finite operands.
import { describe, expect, it } from 'vitest';
import { fma, RandomState } from '../src/index.js';

/** a·b + c rounded to the nearest double (ties to even), computed exactly with BigInt. */
function fmaReference(a: number, b: number, c: number): number {
  const parts = (x: number): [bigint, number] => {
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    const bits = v.getBigUint64(0);
    const field = Number((bits >> 52n) & 0x7ffn);
    let m = bits & ((1n << 52n) - 1n);
    if (field !== 0) m |= 1n << 52n;
    return [bits >> 63n ? -m : m, (field === 0 ? 1 : field) - 1075];
  };
  const [ma, ea] = parts(a);
  const [mb, eb] = parts(b);
  const [mc, ec] = parts(c);
  const ep = ea + eb;
  const e0 = Math.min(ep, ec);
  let m = ((ma * mb) << BigInt(ep - e0)) + (mc << BigInt(ec - e0));
  if (m === 0n) return a * b + c; // exact zero: IEEE's sign rule, as the plain expression has it
  const negative = m < 0n;
  if (negative) m = -m;
  let e = e0;
  const shift = Math.max(m.toString(2).length - 53, -1074 - e);
  if (shift > 0) {
    const s = BigInt(shift);
    let q = m >> s;
    const rem = m - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    m = q;
    e += shift;
  }
  const magnitude = Number(m) * 2 ** (e + 600) * 2 ** -600;
  return negative ? -magnitude : magnitude;
}

describe('fma', () => {
  it('a·b + c rounded once, against exact BigInt arithmetic', () => {
    const rs = new RandomState(11);
    const cases: [number, number, number][] = [
      [1 + 2 ** -52, 1 + 2 ** -52, -1], // 2^-51 + 2^-104: the sticky bit decides
      [1 + 2 ** -52, 1 - 2 ** -53, -1],
      [1 + 2 ** -30, 1 + 2 ** -30, -(1 + 2 ** -29)], // exact: 2^-60
      [3, 1 / 3, -1],
      [0.1, 10, -1],
      [2 ** 500, 2 ** 400, -(2 ** 900)],
      [0, 5, -0],
    ];
    const g = rs.randn(60000).data as Float64Array;
    const e = rs.randint(-60, 60, 60000).data as Int32Array;
    for (let i = 0; i < 20000; i++) {
      const a = g[i]! * 2 ** e[i]!;
      const b = g[20000 + i]! * 2 ** e[20000 + i]!;
      const p = a * b;
      const pick = i % 4;
      // c: cancelling the product to various depths, or unrelated
      const c =
        pick === 0
          ? -p
          : pick === 1
            ? -p * (1 + g[40000 + i]! * 2 ** -(e[40000 + i]! + 60))
            : pick === 2
              ? -p * (1 + 2 ** -53 * Math.round(g[40000 + i]! * 4))
              : g[40000 + i]! * 2 ** e[40000 + i]!;
      cases.push([a, b, c]);
    }
    // Products that round to exactly 2^j (a·b = 2^j + e, e ≠ 0) added to c = ±2^(j+53)·(1 + k·2^-52):
    // c + 2^j is then exactly halfway between two doubles and only e (the sticky bit) decides.
    let ties = 0;
    for (let i = 0; ties < 2000; i++) {
      const a = 1 + g[i]! ** 2 / 10;
      const b = 1 / a;
      if (a * b !== 1 || fmaReference(a, b, -1) === 0) continue;
      const j = e[i]! >> 1;
      const k = ((g[20000 + i]! * 1000) | 0) * 2; // even: c + 2^j ties between k and k + 1
      const c = (i % 2 ? 1 : -1) * 2 ** (j + 53) * (1 + k * 2 ** -52);
      cases.push([a * 2 ** j, b, c]);
      ties++;
    }
    let checked = 0;
    for (const [a, b, c] of cases) {
      const want = fmaReference(a, b, c);
      expect(fma(a, b, c), `fma(${a}, ${b}, ${c})`).toBe(want);
      checked++;
    }
    expect(checked).toBe(22007);
  });

  it('falls back to a * b + c for huge and non-finite operands (IEEE propagation)', () => {
    expect(fma(Number.NaN, 1, 1)).toBeNaN();
    expect(fma(Infinity, 2, 1)).toBe(Infinity);
    expect(fma(Infinity, 0, 1)).toBeNaN();
    expect(fma(1, 1, -Infinity)).toBe(-Infinity);
    expect(fma(1e300, 1e10, -1e308)).toBe(1e300 * 1e10 - 1e308);
    expect(fma(0.1, 10, -1)).toBe(2 ** -54);
  });
});
