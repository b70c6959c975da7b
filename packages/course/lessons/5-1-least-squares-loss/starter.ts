// gradkit lesson 5-1-least-squares-loss: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 5-1-least-squares-loss 5-1-least-squares-loss.ts
// --- exercise normal-pdf: The normal probability density
/** The normal density N(y; mu, sigma²). */
export function normalPdf(y: number, mu: number, sigma: number): number {
  throw new Error('TODO: write the equation for the normal distribution');
}

// --- exercise normal-nll: Negative log-likelihood of a normal model
/** −Σ_i log N(y_i; mu_i, sigma²). */
export function normalNll(y: number[], mu: number[], sigma: number): number {
  throw new Error('TODO: the negative sum of the log probabilities');
}
