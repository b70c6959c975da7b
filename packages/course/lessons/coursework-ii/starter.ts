// gradkit lesson coursework-ii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson coursework-ii coursework-ii.ts
// --- exercise percent-error: The classification error
/** 100 · (number of rows whose argmax ≠ label) / N. */
export function percentError(logits: number[][], labels: number[]): number {
  throw new Error('TODO');
}
