/**
 * SGD (PyTorch's `torch.optim.SGD`): its options and state, the rule as tensor ops
 * (`sgdReference`), the same rule as an in-place loop (`sgdUpdate`, with core's `sgdMomentum32`
 * kernel for float32 momentum), and the `SGD` optimizer that runs the loop.
 */
import { add, fma, mul, neg, type Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { getKernel, registerKernel, type SgdMomentumOptions } from '@gradkit/core/kernels';
import {
  checkBoolean,
  checkNonNegative,
  type FloatArray,
  Optimizer,
  type ParamGroup,
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

/** The state of one parameter: PyTorch's `momentum_buffer`, made on the first step with momentum ≠ 0. */
export interface SGDState {
  momentumBuffer?: Tensor;
}

/** Options of {@link sgdUpdate} (PyTorch `torch.optim.SGD`): core's options of its fused SGD kernel. */
export type SGDKernelOptions = SgdMomentumOptions;

// The rule, readable: one line per line of PyTorch's `_single_tensor_*` function, in tensor ops,
// pure (returns the new parameter and state). The optimizer runs the fast loop below it.

/** SGD: returns θ' and the momentum buffer (null without momentum). `buf` null on the first step. */
export function sgdReference(
  param: Tensor,
  grad: Tensor,
  buf: Tensor | null,
  o: SGDKernelOptions,
): { param: Tensor; buf: Tensor | null } {
  let dP = o.maximize ? neg(grad) : grad;
  if (o.weightDecay !== 0) dP = add(dP, mul(param, o.weightDecay));
  let newBuf: Tensor | null = null;
  if (o.momentum !== 0) {
    newBuf = buf === null ? dP : add(mul(buf, o.momentum), mul(dP, 1 - o.dampening));
    dP = o.nesterov ? add(dP, mul(newBuf, o.momentum)) : newBuf;
  }
  return { param: add(param, mul(dP, -o.lr)), buf: newBuf };
}

// The fast loop: the rule above in place over the parameter's typed array, exactly the arithmetic
// of PyTorch 1.13's `_single_tensor_*` function (same operations in the same order; float64 uses
// an emulated FMA where PyTorch's compiled `add_(y, alpha=a)` / `addcmul_` round once), returning
// false when a parameter value became non-finite (`p − p` is 0 only for a finite `p`). The tests
// check it against the reference.

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

/** The baseline every benchmark compares against: θ ← θ − γ g. */
export function plainUpdate(param: FloatArray, grad: FloatArray, lr: number): void {
  const n = param.length;
  for (let i = 0; i < n; i++) param[i] = param[i]! - lr * grad[i]!;
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
export class SGD extends Optimizer<SGDOptions, SGDState> {
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

  protected initState(): SGDState {
    return {}; // the momentum buffer is made on the first step with momentum (PyTorch: None until then)
  }

  protected updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: SGDState,
    group: ParamGroup<SGDOptions>,
    p: Tensor,
  ): boolean {
    let buf: FloatArray | null = null;
    let init = false;
    if (group.momentum !== 0) {
      if (state.momentumBuffer === undefined) {
        state.momentumBuffer = this.zerosFor(p);
        init = true;
      }
      buf = state.momentumBuffer.data as FloatArray;
    }
    return sgdUpdate(param, grad, buf, init, group);
  }
}
