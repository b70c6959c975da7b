/**
 * Notebook 6.3's harness: the arguments its exercises hand to the student's code, rebuilt by the
 * grader inside its sandbox: the Gabor model (for `computeLoss`) and the random stream of
 * `np.random.seed(seed)` (for `stochasticGradientDescentStep`). Imports only library packages.
 */
import { RandomState } from '@gradkit/core';
import { gaborModel as gabor } from '@gradkit/optimizers';

/**
 * The notebook's `model`, the Gabor function `sin(φ0 + 0.06 φ1 x) · exp(−(φ0 + 0.06 φ1 x)²/32)` of
 * one x (`@gradkit/optimizers`' `gaborModel`), as an exercise argument.
 *
 * @example
 *   gaborModel()([0, 1], 0); // 0 (sin 0)
 */
export function gaborModel(): (phi: readonly number[], x: number) => number {
  return gabor;
}

/**
 * numpy's global stream after `np.random.seed(seed)`, as a `RandomState` (its `permutation(n)` is
 * `np.random.permutation(n)`).
 *
 * @example
 *   randomState(1).permutation(5).toList(); // np.random.seed(1); np.random.permutation(5)
 */
export function randomState(seed: number): RandomState {
  return new RandomState(seed);
}
