/**
 * RMSprop (PyTorch's `torch.optim.RMSprop`): its options and state, the rule as tensor ops
 * (`rmspropReference`), the same rule as an in-place loop (`rmspropUpdate`), and the optimizer.
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
 * The state of one parameter: the step count, the average of squared gradients `v`, and, when
 * the options ask for them, the momentum buffer `b` and the average gradient `ḡ` (centered).
 */
export interface RMSpropState {
  step: number;
  squareAvg: Tensor;
  momentumBuffer?: Tensor;
  gradAvg?: Tensor;
}

/** Options of {@link rmspropUpdate} (PyTorch `torch.optim.RMSprop`). */
export interface RMSpropKernelOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

// The rule, readable: one line per line of PyTorch's `_single_tensor_*` function, in tensor ops,
// pure (returns the new parameter and state). The optimizer runs the fast loop below it.

/** RMSprop: returns θ' and the new averages/buffer (gradAvg and buf only when used). */
export function rmspropReference(
  param: Tensor,
  grad: Tensor,
  state: { squareAvg: Tensor; gradAvg?: Tensor; buf?: Tensor },
  o: RMSpropKernelOptions,
): { param: Tensor; squareAvg: Tensor; gradAvg?: Tensor; buf?: Tensor } {
  let g = o.maximize ? neg(grad) : grad;
  if (o.weightDecay !== 0) g = add(g, mul(param, o.weightDecay));
  const squareAvg = add(mul(state.squareAvg, o.alpha), mul(mul(g, 1 - o.alpha), g));
  let avg: Tensor;
  let gradAvg: Tensor | undefined;
  if (o.centered) {
    gradAvg = add(mul(state.gradAvg!, o.alpha), mul(g, 1 - o.alpha));
    avg = sqrt(add(squareAvg, mul(mul(gradAvg, -1), gradAvg)));
  } else avg = sqrt(squareAvg);
  avg = add(avg, o.eps);
  if (o.momentum > 0) {
    const buf = add(mul(state.buf!, o.momentum), div(g, avg));
    return { param: add(param, mul(buf, -o.lr)), squareAvg, gradAvg, buf };
  }
  return { param: add(param, div(mul(g, -o.lr), avg)), squareAvg, gradAvg };
}

// The fast loop: the rule above in place over the parameter's typed array, exactly the arithmetic
// of PyTorch 1.13's `_single_tensor_*` function (same operations in the same order; float64 uses
// an emulated FMA where PyTorch's compiled `add_(y, alpha=a)` / `addcmul_` round once), returning
// false when a parameter value became non-finite (`p − p` is 0 only for a finite `p`). The tests
// check it against the reference.

/**
 * RMSprop, in place.
 *
 * g ← ±∇ + λθ;  v ← α v + (1 − α) g²;  (centered: ḡ ← α ḡ + (1 − α) g, ṽ ← v − ḡ²);
 * a ← √ṽ + ε;  momentum: b ← μ b + g / a, θ ← θ − γ b;  else θ ← θ − γ g / a.
 *
 * @param gradAvg ḡ, only read when `centered`; @param buf b, only read when momentum > 0.
 */
export function rmspropUpdate(
  param: FloatArray,
  grad: FloatArray,
  squareAvg: FloatArray,
  gradAvg: FloatArray | null,
  buf: FloatArray | null,
  o: RMSpropKernelOptions,
): boolean {
  const { lr, alpha, eps, weightDecay: wd, momentum, centered, maximize } = o;
  const oneMinusAlpha = 1 - alpha;
  const negLr = -lr;
  const n = param.length;
  // float64: PyTorch's single-rounding FMA; float32: float64 intermediates are already finer than
  // float32 FMA, so plain arithmetic (and no emulation cost)
  const X = param instanceof Float64Array;
  const useMomentum = momentum > 0 && buf !== null;
  const useCentered = centered && gradAvg !== null;
  let finite = true;
  for (let i = 0; i < n; i++) {
    let g = maximize ? -grad[i]! : grad[i]!;
    if (wd !== 0) g = X ? fma(wd, param[i]!, g) : wd * param[i]! + g;
    squareAvg[i] = squareAvg[i]! * alpha;
    squareAvg[i] = X ? fma(oneMinusAlpha * g, g, squareAvg[i]!) : oneMinusAlpha * g * g + squareAvg[i]!; // addcmul_(g, g, value=1 - alpha)
    let avg: number;
    if (useCentered) {
      gradAvg[i] = gradAvg[i]! * alpha;
      gradAvg[i] = X ? fma(oneMinusAlpha, g, gradAvg[i]!) : oneMinusAlpha * g + gradAvg[i]!;
      const ga = gradAvg[i]!;
      avg = Math.sqrt(X ? fma(-1 * ga, ga, squareAvg[i]!) : -1 * ga * ga + squareAvg[i]!); // square_avg.addcmul(ga, ga, value=-1).sqrt_()
    } else avg = Math.sqrt(squareAvg[i]!);
    avg = avg + eps;
    if (useMomentum) {
      buf[i] = buf[i]! * momentum;
      buf[i] = buf[i]! + g / avg; // addcdiv_(grad, avg)
      param[i] = X ? fma(negLr, buf[i]!, param[i]!) : negLr * buf[i]! + param[i]!;
    } else param[i] = param[i]! + (negLr * g) / avg;
    if (param[i]! - param[i]! !== 0) finite = false;
  }
  return finite;
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
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
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

  protected initState(p: Tensor): RMSpropState {
    return { step: 0, squareAvg: this.zerosFor(p) };
  }

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: RMSpropState,
    group: ParamGroup<RMSpropOptions>,
    p: Tensor,
  ): boolean {
    // the buffers an option asks for, made when it first does (a group may switch them on later)
    if (group.momentum > 0 && state.momentumBuffer === undefined) state.momentumBuffer = this.zerosFor(p);
    if (group.centered && state.gradAvg === undefined) state.gradAvg = this.zerosFor(p);
    state.step += 1;
    return rmspropUpdate(
      param,
      grad,
      state.squareAvg.data as FloatArray,
      group.centered ? (state.gradAvg!.data as FloatArray) : null,
      group.momentum > 0 ? (state.momentumBuffer!.data as FloatArray) : null,
      group,
    );
  }
}
