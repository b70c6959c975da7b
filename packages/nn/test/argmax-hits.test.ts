// argmaxHits (the Trainer's error count, and the courseworks' percentError) against the readable
// reference: core's numpy-semantics `argmax(scores, { axis: 1 })` compared with the labels, on
// float32 and float64 scores with ties and NaNs, with Tensor, typed-array and plain-array labels.
import { argmax, fromData, RandomState, ShapeError, tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { argmaxHits } from '../src/index.js';

function reference(
  scores: Float64Array | Float32Array,
  n: number,
  c: number,
  labels: ArrayLike<number>,
): number {
  const predicted = argmax(fromData(scores, [n, c]), { axis: 1 }).data;
  let hits = 0;
  for (let i = 0; i < n; i++) if (predicted[i] === labels[i]) hits++;
  return hits;
}

describe('argmaxHits', () => {
  it('counts what argmax(scores, axis 1) == labels counts: float32 and float64, ties and NaNs', () => {
    const rng = new RandomState(18);
    for (const [n, c] of [
      [4000, 10],
      [7, 3],
      [1, 1],
      [0, 4],
    ] as const) {
      const raw = Float64Array.from(rng.randint(0, 4, [n * c]).data, (v) => v); // small integers: many ties
      for (let i = 0; i < raw.length; i += 37) raw[i] = Number.NaN; // NaN counts as the maximum
      const labels = Int32Array.from(rng.randint(0, c, [n]).data);
      for (const scores of [raw, Float32Array.from(raw)]) {
        const want = reference(scores, n, c, labels);
        expect(argmaxHits(fromData(scores, [n, c]), fromData(labels, [n]))).toBe(want);
        expect(argmaxHits(fromData(scores, [n, c]), labels)).toBe(want);
        expect(argmaxHits(fromData(scores, [n, c]), Array.from(labels))).toBe(want);
      }
    }
  });

  it('takes the first maximum, and the first NaN', () => {
    expect(
      argmaxHits(
        tensor([
          [0.1, 2],
          [3, -1],
          [0, 0],
        ]),
        [1, 1, 0],
      ),
    ).toBe(2);
    expect(argmaxHits(tensor([[1, Number.NaN, Number.NaN]]), [1])).toBe(1);
  });

  it('rejects mismatched shapes and non-tensors, naming them', () => {
    expect(() => argmaxHits(tensor([1, 2]), [0, 1])).toThrow(ShapeError);
    expect(() => argmaxHits(tensor([1, 2]), [0, 1])).toThrow(/argmaxHits: the model output must be \[N, C\]/);
    expect(() => argmaxHits(tensor([[1, 2]]), [0, 1])).toThrow(
      /targets must be \[N\] class indices matching the output \[1,2\], received \[2\]/,
    );
    expect(() => argmaxHits([[1, 2]] as never, [0])).toThrow(ValueError);
    expect(() => argmaxHits(tensor([[1, 2]]), 3 as never)).toThrow(
      /labels must be a Tensor \[N\] or an array of N class indices, received 3/,
    );
  });
});
