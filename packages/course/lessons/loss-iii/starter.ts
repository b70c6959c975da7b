// gradkit lesson loss-iii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson loss-iii loss-iii.ts
// --- exercise softmax: The softmax
/** softmax over a vector of logits. */
export function softmax(z: number[]): number[] {
  throw new Error('TODO');
}

// --- exercise categorical-nll: Negative log-likelihood of a categorical model
/** −Σ_i log lambda[y_i][i]; lambda is [K, N] (one column per example). */
export function categoricalNll(y: number[], lambda: number[][]): number {
  throw new Error('TODO');
}
