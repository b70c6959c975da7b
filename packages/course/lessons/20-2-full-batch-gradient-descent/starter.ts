// gradkit lesson 20-2-full-batch-gradient-descent: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 20-2-full-batch-gradient-descent 20-2-full-batch-gradient-descent.ts

// --- exercise deep-network: Networks of one to four hidden layers
/**
 * Forward pass of Linear → ReLU → … → Linear on the rows of `x` `[N, D_in]`: layer k computes
 * h Wₖᵀ + bₖ with `weights[k]` `[out, in]` (PyTorch's layout) and `biases[k]`, followed by a ReLU
 * except after the last layer. Returns `[N, D_out]`.
 */
export function deepNetwork(x: number[][], weights: number[][][], biases: number[][]): number[][] {
  throw new Error('TODO: create the models with two, three and four hidden layers');
}

// --- exercise matching-width: The same number of parameters at every depth
/**
 * The width D (≥ 1) whose network 40 → D → … → D → 10 with `layers` hidden layers has the number
 * of weights and biases closest to `target` (the smaller D on a tie).
 */
export function matchingWidth(layers: number, target: number): number {
  throw new Error('TODO: the hidden units that give about as many parameters as one layer of 298');
}
