// gradkit lesson 10-1-1d-convolution: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 10-1-1d-convolution 10-1-1d-convolution.ts
// --- exercise conv-3-1-1: Kernel 3, stride 1, dilation 1
/** Zero-padded convolution, kernel size 3, stride 1, dilation 1: the output has the input's length. */
export function conv3_1_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  throw new Error(
    'TODO: out[i] = omega[0]·x[i−1] + omega[1]·x[i] + omega[2]·x[i+1], zeros outside the signal',
  );
}

// --- exercise conv-3-2-1: Kernel 3, stride 2
/** Zero-padded convolution, kernel size 3, stride 2, dilation 1: ceil(n / 2) outputs. */
export function conv3_2_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  throw new Error('TODO: out[i] = omega[0]·x[2i−1] + omega[1]·x[2i] + omega[2]·x[2i+1]');
}

// --- exercise conv-5-1-1: Kernel 5
/** Zero-padded convolution, kernel size 5, stride 1, dilation 1: the output has the input's length. */
export function conv5_1_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  throw new Error('TODO: five weights centred on each sample');
}

// --- exercise conv-3-1-2: Kernel 3, dilation 2
/** Zero-padded convolution, kernel size 3, stride 1, dilation 2: the output has the input's length. */
export function conv3_1_2Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  throw new Error('TODO: out[i] = omega[0]·x[i−2] + omega[1]·x[i] + omega[2]·x[i+2]');
}

// --- exercise conv-matrix: Convolution as a matrix
/** The nOut × nOut matrix of conv3_1_1Zp (figure 10.4d). */
export function getConvMat3_1_1Zp(nOut: number, omega: readonly number[]): number[][] {
  throw new Error('TODO: fill in the band of the matrix');
}
