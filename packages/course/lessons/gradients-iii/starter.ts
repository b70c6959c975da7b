// gradkit lesson gradients-iii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson gradients-iii gradients-iii.ts
// --- exercise hidden-stds: The spread of the activations through depth
/** [std(h_0), ..., std(h_{K-1})] of the forward pass; x is [1][N], weights[k] is [D_k+1][D_k], biases[k] is [D_k+1][1]. */
export function hiddenStds(x: number[][], weights: number[][][], biases: number[][][]): number[] {
  throw new Error('TODO: forward pass, then the standard deviation of each h_k');
}
