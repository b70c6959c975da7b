// gradkit lesson 5-2-binary-cross-entropy-loss: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 5-2-binary-cross-entropy-loss 5-2-binary-cross-entropy-loss.ts
// --- exercise sigmoid: The logistic sigmoid
/** The logistic sigmoid 1 / (1 + exp(−z)). */
export function sigmoid(z: number): number {
  throw new Error('TODO: implement the logistic sigmoid function');
}

// --- exercise bernoulli-pmf: The Bernoulli distribution
/** Pr(y | lambda) = lambda^y (1 − lambda)^(1 − y) for a label y ∈ {0, 1}. */
export function bernoulliDistribution(y: number, lambda: number): number {
  throw new Error('TODO: write in the equation for the Bernoulli distribution');
}

// --- exercise bernoulli-likelihood: The likelihood of the training labels
/** ∏_i Bern(y_i; lambda_i). */
export function computeLikelihood(y: number[], lambda: number[]): number {
  throw new Error('TODO: the product of the Bernoulli probabilities of the labels');
}

// --- exercise bernoulli-nll: Negative log-likelihood of a Bernoulli model
/** −Σ_i log Bern(y_i; lambda_i). */
export function bernoulliNll(y: number[], lambda: number[]): number {
  throw new Error('TODO');
}
