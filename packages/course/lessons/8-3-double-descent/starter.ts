// gradkit lesson 8-3-double-descent: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 8-3-double-descent 8-3-double-descent.ts
import type { PythonRandom } from '@gradkit/core';

// --- exercise label-noise: The notebook's 15% label noise
/**
 * A copy of `labels` with the notebook's label noise: for each label in order draw
 * `r = rng.random()`; when `r < p`, replace the label by `Math.trunc(rng.random() * 10)`.
 */
export function addLabelNoise(labels: number[], rng: PythonRandom, p: number): number[] {
  throw new Error('TODO: the notebook loop over the labels');
}

// --- exercise total-weights: Weights of the network
/** The number of weights and biases of `get_model(nHidden)`: 40 → nHidden → nHidden → 10. */
export function totalWeights(nHidden: number): number {
  throw new Error('TODO: count the weights and biases of the three linear layers');
}

// --- exercise closest-index: Where weights equal training examples
/** The index of the entry of `totalWeightsAll` closest to `n` (the first one on a tie, as np.argmin). */
export function closestIndex(totalWeightsAll: number[], n: number): number {
  throw new Error('TODO: np.argmin(np.abs(total_weights_all - n))');
}
