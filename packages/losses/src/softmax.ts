/**
 * Squashing functions that turn model outputs into distribution parameters (book chapter 5):
 * the logistic sigmoid for Bernoulli λ (eq. 5.18: `@gradkit/core`'s `sigmoid`) and the softmax for categorical λ (eq. 5.22),
 * with their logs. The plain names are the numerically stable versions (they agree with the
 * book formulas wherever those are finite, and stay finite where those overflow); the book
 * formulas stay available as `sigmoidNaive`, `softmaxNaive`, `logSoftmaxNaive`, `logSigmoidNaive`.
 *
 * Axis convention: `axis` defaults to -1, the last axis (PyTorch's `[N, C]`, classes in columns).
 * The book and the Loss III notebook keep **classes in rows** (`[K, N]`, one column per
 * example): pass `{ axis: 0 }`.
 */
import {
  add,
  asTensor,
  DTypeError,
  div,
  exp,
  log,
  max,
  mul,
  neg,
  record,
  sigmoid,
  sub,
  sum,
  type Tensor,
  type TensorLike,
} from '@gradkit/core';
import { floatResult, mapUnary } from '@gradkit/core/extend';

/** Options of the softmax family. */
export interface AxisOptions {
  /** The class axis; default -1 (last). The book's `[K, N]` layout needs `axis: 0`. */
  axis?: number;
}

/**
 * The book formula `1 / (1 + exp(-z))` (eq. 5.18), composed literally (its gradient overflows to
 * NaN for z < -709 in float64). Use `@gradkit/core`'s `sigmoid` (overflow-free) in practice.
 */
export function sigmoidNaive(z: TensorLike): Tensor {
  return div(1, add(1, exp(neg(z))));
}

/**
 * `log σ(z) = min(z, 0) - log(1 + e^{-|z|})`, finite for every finite z (the naive
 * `log(sigmoid(z))` gives -Infinity below z ≈ -745). PyTorch's `logsigmoid`. Its derivative
 * `σ(-z)` is itself differentiable, so `grad(grad(...))` is exact (also at z = 0).
 *
 * ```ts
 * logSigmoid(tensor([-1000])).item(); // -1000
 * ```
 */
export function logSigmoid(z: TensorLike): Tensor {
  const x = asTensor(z);
  if (x.dtype === 'bool') throw new DTypeError('logSigmoid', 'input z must be numeric, received dtype bool');
  const out = mapUnary(x, floatResult(x.dtype), (v) => Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v))));
  // d/dz log σ(z) = 1 - σ(z) = σ(-z), written with a differentiable op so second derivatives are exact everywhere
  return record(out, 'logSigmoid', [x], (g) => [mul(g, sigmoid(neg(x)))]);
}

/** The book form `log(1 / (1 + exp(-z)))`: -Infinity once σ(z) underflows. */
export function logSigmoidNaive(z: TensorLike): Tensor {
  return log(sigmoidNaive(z));
}

/**
 * Softmax over `axis` (book eq. 5.22): `softmax_k(z) = e^{z_k} / Σ_j e^{z_j}`, computed as
 * `e^{z_k - max z} / Σ_j e^{z_j - max z}` so large logits do not overflow. The shift is a
 * constant for autograd (it cancels exactly).
 *
 * ```ts
 * softmax(tensor([[1, 2, 3]])).toArray();                 // rows sum to 1 (classes on the last axis)
 * softmax(modelOut, { axis: 0 });                          // the book's [K, N]: classes in rows
 * ```
 */
export function softmax(z: TensorLike, options: AxisOptions = {}): Tensor {
  const axis = options.axis ?? -1;
  const x = asTensor(z);
  const shift = max(x.detach(), { axis, keepdims: true });
  const e = exp(sub(x, shift));
  return div(e, sum(e, { axis, keepdims: true }));
}

/**
 * The Loss III notebook's softmax, literally `exp(z) / Σ exp(z)` over `axis` (default -1; the
 * notebook sums down the columns, `axis: 0`). Overflows to NaN for logits above ~709.
 */
export function softmaxNaive(z: TensorLike, options: AxisOptions = {}): Tensor {
  const axis = options.axis ?? -1;
  const e = exp(z);
  return div(e, sum(e, { axis, keepdims: true }));
}

/**
 * Log-softmax over `axis`: `z_k - log Σ_j e^{z_j}` with the log-sum-exp shifted by the maximum,
 * finite for any finite logits (PyTorch `log_softmax(dim)`, default here the last axis).
 *
 * ```ts
 * logSoftmax(tensor([[1000, 0]])).toArray(); // [[0, -1000]]
 * ```
 */
export function logSoftmax(z: TensorLike, options: AxisOptions = {}): Tensor {
  const axis = options.axis ?? -1;
  const x = asTensor(z);
  const shift = max(x.detach(), { axis, keepdims: true });
  const shifted = sub(x, shift);
  return sub(shifted, log(sum(exp(shifted), { axis, keepdims: true })));
}

/** The literal `log(softmaxNaive(z))`: -Infinity or NaN where the naive softmax under/overflows. */
export function logSoftmaxNaive(z: TensorLike, options: AxisOptions = {}): Tensor {
  return log(softmaxNaive(z, options));
}
