// gradkit lesson 10-3-2d-convolution: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 10-3-2d-convolution 10-3-2d-convolution.ts
// --- exercise conv-loops: The convolution loops
/** 2-D cross-correlation of one channel, stride 1, zero padding `pad`. */
export function conv2d(image: number[][], weights: number[][], pad: number): number[][] {
  throw new Error('TODO: retrieve the image pixel and the weight, and accumulate');
}

// --- exercise conv-stride: Adding the stride
/** 2-D cross-correlation of one channel with a stride, zero padding `pad`. */
export function conv2dStride(
  image: number[][],
  weights: number[][],
  stride: number,
  pad: number,
): number[][] {
  throw new Error('TODO: retrieve the pixel at (y·stride + i, x·stride + j) and the weight, and accumulate');
}

// --- exercise conv-channels: Several input and output channels
/** One image [C_in][H][W], weights [C_out][C_in][kH][kW] → [C_out][H_out][W_out]. */
export function conv2dChannels(
  image: number[][][],
  weights: number[][][][],
  stride: number,
  pad: number,
): number[][][] {
  throw new Error('TODO: loop over output and input channels too');
}

// --- exercise conv-batch: A batch of images
/** A batch [N][C_in][H][W], weights [C_out][C_in][kH][kW] → [N][C_out][H_out][W_out]. */
export function conv2dBatch(
  images: number[][][][],
  weights: number[][][][],
  stride: number,
  pad: number,
): number[][][][] {
  throw new Error('TODO: loop over the images of the batch too');
}
