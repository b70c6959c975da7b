/**
 * Adagrad (PyTorch's `torch.optim.Adagrad`): its options and state, the rule as tensor ops
 * (`adagradReference`), the same rule as an in-place loop (`adagradUpdate`), and the optimizer.
 */
import { add, div, fma, mul, neg, sqrt, type Tensor } from '@gradkit/core';
import {
  checkBoolean,
  checkNonNegative,
  type FloatArray,
  Optimizer,
  type ParamGroup,
  type ParamsInput,
} from './optimizer.js';

/** Options of {@link Adagrad}. */
export interface AdagradOptions {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Learning-rate decay η (default 0). */
  lrDecay: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squares (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator for stability (default 1e-10). */
  eps: number;
  /** Maximize instead of minimize (default false). */
  maximize: boolean;
}

/** The state of one parameter: the step count `t` and the running sum of squared gradients `s`. */
export interface AdagradState {
  step: number;
  sum: Tensor;
}

/** Options of {@link adagradUpdate} (PyTorch `torch.optim.Adagrad`). */
export interface AdagradKernelOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  eps: number;
  maximize: boolean;
}

// The rule, readable: one line per line of PyTorch's `_single_tensor_*` function, in tensor ops,
// pure (returns the new parameter and state). The optimizer runs the fast loop below it.

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

// The fast loop: the rule above in place over the parameter's typed array, exactly the arithmetic
// of PyTorch 1.13's `_single_tensor_*` function (same operations in the same order; float64 uses
// an emulated FMA where PyTorch's compiled `add_(y, alpha=a)` / `addcmul_` round once), returning
// false when a parameter value became non-finite (`p − p` is 0 only for a finite `p`). The tests
// check it against the reference.

/**
 * Adagrad, in place, for step number `step` (1 on the first call).
 *
 * g ← ±∇ + λθ;  γ̃ ← γ / (1 + (t − 1) η);  s ← s + g²;  θ ← θ − γ̃ g / (√s + ε).
 */
export function adagradUpdate(
  param: FloatArray,
  grad: FloatArray,
  sum: FloatArray,
  step: number,
  o: AdagradKernelOptions,
): boolean {
  const { lr, lrDecay, weightDecay: wd, eps, maximize } = o;
  const clr = lr / (1 + (step - 1) * lrDecay);
  const negClr = -clr;
  const n = param.length;
  // float64: PyTorch's single-rounding FMA; float32: float64 intermediates are already finer than
  // float32 FMA, so plain arithmetic (and no emulation cost)
  const X = param instanceof Float64Array;
  let finite = true;
  for (let i = 0; i < n; i++) {
    let g = maximize ? -grad[i]! : grad[i]!;
    if (wd !== 0) g = X ? fma(wd, param[i]!, g) : wd * param[i]! + g;
    sum[i] = X ? fma(g, g, sum[i]!) : g * g + sum[i]!; // addcmul_(grad, grad, value=1)
    const std = Math.sqrt(sum[i]!) + eps;
    param[i] = param[i]! + (negClr * g) / std; // addcdiv_(grad, std, value=-clr)
    if (param[i]! - param[i]! !== 0) finite = false;
  }
  return finite;
}

/**
 * Adagrad (Duchi, Hazan & Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization"), PyTorch `torch.optim.Adagrad` 1.13 update rule:
 *
 * ```text
 * g_t ← ∇θ f_t(θ_{t−1}) (+ λ θ_{t−1})
 * γ̃  ← γ / (1 + (t − 1) η)
 * s_t ← s_{t−1} + g_t²
 * θ_t ← θ_{t−1} − γ̃ g_t / (√s_t + ε)
 * ```
 *
 * Defaults: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 * Deviation from PyTorch: the state (`sum`, `step`) is created on the parameter's first step,
 * not in the constructor; the values are the same.
 *
 * ```ts
 * const opt = new Adagrad([w], { lr: 10 });
 * ```
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(params, {
      lr: 1e-2,
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
      maximize: false,
      ...options,
    });
  }

  protected validate(op: string, o: AdagradOptions, where: string): void {
    checkNonNegative(op, where, 'lr', o.lr);
    checkNonNegative(op, where, 'lrDecay', o.lrDecay);
    checkNonNegative(op, where, 'weightDecay', o.weightDecay);
    checkNonNegative(op, where, 'initialAccumulatorValue', o.initialAccumulatorValue);
    checkNonNegative(op, where, 'eps', o.eps);
    checkBoolean(op, where, 'maximize', o.maximize);
  }

  protected initState(p: Tensor, group: ParamGroup<AdagradOptions>): AdagradState {
    return { step: 0, sum: this.zerosFor(p, group.initialAccumulatorValue) };
  }

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: AdagradState,
    group: ParamGroup<AdagradOptions>,
  ): boolean {
    state.step += 1;
    return adagradUpdate(param, grad, state.sum.data as FloatArray, state.step, group);
  }
}
