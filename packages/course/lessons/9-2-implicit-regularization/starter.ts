// gradkit lesson 9-2-implicit-regularization: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 9-2-implicit-regularization 9-2-implicit-regularization.ts
// --- exercise reg-term: The implicit regularization term
/** (alpha / 4) · ‖∂L/∂φ‖², with the gradient from `lossGradient`. */
export function regTerm(
  phi0: number,
  phi1: number,
  alpha: number,
  lossGradient: (phi0: number, phi1: number) => [number, number],
): number {
  throw new Error('TODO');
}
