/**
 * Finite-difference gradient checking: the test every differentiable op and every lesson's
 * backward pass goes through (UDL's notebooks check backprop against finite differences the
 * same way).
 *
 * Central differences: `df/dx_i ≈ (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)` (error O(eps²));
 * forward differences: `df/dx_i ≈ (f(x + eps e_i) - f(x)) / eps` (error O(eps)).
 * The perturbed evaluations run in float64 (float32 leaves are promoted) without recording.
 */
import { DTypeError, GradkitError, show, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { grad } from './api.js';
import { noGrad } from './engine.js';
import {
  keyPathString,
  type PathEntry,
  type PyTree,
  treeFlatten,
  treeLeafPaths,
  treeUnflatten,
} from './pytree.js';

/** Thrown by `assertGrad` when autograd and finite differences disagree. */
export class GradCheckError extends GradkitError {}

export interface NumericGradOptions {
  /** Step size (absolute), default 1e-6. */
  eps?: number;
  /** 'central' (default) or 'forward' differences. */
  scheme?: 'central' | 'forward';
}

export interface CheckGradOptions extends NumericGradOptions {
  /** Relative tolerance, default 1e-5: an element passes when |analytic - numeric| <= atol + rtol * |numeric|. */
  rtol?: number;
  /** Absolute tolerance, default 1e-8. */
  atol?: number;
}

export interface CheckGradResult {
  /** Whether every element is within tolerance. */
  ok: boolean;
  /** max |analytic - numeric| over all elements. */
  maxAbsError: number;
  /** max |analytic - numeric| / max(|numeric|, atol) over all elements. */
  maxRelError: number;
  /** The element furthest outside (or closest to) the tolerance; null when x has no elements. */
  worst: { path: string; index: number[]; analytic: number; numeric: number } | null;
  /** Number of elements compared. */
  count: number;
}

function scalarValue(op: string, out: unknown): number {
  if (typeof out === 'number') return out;
  if (out instanceof Tensor) {
    if (out.size !== 1)
      throw new ValueError(op, `f must return a scalar, received a Tensor of shape [${out.shape.join(',')}]`);
    return out.data[0]!;
  }
  throw new ValueError(
    op,
    `f must return a scalar (a one-element Tensor or a number), received ${show(out)}`,
  );
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d]!;
    flat = Math.floor(flat / shape[d]!);
  }
  return idx;
}

interface Leaf {
  path: PathEntry[];
  isNumber: boolean;
  shape: readonly number[];
  values: Float64Array;
}

function leavesOf(op: string, x: PyTree) {
  const { leaves, treedef } = treeFlatten(x);
  const paths = treeLeafPaths(x);
  const info: Leaf[] = leaves.map((l, i) => {
    const where = `x${keyPathString(paths[i]!)}`;
    if (typeof l === 'number')
      return { path: paths[i]!, isNumber: true, shape: [], values: Float64Array.of(l) };
    if (l instanceof Tensor) {
      if (l.dtype !== 'float64' && l.dtype !== 'float32')
        throw new DTypeError(
          op,
          `cannot take finite differences with respect to ${where} of dtype ${l.dtype}; expected float64 or float32`,
        );
      return { path: paths[i]!, isNumber: false, shape: l.shape, values: Float64Array.from(l.data) };
    }
    throw new ValueError(op, `${where} must be a Tensor or a number, received ${show(l)}`);
  });
  return { info, treedef };
}

/**
 * The finite-difference gradient of a scalar function `f` at `x` (a Tensor, a number, or a
 * pytree of them), with the structure of `x`: numbers for numbers, float64 Tensors for tensors.
 * Costs 2 evaluations of `f` per element (central) or 1 + 1 per element (forward).
 *
 * ```ts
 * numericGrad((x: Tensor) => x.mul(x).sum(), tensor([1, 2])); // ≈ tensor([2, 4])
 * ```
 */
