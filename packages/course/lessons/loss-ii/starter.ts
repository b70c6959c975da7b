// gradkit lesson loss-ii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson loss-ii loss-ii.ts
// --- exercise sigmoid: The logistic sigmoid
/** The logistic sigmoid 1 / (1 + exp(−z)). */
export function sigmoid(z: number): number {
  throw new Error('TODO: implement the logistic sigmoid function');
}

// --- exercise bernoulli-nll: Negative log-likelihood of a Bernoulli model
/** −Σ_i log Bern(y_i; lambda_i). */
export function bernoulliNll(y: number[], lambda: number[]): number {
  throw new Error('TODO');
}
