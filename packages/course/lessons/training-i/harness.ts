/**
 * Training I's harness: the 1-D losses the line-search exercise hands to the student's
 * `lineSearch`, rebuilt by the grader inside its sandbox. Imports only `@gradkit/optimizers`
 * (`gaussianDipsLoss`, the line-search test loss of UDL figure 6.10).
 */
import { gaussianDipsLoss } from '@gradkit/optimizers';

/**
 * The notebook's `loss_function`, a 1-D loss with two valleys on [0, 1]:
 * `L[φ] = 1 − 0.5 exp(−(φ − 0.65)²/0.1) − 0.45 exp(−(φ − 0.35)²/0.02)` (UDL 6.1's line-search
 * example; `@gradkit/optimizers`' `gaussianDipsLoss` with its default dips).
 *
 * @example
 *   lossFunction(0.35); // 0.3467…
 */
export function lossFunction(phi: number): number {
  return gaussianDipsLoss(phi);
}

/** The Training I loss as an exercise argument: {@link lossFunction}. */
export function trainingILoss(): (phi: number) => number {
  return lossFunction;
}

/**
 * A 1-D loss with two Gaussian dips like Training I's:
 * `L[φ] = 1 − a1 exp(−(φ − m1)²/w1) − a2 exp(−(φ − m2)²/w2)`.
 *
 * @example
 *   twoDips(0.65, 0.35, 0.5, 0.45, 0.1, 0.02)(0.5); // 0.4546… = lossFunction(0.5)
 */
export function twoDips(
  m1: number,
  m2: number,
  a1: number,
  a2: number,
  w1: number,
  w2: number,
): (phi: number) => number {
  const dips = [
    { mean: m1, depth: a1, width: w1 },
    { mean: m2, depth: a2, width: w2 },
  ];
  return (phi) => gaussianDipsLoss(phi, dips);
}