export function numericGrad(f: (x: any) => unknown, x: PyTree, options: NumericGradOptions = {}): any {
  const op = 'numericGrad';
  const eps = options.eps ?? 1e-6;
  const scheme = options.scheme ?? 'central';
  if (!(eps > 0) || !Number.isFinite(eps))
    throw new ValueError(op, `eps must be a positive finite number, received ${show(eps)}`);
  if (scheme !== 'central' && scheme !== 'forward')
    throw new ValueError(op, `scheme must be 'central' or 'forward', received ${show(scheme)}`);
  const { info, treedef } = leavesOf(op, x);
  const current = info.map((l) =>
    l.isNumber ? l.values[0]! : new Tensor(l.values.slice(), l.shape, 'float64'),
  );
  const evalAt = (): number =>
    scalarValue(
      op,
      noGrad(() => f(treeUnflatten(treedef, current))),
    );
  const f0 = scheme === 'forward' ? evalAt() : 0;
  const grads = info.map((l, li) => {
    const g = new Float64Array(l.values.length);
    for (let j = 0; j < l.values.length; j++) {
      const v = l.values[j]!;
      const set = (val: number) => {
        if (l.isNumber) current[li] = val;
        else {
          const data = l.values.slice();
          data[j] = val;
          current[li] = new Tensor(data, l.shape, 'float64');
        }
      };
      if (scheme === 'central') {
        set(v + eps);
        const fp = evalAt();
        set(v - eps);
        const fm = evalAt();
        g[j] = (fp - fm) / (2 * eps);
      } else {
        set(v + eps);
        g[j] = (evalAt() - f0) / eps;
      }
      set(v);
    }
    current[li] = l.isNumber ? l.values[0]! : new Tensor(l.values.slice(), l.shape, 'float64');
    return l.isNumber ? g[0]! : new Tensor(g, l.shape, 'float64');
  });
  return treeUnflatten(treedef, grads);
}

/**
 * Compare the autograd gradient of a scalar function `f` at `x` (a Tensor, number or pytree)
 * with finite differences, element by element. An element passes when
 * `|analytic - numeric| <= atol + rtol * |numeric|`.
 *
 * ```ts
 * const r = checkGrad((x: Tensor) => x.mul(x).sum(), tensor([1, 2, 3]));
 * r.ok; // true
 * ```
 */
export function checkGrad(
  f: (x: any) => unknown,
  x: PyTree,
  options: CheckGradOptions = {},
): CheckGradResult {
  const op = 'checkGrad';
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  if (!(rtol >= 0) || !(atol >= 0))
    throw new ValueError(
      op,
      `rtol and atol must be non-negative numbers, received rtol=${show(rtol)}, atol=${show(atol)}`,
    );
  const analytic = treeFlatten(grad(f)(x)).leaves;
  const numeric = treeFlatten(numericGrad(f, x, options)).leaves;
  const paths = treeLeafPaths(x);
  let ok = true;
  let maxAbs = 0;
  let maxRel = 0;
  let worstScore = -Infinity;
  let worst: CheckGradResult['worst'] = null;
  let count = 0;
  analytic.forEach((a, i) => {
    const n = numeric[i];
    const ad = typeof a === 'number' ? [a] : (a as Tensor).data;
    const nd = typeof n === 'number' ? [n] : (n as Tensor).data;
    const shape = typeof n === 'number' ? [] : (n as Tensor).shape;
    for (let j = 0; j < nd.length; j++) {
      const av = ad[j]!;
      const nv = nd[j]!;
      const err = Math.abs(av - nv);
      const tol = atol + rtol * Math.abs(nv);
      const bad = !(err <= tol); // NaN counts as a failure
      count++;
      if (bad) ok = false;
      maxAbs = Math.max(maxAbs, Number.isNaN(err) ? Infinity : err);
      maxRel = Math.max(maxRel, Number.isNaN(err) ? Infinity : err / Math.max(Math.abs(nv), atol));
      const score = Number.isNaN(err) ? Infinity : err / tol;
      if (score > worstScore) {
        worstScore = score;
        worst = { path: keyPathString(paths[i]!), index: unravel(j, shape), analytic: av, numeric: nv };
      }
    }
  });
  return { ok, maxAbsError: maxAbs, maxRelError: maxRel, worst, count };
}

/**
 * `checkGrad` that throws a `GradCheckError` with a readable message when the
 * gradients disagree, e.g.
 * `assertGrad: gradient mismatch at x[1].w[0,2]: autograd 0.5, finite differences 0.25 (abs error 0.25, rel error 1; rtol 1e-5, atol 1e-8)`.
 * Returns the result when they agree.
 */
export function assertGrad(
  f: (x: any) => unknown,
  x: PyTree,
  options: CheckGradOptions = {},
): CheckGradResult {
  const r = checkGrad(f, x, options);
  if (!r.ok && r.worst) {
    const w = r.worst;
    const idx = w.index.length ? `[${w.index.join(',')}]` : '';
    throw new GradCheckError(
      'assertGrad',
      `gradient mismatch at x${w.path}${idx}: autograd ${w.analytic}, finite differences ${w.numeric} ` +
        `(abs error ${Math.abs(w.analytic - w.numeric)}, max rel error ${r.maxRelError}; rtol ${options.rtol ?? 1e-5}, atol ${options.atol ?? 1e-8}, ` +
        `eps ${options.eps ?? 1e-6}, scheme ${options.scheme ?? 'central'})`,
    );
  }
  return r;
}
