// augmentMnist1d: the originals first, then copies that are circular shifts of each signal plus
// iid Gaussian noise of the stated standard deviation, labels kept; bad arguments throw, naming them.
import { astype, RandomState, ShapeError, tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { augmentMnist1d, makeMnist1d, mnist1dTransforms } from '../src/index.js';

const d = makeMnist1d({ numSamples: 100 });
const n = 60;
const x = astype(d.x, 'float32').index(`0:${n}`);
const y = d.y.index(`0:${n}`);
const L = x.shape[1]!;

describe('augmentMnist1d', () => {
  it('appends circularly shifted copies plus noise of std 0.05, with the same labels', () => {
    const out = augmentMnist1d(x, y, 2, new RandomState(3));
    expect(out.x.shape).toEqual([3 * n, L]);
    expect(out.x.dtype).toBe('float32');
    expect(out.y.shape).toEqual([3 * n]);
    expect(out.y.dtype).toBe('int32');
    expect(Array.from(out.x.data.subarray(0, n * L))).toEqual(Array.from(x.data));
    const residuals: number[] = [];
    for (let c = 1; c <= 2; c++)
      for (let i = 0; i < n; i++) {
        expect(out.y.data[c * n + i]).toBe(y.data[i]);
        const row = x.data.subarray(i * L, (i + 1) * L);
        const copy = out.x.data.subarray((c * n + i) * L, (c * n + i + 1) * L);
        // the shift k that explains the copy best: its residuals are the noise
        let best: number[] = [];
        let bestWorst = Number.POSITIVE_INFINITY;
        for (let k = 0; k < L; k++) {
          const r = Array.from({ length: L }, (_, j) => copy[(j + k) % L]! - row[j]!);
          const worst = Math.max(...r.map(Math.abs));
          if (worst < bestWorst) [bestWorst, best] = [worst, r];
        }
        expect(bestWorst).toBeLessThan(0.3); // 6 standard deviations
        residuals.push(...best);
      }
    // 4800 draws of N(0, 0.05²): the sample std is within 5 % of 0.05 (about 5 standard errors)
    const mean = residuals.reduce((a, b) => a + b, 0) / residuals.length;
    const std = Math.sqrt(residuals.reduce((a, b) => a + (b - mean) ** 2, 0) / residuals.length);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.abs(std - 0.05)).toBeLessThan(0.0025);
  });

  it('draws the shift then the noise from rng, example by example (the MNIST-1D transforms)', () => {
    const out = augmentMnist1d(x, y, 1, new RandomState(11), { noiseScale: 0.1 });
    const rng = new RandomState(11);
    for (let i = 0; i < n; i++) {
      const row = x.data.subarray(i * L, (i + 1) * L);
      const shifted = mnist1dTransforms.translate(row, L, rng);
      const noise = mnist1dTransforms.iidNoiseLike(row, 0.1, rng);
      const want = Float32Array.from(shifted, (v, j) => v + noise[j]!);
      expect(Array.from(out.x.data.subarray((n + i) * L, (n + i + 1) * L))).toEqual(Array.from(want));
    }
  });

  it('copies = 0 returns the inputs; bad arguments throw naming them', () => {
    const same = augmentMnist1d(x, y, 0, new RandomState(0));
    expect(same.x).toBe(x);
    expect(same.y).toBe(y);
    const rng = new RandomState(0);
    expect(() => augmentMnist1d(tensor([1, 2, 3]), y, 1, rng)).toThrow(ShapeError);
    expect(() => augmentMnist1d(x, y.index('0:5'), 1, rng)).toThrow(/augmentMnist1d: y must be \[N\]/);
    expect(() => augmentMnist1d(x, y, 1.5, rng)).toThrow(ValueError);
    expect(() => augmentMnist1d(x, y, -1, rng)).toThrow(/copies must be a non-negative integer; received -1/);
    expect(() => augmentMnist1d(x, y, 1, {} as RandomState)).toThrow(/rng must be a RandomState/);
    expect(() => augmentMnist1d(x, y, 1, rng, { noiseScale: -0.1 })).toThrow(/noiseScale must be >= 0/);
  });
});
