/**
 * Adam and AdamW (PyTorch's `torch.optim.Adam` / `AdamW`): their options and state, the rule as
 * tensor ops (`adamReference`), the same rule as an in-place loop (`adamUpdate`), and the two
 * optimizers that run it.
 */
import { add, div, fma, maximum, mul, neg, sqrt, type Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import {
  checkBoolean,
  checkNonNegative,
  type FloatArray,
  Optimizer,
  type ParamGroup,
  type ParamsInput,
} from './optimizer.js';
import { powInt } from './pow.js';

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

/**
 * The state of one parameter: the step count `t`, the moment averages `m` (`expAvg`) and `v`
 * (`expAvgSq`), and with AMSGrad their running maximum `v̂` (`maxExpAvgSq`).
 */
export interface AdamState {
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
  maxExpAvgSq?: Tensor;
}

/** Options of {@link adamUpdate} (PyTorch `torch.optim.Adam` / `AdamW`). */
export interface AdamKernelOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  /** true: AdamW's decoupled decay θ ← θ(1 − γλ); false: Adam's L2 term g ← g + λθ. */
  decoupled: boolean;
}

// The rule, readable: one line per line of PyTorch's `_single_tensor_*` function, in tensor ops,
// pure (returns the new parameter and state). The optimizer runs the fast loop below it.

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
  const biasCorrection1 = 1 - powInt(o.beta1, step);
  const biasCorrection2 = 1 - powInt(o.beta2, step);
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

// The fast loop: the rule above in place over the parameter's typed array, exactly the arithmetic
// of PyTorch 1.13's `_single_tensor_*` function (same operations in the same order; float64 uses
// an emulated FMA where PyTorch's compiled `add_(y, alpha=a)` / `addcmul_` round once), returning
// false when a parameter value became non-finite (`p − p` is 0 only for a finite `p`). The tests
// check it against the reference.

/**
 * Adam / AdamW, in place, for step number `step` (1 on the first call).
 *
 * g ← ±∇ (+ λθ for Adam; AdamW first scales θ ← θ(1 − γλ));  m ← β₁m + (1 − β₁)g;
 * v ← β₂v + (1 − β₂)g²;  v̂ ← max(v̂, v) (AMSGrad);  θ ← θ − γ/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε).
 */
export function adamUpdate(
  param: FloatArray,
  grad: FloatArray,
  expAvg: FloatArray,
  expAvgSq: FloatArray,
  maxExpAvgSq: FloatArray | null,
  step: number,
  o: AdamKernelOptions,
): boolean {
  const { lr, beta1, beta2, eps, weightDecay: wd, amsgrad, maximize, decoupled } = o;
  const biasCorrection1 = 1 - powInt(beta1, step);
  const biasCorrection2 = 1 - powInt(beta2, step);
  const stepSize = lr / biasCorrection1;
  const negStepSize = -stepSize;
  const bc2Sqrt = Math.sqrt(biasCorrection2);
  const oneMinusB1 = 1 - beta1;
  const oneMinusB2 = 1 - beta2;
  const decay = 1 - lr * wd;
  const useMax = amsgrad && maxExpAvgSq !== null;
  const n = param.length;
  // float64: PyTorch's single-rounding FMA; float32: float64 intermediates are already finer than
  // float32 FMA, so plain arithmetic (and no emulation cost)
  const X = param instanceof Float64Array;
  let finite = true;
  for (let i = 0; i < n; i++) {
    let g = maximize ? -grad[i]! : grad[i]!;
    if (decoupled) {
      if (wd !== 0) param[i] = param[i]! * decay;
    } else if (wd !== 0) g = X ? fma(wd, param[i]!, g) : wd * param[i]! + g;
    expAvg[i] = expAvg[i]! * beta1;
    expAvg[i] = X ? fma(oneMinusB1, g, expAvg[i]!) : oneMinusB1 * g + expAvg[i]!;
    expAvgSq[i] = expAvgSq[i]! * beta2;
    expAvgSq[i] = X ? fma(oneMinusB2 * g, g, expAvgSq[i]!) : oneMinusB2 * g * g + expAvgSq[i]!;
    let denom: number;
    if (useMax) {
      const v = expAvgSq[i]!;
      const mx = maxExpAvgSq[i]!;
      // torch.maximum propagates NaN
      maxExpAvgSq[i] = Number.isNaN(v) || Number.isNaN(mx) ? Number.NaN : v > mx ? v : mx;
      denom = Math.sqrt(maxExpAvgSq[i]!) / bc2Sqrt + eps;
    } else denom = Math.sqrt(expAvgSq[i]!) / bc2Sqrt + eps;
    param[i] = param[i]! + (negStepSize * expAvg[i]!) / denom; // addcdiv_(exp_avg, denom, value=-step_size)
    if (param[i]! - param[i]! !== 0) finite = false;
  }
  return finite;
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

/** A parameter's state before its first step: zero moments (and their running maximum with AMSGrad). */
function adamInitState(zeros: () => Tensor, amsgrad: boolean): AdamState {
  return { step: 0, expAvg: zeros(), expAvgSq: zeros(), ...(amsgrad ? { maxExpAvgSq: zeros() } : {}) };
}

/** One Adam / AdamW step of one parameter: the state's counters and buffers, then the fast loop. */
function adamStep(
  zeros: () => Tensor,
  param: FloatArray,
  grad: FloatArray,
  state: AdamState,
  group: AdamOptions,
  decoupled: boolean,
): boolean {
  if (group.amsgrad && state.maxExpAvgSq === undefined) state.maxExpAvgSq = zeros(); // amsgrad switched on later
  state.step += 1;
  return adamUpdate(
    param,
    grad,
    state.expAvg.data as FloatArray,
    state.expAvgSq.data as FloatArray,
    group.amsgrad ? (state.maxExpAvgSq!.data as FloatArray) : null,
    state.step,
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
export class Adam extends Optimizer<AdamOptions, AdamState> {
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
  protected initState(p: Tensor, group: ParamGroup<AdamOptions>): AdamState {
    return adamInitState(() => this.zerosFor(p), group.amsgrad);
  }

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: AdamState,
    group: ParamGroup<AdamOptions>,
    p: Tensor,
  ): boolean {
    return adamStep(() => this.zerosFor(p), param, grad, state, group, false);
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
export class AdamW extends Optimizer<AdamOptions, AdamState> {
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
  protected initState(p: Tensor, group: ParamGroup<AdamOptions>): AdamState {
    return adamInitState(() => this.zerosFor(p), group.amsgrad);
  }

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: AdamState,
    group: ParamGroup<AdamOptions>,
    p: Tensor,
  ): boolean {
    return adamStep(() => this.zerosFor(p), param, grad, state, group, true);
  }
}
