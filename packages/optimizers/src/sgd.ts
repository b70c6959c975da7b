import { show, type Tensor, ValueError } from '@gradkit/core';
import { type FloatArray, sgdUpdate } from './functional/kernels.js';
import {
  checkBoolean,
  checkNonNegative,
  Optimizer,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
} from './optimizer.js';

/** Options of {@link SGD}; the names are PyTorch's in camelCase. */
export interface SGDOptions {
  /** Learning rate γ (required, as in PyTorch). */
  lr: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Dampening τ for momentum (default 0). */
  dampening: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** Maximize the objective instead of minimizing it (default false). */
  maximize: boolean;
}

/**
 * Stochastic gradient descent with optional momentum (PyTorch `torch.optim.SGD`, 1.13 update
 * rule, equal to it to rounding in float64):
 *
 * ```text
 * g_t ← ∇θ f_t(θ_{t−1})            (−∇ if maximize)
 * g_t ← g_t + λ θ_{t−1}             if λ ≠ 0
 * b_t ← g_t (t = 1), μ b_{t−1} + (1 − τ) g_t (t > 1)    if μ ≠ 0
 * g_t ← g_t + μ b_t (nesterov) or b_t
 * θ_t ← θ_{t−1} − γ g_t
 * ```
 *
 * Defaults: momentum 0, dampening 0, weightDecay 0, nesterov false, maximize false; lr required.
 * Nesterov momentum is from Sutskever et al. 2013 ("On the importance of initialization and
 * momentum in deep learning"). Deviation from the paper (as PyTorch): the velocity is
 * `b ← μb + g`, `θ ← θ − γb` rather than `v ← μv − γg`, `θ ← θ + v`; the two agree for a
 * constant lr. UDL eq. 6.11 (momentum) writes the book's form `m ← βm + (1 − β)g`,
 * `φ ← φ − αm` (m starting at 0): that is exactly `lr = α(1 − β)`, `momentum = β`, `dampening = 0`
 * here, since the first buffer `b = g` makes `m = (1 − β)b` at every step (`dampening = β` differs
 * on the first step, where PyTorch's buffer is `g` undamped).
 *
 * ```ts
 * const opt = new SGD([w], { lr: 0.05, momentum: 0.9 });
 * loss.backward(); opt.step(); opt.zeroGrad();
 * ```
 * State per parameter: `momentumBuffer` (when momentum ≠ 0).
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> & { lr: number }) {
    if (options == null || options.lr === undefined)
      throw new ValueError(
        'SGD',
        `options.lr is required (PyTorch's SGD has no default learning rate), received ${show(options?.lr)}`,
      );
    super(params, {
      momentum: 0,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
      ...options,
    });
  }

  protected validate(op: string, o: SGDOptions, where: string): void {
    checkNonNegative(op, where, 'lr', o.lr);
    checkNonNegative(op, where, 'momentum', o.momentum);
    checkNonNegative(op, where, 'dampening', o.dampening);
    checkNonNegative(op, where, 'weightDecay', o.weightDecay);
    checkBoolean(op, where, 'nesterov', o.nesterov);
    checkBoolean(op, where, 'maximize', o.maximize);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0))
      throw new ValueError(
        op,
        `${where}: nesterov momentum requires momentum > 0 and dampening = 0, received momentum=${o.momentum}, dampening=${o.dampening}`,
      );
  }

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: ParamState,
    group: ParamGroup<SGDOptions>,
    p: Tensor,
  ): boolean {
    let buf: FloatArray | null = null;
    let init = false;
    if (group.momentum !== 0) {
      let b = state.momentumBuffer as Tensor | undefined;
      if (b === undefined) {
        b = this.zerosFor(p);
        state.momentumBuffer = b;
        init = true;
      }
      buf = b.data as FloatArray;
    }
    return sgdUpdate(param, grad, buf, init, group);
  }
}
