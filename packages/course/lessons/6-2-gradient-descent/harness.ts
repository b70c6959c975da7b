/**
 * Notebook 6.2's harness: the model the exercises hand to the student's `computeLoss` and
 * `gradientDescentStep`, rebuilt by the grader inside its sandbox. Imports only `@gradkit/optimizers`.
 */
import { lineModel as line } from '@gradkit/optimizers';

/**
 * The notebook's `model`, the straight line `y = φ0 + φ1 x` of one x (`@gradkit/optimizers`'
 * `lineModel`), as an exercise argument.
 *
 * @example
 *   lineModel()([0.6, -0.2], 1); // 0.4
 */
export function lineModel(): (phi: readonly number[], x: number) => number {
  return line;
}
