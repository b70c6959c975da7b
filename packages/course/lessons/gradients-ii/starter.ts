// gradkit lesson gradients-ii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson gradients-ii gradients-ii.ts
// --- exercise indicator: ReLU's derivative (the indicator function)
/** I[f >= 0] elementwise, as 0/1 numbers. */
export function indicatorFunction(f: number[]): number[] {
  throw new Error('TODO: 1 where f >= 0, else 0');
}
