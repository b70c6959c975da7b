/**
 * Readable single-tensor reference implementations of the update rules, written with
 * `@gradkit/core` tensor ops, one line per line of PyTorch's `_single_tensor_*` functions. They
 * are pure: they return the new parameter and state and change nothing. The optimizers run the
 * fast in-place kernels of `kernels.ts`; the tests check those against these.
 *
 * ```ts
 * const { param, state } = adamReference(p, g, { step: 0, expAvg: zerosLike(p), expAvgSq: zerosLike(p) }, opts);
 * ```
 */
import { add, div, maximum, mul, neg, sqrt, type Tensor } from '@gradkit/core';
import type {
  AdagradKernelOptions,
  AdamKernelOptions,
  RMSpropKernelOptions,
  SGDKernelOptions,
} from './kernels.js';

/** SGD: returns θ' and the momentum buffer (null without momentum). `buf` null on the first step. */
export function sgdReference(
  param: Tensor,
  grad: Tensor,
  buf: Tensor | null,
  o: SGDKernelOptions,
): { param: Tensor; buf: Tensor | null } {
  let dP = o.maximize ? neg(grad) : grad;
  if (o.weightDecay !== 0) dP = add(dP, mul(param, o.weightDecay));
  let newBuf: Tensor | null = null;
  if (o.momentum !== 0) {
    newBuf = buf === null ? dP : add(mul(buf, o.momentum), mul(dP, 1 - o.dampening));
    dP = o.nesterov ? add(dP, mul(newBuf, o.momentum)) : newBuf;
  }
  return { param: add(param, mul(dP, -o.lr)), buf: newBuf };
}

/** Adagrad at step `step` (1-based): returns θ' and the new sum of squares. */
export function adagradReference(
  param: Tensor,
  grad: Tensor,
  sum: Tensor,
  step: number,
  o: AdagradKernelOptions,
): { param: Tensor; sum: Tensor } {
  let g = o.maximize ? neg(grad) : grad;
  if (o.weightDecay !== 0) g = add(g, mul(param, o.weightDecay));
  const clr = o.lr / (1 + (step - 1) * o.lrDecay);
  const newSum = add(sum, mul(g, g));
  const std = add(sqrt(newSum), o.eps);
  return { param: add(param, div(mul(g, -clr), std)), sum: newSum };
}

/** RMSprop: returns θ' and the new averages/buffer (gradAvg and buf only when used). */
export function rmspropReference(
  param: Tensor,
  grad: Tensor,
  state: { squareAvg: Tensor; gradAvg?: Tensor; buf?: Tensor },
  o: RMSpropKernelOptions,
): { param: Tensor; squareAvg: Tensor; gradAvg?: Tensor; buf?: Tensor } {
  let g = o.maximize ? neg(grad) : grad;
  if (o.weightDecay !== 0) g = add(g, mul(param, o.weightDecay));
  const squareAvg = add(mul(state.squareAvg, o.alpha), mul(mul(g, 1 - o.alpha), g));
  let avg: Tensor;
  let gradAvg: Tensor | undefined;
  if (o.centered) {
    gradAvg = add(mul(state.gradAvg!, o.alpha), mul(g, 1 - o.alpha));
    avg = sqrt(add(squareAvg, mul(mul(gradAvg, -1), gradAvg)));
  } else avg = sqrt(squareAvg);
  avg = add(avg, o.eps);
  if (o.momentum > 0) {
    const buf = add(mul(state.buf!, o.momentum), div(g, avg));
    return { param: add(param, mul(buf, -o.lr)), squareAvg, gradAvg, buf };
  }
  return { param: add(param, div(mul(g, -o.lr), avg)), squareAvg, gradAvg };
}

/** Adam / AdamW at step `step` (1-based): returns θ' and the new moments. */
export function adamReference(
  param: Tensor,
  grad: Tensor,
  state: { expAvg: Tensor; expAvgSq: Tensor; maxExpAvgSq?: Tensor },
  step: number,
  o: AdamKernelOptions,
): { param: Tensor; expAvg: Tensor; expAvgSq: Tensor; maxExpAvgSq?: Tensor } {
  let g = o.maximize ? neg(grad) : grad;
  let p = param;
  if (o.decoupled) p = mul(p, 1 - o.lr * o.weightDecay);
  else if (o.weightDecay !== 0) g = add(g, mul(p, o.weightDecay));
  const expAvg = add(mul(state.expAvg, o.beta1), mul(g, 1 - o.beta1));
  const expAvgSq = add(mul(state.expAvgSq, o.beta2), mul(mul(g, 1 - o.beta2), g));
  const biasCorrection1 = 1 - o.beta1 ** step;
  const biasCorrection2 = 1 - o.beta2 ** step;
  const stepSize = o.lr / biasCorrection1;
  const bc2Sqrt = Math.sqrt(biasCorrection2);
  let maxExpAvgSq: Tensor | undefined;
  let denom: Tensor;
  if (o.amsgrad) {
    maxExpAvgSq = maximum(state.maxExpAvgSq!, expAvgSq);
    denom = add(div(sqrt(maxExpAvgSq), bc2Sqrt), o.eps);
  } else denom = add(div(sqrt(expAvgSq), bc2Sqrt), o.eps);
  return { param: add(p, div(mul(expAvg, -stepSize), denom)), expAvg, expAvgSq, maxExpAvgSq };
}
