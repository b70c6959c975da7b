import type { Tensor } from '@gradkit/core';
import { adagradUpdate, type FloatArray } from './functional/kernels.js';
import {
  checkBoolean,
  checkNonNegative,
  Optimizer,
  type ParamGroup,
  type ParamState,
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
export class Adagrad extends Optimizer<AdagradOptions> {
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

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: ParamState,
    group: ParamGroup<AdagradOptions>,
    p: Tensor,
  ): boolean {
    if (state.sum === undefined) {
      state.step = 0;
      state.sum = this.zerosFor(p, group.initialAccumulatorValue);
    }
    const step = (state.step as number) + 1;
    state.step = step;
    return adagradUpdate(param, grad, (state.sum as Tensor).data as FloatArray, step, group);
  }
}
