// numberRegions (Zaslavsky's formula, UDL section 3.3, figure 3.9) and numberParameters against
// notebook 3.3's `number_regions` run with Python's math.comb: tests/fixtures/gen_combinatorics.py
// -> combinatorics.json (big integers as decimal strings). Tolerance: exact (String(bigint) equals
// the stored string; Number(bigint) equals numpy's float64 bit for bit).
import { readFileSync } from 'node:fs';
import { ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { numberParameters, numberRegions } from '../src/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/combinatorics.json', import.meta.url), 'utf8'),
) as {
  number_regions: { Di: number; D: number; value: string; float: number | null }[];
  notebook_3_3: { regions_a: number[][]; regions_b: number[][]; params_b: number[][] };
};

describe('numberRegions (Zaslavsky)', () => {
  it(`equals sum(math.comb(D, j) for j in range(Di + 1)) on ${fx.number_regions.length} cases`, () => {
    for (const c of fx.number_regions) {
      const n = numberRegions(c.Di, c.D);
      expect(n.toString(), `numberRegions(${c.Di}, ${c.D})`).toBe(c.value);
      expect(Number(n)).toBe(c.float ?? Number.POSITIVE_INFINITY);
    }
  });

  it("gives notebook 3.3's true values", () => {
    expect(numberRegions(2, 3)).toBe(7n);
    expect(numberRegions(10, 50)).toBe(13432735556n);
    expect(numberRegions(10, 8)).toBe(256n); // fewer hidden units than inputs: 2^D
    expect(numberRegions(8, 8)).toBe(256n);
    expect(numberRegions(10n, 50n)).toBe(13432735556n);
  });

  it("reproduces notebook 3.3's figure 3.9a and 3.9b arrays bit for bit", () => {
    const dims = [1, 5, 10, 50, 100];
    dims.forEach((Di, c) => {
      for (let D = 0; D < 1000; D++)
        expect(Number(numberRegions(Math.min(Di, D), D))).toBe(fx.notebook_3_3.regions_a[c]![D]);
      for (let h = 1; h < 200; h++) {
        const D = Math.trunc((h * 500) / Di);
        expect(numberParameters(Di, D)).toBe(fx.notebook_3_3.params_b[c]![h]);
        expect(Number(numberRegions(Math.min(Di, D), D))).toBe(fx.notebook_3_3.regions_b[c]![h]);
      }
    });
  });

  it('rejects bad arguments with a ValueError naming the argument', () => {
    expect(() => numberRegions(-1, 3)).toThrow(ValueError);
    expect(() => numberRegions(-1, 3)).toThrow(/^numberRegions: Di must be a non-negative integer/);
    expect(() => numberRegions(2, 2.5)).toThrow(/numberRegions: D .*received 2\.5/);
    expect(() => numberRegions(2, -3n)).toThrow(/received -3n/);
  });
});

describe('numberParameters', () => {
  it("counts a shallow network's weights and biases: D_i·D + D + D·D_o + D_o", () => {
    expect(numberParameters(10, 8)).toBe(97); // notebook 3.3's true value
    expect(numberParameters(1, 3)).toBe(10); // the 1-3-1 network of chapter 3
    expect(numberParameters(2, 4, 3)).toBe(27); // 2·4 + 4 + 4·3 + 3
    expect(() => numberParameters(2, -1)).toThrow(/numberParameters: D must be a non-negative integer/);
  });
});
