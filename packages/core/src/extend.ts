/**
 * `@gradkit/core/extend`: the helpers an op written outside core uses, as `@gradkit/conv`,
 * `@gradkit/nn` and `@gradkit/losses` write theirs. Not needed to use the library; the user API is
 * the root entry `@gradkit/core`, and the kernels an op may call are `@gradkit/core/kernels`.
 *
 * - argument checks and error text: `show` (a received value, shortened), `showShape`,
 *   `checkDType`, `normalizeAxis`/`normalizeAxes` (a negative axis counted from the end, a typed
 *   error naming `op` and the argument otherwise), `broadcastShapes` (numpy's rule, the error names
 *   `op`);
 * - dtypes: `floatResult` (the dtype a float op returns for an input dtype: float32 stays, others
 *   become float64), `promoteWithScalar` (numpy's rule for a tensor with a Python number),
 *   `castValue` (one number as a dtype stores it), `dtypeOfArray`/`dtypeOfTypedArray`;
 * - shapes: `shapeSize`, `stridesOf` (C order), `sameShape`;
 * - element-wise ops and their backward: `mapUnary` (a new tensor of `f` applied to every
 *   element), `sumToShape` (a broadcast gradient summed back to an operand's shape, PyTorch's
 *   `sum_to_size`), `asStridedScatterAdd` (the backward of `asStrided`);
 * - pytrees: `isPlainObject` (what the tree utilities treat as a dict node).
 *
 * @example
 * ```ts
 * import { record, type Tensor } from '@gradkit/core';
 * import { floatResult, mapUnary } from '@gradkit/core/extend';
 *
 * // softplus log(1 + e^x), its backward the logistic sigmoid
 * export function softplus(x: Tensor): Tensor {
 *   const y = mapUnary(x, floatResult(x.dtype), (v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
 *   return record(y, 'softplus', [x], (g) => [g.mul(x.sigmoid())]);
 * }
 * ```
 */
export { isPlainObject } from './autograd/pytree.js';
export {
  castValue,
  checkDType,
  dtypeOfArray,
  dtypeOfTypedArray,
  floatResult,
  promoteWithScalar,
} from './dtype.js';
export { show, showShape } from './errors.js';
export { mapUnary, sumToShape } from './ops/arith.js';
export { asStridedScatterAdd } from './ops/indexing.js';
export { broadcastShapes, normalizeAxes, normalizeAxis, sameShape, shapeSize, stridesOf } from './shape.js';
