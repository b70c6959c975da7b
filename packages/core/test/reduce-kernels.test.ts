// The row-reduction kernels of src/kernels/reduce.ts and wasm/assembly/reduce.ts. `argmax`: numpy's
// rule (the first largest; the first NaN if any), on every backend, for float32 and float64 rows
// of lengths around the SIMD kernel's cut-over (256) and tails, with the maximum placed in the
// first block, the last block and the scalar tail, ties, ±∞ and NaNs. `logSumExp`: log Σ exp(x) of a row
// in float64. Checked on every backend against the definition computed here independently (the
// maximum, then Math.exp of each difference summed with Kahan compensation, so the reference is
// good to an ulp), for lengths around the SIMD kernel's cut-over and tails and for spreads that
// reach the exp's clamp at −708; the special values follow scipy's `logsumexp` / torch's (NaN
// anywhere → NaN, +∞ → +∞, all −∞ → −∞); the WebAssembly sum stays within a few ulps of `Math.exp`
// term by term. `logSumExp32`, float32 precision: the same reference and special values, within
// 3·10⁻⁷ (its exp is float32's, about an ulp of float32, 1.2·10⁻⁷, term by term).
import { describe, expect, it } from 'vitest';
import { ValueError } from '../src/errors.js';
import { availableBackends, initWasm, RandomState, withBackend } from '../src/index.js';
import { argmax, logSumExp, logSumExp32 } from '../src/kernels/index.js';
import { largestFloat32Below } from './float32-bits.js';

await initWasm();
const rng = new RandomState(11);

function reference(x: ArrayLike<number>, n = x.length): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) m = Math.max(m, x[i]!);
  let z = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const y = Math.exp(x[i]! - m) - c;
    const t = z + y;
    c = t - z - y;
    z = t;
  }
  return m + Math.log(z);
}

const row = (n: number, spread: number, shift = 0) =>
  Float32Array.from(rng.uniform(-spread / 2, spread / 2, [n]).data, (v) => v + shift);

/** numpy's argmax, written plainly: the first index of the maximum, or of the first NaN. */
function argmaxReference(x: ArrayLike<number>): number {
  for (let i = 0; i < x.length; i++) if (Number.isNaN(x[i]!)) return i;
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[best]!) best = i;
  return best;
}

describe('argmax', () => {
  for (const backend of availableBackends())
    for (const Ctor of [Float32Array, Float64Array])
      it(`${backend}, ${Ctor.name}: numpy's rule for every length and position`, () => {
        withBackend(backend, () => {
          for (const n of [1, 2, 3, 4, 5, 255, 256, 257, 259, 1000, 50257]) {
            const x = new Ctor(rng.uniform(-5, 5, [n]).data);
            expect(argmax(x)).toBe(argmaxReference(x));
            for (const at of new Set([0, Math.floor(n / 2), n - 1, Math.max(0, n - 3)])) {
              const y = Ctor.from(x);
              y[at] = 10;
              expect(argmax(y)).toBe(at);
              // a tie later keeps the first
              y[n - 1] = 10;
              expect(argmax(y)).toBe(at);
              y[at] = Number.POSITIVE_INFINITY;
              expect(argmax(y)).toBe(at);
              // a NaN anywhere wins, the first one
              const z = Ctor.from(x);
              z[at] = Number.NaN;
              if (at < n - 1) z[n - 1] = Number.NaN;
              expect(argmax(z)).toBe(at);
            }
            expect(argmax(new Ctor(n).fill(Number.NEGATIVE_INFINITY))).toBe(0);
            expect(argmax(new Ctor(n).fill(-0))).toBe(0);
          }
          expect(argmax(new Ctor([1, 3, 3]))).toBe(1);
          expect(argmax(new Ctor([1, Number.NaN, 5, Number.NaN]))).toBe(1);
          // n counts from the start
          const w = new Ctor(600).fill(0);
          w[500] = 1;
          w[10] = 0.5;
          expect(argmax(w, 400)).toBe(10);
        });
      });

  it('n must be an integer in [1, length]', () => {
    expect(() => argmax(new Float32Array(3), 0)).toThrow(
      /argmax: n must be an integer in \[1, 3\], received 0/,
    );
    expect(() => argmax(new Float32Array(3), 4)).toThrow(/received 4/);
    expect(() => argmax(new Float32Array(0))).toThrow(/n must be an integer in \[1, 0\]/);
  });
});

