// Numeric codecs against independent references, bit for bit:
// - float16: all 65,536 patterns against the IEEE 754 definition written with Math.pow, and
//   against numpy (SHA-256 of np.arange(65536, dtype=np.uint16).view(np.float16).astype(np.float64));
//   encodeFloat16 against np.float16(x) on ties, subnormals, the overflow threshold, random values;
// - bfloat16: all 65,536 patterns against the float32 definition written with Math.pow;
// - linspace: np.linspace's float64 bits (edge cases, random arguments, the MNIST-1D calls).
// Fixtures: tests/fixtures/gen_core_codecs.py (numpy; version recorded in the JSON). No tolerance.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValueError } from '../src/errors.js';
import {
  bfloat16ToFloat32,
  decodeBFloat16,
  decodeFloat16,
  encodeFloat16,
  float16ToFloat32,
} from '../src/float16.js';
import { linspace } from '../src/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/core_codecs.json', import.meta.url), 'utf8'),
) as {
  numpy: string;
  linspace: {
    start: string;
    stop: string;
    num: number;
    endpoint: boolean;
    dtype: string;
    values: (string | number)[];
  }[];
  float16_decode_sha256: string;
  float16_encode: [string, number][];
};

/** A float64 from its bit pattern, 16 hex digits (big-endian). */
function fromBits(hex: string): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, BigInt(`0x${hex}`));
  return v.getFloat64(0);
}

/**
 * The IEEE 754 definition of a binary float with `e` exponent bits and `m` fraction bits below a
 * sign bit, with Math.pow (independent of the implementation): binary16 is (5, 10), bfloat16 (8, 7).
 */
function ieee(h: number, e: number, m: number): number {
  const sign = h >> (e + m) ? -1 : 1;
  const exponent = (h >> m) & (2 ** e - 1);
  const fraction = h & (2 ** m - 1);
  const bias = 2 ** (e - 1) - 1;
  if (exponent === 2 ** e - 1) return fraction === 0 ? sign * Infinity : Number.NaN;
  if (exponent === 0) return sign * Math.pow(2, 1 - bias) * (fraction / Math.pow(2, m));
  return sign * Math.pow(2, exponent - bias) * (1 + fraction / Math.pow(2, m));
}
const ieeeHalf = (h: number) => ieee(h, 5, 10);
const ieeeBFloat16 = (h: number) => ieee(h, 8, 7);

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** How many of the 65,536 patterns the scalar or the bulk decoder maps to another value than `reference`. */
function mismatches(
  scalar: (h: number) => number,
  bulk: (bits: Uint16Array) => Float32Array,
  reference: (h: number) => number,
): number {
  const all = bulk(Uint16Array.from({ length: 65536 }, (_, h) => h));
  let wrong = 0;
  for (let h = 0; h < 65536; h++) if (!same(scalar(h), reference(h)) || !same(all[h]!, reference(h))) wrong++;
  return wrong;
}

describe('float16', () => {
  it('decodes all 65,536 patterns as the IEEE definition does (±0, subnormals, ±Inf, NaN)', () => {
    expect(mismatches(decodeFloat16, float16ToFloat32, ieeeHalf)).toBe(0);
    expect(Object.is(decodeFloat16(0x8000), -0)).toBe(true);
    expect(decodeFloat16(0x0001)).toBe(2 ** -24);
    expect(decodeFloat16(0x03ff)).toBe(1023 * 2 ** -24);
    expect(decodeFloat16(0x7bff)).toBe(65504);
    expect(decodeFloat16(0xfc00)).toBe(-Infinity);
    expect(decodeFloat16(0x7e00)).toBeNaN();
  });

  it('decodes all 65,536 patterns as numpy does (SHA-256 of the float64 values)', () => {
    const all = new Float64Array(65536);
    for (let h = 0; h < 65536; h++) all[h] = decodeFloat16(h);
    const bytes = new Uint8Array(all.buffer);
    const dv = new DataView(all.buffer);
    for (let h = 0; h < 65536; h++)
      if (Number.isNaN(all[h])) dv.setBigUint64(8 * h, 0x7ff8000000000000n, true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(fx.float16_decode_sha256);
  });

  it(`encodes as np.float16(x) (numpy ${fx.numpy}): ties to even, subnormals, overflow to Inf`, () => {
    const wrong = fx.float16_encode.filter(([b, want]) => encodeFloat16(fromBits(b)) !== want);
    expect(wrong).toEqual([]);
    expect(fx.float16_encode.length).toBeGreaterThan(1500);
    expect(encodeFloat16(Number.NaN)).toBe(0x7e00);
    expect(encodeFloat16(-0)).toBe(0x8000);
  });

  it('encode(decode(h)) = h for every non-NaN pattern', () => {
    let wrong = 0;
    for (let h = 0; h < 65536; h++)
      if (!Number.isNaN(decodeFloat16(h)) && encodeFloat16(decodeFloat16(h)) !== h) wrong++;
    expect(wrong).toBe(0);
  });

  it('rejects what is not a 16-bit pattern, naming the argument', () => {
    expect(() => decodeFloat16(65536)).toThrow(ValueError);
    expect(() => decodeFloat16(1.5)).toThrow(/bits must be an integer in \[0, 65535\].*received 1\.5/);
    expect(() => decodeBFloat16(-1)).toThrow(/decodeBFloat16: bits must be/);
    expect(() => encodeFloat16('1' as unknown as number)).toThrow(/value must be a number, received "1"/);
    expect(() => float16ToFloat32([1, 2] as unknown as Uint16Array)).toThrow(/bits must be a Uint16Array/);
    expect(() => float16ToFloat32(new Uint16Array(2), new Float32Array(3))).toThrow(
      /out must be a Float32Array of length 2/,
    );
  });
});

describe('bfloat16', () => {
  it('decodes all 65,536 patterns as the float32 layout defines them', () => {
    expect(mismatches(decodeBFloat16, bfloat16ToFloat32, ieeeBFloat16)).toBe(0);
    expect(decodeBFloat16(0x3f80)).toBe(1);
    expect(decodeBFloat16(0x4049)).toBe(3.140625);
  });
});

describe('linspace', () => {
  it(`equals np.linspace bit for bit (numpy ${fx.numpy}; ${fx.linspace.length} cases)`, () => {
    const wrong: string[] = [];
    for (const c of fx.linspace) {
      const start = fromBits(c.start);
      const stop = fromBits(c.stop);
      const t = linspace(start, stop, c.num, { endpoint: c.endpoint, dtype: c.dtype as 'float64' });
      const want = c.values.map((v) => (typeof v === 'number' ? v : fromBits(v)));
      const got = Array.from(t.data);
      if (got.length !== want.length || got.some((g, i) => !same(g, want[i]!)))
        wrong.push(
          `linspace(${start}, ${stop}, ${c.num}, endpoint=${c.endpoint}, ${c.dtype}): ${got} vs ${want}`,
        );
    }
    expect(wrong).toEqual([]);
  });
  it('a single value is 0 * (stop - start) + start, as numpy computes it', () => {
    expect(Object.is(linspace(-0, 1, 1).data[0], 0)).toBe(true);
    expect(linspace(0, Infinity, 1).data[0]).toBeNaN();
  });
});
