/**
 * Fast in-place update kernels: one loop over the parameter's typed array per optimizer, doing
 * exactly the arithmetic of PyTorch 1.13's `_single_tensor_*` functions (same operations in the
 * same order, so float64 results agree with PyTorch to rounding). The optimizer classes call
 * these; `reference.ts` holds the readable single-tensor versions written with tensor ops, and
 * the tests check one against the other.
 *
 * PyTorch's CPU kernels are compiled with floating-point contraction, so its `x.add_(y, alpha=a)`
 * and `x.addcmul_(y, z, value=v)` round once (`fma(a, y, x)`, `fma(v·y, z, x)`); for float64 parameters the kernels do
 * the same with an emulated FMA, which keeps chaotic trajectories (lr 10 on the pathological
 * surface) on PyTorch's path bit for bit. `addcdiv_` is `x + (v·y)/z` (no contraction).
 *
 * Every kernel returns `true` when all updated parameter values are finite (`p − p` is 0 for a
 * finite `p` and NaN otherwise: one subtraction and a never-taken branch per element).
 */

import { fma, type SgdMomentumOptions } from '@gradkit/core';
import { getKernel, registerKernel } from '@gradkit/core/kernels';

/** The storage a parameter, gradient or state buffer may have. */
export type FloatArray = Float64Array | Float32Array;

/** Options of {@link sgdUpdate} (PyTorch `torch.optim.SGD`): core's options of its fused SGD kernel. */
export type SGDKernelOptions = SgdMomentumOptions;

/**
 * {@link sgdUpdate}'s momentum loop for float32 storage, monomorphic over `Float32Array` (the
 * generic loop's element accesses see both array types and run several times slower). The same
 * operations in the same order: every value the generic loop stores and reads back from a
 * float32 array is rounded here with `Math.fround` and kept in a local. Registered as the `'js'`
 * implementation of core's `sgdMomentum32` kernel (the `'wasm'` one is the same arithmetic in SIMD).
 */
function sgdMomentum32(
  param: Float32Array,
  grad: Float32Array,
  buf: Float32Array,
  initBuffer: boolean,
  o: SGDKernelOptions,
): boolean {
  const { lr, momentum, dampening, nesterov, weightDecay: wd, maximize } = o;
  const n = param.length;
  const negLr = -lr;
  const oneMinusDamp = 1 - dampening;
  let finite = true;
  for (let i = 0; i < n; i++) {
    const p = param[i]!;
    let d = maximize ? -grad[i]! : grad[i]!;
    if (wd !== 0) d = wd * p + d;
    let b: number;
    if (initBuffer) b = Math.fround(d);
    else {
      b = Math.fround(buf[i]! * momentum); // buf.mul_(momentum)
      b = Math.fround(oneMinusDamp * d + b); // .add_(d_p, alpha=1 - dampening)
    }
    buf[i] = b;
    d = nesterov ? momentum * b + d : b;
    const q = Math.fround(negLr * d + p);
    param[i] = q;
    if (q - q !== 0) finite = false;
  }
  return finite;
}

registerKernel('sgdMomentum32', 'js', sgdMomentum32);

/**
 * SGD with momentum, dampening, Nesterov and L2 weight decay, in place.
 *
 * g ← ±∇ + λθ;  b ← μ b + (1 − τ) g (b ← g on the first step);  g ← g + μ b (Nesterov) or b;
 * θ ← θ − γ g.
 *
 * @param buf momentum buffer `b` (same length as `param`), or null when momentum is 0.
 * @param initBuffer true on the first step: the buffer is set to `g` (PyTorch's `clone(d_p)`).
 */
export function sgdUpdate(
  param: FloatArray,
  grad: FloatArray,
  buf: FloatArray | null,
  initBuffer: boolean,
  o: SGDKernelOptions,
): boolean {
  const { lr, momentum, dampening, nesterov, weightDecay: wd, maximize } = o;
  if (
    param instanceof Float32Array &&
    grad instanceof Float32Array &&
    momentum !== 0 &&
    buf instanceof Float32Array
  )
    // core's sgdMomentum32 kernel: this file's loop ('js'), or the same arithmetic as WebAssembly SIMD
    return getKernel('sgdMomentum32')(param, grad, buf, initBuffer, o);
  const n = param.length;
  // float64: PyTorch's single-rounding FMA; float32: float64 intermediates are already finer than
  // float32 FMA, so plain arithmetic (and no emulation cost)
  const X = param instanceof Float64Array;
  const negLr = -lr;
  const oneMinusDamp = 1 - dampening;
  let finite = true;
  if (momentum === 0 || buf === null) {
    for (let i = 0; i < n; i++) {
      let d = maximize ? -grad[i]! : grad[i]!;
      if (wd !== 0) d = X ? fma(wd, param[i]!, d) : wd * param[i]! + d;
      param[i] = X ? fma(negLr, d, param[i]!) : negLr * d + param[i]!;
      if (param[i]! - param[i]! !== 0) finite = false;
    }
    return finite;
  }
  for (let i = 0; i < n; i++) {
    let d = maximize ? -grad[i]! : grad[i]!;
    if (wd !== 0) d = X ? fma(wd, param[i]!, d) : wd * param[i]! + d;
    if (initBuffer) buf[i] = d;
    else {
      buf[i] = buf[i]! * momentum; // buf.mul_(momentum)
      buf[i] = X ? fma(oneMinusDamp, d, buf[i]!) : oneMinusDamp * d + buf[i]!; // .add_(d_p, alpha=1 - dampening)
    }
    const b = buf[i]!; // read back: rounds to the buffer's dtype as PyTorch's in-place buffer does
    d = nesterov ? (X ? fma(momentum, b, d) : momentum * b + d) : b;
    param[i] = X ? fma(negLr, d, param[i]!) : negLr * d + param[i]!;
    if (param[i]! - param[i]! !== 0) finite = false;
  }
  return finite;
}

/** Options of {@link adagradUpdate} (PyTorch `torch.optim.Adagrad`). */
export interface AdagradKernelOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  eps: number;
  maximize: boolean;
}

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
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
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

/** The baseline every benchmark compares against: θ ← θ − γ g. */
export function plainUpdate(param: FloatArray, grad: FloatArray, lr: number): void {
  const n = param.length;
  for (let i = 0; i < n; i++) param[i] = param[i]! - lr * grad[i]!;
}
