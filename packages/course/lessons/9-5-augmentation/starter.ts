// gradkit lesson 9-5-augmentation: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 9-5-augmentation 9-5-augmentation.ts
import type { RandomState } from '@gradkit/core';

// --- exercise random-shift: Shift by a random offset
/**
 * Shift `inputVector` by the offset `k = rng.randint(0, inputVector.length)`, rotating
 * (`np.roll(inputVector, k)`: the points that go off the end come back at the beginning).
 */
export function randomShift(inputVector: number[], rng: RandomState): number[] {
  throw new Error('TODO: shift the input data by a random offset (rotating)');
}

// --- exercise random-scale: Scale by a random factor
/** Multiply `inputVector` by one factor `s = rng.uniform(0.8, 1.2)`. */
export function randomScale(inputVector: number[], rng: RandomState): number[] {
  throw new Error('TODO: randomly scale the data by a factor drawn from U(0.8, 1.2)');
}
