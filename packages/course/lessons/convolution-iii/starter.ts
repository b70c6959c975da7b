// gradkit lesson convolution-iii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson convolution-iii convolution-iii.ts
// --- exercise net: The classic MNIST network
/**
 * The notebook's network (UDL notebook 10.5's TODO network) in evaluation mode (Dropout2d is the
 * identity) on images `x` `[N, 1, 28, 28]`: valid conv k5 1→10, 2×2 max pool, ReLU, valid conv
 * k5 10→20, (dropout), 2×2 max pool, ReLU, flatten (320), linear to 50, ReLU, linear 50 → 10,
 * log-softmax. Weights in
 * PyTorch's layouts: conv `[O, C, 5, 5]` (cross-correlation), linear `[out, in]` (x Wᵀ + b).
 * Returns the `[N, 10]` log-probabilities.
 */
export function net(
  x: number[][][][],
  params: {
    conv1Weight: number[][][][];
    conv1Bias: number[];
    conv2Weight: number[][][][];
    conv2Bias: number[];
    fc1Weight: number[][];
    fc1Bias: number[];
    fc2Weight: number[][];
    fc2Bias: number[];
  },
): number[][] {
  throw new Error(
    'TODO: two convolutions with max pooling and ReLU, then two linear layers and a log-softmax',
  );
}

// --- exercise flattened-size: The size of the flattened features
/**
 * The number of features the network's flatten step produces for one `height × width`
 * grayscale image (conv 5×5 to 10 channels, 2×2 max pool, conv 5×5 to 20 channels, 2×2 max pool).
 */
export function flattenedSize(height: number, width: number): number {
  throw new Error('TODO: follow the image size through the convolutions and the pooling');
}
