// Cases of kernels-fma.test.ts, shared with its child process gemm-fma-child.ts: float32 GEMMs
// covering every layout, tails of the 6×8 FMA tile (and the plain 4×8 one) in m and n, several KC
// (256) blocks of k, more than one MC block of rows and NC (1024) block of columns, and both
// accumulate modes. Operands are a deterministic function of the case, so both processes build
// the same ones.
import type { ConvKernelDims, GemmLayout } from '../src/kernels/index.js';

export interface GemmCase {
  layout: GemmLayout;
  m: number;
  k: number;
  n: number;
  accumulate: boolean;
}

export const cases: GemmCase[] = [
  { layout: 'NN', m: 1, k: 1, n: 1, accumulate: false },
  { layout: 'NN', m: 7, k: 5, n: 3, accumulate: false },
  { layout: 'NT', m: 13, k: 300, n: 9, accumulate: true },
  { layout: 'TN', m: 193, k: 17, n: 29, accumulate: false },
  { layout: 'NN', m: 6, k: 260, n: 8, accumulate: true },
  { layout: 'NT', m: 37, k: 64, n: 1030, accumulate: false },
  { layout: 'TN', m: 50, k: 513, n: 12, accumulate: true },
  { layout: 'NN', m: 200, k: 70, n: 100, accumulate: false },
  { layout: 'NT', m: 11, k: 4, n: 14, accumulate: true },
];

/** A, B (stored as the layout says) and the initial C of case `idx`: values in (-1, 1). */
export function operands(idx: number): { a: Float32Array; b: Float32Array; c: Float32Array } {
  const { m, k, n } = cases[idx]!;
  const fill = (len: number, seed: number) =>
    Float32Array.from({ length: len }, (_, i) => Math.sin(0.731 * i + seed) * Math.cos(0.017 * i));
  return { a: fill(m * k, idx + 0.5), b: fill(k * n, 2 * idx + 1.25), c: fill(m * n, 3 * idx + 2) };
}

/**
 * Float32 convolution forwards (`conv2dForwardWasm`): without padding and with K ≤ 256 (the direct
 * kernel: 8 output channels × 4 positions, channel tails), strided and grouped, with ReLU, and one
 * padded (im2col + GEMM). Both paths sum each output's K products from +0 in k order, with the
 * micro-kernel's multiply-add of the build.
 */
export interface ConvCase {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kh: number;
  kw: number;
  stride: number;
  pad: number;
  groups: number;
  relu: boolean;
}

export const convCases: ConvCase[] = [
  { n: 2, c: 3, h: 9, w: 9, o: 10, kh: 3, kw: 3, stride: 1, pad: 0, groups: 1, relu: false },
  { n: 3, c: 4, h: 11, w: 7, o: 6, kh: 3, kw: 2, stride: 2, pad: 0, groups: 2, relu: true },
  { n: 1, c: 16, h: 5, w: 40, o: 20, kh: 1, kw: 5, stride: 1, pad: 0, groups: 1, relu: false },
  { n: 2, c: 3, h: 8, w: 8, o: 5, kh: 3, kw: 3, stride: 1, pad: 1, groups: 1, relu: false },
  // few weights per output channel (the row-vectorized kernel): figure 10.7's first layer, and a
  // grouped stride-1 case whose rows (6 positions) and channels (3 per group) leave partial vectors
  { n: 3, c: 1, h: 1, w: 40, o: 15, kh: 1, kw: 3, stride: 2, pad: 0, groups: 1, relu: true },
  { n: 2, c: 4, h: 5, w: 7, o: 6, kh: 2, kw: 2, stride: 1, pad: 0, groups: 2, relu: false },
  // the images in the lanes (8 or more images): 13 images (a tile of 12 and one of 4, padded lanes),
  // grouped, 5 channels a group (a partial block of 3), 45 outputs a group (a partial 4×4 block);
  // and 131 images (two passes of 128 and 3)
  { n: 13, c: 6, h: 7, w: 7, o: 10, kh: 3, kw: 3, stride: 2, pad: 0, groups: 2, relu: true },
  { n: 131, c: 2, h: 1, w: 40, o: 15, kh: 1, kw: 9, stride: 2, pad: 0, groups: 1, relu: false },
];

/** The output size of one spatial dimension. */
export const convOut = (size: number, k: number, cs: ConvCase) =>
  Math.floor((size + 2 * cs.pad - k) / cs.stride) + 1;

/** x [n, c, h, w], weights [o, c/groups, kh, kw] and the bias [o] of conv case `idx`. */
export function convOperands(idx: number): { x: Float32Array; wt: Float32Array; bias: Float32Array } {
  const cs = convCases[idx]!;
  const fill = (len: number, seed: number) =>
    Float32Array.from({ length: len }, (_, i) => Math.sin(0.613 * i + seed) * Math.cos(0.029 * i));
  return {
    x: fill(cs.n * cs.c * cs.h * cs.w, idx + 0.25),
    wt: fill(cs.o * (cs.c / cs.groups) * cs.kh * cs.kw, 2 * idx + 0.75),
    bias: fill(cs.o, 3 * idx + 1.5),
  };
}

/** The kernel geometry of conv case `cs` (square stride and padding, no dilation). */
export function convDims(cs: ConvCase): ConvKernelDims {
  return {
    n: cs.n,
    c: cs.c,
    o: cs.o,
    groups: cs.groups,
    channels: cs.c / cs.groups,
    h: cs.h,
    w: cs.w,
    kh: cs.kh,
    kw: cs.kw,
    oh: convOut(cs.h, cs.kh, cs),
    ow: convOut(cs.w, cs.kw, cs),
    strideH: cs.stride,
    strideW: cs.stride,
    padTop: cs.pad,
    padLeft: cs.pad,
    dilH: 1,
    dilW: 1,
  };
}

/**
 * The output gradient, a relu mask (about half of it ≤ 0) and the initial weight and input
 * gradients of conv case `idx`'s backward (`conv2dBackwardWasm` with one gradient wanted).
 */
export function convGradOperands(idx: number): {
  gOut: Float32Array;
  mask: Float32Array;
  gw0: Float32Array;
  gx0: Float32Array;
} {
  const cs = convCases[idx]!;
  const size = cs.n * cs.o * convOut(cs.h, cs.kh, cs) * convOut(cs.w, cs.kw, cs);
  const fill = (len: number, seed: number) =>
    Float32Array.from({ length: len }, (_, i) => Math.sin(0.577 * i + seed) * Math.cos(0.041 * i));
  return {
    gOut: fill(size, idx + 0.125),
    mask: fill(size, 5 * idx + 0.375),
    gw0: fill(cs.o * (cs.c / cs.groups) * cs.kh * cs.kw, 7 * idx + 0.625),
    gx0: fill(cs.n * cs.c * cs.h * cs.w, 11 * idx + 0.875),
  };
}
