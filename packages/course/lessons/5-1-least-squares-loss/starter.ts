// gradkit lesson 5-1-least-squares-loss: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 5-1-least-squares-loss 5-1-least-squares-loss.ts
// --- exercise normal-pdf: The normal probability density
/** The normal density N(y; mu, sigma²). */
export function normalPdf(y: number, mu: number, sigma: number): number {
  throw new Error('TODO: write the equation for the normal distribution');
}

// --- exercise normal-likelihood: The likelihood of the data
/** Π_i N(y_i; mu_i, sigma²). */
export function normalLikelihood(y: number[], mu: number[], sigma: number): number {
  throw new Error('TODO: the product of the normal probabilities of the data points');
}

// --- exercise normal-nll: Negative log-likelihood of a normal model
/** −Σ_i log N(y_i; mu_i, sigma²). */
export function normalNll(y: number[], mu: number[], sigma: number): number {
  throw new Error('TODO: the negative sum of the log probabilities');
}

// --- exercise sum-of-squares: The sum of squares
/** Σ_i (y_i − yPred_i)². */
export function sumOfSquares(y: number[], yPred: number[]): number {
  throw new Error('TODO: the sum of squared distances between the data and the prediction');
}
