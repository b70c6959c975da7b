import type { Tensor } from '@gradkit/core';
import { type FloatArray, rmspropUpdate } from './functional/kernels.js';
import {
  checkBoolean,
  checkNonNegative,
  Optimizer,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
} from './optimizer.js';

/** Options of {@link RMSprop}. */
export interface RMSpropOptions {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Smoothing constant α of the squared-gradient average (default 0.99). */
  alpha: number;
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty λ (default 0). */
  weightDecay: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Normalize by the estimated variance instead of the raw second moment (default false). */
  centered: boolean;
  /** Maximize instead of minimize (default false). */
  maximize: boolean;
}

/**
 * RMSprop (Hinton, Lecture 6e of "Neural Networks for Machine Learning"; centered version from
 * Graves 2013), PyTorch `torch.optim.RMSprop` 1.13 update rule:
 *
 * ```text
 * g_t ← ∇θ f_t(θ_{t−1}) (+ λ θ_{t−1})
 * v_t ← α v_{t−1} + (1 − α) g_t²
 * centered: ḡ_t ← α ḡ_{t−1} + (1 − α) g_t,  ṽ_t ← v_t − ḡ_t²   (else ṽ_t = v_t)
 * μ > 0:   b_t ← μ b_{t−1} + g_t / (√ṽ_t + ε),  θ_t ← θ_{t−1} − γ b_t
 * else:    θ_t ← θ_{t−1} − γ g_t / (√ṽ_t + ε)
 * ```
 *
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false.
 * Deviation from the lecture (as PyTorch): ε is added outside the square root.
 *
 * ```ts
 * const opt = new RMSprop([w], { lr: 10, alpha: 0.1 }); // the gradient-descent-variants seed
 * ```
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsInput<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(params, {
      lr: 1e-2,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
      maximize: false,
      ...options,
    });
  }

  protected validate(op: string, o: RMSpropOptions, where: string): void {
    checkNonNegative(op, where, 'lr', o.lr);
    checkNonNegative(op, where, 'alpha', o.alpha);
    checkNonNegative(op, where, 'eps', o.eps);
    checkNonNegative(op, where, 'weightDecay', o.weightDecay);
    checkNonNegative(op, where, 'momentum', o.momentum);
    checkBoolean(op, where, 'centered', o.centered);
    checkBoolean(op, where, 'maximize', o.maximize);
  }

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: ParamState,
    group: ParamGroup<RMSpropOptions>,
    p: Tensor,
  ): boolean {
    if (state.squareAvg === undefined) {
      state.step = 0;
      state.squareAvg = this.zerosFor(p);
    }
    if (group.momentum > 0 && state.momentumBuffer === undefined) state.momentumBuffer = this.zerosFor(p);
    if (group.centered && state.gradAvg === undefined) state.gradAvg = this.zerosFor(p);
    state.step = (state.step as number) + 1;
    return rmspropUpdate(
      param,
      grad,
      (state.squareAvg as Tensor).data as FloatArray,
      group.centered ? ((state.gradAvg as Tensor).data as FloatArray) : null,
      group.momentum > 0 ? ((state.momentumBuffer as Tensor).data as FloatArray) : null,
      group,
    );
  }
}
