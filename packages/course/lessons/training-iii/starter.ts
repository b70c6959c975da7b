// gradkit lesson training-iii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson training-iii training-iii.ts
// --- exercise compute-loss: The least-squares loss of a model
/** Σ_i (model(phi, x_i) − y_i)². */
export function computeLoss(
  data: { x: number[]; y: number[] },
  model: (phi: number[], x: number) => number,
  phi: number[],
): number {
  throw new Error('TODO');
}
