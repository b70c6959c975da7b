/**
 * The function arguments of the 9.5 exercises, rebuilt by the grader inside its sandbox from the
 * library alone (no lesson code, no answers).
 */
import { RandomState } from '@gradkit/core';

/** The notebook's `np.random` after `np.random.seed(seed)`: a fresh `RandomState(seed)`. */
export function numpyRandom(seed: number): RandomState {
  return new RandomState(seed);
}
