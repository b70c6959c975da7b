/**
 * The arguments of the 8.3 exercises that are not plain data, rebuilt by the grader inside its
 * sandbox from the library alone (no lesson code, no answers).
 */
import { PythonRandom } from '@gradkit/core';

/** Python's `random` after `random.seed(seed)` (the notebook seeds it with 0). */
export function pythonRandom(seed: number): PythonRandom {
  return new PythonRandom(seed);
}
