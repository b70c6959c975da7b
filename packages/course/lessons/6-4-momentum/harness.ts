/**
 * The function argument of the 6.4 Nesterov exercise, rebuilt by the grader inside its sandbox
 * from the library alone (no lesson code, no answers).
 */
import { GABOR_DATA, gaborGradient } from '@gradkit/optimizers';

/**
 * The notebook's `compute_gradient(data[0, batch_index], data[1, batch_index], phi)`: the
 * gradient of the Gabor model's sum of squares on the batch `batchIndex` of the 30 points
 * (`@gradkit/optimizers`' `gaborGradient`), as a function of φ = [φ0, φ1].
 *
 * @example
 *   batchGradient([22, 19, 11, 21, 16])([-1.5, 6.5]); // [∂L/∂φ0, ∂L/∂φ1] on those five points
 */
export function batchGradient(batchIndex: readonly number[]): (phi: readonly number[]) => [number, number] {
  const batch = { x: batchIndex.map((i) => GABOR_DATA.x[i]!), y: batchIndex.map((i) => GABOR_DATA.y[i]!) };
  return (phi) => gaborGradient(batch, phi);
}
