import { show, type Tensor, ValueError } from '@gradkit/core';
import { adamUpdate, type FloatArray } from './functional/kernels.js';
import {
  checkBoolean,
  checkNonNegative,
  Optimizer,
  type ParamGroup,
  type ParamState,
  type ParamsInput,
} from './optimizer.js';

/** Options of {@link Adam} and {@link AdamW}. */
export interface AdamOptions {
  /** Learning rate γ (default 1e-3). */
  lr: number;
  /** Decay rates (β₁, β₂) of the first and second moment averages, each in [0, 1) (default [0.9, 0.999]). */
  betas: readonly [number, number];
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** Adam: L2 penalty λ added to the gradient (default 0). AdamW: decoupled decay (default 1e-2). */
  weightDecay: number;
  /** Use the running maximum of the second moment (AMSGrad, default false). */
  amsgrad: boolean;
  /** Maximize instead of minimize (default false). */
  maximize: boolean;
}

function validateAdam(op: string, o: AdamOptions, where: string): void {
  checkNonNegative(op, where, 'lr', o.lr);
  checkNonNegative(op, where, 'eps', o.eps);
  checkNonNegative(op, where, 'weightDecay', o.weightDecay);
  checkBoolean(op, where, 'amsgrad', o.amsgrad);
  checkBoolean(op, where, 'maximize', o.maximize);
  const b = o.betas as unknown;
  if (!Array.isArray(b) || b.length !== 2)
    throw new ValueError(op, `${where}.betas must be a pair [beta1, beta2], received ${show(b)}`);
  b.forEach((v, i) => {
    if (typeof v !== 'number' || !(v >= 0) || !(v < 1))
      throw new ValueError(op, `${where}.betas[${i}] must be in [0, 1), received ${show(v)}`);
  });
}

function adamStep(
  opt: { zeros(p: Tensor): Tensor },
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: AdamOptions,
  p: Tensor,
  decoupled: boolean,
): boolean {
  if (state.expAvg === undefined) {
    state.step = 0;
    state.expAvg = opt.zeros(p);
    state.expAvgSq = opt.zeros(p);
  }
  if (group.amsgrad && state.maxExpAvgSq === undefined) state.maxExpAvgSq = opt.zeros(p);
  const step = (state.step as number) + 1;
  state.step = step;
  return adamUpdate(
    param,
    grad,
    (state.expAvg as Tensor).data as FloatArray,
    (state.expAvgSq as Tensor).data as FloatArray,
    group.amsgrad ? ((state.maxExpAvgSq as Tensor).data as FloatArray) : null,
    step,
    {
      lr: group.lr,
      beta1: group.betas[0],
      beta2: group.betas[1],
      eps: group.eps,
      weightDecay: group.weightDecay,
      amsgrad: group.amsgrad,
      maximize: group.maximize,
      decoupled,
    },
  );
}

/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"; AMSGrad from Reddi et
 * al. 2018), PyTorch `torch.optim.Adam` 1.13 update rule. UDL eqs. 6.15–6.16 in the book's form.
 *
 * ```text
 * g_t ← ±∇θ f_t(θ_{t−1}) (+ λ θ_{t−1})
 * m_t ← β₁ m_{t−1} + (1 − β₁) g_t
 * v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
 * v̂_t ← max(v̂_{t−1}, v_t)   (amsgrad; else v̂_t = v_t)
 * θ_t ← θ_{t−1} − γ/(1 − β₁ᵗ) · m_t / (√v̂_t / √(1 − β₂ᵗ) + ε)
 * ```
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, amsgrad false.
 * Deviation from the paper (as PyTorch): ε is added after the bias correction of √v, i.e.
 * ε̂ = ε √(1 − β₂ᵗ) in the paper's terms.
 *
 * ```ts
 * const opt = new Adam(model.parameters(), { lr: 0.05 });
 * ```
 * State per parameter: `step`, `expAvg`, `expAvgSq` (+ `maxExpAvgSq` with amsgrad).
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
      ...options,
    });
  }
  protected validate(op: string, o: AdamOptions, where: string): void {
    validateAdam(op, o, where);
  }
  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: ParamState,
    group: ParamGroup<AdamOptions>,
    p: Tensor,
  ): boolean {
    return adamStep({ zeros: (t) => this.zerosFor(t) }, param, grad, state, group, p, false);
  }
}

/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"), PyTorch
 * `torch.optim.AdamW` 1.13: Adam whose weight decay shrinks the parameters directly,
 * `θ ← θ (1 − γλ)`, before the Adam step, instead of adding `λθ` to the gradient.
 *
 * Defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 1e-2, amsgrad false.
 * Deviation from the paper (as PyTorch): the decay is multiplied by the learning rate γ (the
 * paper's schedule multiplier η_t times λ with γ folded in).
 *
 * ```ts
 * const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 * ```
 */
export class AdamW extends Optimizer<AdamOptions> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, {
      lr: 1e-3,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 1e-2,
      amsgrad: false,
      maximize: false,
      ...options,
    });
  }
  protected validate(op: string, o: AdamOptions, where: string): void {
    validateAdam(op, o, where);
  }
  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: ParamState,
    group: ParamGroup<AdamOptions>,
    p: Tensor,
  ): boolean {
    return adamStep({ zeros: (t) => this.zerosFor(t) }, param, grad, state, group, p, true);
  }
}
