/**
 * Training I's harness: the 1-D losses the line-search exercise hands to the student's
 * `lineSearch`, rebuilt by the grader inside its sandbox. Imports nothing from the lesson's
 * reference code.
 */

/**
 * The notebook's `loss_function`, a 1-D loss with two valleys on [0, 1]:
 * `L[φ] = 1 − 0.5 exp(−(φ − 0.65)²/0.1) − 0.45 exp(−(φ − 0.35)²/0.02)` (UDL 6.1's line-search example).
 *
 * @example
 *   lossFunction(0.35); // 0.3467…
 */
export function lossFunction(phi: number): number {
  return (
    1 -
    0.5 * Math.exp((-(phi - 0.65) * (phi - 0.65)) / 0.1) -
    0.45 * Math.exp((-(phi - 0.35) * (phi - 0.35)) / 0.02)
  );
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
 *   twoDips(0.35, 0.65, 0.45, 0.5, 0.02, 0.1)(0.5); // 0.4546… = lossFunction(0.5)
 */
export function twoDips(
  m1: number,
  m2: number,
  a1: number,
  a2: number,
  w1: number,
  w2: number,
): (phi: number) => number {
  return (phi) => 1 - a1 * Math.exp(-((phi - m1) ** 2) / w1) - a2 * Math.exp(-((phi - m2) ** 2) / w2);
}
