// gradkit lesson 2-1-supervised-learning: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 2-1-supervised-learning 2-1-supervised-learning.ts
// --- exercise linear-model: The 1-D linear regression model
/** φ0 + φ1·x for every x (UDL eq. 2.4). */
export function f(x: number[], phi0: number, phi1: number): number[] {
  throw new Error('TODO: replace this with the linear regression model (eq 2.4)');
}

// --- exercise compute-loss: The least-squares loss
/** Σ_i (φ0 + φ1·x_i − y_i)² (UDL eq. 2.5). */
export function computeLoss(x: number[], y: number[], phi0: number, phi1: number): number {
  throw new Error('TODO: replace this with the loss calculation (equation 2.5)');
}

// --- exercise fit-line: Fit the line one parameter at a time
/** Coordinate descent from (phi0, phi1); returns the fitted [phi0, phi1]. */
export function fitLine(x: number[], y: number[], phi0: number, phi1: number): [number, number] {
  throw new Error('TODO: change one parameter at a time until the loss stops going down');
}
