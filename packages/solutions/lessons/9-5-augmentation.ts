import type { RandomState } from '@gradkit/core';

export function randomShift(inputVector: number[], rng: RandomState): number[] {
  const n = inputVector.length;
  const offset = rng.randint(0, n);
  const dataOut = new Array<number>(n);
  // np.roll: element i moves to (i + offset) mod n
  for (let i = 0; i < n; i++) dataOut[(i + offset) % n] = inputVector[i]!;
  return dataOut;
}

export function randomScale(inputVector: number[], rng: RandomState): number[] {
  const factor = rng.uniform(0.8, 1.2);
  return inputVector.map((v) => v * factor);
}
