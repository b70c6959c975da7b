// gradkit lesson 7-3-initialization: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 7-3-initialization 7-3-initialization.ts

// --- exercise hidden-stds: The spread of the activations through depth
/** [std(h_1), ..., std(h_K)] of the forward pass; x is [1][N], weights[k] is [D_k+1][D_k], biases[k] is [D_k+1][1]. */
export function hiddenStds(x: number[][], weights: number[][][], biases: number[][][]): number[] {
  throw new Error('TODO: forward pass, then the standard deviation of each h_k');
}

// --- exercise stable-variance: A weight variance that stops the explosion
/** The weight variance σ²_Ω that keeps the spread of D-unit ReLU layers constant through depth. */
export function stableSigmaSqOmega(D: number): number {
  throw new Error('TODO: the sigma_sq_omega for which D * sigma_sq_omega / 2 = 1');
}
