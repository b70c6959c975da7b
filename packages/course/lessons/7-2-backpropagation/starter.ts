// gradkit lesson 7-2-backpropagation: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 7-2-backpropagation 7-2-backpropagation.ts

// --- exercise forward-pass: The forward pass, keeping every pre-activation and activation
/**
 * f_k = β_k + Ω_k h_k, h_{k+1} = ReLU[f_k] (k = 0..K-1), f_K = β_K + Ω_K h_K, h_0 = netInput
 * ([D_i][N], one example per column); allWeights[k] is [D_out][D_in], allBiases[k] is [D_out][1].
 */
export function computeNetworkOutput(
  netInput: number[][],
  allWeights: number[][][],
  allBiases: number[][][],
): { netOutput: number[][]; allF: number[][][]; allH: number[][][] } {
  throw new Error('TODO: f_k = beta_k + Omega_k h_k, h_{k+1} = ReLU(f_k), then the linear output layer');
}

// --- exercise backward-pass: The backward pass
/**
 * The derivatives of ℓ = Σ (f_K − y)² with respect to every weight and bias (eqs. 7.22, 7.23,
 * 7.25), from the forward pass's allF = [f_0..f_K] and allH = [h_0..h_K].
 */
export function backwardPass(
  allWeights: number[][][],
  allBiases: number[][][],
  allF: number[][][],
  allH: number[][][],
  y: number[][],
): { allDlDweights: number[][][]; allDlDbiases: number[][][] } {
  throw new Error('TODO: from dl/df_K = 2 (f_K - y), work back to layer 0');
}

// --- exercise indicator: ReLU's derivative (the indicator function)
/** I[f > 0] elementwise, as 0/1 numbers. */
export function indicatorFunction(f: number[]): number[] {
  throw new Error('TODO: 1 where f > 0, else 0');
}
