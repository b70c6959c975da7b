/**
 * Notebook 6.5's loss and its finite-difference gradient, the function argument of the lesson's
 * exercises: the grader rebuilds it inside its sandbox from this file alone (no lesson code, no
 * answers); `notebook.ts` re-exports `loss` and `getLossGradient` from here.
 */

/**
 * The notebook's `loss(phi0, phi1)`: `1 − exp(−0.5·4φ1²)·exp(−0.5(φ0 − 0.7)²/4)`, a valley along
 * φ1 = 0 that is 16 times more curved across (φ1) than along (φ0); minimum 0 at (0.7, 0).
 *
 * @example
 *   loss(0.7, 0); // 0
 */
export function loss(phi0: number, phi1: number): number {
  let height = Math.exp(-0.5 * (phi1 * phi1) * 4.0);
  height = height * Math.exp((-0.5 * (phi0 - 0.7) * (phi0 - 0.7)) / 4.0);
  return 1.0 - height;
}

/**
 * The notebook's `get_loss_gradient(phi0, phi1)`: central finite differences with
 * `delta_phi = 0.00001`, as `[∂L/∂φ0, ∂L/∂φ1]`.
 *
 * @example
 *   getLossGradient(0.7, 0); // ≈ [0, 0]
 */
export function getLossGradient(phi0: number, phi1: number): [number, number] {
  const deltaPhi = 0.00001;
  return [
    (loss(phi0 + deltaPhi / 2.0, phi1) - loss(phi0 - deltaPhi / 2.0, phi1)) / deltaPhi,
    (loss(phi0, phi1 + deltaPhi / 2.0) - loss(phi0, phi1 - deltaPhi / 2.0)) / deltaPhi,
  ];
}

/** The exercises' argument: the notebook's `get_loss_gradient`. */
export function lossGradient(): (phi0: number, phi1: number) => [number, number] {
  return getLossGradient;
}
