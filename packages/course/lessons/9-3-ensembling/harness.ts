/**
 * The function argument of the 9.3 `resample-data` exercise, rebuilt by the grader inside its
 * sandbox from the library alone (no lesson code, no answers).
 */
import { RandomState } from '@gradkit/core';

/**
 * The notebook's global random stream: `np.random.seed(seed)`, then the draws of the notebook's
 * `generate_data(n_data)` (`n_data` uniforms, then `n_data` normals), so that the next draw is the
 * one the notebook's bootstrap loop makes. `nData = 0`: a fresh `RandomState(seed)`.
 */
export function randomState(seed: number, nData = 0): RandomState {
  const rng = new RandomState(seed);
  for (let i = 0; i < nData; i++) rng.uniform(i / nData, (i + 1) / nData);
  for (let i = 0; i < nData; i++) rng.normal(0, 0.3);
  return rng;
}