describe('logSumExp', () => {
  it('the current backend is wasm where the module loaded', () => {
    expect(availableBackends()).toContain('wasm');
  });

  for (const backend of availableBackends()) {
    for (const n of [1, 3, 4, 255, 256, 257, 1001, 50257])
      for (const spread of [1, 30, 1600])
        it(`${backend}: ${n} values spread over ${spread}`, () => {
          const x = row(n, spread, spread === 30 ? 500 : 0);
          const ref = reference(x);
          withBackend(backend, () => {
            const got = logSumExp(x);
            expect(Math.abs(got - ref)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(ref)) * 8);
            // the known maximum gives the same value without its pass
            let m = Number.NEGATIVE_INFINITY;
            for (const v of x) m = Math.max(m, v);
            expect(logSumExp(x, n, m)).toBe(got);
          });
        });

    it(`${backend}: n counts from the start; float64 rows; known values`, () => {
      withBackend(backend, () => {
        const x = row(3000, 10);
        expect(Math.abs(logSumExp(x, 1000) - reference(x, 1000))).toBeLessThan(1e-14);
        const x64 = Float64Array.from(x);
        expect(Math.abs(logSumExp(x64) - reference(x64))).toBeLessThan(1e-14);
        expect(logSumExp(new Float64Array([0, Math.log(3)]))).toBeCloseTo(Math.log(4), 15);
        // max-subtracted: no overflow (scipy: logsumexp([1000, 1000]) = 1000 + log 2)
        const big = new Float32Array(512).fill(1000);
        expect(logSumExp(big)).toBeCloseTo(1000 + Math.log(512), 12);
      });
    });

    it(`${backend}: NaN anywhere → NaN, +∞ → +∞, all −∞ or empty → −∞ (scipy's and torch's rules)`, () => {
      withBackend(backend, () => {
        for (const n of [5, 600]) {
          const x = row(n, 4);
          const at = n - 2;
          const withNaN = Float32Array.from(x);
          withNaN[at] = Number.NaN;
          expect(logSumExp(withNaN)).toBeNaN();
          expect(logSumExp(withNaN, n, 2)).toBeNaN();
          const withInf = Float32Array.from(x);
          withInf[at] = Number.POSITIVE_INFINITY;
          expect(logSumExp(withInf)).toBe(Number.POSITIVE_INFINITY);
          withInf[1] = Number.NaN;
          expect(logSumExp(withInf)).toBeNaN();
          const allNegInf = new Float32Array(n).fill(Number.NEGATIVE_INFINITY);
          expect(logSumExp(allNegInf)).toBe(Number.NEGATIVE_INFINITY);
          allNegInf[0] = Number.NaN;
          expect(logSumExp(allNegInf)).toBeNaN();
          expect(logSumExp(new Float32Array(n).fill(Number.NaN))).toBeNaN();
          // a −∞ among finite values is a zero term
          const withNegInf = Float32Array.from(x);
          withNegInf[at] = Number.NEGATIVE_INFINITY;
          expect(Math.abs(logSumExp(withNegInf) - reference(withNegInf))).toBeLessThan(1e-14);
        }
        expect(logSumExp(new Float32Array(0))).toBe(Number.NEGATIVE_INFINITY);
      });
    });
  }

  it('the WebAssembly sum matches Math.exp to the last digits over the whole range of its exp', () => {
    withBackend('wasm', () => {
      // the maximum 0 and 255 copies of v: log(1 + 255·exp(v)), each exp at full weight
      let worst = 0;
      for (let i = 0; i < 2000; i++) {
        const v = Math.fround((i % 2 ? -40 : -708) * rng.random());
        const x = new Float32Array(256).fill(v);
        x[17] = 0;
        worst = Math.max(worst, Math.abs(logSumExp(x) - reference(x)));
      }
      // equal terms round the same way: a plain sum of 64 of them (per partial sum) is off by up to
      // 64 · 2⁻⁵³ ≈ 7·10⁻¹⁵ relative; an exp off by 10⁻¹³ would show well above that
      expect(worst).toBeLessThan(1e-14);
    });
  });
});

