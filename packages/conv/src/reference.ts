/**
 * The teaching reference: convolution as the loops of Convolution I, written to be read.
 * `convNumpy1` … `convNumpy4` follow the notebook's four steps (one channel; strides; multiple
 * channels; batches); `conv2dReference` is the general loop (stride, padding, dilation, groups,
 * bias) that the fast im2col path in `functional.ts` is tested against. Values, not autograd:
 * these return plain tensors.
 */
import { allocate, ShapeError, Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import type { Conv1dOptions, Conv2dOptions } from './functional.js';
import { checkConvShapes, convOutSize, pair, resolvePadding, single } from './params.js';

/**
 * Zero-pad the two spatial dimensions of an [N, C, H, W] tensor (numpy's
 * `np.pad(image, ((0, 0), (0, 0), (top, bottom), (left, right)), 'constant')`):
 * [N, C, H, W] → [N, C, H + top + bottom, W + left + right].
 *
 * ```ts
 * zeroPad2d(ones([1, 1, 2, 2]), 1).shape; // [1, 1, 4, 4]
 * ```
 */
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
  const s = t.shape;
  return t.data[((n * s[1]! + c) * s[2]! + y) * s[3]! + x]!;
}

/**
 * Validate the arguments of the notebook steps: shapes (channel mismatch names both shapes),
 * `stride` >= 1 and `pad` >= 0 integers, a kernel that fits the padded image, and for steps 1-2
 * (`single`) one image with one input and one output channel.
 */
function checkStep(
  op: string,
  image: Tensor,
  weights: Tensor,
  stride: number,
  pad: number,
  single: boolean,
): void {
  checkConvShapes(op, image.shape, weights.shape, 1, 2);
  if (!Number.isInteger(stride) || stride < 1)
    throw new ValueError(op, `stride must be an integer >= 1, received ${show(stride)}`);
  if (!Number.isInteger(pad) || pad < 0)
    throw new ValueError(op, `pad must be an integer >= 0, received ${show(pad)}`);
  if (single && (image.shape[0] !== 1 || image.shape[1] !== 1 || weights.shape[0] !== 1))
    throw new ShapeError(
      op,
      `this step handles one image with one channel: expected image [1, 1, H, W] and weights [1, 1, KH, KW], received image ${showShape(image.shape)} and weights ${showShape(weights.shape)}`,
    );
  const [kh, kw] = [weights.shape[2]!, weights.shape[3]!];
  if (image.shape[2]! + 2 * pad < kh || image.shape[3]! + 2 * pad < kw)
    throw new ShapeError(
      op,
      `kernel larger than padded input: image ${showShape(image.shape)} padded by ${pad} is smaller than the kernel ${showShape([kh, kw])}`,
    );
}

/**
 * Step 1 of Convolution I: one image, one input and one output channel, stride 1.
 * `out[0, 0, y, x] = Σ_{i, j} image[0, 0, y + i, x + j] · weights[0, 0, i, j]` after zero padding
 * by `pad`; image [1, 1, H, W], weights [1, 1, KH, KW] → [1, 1, H + 2·pad - KH + 1, W + 2·pad - KW + 1].
 *
 * ```ts
 * convNumpy1(image, weights); // [1, 1, 4, 6] image, 3x3 kernel, pad 1 → [1, 1, 4, 6]
 * ```
 */
