/**
 * `minimize`: run an optimizer on a function of a parameter vector and record the trajectory, as
 * the gradient-descent-variants seed's `train_curve` does: at update i it records the position
 * and loss *before* the update, then zeroes the gradient, back-propagates and steps.
 */
import { backward, noGrad, Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { Adagrad } from './adagrad.js';
import { Adam, AdamW } from './adam.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';
import type { Surface } from './surfaces.js';

/** Optimizers `minimize` knows by name. `gd` and `sgd` are both plain (momentum-free) SGD steps. */
export type OptimizerName = 'gd' | 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'adamw';
/** The names `minimize`, `makeOptimizer` and `gradkit optimize --optimizer` accept. */
export const OPTIMIZER_NAMES: readonly OptimizerName[] = [
  'gd',
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'adamw',
];

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** A name, or a factory `(params) => Optimizer` (the seed's `optimizer_func`). Default 'gd'. */
  optimizer?: OptimizerName | ((params: Tensor[]) => Optimizer<{ lr: number }>);
  /** Learning rate; default the surface's lesson value, else the optimizer's PyTorch default (SGD needs one). */
  lr?: number;
  /** Number of updates (the seed's `num_updates`, default 100). */
  steps?: number;
  /** Momentum for 'momentum'/'nesterov' (default 0.9, as the seed) and 'rmsprop' (default 0). */
  momentum?: number;
  /** RMSprop's α (PyTorch default 0.99; the seed uses 0.1). */
  alpha?: number;
  /** Weight decay (all optimizers; AdamW's default is 1e-2). */
  weightDecay?: number;
  /** Adam/AdamW betas. */
  betas?: readonly [number, number];
  /** eps for the adaptive methods. */
  eps?: number;
  /** Parameter dtype (default float64). */
  dtype?: 'float64' | 'float32';
}

/** What {@link minimize} returns: entry i is the state before update i. */
export interface Trajectory {
  /** Parameters before each update, `[steps][n]`. */
  params: number[][];
  /** Loss before each update. */
  loss: number[];
  /** Gradient at each recorded position. */
  grad: number[][];
  /** `[...params[i], loss[i]]`: the seed's `train_curve` points `[steps][n + 1]`. */
  points: number[][];
  /** Parameters after the last update. */
  final: number[];
}

/** Build a named optimizer over `params` (the seed's six plus 'gd' and 'adamw'). */
export function makeOptimizer(
  name: OptimizerName,
  params: Tensor[],
  o: Omit<MinimizeOptions, 'optimizer' | 'steps' | 'dtype'> = {},
): Optimizer<{ lr: number }> {
  const common = {
    ...(o.lr !== undefined && { lr: o.lr }),
    ...(o.weightDecay !== undefined && { weightDecay: o.weightDecay }),
  };
  const need = (): number => {
    if (o.lr === undefined)
      throw new ValueError(
        'makeOptimizer',
        `optimizer ${show(name)} needs a learning rate (options.lr); PyTorch's SGD has no default`,
      );
    return o.lr;
  };
  switch (name) {
    case 'gd':
    case 'sgd':
      return new SGD(params, { ...common, lr: need() });
    case 'momentum':
      return new SGD(params, { ...common, lr: need(), momentum: o.momentum ?? 0.9 });
    case 'nesterov':
      return new SGD(params, { ...common, lr: need(), momentum: o.momentum ?? 0.9, nesterov: true });
    case 'adagrad':
      return new Adagrad(params, { ...common, ...(o.eps !== undefined && { eps: o.eps }) });
    case 'rmsprop':
      return new RMSprop(params, {
        ...common,
        ...(o.alpha !== undefined && { alpha: o.alpha }),
        ...(o.momentum !== undefined && { momentum: o.momentum }),
        ...(o.eps !== undefined && { eps: o.eps }),
      });
    case 'adam':
    case 'adamw': {
      const opts = {
        ...common,
        ...(o.betas !== undefined && { betas: o.betas }),
        ...(o.eps !== undefined && { eps: o.eps }),
      };
      return name === 'adam' ? new Adam(params, opts) : new AdamW(params, opts);
    }
    default:
      throw new ValueError(
        'makeOptimizer',
        `unknown optimizer ${show(name)}; expected one of ${OPTIMIZER_NAMES.join(', ')}`,
      );
  }
}

function isSurface(f: unknown): f is Surface {
  return (
    f != null &&
    typeof f === 'object' &&
    typeof (f as Surface).loss === 'function' &&
    typeof (f as Surface).grad === 'function'
  );
}

/**
 * Minimize `f` from `x0` with an optimizer, recording the trajectory for plotting.
 *
 * `f` is either a {@link Surface} (loss and gradient as numbers, e.g. `pathological`) or a
 * function of a `[n]` parameter tensor returning a scalar tensor, differentiated with autograd.
 *
 * ```ts
 * const t = minimize(pathological, [5, 5], { optimizer: 'adam', lr: 10, steps: 100 });
 * t.points[0]; // [5, 5, loss at (5, 5)]
 * const u = minimize((w) => w.mul(w).sum(), [1, -2], { optimizer: 'momentum', lr: 0.1 });
 * ```
 */
export function minimize(
  f: Surface | ((x: Tensor) => Tensor),
  x0: readonly number[] | Tensor,
  options: MinimizeOptions = {},
): Trajectory {
  const op = 'minimize';
  const surface = isSurface(f) ? f : null;
  if (surface === null && typeof f !== 'function')
    throw new ValueError(op, `f must be a Surface or a function of a Tensor, received ${show(f)}`);
  const init = x0 instanceof Tensor ? x0.toList() : [...x0];
  if (init.length === 0 || !init.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new ValueError(op, `x0 must be a non-empty list of finite numbers, received ${show(init)}`);
  const steps = options.steps ?? 100;
  if (!Number.isInteger(steps) || steps < 0)
    throw new ValueError(op, `options.steps must be an integer >= 0, received ${show(steps)}`);
  const dtype = options.dtype ?? 'float64';
  const data = dtype === 'float64' ? Float64Array.from(init) : Float32Array.from(init);
  const w = new Tensor(data, [init.length], dtype);
  w.requiresGrad = true;
  const choice = options.optimizer ?? 'gd';
  const lr = options.lr ?? surface?.lr;
  const opt =
    typeof choice === 'function'
      ? choice([w])
      : makeOptimizer(choice, [w], { ...options, ...(lr !== undefined && { lr }) });
  const out: Trajectory = { params: [], loss: [], grad: [], points: [], final: [] };
  for (let i = 0; i < steps; i++) {
    const x = Array.from(w.data);
    let loss: number;
    let g: number[];
    if (surface) {
      loss = surface.loss(x);
      g = surface.grad(x);
      if (g.length !== x.length)
        throw new ValueError(op, `the surface's gradient has ${g.length} entries for ${x.length} parameters`);
    } else {
      w.grad = null;
      const l = (f as (x: Tensor) => Tensor)(w);
      if (!(l instanceof Tensor) || l.size !== 1)
        throw new ValueError(op, `f must return a one-element Tensor, received ${show(l)}`);
      loss = l.item();
      backward(l);
      if (w.grad === null)
        throw new ValueError(op, 'f(x) does not depend on x (no gradient reached the parameters)');
      g = (w.grad as Tensor).toList();
    }
    out.params.push(x);
    out.loss.push(loss);
    out.grad.push(g);
    out.points.push([...x, loss]);
    opt.zeroGrad();
    w.grad = new Tensor(dtype === 'float64' ? Float64Array.from(g) : Float32Array.from(g), [x.length], dtype);
    noGrad(() => opt.step());
  }
  out.final = Array.from(w.data);
  return out;
}