describe('logSumExp32', () => {
  for (const backend of availableBackends()) {
    for (const n of [1, 3, 15, 16, 17, 255, 256, 257, 1001, 50257])
      for (const spread of [1, 30, 200])
        it(`${backend}: ${n} values spread over ${spread}`, () => {
          const x = row(n, spread, spread === 30 ? 500 : 0);
          const ref = reference(x);
          withBackend(backend, () => {
            const got = logSumExp32(x);
            expect(Math.abs(got - ref)).toBeLessThanOrEqual(3e-7);
            let m = Number.NEGATIVE_INFINITY;
            for (const v of x) m = Math.max(m, v);
            expect(logSumExp32(x, n, m)).toBe(got);
          });
        });

    it(`${backend}: n counts from the start; NaN → NaN, +∞ → +∞, all −∞ or empty → −∞`, () => {
      withBackend(backend, () => {
        const x = row(3000, 10);
        expect(Math.abs(logSumExp32(x, 1000) - reference(x, 1000))).toBeLessThan(3e-7);
        const big = new Float32Array(512).fill(1000);
        expect(Math.abs(logSumExp32(big) - (1000 + Math.log(512)))).toBeLessThan(3e-7 * 1000);
        for (const n of [5, 600]) {
          const y = row(n, 4);
          const withNaN = Float32Array.from(y);
          withNaN[n - 2] = Number.NaN;
          expect(logSumExp32(withNaN)).toBeNaN();
          expect(logSumExp32(withNaN, n, 2)).toBeNaN();
          const withInf = Float32Array.from(y);
          withInf[n - 2] = Number.POSITIVE_INFINITY;
          expect(logSumExp32(withInf)).toBe(Number.POSITIVE_INFINITY);
          expect(logSumExp32(new Float32Array(n).fill(Number.NEGATIVE_INFINITY))).toBe(
            Number.NEGATIVE_INFINITY,
          );
          const withNegInf = Float32Array.from(y);
          withNegInf[n - 2] = Number.NEGATIVE_INFINITY;
          expect(Math.abs(logSumExp32(withNegInf) - reference(withNegInf))).toBeLessThan(3e-7);
        }
        expect(logSumExp32(new Float32Array(0))).toBe(Number.NEGATIVE_INFINITY);
      });
    });
  }

  it('refuses a row that is not float32', () => {
    expect(() => logSumExp32(new Float64Array(4) as never)).toThrow(ValueError);
    expect(() => logSumExp32(new Float64Array(4) as never)).toThrow(/x must be a Float32Array, received/);
  });

  it('the WebAssembly float32 exp is within an ulp or two of exp wherever it counts, and tiny below', () => {
    withBackend('wasm', () => {
      // 256 copies of v and the maximum 0 last, in the scalar tail (the kernel adds each group's
      // four exps in float32 first, where a 1 would swallow the small ones, as any float32 sum
      // does: that costs the log-sum-exp at most a few 10⁻⁸): log(1 + s), s = 256·exp(v), each exp
      // at full weight; v is exact in float32, so x − m is too. The error of log(1 + s) is s's
      // relative error times s / (1 + s), plus the last bit of a double near 1 (2.2·10⁻¹⁶). Below
      // the cut m − (ln n + 23) (−28.55 here) the groups of 16 are skipped: the error is then the
      // whole of log(1 + s) < e⁻²³ ≈ 1.03·10⁻¹⁰; v runs down past the float32 exp's clamp at −87.
      const cut = -(Math.log(257) + 23);
      let worst = 0;
      let worstBelow = 0;
      for (let i = 0; i < 4000; i++) {
        const v = Math.fround((i % 2 ? -30 : -120) * rng.random());
        const x = new Float32Array(257).fill(v);
        x[256] = 0;
        const err = Math.abs(logSumExp32(x) - reference(x));
        const s = 256 * Math.exp(v);
        if (v < cut) worstBelow = Math.max(worstBelow, err);
        else worst = Math.max(worst, Math.max(0, err - 2.3e-16) / (s / (1 + s)));
      }
      expect(worst).toBeLessThan(2.4e-7);
      expect(worstBelow).toBeLessThan(1.04e-10);
    });
  });

  it('the WebAssembly kernel skips groups of 16 below m − (ln n + 23): at most 1.03·10⁻¹⁰ in all; a NaN there still counts', () => {
    withBackend('wasm', () => {
      for (const n of [273, 50257]) {
        // n % 16 = 1: the maximum, last, is in the scalar tail, in float64 (in a group it would
        // swallow the tiny terms in the group's float32 sum)
        for (const m of [0, 7.25, -3000.5, 1e6]) {
          // every value but the maximum just under the cut: the most the skip can leave out
          const under = largestFloat32Below(m - (Math.log(n) + 23));
          const x = new Float32Array(n).fill(under);
          x[n - 1] = m;
          const err = Math.abs(logSumExp32(x) - reference(x));
          expect(err).toBeLessThan(1.04e-10 + Math.abs(m) * 2.3e-16);
          // a unit above the cut they count, each to its float32 exp's ulp (e⁻²² / n at most apiece)
          if (Math.abs(m) < 1e4) {
            const above = Float32Array.from(x).fill(Math.fround(m - (Math.log(n) + 22)), 0, n - 1);
            expect(Math.abs(logSumExp32(above) - reference(above))).toBeLessThan(1e-13);
          }
          // one value in a group above the cut: that group is computed whole (here: all of it counts)
          const y = Float32Array.from(x);
          for (let i = 16; i < 32; i++) y[i] = Math.fround(m - 5);
          y[20] = Math.fround(m - 1);
          expect(Math.abs(logSumExp32(y) - reference(y))).toBeLessThan(3e-7 + Math.abs(m) * 2.3e-16);
          // a NaN is never below the cut
          const z = Float32Array.from(x);
          z[37] = Number.NaN;
          expect(logSumExp32(z)).toBeNaN();
          expect(logSumExp32(z, n, m)).toBeNaN();
          // −∞ values are below every cut: exp(−∞) = 0 either way
          const w = Float32Array.from(x).fill(Number.NEGATIVE_INFINITY, 0, 64);
          expect(Math.abs(logSumExp32(w) - reference(w))).toBeLessThan(1.04e-10 + Math.abs(m) * 2.3e-16);
        }
      }
    });
  });
});
