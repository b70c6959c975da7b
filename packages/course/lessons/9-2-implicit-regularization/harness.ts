/**
 * The function arguments of the 9.2 exercise, rebuilt by the grader inside its sandbox from the
 * library alone (no lesson code, no answers).
 */
import { udl92 } from '@gradkit/optimizers';

/**
 * The notebook's `get_loss_gradient(phi0, phi1)`: the central finite-difference gradient
 * (δ = 1e-5) of the UDL 9.2 loss, `@gradkit/optimizers`' `udl92` surface.
 */
export function lossGradient(): (phi0: number, phi1: number) => [number, number] {
  return (phi0, phi1) => {
    const [g0, g1] = udl92.grad([phi0, phi1]) as [number, number];
    return [g0, g1];
  };
}
