// The 2-D classification toys against numpy (tests/fixtures/datasets_toy2d.json, written by
// tests/fixtures/gen_datasets_toy2d.py, which repeats scikit-learn's make_moons / make_circles /
// make_blobs code with numpy's RandomState, TensorFlow Playground's XOR rule and CS231n's spirals);
// bad arguments throw ValueError naming the argument.
import { readFileSync } from 'node:fs';
import { RandomState, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { makeBlobs, makeCircles, makeMoons, makeSpirals, makeXor, type Toy2DData } from '../src/index.js';

type Ref = { x: number[][]; y: number[] };
const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/datasets_toy2d.json', import.meta.url), 'utf8'),
) as Record<string, Ref>;

/** Labels exactly; points to within 2 ulp-ish (V8's sin/cos and glibc's may differ in the last bit). */
function expectMatches(got: Toy2DData, ref: Ref) {
  expect(got.x.shape).toEqual([ref.y.length, 2]);
  expect(got.x.dtype).toBe('float64');
  expect(got.y.dtype).toBe('int32');
  expect(got.y.toList()).toEqual(ref.y);
  const x = got.x.toArray() as number[][];
  for (let i = 0; i < ref.y.length; i++)
    for (let d = 0; d < 2; d++) expect(Math.abs(x[i]![d]! - ref.x[i]![d]!)).toBeLessThan(1e-15 * 4);
}

describe('2-D classification toys (numpy / scikit-learn parity)', () => {
  it('makeMoons equals make_moons draw for draw', () => {
    expectMatches(makeMoons({ nSamples: 101, noise: 0.2, randomState: 0 }), fx['moons_101_0.2_seed0']!);
    expectMatches(makeMoons({ nSamples: 10, randomState: 3 }), fx.moons_10_none_seed3!);
    expectMatches(
      makeMoons({ nSamples: 9, noise: 0.1, shuffle: false, randomState: new RandomState(1) }),
      fx['moons_9_noshuffle_0.1_seed1']!,
    );
  });

  it('makeCircles equals make_circles', () => {
    expectMatches(
      makeCircles({ nSamples: 50, noise: 0.05, factor: 0.5, randomState: 7 }),
      fx['circles_50_0.05_seed7_f0.5']!,
    );
  });

  it('makeBlobs equals make_blobs, with drawn and with given centres', () => {
    expectMatches(makeBlobs({ nSamples: 31, centers: 3, randomState: 2 }), fx.blobs_31_3_seed2!);
    expectMatches(
      makeBlobs({
        nSamples: 20,
        centers: [
          [-1, 0],
          [1, 0],
          [0, 1.5],
          [2, 2],
        ],
        clusterStd: 0.3,
        randomState: 5,
      }),
      fx['blobs_20_given_0.3_seed5']!,
    );
  });

  it('makeXor and makeSpirals equal their numpy formulas', () => {
    expectMatches(makeXor({ nSamples: 40, noise: 0.1, randomState: 4 }), fx['xor_40_0.1_seed4']!);
    expectMatches(
      makeSpirals({ nSamples: 62, classes: 3, noise: 0.2, randomState: 0 }),
      fx['spirals_62_3_0.2_seed0']!,
    );
  });

  it('the same seed gives the same data', () => {
    const a = makeMoons({ nSamples: 30, noise: 0.1, randomState: 9 });
    const b = makeMoons({ nSamples: 30, noise: 0.1, randomState: 9 });
    expect(a.x.toArray()).toEqual(b.x.toArray());
    expect(makeMoons({ nSamples: 30, noise: 0.1, randomState: 10 }).x.toArray()).not.toEqual(a.x.toArray());
  });

  it('refuses bad arguments with a ValueError naming them', () => {
    expect(() => makeMoons({ nSamples: 0 })).toThrow(ValueError);
    expect(() => makeMoons({ nSamples: 2.5 })).toThrow(/nSamples must be an integer ≥ 1, received 2.5/);
    expect(() => makeMoons({ noise: -1, randomState: 0 })).toThrow(/noise must be a finite number ≥ 0/);
    expect(() => makeCircles({ factor: 1, randomState: 0 })).toThrow(/factor must be a number in \[0, 1\)/);
    expect(() => makeBlobs({ centers: [[1, 2, 3]] as never, randomState: 0 })).toThrow(/centers must be/);
    expect(() => makeBlobs({ centers: 0, randomState: 0 })).toThrow(/centers must be a positive integer/);
    expect(() => makeSpirals({ nSamples: 5, classes: 6, randomState: 0 })).toThrow(
      /classes must be an integer in \[1, nSamples = 5\]/,
    );
    expect(() => makeXor({ randomState: -1 })).toThrow(/randomState must be an integer/);
  });
});
