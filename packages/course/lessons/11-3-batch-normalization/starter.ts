// gradkit lesson 11-3-batch-normalization: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 11-3-batch-normalization 11-3-batch-normalization.ts

// --- exercise batch-norm: Batch normalization of a batch of hidden units
/**
 * What `nn.BatchNorm1d` computes in training mode on the rows of `h` `[N, D]`: per column the batch
 * mean m and biased variance s² (divided by N), then `gamma[d] · (h − m) / √(s² + eps) + beta[d]`.
 */
export function batchNorm(h: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  throw new Error('TODO: normalize every hidden unit over the batch, then scale by gamma and shift by beta');
}

// --- exercise residual-network-with-batch-norm: Batch norm before each residual branch (the TODO)
/**
 * The residual network with a batch norm (training mode, eps 1e-5) at the start of every residual
 * branch: f = linear1(x), res_k = res_{k−1} + linear_{k+1}(ReLU(bn_k(res_{k−1}))) for k = 1..5
 * (res_0 = f), output = linear7(res_5). Weights `[out, in]` as PyTorch (a layer computes x Wᵀ + b);
 * `gamma[k−1]`, `beta[k−1]` are bn_k's scale and shift. `variances`: `np.mean(np.var(h, axis=0))` of
 * x, f, res_1, …, res_5 (seven numbers).
 */
export function residualNetworkWithBatchNorm(
  x: number[][],
  params: { weights: number[][][]; biases: number[][]; gamma: number[][]; beta: number[][] },
): { output: number[][]; variances: number[] } {
  throw new Error('TODO: add a batch norm at the start of each residual branch and record the variances');
}
