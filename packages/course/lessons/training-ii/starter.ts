// gradkit lesson training-ii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson training-ii training-ii.ts
// --- exercise line-gradient: The gradient of the least-squares loss of a line
/** [∂L/∂φ0, ∂L/∂φ1] for L = Σ (φ0 + φ1 x − y)². */
export function lineGradient(data: { x: number[]; y: number[] }, phi: number[]): [number, number] {
  throw new Error('TODO');
}
