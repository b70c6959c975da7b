// gradkit lesson 10-2-convolution-for-mnist-1d: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 10-2-convolution-for-mnist-1d 10-2-convolution-for-mnist-1d.ts
// --- exercise model: The network of figure 10.7
/**
 * Forward pass of Conv1d(1, 15, 3, stride 2) → ReLU → Conv1d(15, 15, 3, stride 2) → ReLU →
 * Conv1d(15, 15, 3, stride 2) → ReLU → Flatten → Linear(60, 10) on the signals `x` `[N, 40]`;
 * weights in PyTorch's layouts. Returns the `[N, 10]` logits.
 */
export function model(
  x: number[][],
  params: {
    conv1Weight: number[][][];
    conv1Bias: number[];
    conv2Weight: number[][][];
    conv2Bias: number[];
    conv3Weight: number[][][];
    conv3Bias: number[];
    linearWeight: number[][];
    linearBias: number[];
  },
): number[][] {
  throw new Error('TODO: three strided convolutions with ReLUs, flatten, then the linear layer');
}
