/**
 * The teaching reference: convolution as the loops of Convolution I, written to be read.
 * `convNumpy1` … `convNumpy4` follow the notebook's four steps (one channel; strides; multiple
 * channels; batches); `conv2dReference` is the general loop (stride, padding, dilation, groups,
 * bias) that the fast im2col path in `functional.ts` is tested against. Values, not autograd:
 * these return plain tensors.
 */
import { allocate, Tensor } from '@gradkit/core';
import type { Conv2dOptions } from './functional.js';
import { checkConvShapes, convOutSize, pair, resolvePadding } from './params.js';

/** Zero-pad the two spatial dimensions of an [N, C, H, W] tensor (numpy's `np.pad(..., 'constant')`). */
export function zeroPad2d(
  image: Tensor,
  padTop: number,
  padBottom = padTop,
  padLeft = padTop,
  padRight = padLeft,
): Tensor {
  const [n, c, h, w] = image.shape as [number, number, number, number];
  const H = h + padTop + padBottom;
  const W = w + padLeft + padRight;
  const out = allocate(image.dtype, n * c * H * W);
  for (let b = 0; b < n * c; b++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        out[b * H * W + (y + padTop) * W + (x + padLeft)] = image.data[b * h * w + y * w + x]!;
  return new Tensor(out, [n, c, H, W], image.dtype);
}

/** Element [n, c, y, x] of an [N, C, H, W] tensor. */
function at(t: Tensor, n: number, c: number, y: number, x: number): number {
  const [, C, H, W] = t.shape as [number, number, number, number];
  return t.data[((n * C + c) * H + y) * W + x]!;
}

/**
 * Step 1 of Convolution I: one image, one input and one output channel, stride 1.
 * `out[0, 0, y, x] = Σ_{i, j} image[0, 0, y + i, x + j] · weights[0, 0, i, j]` after zero padding.
 */
export function convNumpy1(image: Tensor, weights: Tensor, pad = 1): Tensor {
  checkConvShapes('convNumpy1', image.shape, weights.shape, 1, 2);
  if (pad !== 0) image = zeroPad2d(image, pad);
  const [, , imageHeightIn, imageWidthIn] = image.shape as [number, number, number, number];
  const [, , kernelHeight, kernelWidth] = weights.shape as [number, number, number, number];
  const imageHeightOut = 1 + imageHeightIn - kernelHeight;
  const imageWidthOut = 1 + imageWidthIn - kernelWidth;
  const out = allocate(image.dtype, imageHeightOut * imageWidthOut);
  for (let cY = 0; cY < imageHeightOut; cY++)
    for (let cX = 0; cX < imageWidthOut; cX++)
      for (let cKernelY = 0; cKernelY < kernelHeight; cKernelY++)
        for (let cKernelX = 0; cKernelX < kernelWidth; cKernelX++) {
          const thisPixelValue = at(image, 0, 0, cY + cKernelY, cX + cKernelX);
          const thisWeight = at(weights, 0, 0, cKernelY, cKernelX);
          out[cY * imageWidthOut + cX] = out[cY * imageWidthOut + cX]! + thisPixelValue * thisWeight;
        }
  return new Tensor(out, [1, 1, imageHeightOut, imageWidthOut], image.dtype);
}

/** Step 2: adds the stride, `imageHeightOut = floor(1 + (imageHeightIn - kernelHeight) / stride)`. */
export function convNumpy2(image: Tensor, weights: Tensor, stride = 1, pad = 1): Tensor {
  checkConvShapes('convNumpy2', image.shape, weights.shape, 1, 2);
  if (pad !== 0) image = zeroPad2d(image, pad);
  const [, , imageHeightIn, imageWidthIn] = image.shape as [number, number, number, number];
  const [, , kernelHeight, kernelWidth] = weights.shape as [number, number, number, number];
  const imageHeightOut = Math.floor(1 + (imageHeightIn - kernelHeight) / stride);
  const imageWidthOut = Math.floor(1 + (imageWidthIn - kernelWidth) / stride);
  const out = allocate(image.dtype, imageHeightOut * imageWidthOut);
  for (let cY = 0; cY < imageHeightOut; cY++)
    for (let cX = 0; cX < imageWidthOut; cX++)
      for (let cKernelY = 0; cKernelY < kernelHeight; cKernelY++)
        for (let cKernelX = 0; cKernelX < kernelWidth; cKernelX++) {
          const thisPixelValue = at(image, 0, 0, cY * stride + cKernelY, cX * stride + cKernelX);
          const thisWeight = at(weights, 0, 0, cKernelY, cKernelX);
          out[cY * imageWidthOut + cX] = out[cY * imageWidthOut + cX]! + thisPixelValue * thisWeight;
        }
  return new Tensor(out, [1, 1, imageHeightOut, imageWidthOut], image.dtype);
}

/** Step 3: multiple input and output channels (one image): sums over input channels too. */
export function convNumpy3(image: Tensor, weights: Tensor, stride = 1, pad = 1): Tensor {
  checkConvShapes('convNumpy3', image.shape, weights.shape, 1, 2);
  if (pad !== 0) image = zeroPad2d(image, pad);
  const [, channelsIn, imageHeightIn, imageWidthIn] = image.shape as [number, number, number, number];
  const [channelsOut, , kernelHeight, kernelWidth] = weights.shape as [number, number, number, number];
  const imageHeightOut = Math.floor(1 + (imageHeightIn - kernelHeight) / stride);
  const imageWidthOut = Math.floor(1 + (imageWidthIn - kernelWidth) / stride);
  const out = allocate(image.dtype, channelsOut * imageHeightOut * imageWidthOut);
  for (let cY = 0; cY < imageHeightOut; cY++)
    for (let cX = 0; cX < imageWidthOut; cX++)
      for (let cChannelOut = 0; cChannelOut < channelsOut; cChannelOut++)
        for (let cChannelIn = 0; cChannelIn < channelsIn; cChannelIn++)
          for (let cKernelY = 0; cKernelY < kernelHeight; cKernelY++)
            for (let cKernelX = 0; cKernelX < kernelWidth; cKernelX++) {
              const thisPixelValue = at(image, 0, cChannelIn, cY * stride + cKernelY, cX * stride + cKernelX);
              const thisWeight = at(weights, cChannelOut, cChannelIn, cKernelY, cKernelX);
              const o = (cChannelOut * imageHeightOut + cY) * imageWidthOut + cX;
              out[o] = out[o]! + thisPixelValue * thisWeight;
            }
  return new Tensor(out, [1, channelsOut, imageHeightOut, imageWidthOut], image.dtype);
}

/**
 * Step 4, the full loop nest of the notebook: batches, output positions, output channels,
 * input channels and kernel taps.
 */
export function convNumpy4(image: Tensor, weights: Tensor, stride = 1, pad = 1): Tensor {
  checkConvShapes('convNumpy4', image.shape, weights.shape, 1, 2);
  if (pad !== 0) image = zeroPad2d(image, pad);
  const [batchSize, channelsIn, imageHeightIn, imageWidthIn] = image.shape as [
    number,
    number,
    number,
    number,
  ];
  const [channelsOut, , kernelHeight, kernelWidth] = weights.shape as [number, number, number, number];
  const imageHeightOut = Math.floor(1 + (imageHeightIn - kernelHeight) / stride);
  const imageWidthOut = Math.floor(1 + (imageWidthIn - kernelWidth) / stride);
  const out = allocate(image.dtype, batchSize * channelsOut * imageHeightOut * imageWidthOut);
  for (let cBatch = 0; cBatch < batchSize; cBatch++)
    for (let cY = 0; cY < imageHeightOut; cY++)
      for (let cX = 0; cX < imageWidthOut; cX++)
        for (let cChannelOut = 0; cChannelOut < channelsOut; cChannelOut++)
          for (let cChannelIn = 0; cChannelIn < channelsIn; cChannelIn++)
            for (let cKernelY = 0; cKernelY < kernelHeight; cKernelY++)
              for (let cKernelX = 0; cKernelX < kernelWidth; cKernelX++) {
                const thisPixelValue = at(
                  image,
                  cBatch,
                  cChannelIn,
                  cY * stride + cKernelY,
                  cX * stride + cKernelX,
                );
                const thisWeight = at(weights, cChannelOut, cChannelIn, cKernelY, cKernelX);
                const o = ((cBatch * channelsOut + cChannelOut) * imageHeightOut + cY) * imageWidthOut + cX;
                out[o] = out[o]! + thisPixelValue * thisWeight;
              }
  return new Tensor(out, [batchSize, channelsOut, imageHeightOut, imageWidthOut], image.dtype);
}

/**
 * The general loop reference with PyTorch's semantics (stride, padding incl. 'same'/'valid',
 * dilation, groups, bias): the readable definition the fast path must equal.
 */
export function conv2dReference(input: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  const op = 'conv2dReference';
  const groups = options.groups ?? 1;
  checkConvShapes(op, input.shape, weight.shape, groups, 2, options.bias?.shape);
  const [sh, sw] = pair(op, 'stride', options.stride ?? 1, 1);
  const [dh, dw] = pair(op, 'dilation', options.dilation ?? 1, 1);
  const [N, C, H, W] = input.shape as [number, number, number, number];
  const [O, Cg, KH, KW] = weight.shape as [number, number, number, number];
  const [pt, pb, pl, pr] = resolvePadding(op, options.padding ?? 0, [KH, KW], [dh, dw], [sh, sw]);
  const OH = convOutSize(H, pt, pb, dh, KH, sh);
  const OW = convOutSize(W, pl, pr, dw, KW, sw);
  const Og = O / groups;
  const out = allocate(input.dtype, N * O * OH * OW);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / Og);
      for (let y = 0; y < OH; y++)
        for (let x = 0; x < OW; x++) {
          let acc = options.bias ? options.bias.data[o]! : 0;
          for (let c = 0; c < Cg; c++)
            for (let i = 0; i < KH; i++)
              for (let j = 0; j < KW; j++) {
                const iy = y * sh - pt + i * dh;
                const ix = x * sw - pl + j * dw;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                acc += at(input, n, g * Cg + c, iy, ix) * at(weight, o, c, i, j);
              }
          out[((n * O + o) * OH + y) * OW + x] = acc;
        }
    }
  void C;
  return new Tensor(out, [N, O, OH, OW], input.dtype);
}
