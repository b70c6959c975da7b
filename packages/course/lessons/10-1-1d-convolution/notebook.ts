/**
 * UDL Notebook 10.1: 1D Convolution (`udlbook/10_1_1D_Convolution.md`, book section 10.2.1–10.2.3,
 * figures 10.2–10.4), the notebook translated to library calls. A 12-sample signal goes through
 * the zero-padded convolutions the notebook asks for — kernel 3 (stride 1, dilation 1), kernel 3
 * with stride 2, kernel 5, kernel 3 with dilation 2 — then through the convolution written as a
 * matrix (figure 10.4d). Each TODO convolution is `@gradkit/conv`'s `conv1d` (PyTorch's
 * cross-correlation: `x_out[i] = Σ_k ω[k]·x[s·i + d·(k − ⌊K/2⌋)]`, zeros outside the signal) with
 * the padding that keeps the notebook's output length; the matrix is the one whose columns are the
 * convolution of the unit vectors (the convolution is linear, so that matrix is the convolution).
 *
 * The notebook prints three sums with `f"{np.sum(h):3.3}"` (Python's format without a type: three
 * significant digits, as `%.3g`, but keeping a `.0` on a whole number) and four arrays with
 * `print` (numpy's default print options).
 */
import { conv1d } from '@gradkit/conv';
import { eye, matmul, reshape, type Tensor, tensor, transpose } from '@gradkit/core';
import type { Notebook } from '../../src/notebook.js';
import { numpyStr } from '../../src/numpy-print.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's signal `x` (12 samples). */
export const x = [5.2, 5.3, 5.4, 5.1, 10.1, 10.3, 9.9, 10.3, 3.2, 3.4, 3.3, 3.1];

/** `conv1d` of one signal with one kernel, zero padding `padding`: the output samples. */
function conv(
  xIn: readonly number[],
  omega: readonly number[],
  stride: number,
  dilation: number,
  padding: number,
) {
  const out = conv1d(tensor([[[...xIn]]]), tensor([[[...omega]]]), { stride, dilation, padding });
  return Array.from(out.data as Float64Array);
}

/** Kernel size 3, stride 1, dilation 1, zero padding (figure 10.2a–c): the output has the input's length. */
export function conv3_1_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return conv(xIn, omega, 1, 1, 1);
}

/** Kernel size 3, stride 2, dilation 1, zero padding (figure 10.3a–b): `ceil(len / 2)` outputs, every other one of {@link conv3_1_1Zp}. */
export function conv3_2_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return conv(xIn, omega, 2, 1, 1);
}

/** Kernel size 5, stride 1, dilation 1, zero padding (figure 10.3c). */
export function conv5_1_1Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return conv(xIn, omega, 1, 1, 2);
}

/** Kernel size 3, stride 1, dilation 2, zero padding (figure 10.3d): the taps at i − 2, i, i + 2. */
export function conv3_1_2Zp(xIn: readonly number[], omega: readonly number[]): number[] {
  return conv(xIn, omega, 1, 2, 2);
}

/**
 * The `n_out × n_out` matrix of {@link conv3_1_1Zp} (figure 10.4d): its column j is the convolution
 * of the unit vector e_j, so `omega_mat @ x` is the convolution of `x` — a band with ω₁ on the
 * diagonal, ω₀ below it and ω₂ above it.
 */
export function getConvMat3_1_1Zp(nOut: number, omega: readonly number[]): number[][] {
  const units = reshape(eye(nOut), [nOut, 1, nOut]); // the unit vectors as a batch of signals
  const columns = conv1d(units, tensor([[[...omega]]]), { padding: 1 }); // [n, 1, n]: row j = conv(e_j)
  return transpose(reshape(columns, [nOut, nOut])).toArray() as number[][];
}

/** `f"{v:3.3}"`: Python's format spec "3.3" on a float (`%3.3g`, with `.0` kept on a whole number). */
export function formatSpec3_3(v: number): string {
  const s = pyFormat('%.3g', v);
  return (/[.en]/.test(s) ? s : `${s}.0`).padStart(3);
}

const sumOf = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
const show = (v: readonly number[]) => numpyStr(tensor([...v]));

/** The notebook, cell by cell. */
export function run(nb: Notebook): void {
  nb.set('x', x);

  // smoothing: three weights of 0.33
  let omega = [0.33, 0.33, 0.33];
  const h = conv3_1_1Zp(x, omega);
  nb.setAll({ omega, h });
  nb.show('np.sum(h)', sumOf(h));
  nb.print(`Sum of output is ${formatSpec3_3(sumOf(h))}, should be 71.1`);

  // a derivative-like kernel
  omega = [-0.5, 0, 0.5];
  const h2 = conv3_1_1Zp(x, omega);
  nb.setAll({ omega, h2 });

  // stride 2: every other output of the stride-1 convolution
  omega = [0.33, 0.33, 0.33];
  const h3 = conv3_2_1Zp(x, omega);
  nb.setAll({ omega, h3 });
  nb.print(show(h), show(h3));

  // kernel size 5
  const omega2 = [0.2, 0.2, 0.2, 0.2, 0.2];
  const h4 = conv5_1_1Zp(x, omega2);
  nb.setAll({ omega2, h4 });
  nb.show('np.sum(h4)', sumOf(h4));
  nb.print(`Sum of output is ${formatSpec3_3(sumOf(h4))}, should be 69.6`);

  // dilation 2
  omega = [0.33, 0.33, 0.33];
  const h5 = conv3_1_2Zp(x, omega);
  nb.setAll({ omega, h5 });
  nb.show('np.sum(h5)', sumOf(h5));
  nb.print(`Sum of output is ${formatSpec3_3(sumOf(h5))}, should be 68.3`);

  // the same convolution as a matrix
  omega = [-1.0, 0.5, -0.2];
  const h6 = conv3_1_1Zp(x, omega);
  nb.setAll({ omega, h6 });
  nb.print(show(h6));
  const omega_mat = getConvMat3_1_1Zp(x.length, omega);
  const h7: Tensor = matmul(tensor(omega_mat), tensor(x));
  nb.setAll({ omega_mat, h7 });
  nb.print(numpyStr(h7));
}
