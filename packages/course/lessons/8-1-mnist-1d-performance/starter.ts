// gradkit lesson 8-1-mnist-1d-performance: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 8-1-mnist-1d-performance 8-1-mnist-1d-performance.ts
// --- exercise model: Two hidden layers of ReLUs
/**
 * Forward pass of Linear(D_i, D_k) → ReLU → Linear(D_k, D_k) → ReLU → Linear(D_k, D_o) on the rows
 * of `x` `[N, D_i]`; weights `[out, in]` as PyTorch (a layer computes x Wᵀ + b). Returns `[N, D_o]`.
 */
export function model(
  x: number[][],
  params: { w1: number[][]; b1: number[]; w2: number[][]; b2: number[]; w3: number[][]; b3: number[] },
): number[][] {
  throw new Error('TODO: two hidden layers with ReLU activations between them');
}

// --- exercise weights-init: He initialization
/**
 * One nn.Linear(fanIn, fanOut) as kaiming_uniform_ fills it: weight `[fanOut, fanIn]` uniform in
 * [−b, b] drawn by `new RandomState(seed).uniform(-b, b, [fanOut, fanIn])`, bias zeros.
 */
export function weightsInit(
  fanOut: number,
  fanIn: number,
  seed: number,
): { weight: number[][]; bias: number[] } {
  throw new Error('TODO: initialize the parameters with He initialization');
}