export function convNumpy1(image: Tensor, weights: Tensor, pad = 1): Tensor {
  checkStep('convNumpy1', image, weights, 1, pad, true);
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

/**
 * Step 2 of Convolution I: adds the stride,
 * `imageHeightOut = floor(1 + (imageHeightIn - kernelHeight) / stride)` (after padding), and
 * `out[0, 0, y, x] = Σ_{i, j} image[0, 0, y·stride + i, x·stride + j] · weights[0, 0, i, j]`.
 *
 * ```ts
 * convNumpy2(image, weights, 2, 1); // [1, 1, 6, 8] image, 3x3 kernel → [1, 1, 3, 4]
 * ```
 */
export function convNumpy2(image: Tensor, weights: Tensor, stride = 1, pad = 1): Tensor {
  checkStep('convNumpy2', image, weights, stride, pad, true);
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

/**
 * Step 3 of Convolution I: multiple input and output channels (one image), image
 * [1, C, H, W], weights [O, C, KH, KW] → [1, O, OH, OW], summing over input channels too:
 * `out[0, o, y, x] = Σ_{c, i, j} image[0, c, y·stride + i, x·stride + j] · weights[o, c, i, j]`.
 *
 * ```ts
 * convNumpy3(image, weights, 1, 1); // [1, 5, 4, 6] image, [2, 5, 3, 3] weights → [1, 2, 4, 6]
 * ```
 */
export function convNumpy3(image: Tensor, weights: Tensor, stride = 1, pad = 1): Tensor {
  checkStep('convNumpy3', image, weights, stride, pad, false);
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
 * input channels and kernel taps. image [N, C, H, W], weights [O, C, KH, KW] → [N, O, OH, OW],
 * `OH = floor(1 + (H + 2·pad - KH) / stride)`.
 *
 * ```ts
 * convNumpy4(image, weights, 1, 1); // [2, 5, 4, 6] image, [2, 5, 3, 3] weights → [2, 2, 4, 6]
 * ```
 */
export function convNumpy4(image: Tensor, weights: Tensor, stride = 1, pad = 1): Tensor {
  checkStep('convNumpy4', image, weights, stride, pad, false);
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
 * input [N, C, H, W], weight [O, C/groups, KH, KW], bias [O] → [N, O, OH, OW] with
 * `out[n, o, y, x] = bias[o] + Σ_{c, i, j} input[n, g·C/groups + c, y·s - p + i·d, x·s - p + j·d] · weight[o, c, i, j]`
 * (taps outside the input read zero). Values only: the result does not record autograd.
 *
 * ```ts
 * conv2dReference(x, w, { stride: 2, padding: 1 }); // equals conv2d(x, w, { stride: 2, padding: 1 })
 * ```
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
  if (OH < 1 || OW < 1)
    throw new ShapeError(
      op,
      `kernel larger than padded input: input shape ${showShape(input.shape)} with padding [${pt}+${pb}, ${pl}+${pr}] is smaller than the dilated kernel ${showShape([dh * (KH - 1) + 1, dw * (KW - 1) + 1])}`,
    );
  const Og = O / groups;
  const out = allocate(input.dtype, N * O * OH * OW);
  const xd = input.data;
  const wd = weight.data;
  const bias = options.bias ? options.bias.data : null;
  // input[n, c, iy, ix] is xd[((n·C + c)·H + iy)·W + ix]; weight[o, c, i, j] is wd[((o·Cg + c)·KH + i)·KW + j]
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / Og);
      for (let y = 0; y < OH; y++)
        for (let x = 0; x < OW; x++) {
          let acc = bias ? bias[o]! : 0;
          for (let c = 0; c < Cg; c++)
            for (let i = 0; i < KH; i++)
              for (let j = 0; j < KW; j++) {
                const iy = y * sh - pt + i * dh;
                const ix = x * sw - pl + j * dw;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                acc += xd[((n * C + g * Cg + c) * H + iy) * W + ix]! * wd[((o * Cg + c) * KH + i) * KW + j]!;
              }
          out[((n * O + o) * OH + y) * OW + x] = acc;
        }
    }
  return new Tensor(out, [N, O, OH, OW], input.dtype);
}

/**
 * The 1-D loop reference (PyTorch's `conv1d` semantics): input [N, C, L], weight
 * [O, C/groups, K], bias [O] → [N, O, LOut], `LOut = floor((L + 2·padding - dilation·(K-1) - 1) / stride) + 1`,
 * `out[n, o, x] = bias[o] + Σ_{c, j} input[n, g·C/groups + c, x·s - p + j·d] · weight[o, c, j]`.
 * It is `conv2dReference` on a height-1 image. Values only (no autograd).
 *
 * ```ts
 * conv1dReference(x, w, { stride: 2 }); // equals conv1d(x, w, { stride: 2 }): figure 10.7's layers
 * ```
 */
export function conv1dReference(input: Tensor, weight: Tensor, options: Conv1dOptions = {}): Tensor {
  const op = 'conv1dReference';
  checkConvShapes(op, input.shape, weight.shape, options.groups ?? 1, 1, options.bias?.shape);
  const [n, c, l] = input.shape as [number, number, number];
  const [o, cg, k] = weight.shape as [number, number, number];
  const pad = options.padding ?? 0;
  const y = conv2dReference(
    new Tensor(input.data, [n, c, 1, l], input.dtype),
    new Tensor(weight.data, [o, cg, 1, k], weight.dtype),
    {
      bias: options.bias ?? null,
      stride: [1, single(op, 'stride', options.stride ?? 1, 1)],
      dilation: [1, single(op, 'dilation', options.dilation ?? 1, 1)],
      padding: typeof pad === 'string' ? pad : [0, single(op, 'padding', pad, 0)],
      groups: options.groups ?? 1,
    },
  );
  return new Tensor(y.data, [n, o, y.shape[3]!], y.dtype);
}
