/**
 * Notebook 6.1's harness: the 1-D losses the line-search exercise hands to the student's
 * `lineSearch`, rebuilt by the grader inside its sandbox. Imports only `@gradkit/optimizers`.
 */
import { gaussianDipsLoss } from '@gradkit/optimizers';

/**
 * The notebook's `loss_function` as an exercise argument:
 * `L[φ] = 1 − 0.5 exp(−(φ − 0.65)²/0.1) − 0.45 exp(−(φ − 0.35)²/0.02)`.
 *
 * @example
 *   notebookLoss()(0.35); // 0.3467…
 */
export function notebookLoss(): (phi: number) => number {
  return (phi) => gaussianDipsLoss(phi);
}

/**
 * A loss with two Gaussian dips, `1 − a1 exp(−(φ − m1)²/w1) − a2 exp(−(φ − m2)²/w2)`. With a
 * narrow deep dip where c starts (0.66) and a wide one near 0.3, the first step moves a to 0.33
 * and a then stays the lowest point: rule 1 with a ≠ 0, where "half as far from a" and "halve b, c
 * and d" part ways.
 *
 * @example
 *   dips(0.66, 0.6, 0.0005, 0.3, 0.3, 0.05)(0.66); // 0.4 − 0.3·exp(−2.592) ≈ 0.378
 */
export function dips(
  m1: number,
  a1: number,
  w1: number,
  m2: number,
  a2: number,
  w2: number,
): (phi: number) => number {
  const d = [
    { mean: m1, depth: a1, width: w1 },
    { mean: m2, depth: a2, width: w2 },
  ];
  return (phi) => gaussianDipsLoss(phi, d);
}
