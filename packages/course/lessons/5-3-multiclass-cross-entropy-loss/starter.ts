// gradkit lesson 5-3-multiclass-cross-entropy-loss: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 5-3-multiclass-cross-entropy-loss 5-3-multiclass-cross-entropy-loss.ts
// --- exercise softmax: The softmax of every column
/** The softmax of each column of modelOut [K][N] (classes in rows, examples in columns). */
export function softmax(modelOut: number[][]): number[][] {
  throw new Error('TODO: compute the softmax function (eq 5.22)');
}

// --- exercise categorical-likelihood: The likelihood of the training labels
/** ∏_i lambda[y_i][i]; lambda is [K, N] (one column per example). */
export function computeLikelihood(y: number[], lambda: number[][]): number {
  throw new Error('TODO: the product of the categorical probabilities of the labels');
}

// --- exercise categorical-nll: Negative log-likelihood of a categorical model
/** −Σ_i log lambda[y_i][i]; lambda is [K, N] (one column per example). */
export function categoricalNll(y: number[], lambda: number[][]): number {
  throw new Error('TODO: the negative sum of the log probabilities');
}
