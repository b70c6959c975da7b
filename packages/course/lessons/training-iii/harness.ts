/**
 * Training III's harness: the model function the compute-loss exercise hands to the student's
 * `computeLoss`, rebuilt by the grader inside its sandbox. Imports only `@gradkit/optimizers`.
 */
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
