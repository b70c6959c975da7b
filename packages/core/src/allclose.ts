/**
 * Element-wise closeness with tolerances, numpy's `np.isclose` and `np.allclose`: the check a
 * finite-difference test makes (UDL Notebook 7.2 compares backpropagation with finite differences
 * with `np.allclose(fd, backprop, rtol=1e-05, atol=1e-08)`).
 */

import { show, ValueError } from './errors.js';
import { broadcastTo } from './ops/arith.js';
import { astype } from './ops/unary.js';
import { broadcastShapes } from './shape.js';
import { Tensor, type TensorLike, tensor } from './tensor.js';

/** Tolerances of {@link isclose} and {@link allclose} (numpy's names and defaults). */
export interface CloseOptions {
  /** Relative tolerance, scaled by `|b|`. Default 1e-5. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-8. */
  atol?: number;
  /** Count NaN as equal to NaN. Default false. */
  equalNan?: boolean;
}

function operand(x: TensorLike): Tensor {
  const t = x instanceof Tensor ? x : tensor(x as never);
  return t.dtype === 'bool' ? astype(t, 'float64') : t;
}

function tolerances(op: string, options: CloseOptions): [number, number, boolean] {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  for (const [name, v] of [
    ['rtol', rtol],
    ['atol', atol],
  ] as const)
    if (typeof v !== 'number' || !(v >= 0))
      throw new ValueError(op, `${name} must be a non-negative number, received ${show(v)}`);
  return [rtol, atol, options.equalNan === true];
}

function closeMask(op: string, a: TensorLike, b: TensorLike, options: CloseOptions): Tensor {
  const [rtol, atol, equalNan] = tolerances(op, options);
  const x = operand(a);
  const y = operand(b);
  const shape = broadcastShapes(op, x.shape, y.shape);
  const xd = broadcastTo(x, shape).data;
  const yd = broadcastTo(y, shape).data;
  const out = new Uint8Array(xd.length);
  for (let i = 0; i < out.length; i++) {
    const u = xd[i]!;
    const v = yd[i]!;
    if (Number.isFinite(u) && Number.isFinite(v))
      out[i] = Math.abs(u - v) <= atol + rtol * Math.abs(v) ? 1 : 0;
    else if (Number.isNaN(u) || Number.isNaN(v))
      out[i] = equalNan && Number.isNaN(u) && Number.isNaN(v) ? 1 : 0;
    else out[i] = u === v ? 1 : 0; // infinities: close only to the same infinity
  }
  return new Tensor(out, shape, 'bool');
}

/**
 * `|a − b| <= atol + rtol·|b|` element-wise, with broadcasting, as a bool tensor (numpy's
 * `np.isclose`; note the test is not symmetric: `b` is the reference). Infinities are close only
 * to the same infinity; NaN is close to nothing unless `equalNan`.
 *
 * ```ts
 * isclose(tensor([1, 1.00001, 2]), 1).toArray(); // [true, true, false]
 * ```
 */
export function isclose(a: TensorLike, b: TensorLike, options: CloseOptions = {}): Tensor {
  return closeMask('isclose', a, b, options);
}

/**
 * Whether every element of `a` is close to the matching element of `b` (numpy's `np.allclose`:
 * {@link isclose} for all elements, with broadcasting, defaults `rtol = 1e-5`, `atol = 1e-8`).
 *
 * ```ts
 * allclose(tensor([1e10, 1e-7]), tensor([1.00001e10, 1e-8])); // false (numpy too)
 * allclose(tensor([1e10, 1e-8]), tensor([1.00001e10, 1e-9])); // true
 * ```
 */
export function allclose(a: TensorLike, b: TensorLike, options: CloseOptions = {}): boolean {
  const m = closeMask('allclose', a, b, options).data;
  for (let i = 0; i < m.length; i++) if (!m[i]) return false;
  return true;
}
