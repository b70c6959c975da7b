// gradkit lesson 6-5-adam: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 6-5-adam 6-5-adam.ts
// --- exercise normalized-gradients: Normalized gradients
/** UDL eqs. 6.13–6.14: the path [φ0 values, φ1 values] of nSteps normalized-gradient steps. */
export function normalizedGradients(
  startPosn: number[],
  nSteps: number,
  alpha: number,
  epsilon: number,
  getLossGradient: (phi0: number, phi1: number) => [number, number],
): [number[], number[]] {
  throw new Error('TODO: compute v = m² and apply the update rule (eq. 6.14)');
}

// --- exercise adam: Adam
/** UDL eqs. 6.15–6.17: the path [φ0 values, φ1 values] of nSteps Adam steps. */
export function adam(
  startPosn: number[],
  nSteps: number,
  alpha: number,
  beta: number,
  gamma: number,
  epsilon: number,
  getLossGradient: (phi0: number, phi1: number) => [number, number],
): [number[], number[]] {
  throw new Error('TODO: update m and v, correct their bias and apply the update rule (eq. 6.17)');
}
