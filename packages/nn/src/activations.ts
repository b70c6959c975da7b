/**
 * Activation functions (book chapter 3.1, figure 3.13): functional forms on tensors, each with
 * its backward rule written in differentiable ops, plus PyTorch-style Module classes.
 *
 * - ReLU  a[z] = max(0, z)                                  (book eq. 3.2)
 * - leaky ReLU  a[z] = z for z > 0, αz otherwise            (PyTorch default α = 0.01)
 * - sigmoid  1 / (1 + e^-z) and tanh: `@gradkit/core`'s (`Sigmoid` and `Tanh` modules here)
 * - GELU  z Φ(z) (exact, with erf) or its tanh approximation (PyTorch `approximate='tanh'`)
 * - softplus  (1/β) log(1 + e^{βz}), linear above `threshold` (PyTorch's defaults β=1, threshold=20)
 *
 * and the rest of figure 3.13 and notebook 3.4 (see "More activation functions" below): ELU, SELU,
 * SiLU and swish, parametric ReLU, hard tanh and the Heaviside step.
 */
import {
  add,
  allocate,
  asTensor,
  DTypeError,
  erf,
  exp,
  greater,
  isGradEnabled,
  mul,
  noGrad,
  record,
  reshape,
  ShapeError,
  sigmoid,
  sub,
  Tensor,
  type TensorLike,
  tanh,
  ValueError,
  where,
  zerosLike,
} from '@gradkit/core';
import { floatResult, show, sumToShape } from '@gradkit/core/extend';
import { type FloatArray, gradBuffer, reluBackward, reluForward } from '@gradkit/core/kernels';
import { Module } from './module.js';

function floatInput(op: string, a: TensorLike): Tensor {
  const x = asTensor(a);
  if (x.dtype === 'bool') throw new DTypeError(op, `input x must be numeric, received dtype bool`);
  return x;
}

/** A tensor like `x` (float dtype) with `f(x[i])` in each element; no autograd. */
function mapFloat(x: Tensor, f: (v: number) => number): Tensor {
  const dtype = floatResult(x.dtype);
  const out = allocate(dtype, x.size);
  const d = x.data;
  for (let i = 0; i < out.length; i++) out[i] = f(d[i]!);
  return new Tensor(out, x.shape, dtype);
}

/**
 * Rectified linear unit `max(0, z)` (book eq. 3.2, the notebooks' `ReLU`: `preactivation.clip(0.0)`).
 * Keeps the dtype of `z` (int32 stays int32, as numpy's `clip`); NaN stays NaN. Derivative
 * 1 for z > 0 and 0 otherwise (0 at z = 0, as PyTorch).
 *
 * ```ts
 * relu(tensor([-1, 0, 2])).toArray(); // [0, 0, 2]
 * ```
 */
export function relu(z: TensorLike): Tensor {
  const x = floatInput('relu', z);
  const out = allocate(x.dtype, x.size) as FloatArray;
  reluForward(x.data as FloatArray, out); // core's fused kernel (one monomorphic pass)
  const res = new Tensor(out, x.shape, x.dtype);
  // the backward reads the gradient once (one pass) and keeps nothing of it: the op that produced
  // it may write it into an engine buffer (`gradBuffer`), and so may this one for x's gradient
  return record(
    res,
    'relu',
    [x],
    (g) => {
      // plain backward: g·[y > 0] in one pass; under createGraph the differentiable product
      if (!isGradEnabled() && g.dtype === x.dtype) {
        const dt = g.dtype;
        const gx = ((dt === 'float32' || dt === 'float64' ? gradBuffer(x, dt, g.size) : null) ??
          allocate(dt, g.size)) as FloatArray;
        reluBackward(g.data as FloatArray, out, gx);
        return [new Tensor(gx, x.shape, x.dtype)];
      }
      const mask = allocate(x.dtype, x.size);
      for (let i = 0; i < out.length; i++) mask[i] = out[i]! > 0 ? 1 : 0;
      return [mul(g, new Tensor(mask, x.shape, x.dtype))];
    },
    { readsGradOnce: true },
  );
}

/**
 * Leaky ReLU: `z` for z > 0, `negativeSlope * z` otherwise (PyTorch `leaky_relu`, default
 * slope 0.01; book figure 3.13). Derivative 1 or `negativeSlope`.
 *
 * ```ts
 * leakyRelu(tensor([-2, 3]), 0.1).toArray(); // [-0.2, 3]
 * ```
 */
export function leakyRelu(z: TensorLike, negativeSlope = 0.01): Tensor {
  if (typeof negativeSlope !== 'number' || !Number.isFinite(negativeSlope))
    throw new ValueError(
      'leakyRelu',
      `negativeSlope must be a finite number, received ${show(negativeSlope)}`,
    );
  const x = floatInput('leakyRelu', z);
  const out = mapFloat(x, (v) => (v > 0 ? v : negativeSlope * v));
  const mask = mapFloat(x, (v) => (v > 0 ? 1 : negativeSlope));
  return record(out, 'leakyRelu', [x], (g) => [mul(g, mask)]);
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Gaussian error linear unit (Hendrycks & Gimpel; book figure 3.13):
 * exact `z Φ(z) = z/2 (1 + erf(z/√2))` (PyTorch `gelu`, the default) or, with
 * `approximate: 'tanh'`, `z/2 (1 + tanh(√(2/π)(z + 0.044715 z³)))` (GPT-2's form).
 *
 * ```ts
 * gelu(tensor([1])).item();                        // 0.8413447460685429
 * gelu(tensor([1]), { approximate: 'tanh' }).item(); // 0.8411919906082768
 * ```
 */
export function gelu(z: TensorLike, options: { approximate?: 'none' | 'tanh' } = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  const x = floatInput('gelu', z);
  if (approximate === 'tanh') {
    // composed of differentiable ops: 0.5 x (1 + tanh(c (x + 0.044715 x^3)))
    const inner = mul(SQRT_2_OVER_PI, add(x, mul(0.044715, mul(x, mul(x, x)))));
    return mul(mul(0.5, x), add(1, tanh(inner)));
  }
  if (approximate !== 'none')
    throw new ValueError('gelu', `approximate must be 'none' or 'tanh', received ${show(approximate)}`);
  // exact: x Φ(x), composed of differentiable ops (d/dx = Φ(x) + x φ(x))
  return mul(x, mul(0.5, add(1, erf(mul(x, Math.SQRT1_2)))));
}

/**
 * Softplus `(1/β) log(1 + e^{βz})`, a smooth ReLU (PyTorch `softplus`: β = 1 and, for numerical
 * stability, the identity where `βz > threshold`, default 20). Derivative `sigmoid(βz)` (1 above
 * the threshold).
 *
 * ```ts
 * softplus(tensor([0])).item(); // 0.6931471805599453 (log 2)
 * ```
 */
export function softplus(z: TensorLike, options: { beta?: number; threshold?: number } = {}): Tensor {
  const beta = options.beta ?? 1;
  const threshold = options.threshold ?? 20;
  if (!Number.isFinite(beta) || beta === 0)
    throw new ValueError('softplus', `beta must be a finite non-zero number, received ${show(beta)}`);
  const x = floatInput('softplus', z);
  // log1p(e^{bx}) = max(bx, 0) + log1p(e^{-|bx|}), which never overflows
  const out = mapFloat(x, (v) => {
    const b = beta * v;
    if (b > threshold) return v;
    return (Math.max(b, 0) + Math.log1p(Math.exp(-Math.abs(b)))) / beta;
  });
  const linear = mapFloat(x, (v) => (beta * v > threshold ? 1 : 0));
  return record(out, 'softplus', [x], (g) => [
    mul(g, add(linear, mul(sub(1, linear), sigmoid(mul(x, beta))))),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Module forms
// ---------------------------------------------------------------------------------------------

/** `relu` as a module (PyTorch `nn.ReLU`). */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
  override describe(): string {
    return 'ReLU()';
  }
}

/** `leakyRelu` as a module (PyTorch `nn.LeakyReLU(negative_slope=0.01)`). */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }
  override describe(): string {
    return `LeakyReLU(negativeSlope=${this.negativeSlope})`;
  }
}

/** `sigmoid` as a module (PyTorch `nn.Sigmoid`). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
  override describe(): string {
    return 'Sigmoid()';
  }
}

/** `tanh` as a module (PyTorch `nn.Tanh`). */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
  override describe(): string {
    return 'Tanh()';
  }
}

/** `gelu` as a module (PyTorch `nn.GELU(approximate='none')`). */
export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }
  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
  override describe(): string {
    return `GELU(approximate='${this.approximate}')`;
  }
}

/** `softplus` as a module (PyTorch `nn.Softplus(beta=1, threshold=20)`). */
export class Softplus extends Module {
  constructor(
    readonly beta = 1,
    readonly threshold = 20,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return softplus(x, { beta: this.beta, threshold: this.threshold });
  }
  override describe(): string {
    return `Softplus(beta=${this.beta}, threshold=${this.threshold})`;
  }
}

// ---------------------------------------------------------------------------------------------
// More activation functions: the rest of UDL figure 3.13 and notebook 3.4, with PyTorch's names,
// defaults and gradients (`torch.nn.functional`), each differentiable (backward rules written in
// differentiable ops, so `createGraph` gives second derivatives). Parity with PyTorch 1.13
// (values and gradients, float64): packages/nn/test/activations-extra.test.ts against
// tests/fixtures/nn_activations_extra.json (tests/fixtures/gen_nn_activations_extra.py).
// ---------------------------------------------------------------------------------------------

/** A finite number argument, or a ValueError naming the function and the argument. */
function finite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ValueError(op, `${name} must be a finite number, received ${show(v)}`);
  return v;
}

/**
 * Exponential linear unit (Clevert et al. 2016; UDL figure 3.13d; PyTorch `F.elu(z, alpha)`):
 * ```
 * elu[z] = z            for z > 0
 *        = α (e^z − 1)  for z ≤ 0
 * ```
 * Derivative 1 for z > 0 and `α e^z` otherwise (`α` at z = 0, as PyTorch). The negative branch is
 * computed with `expm1`, exact to rounding near 0 (PyTorch 1.13 computes `exp(z) − 1`, which
 * loses digits for |z| < 1e-8; both agree to 1e-15 absolute).
 *
 * ```ts
 * elu(tensor([-1, 0, 2])).toArray();      // [-0.6321205588285577, 0, 2]
 * elu(tensor([-1]), 0.5).item();          // -0.31606027941427883
 * ```
 */
export function elu(z: TensorLike, alpha = 1.0): Tensor {
  finite('elu', 'alpha', alpha);
  const x = floatInput('elu', z);
  const out = mapFloat(x, (v) => (v > 0 ? v : alpha * Math.expm1(v)));
  return record(out, 'elu', [x], (g) => [mul(g, where(greater(x, 0), 1, mul(alpha, exp(x))))]);
}

/** SELU's α (PyTorch's constant 1.6732632423543772848170429916717, Klambauer et al. 2017), as a double. */
export const SELU_ALPHA = 1.6732632423543772;
/** SELU's scale λ (PyTorch's constant 1.0507009873554804934193349852946, Klambauer et al. 2017), as a double. */
export const SELU_SCALE = 1.0507009873554805;

/**
 * Scaled exponential linear unit (Klambauer et al. 2017; UDL figure 3.13e; PyTorch `F.selu`):
 * `λ·elu(z, α)` with λ = {@link SELU_SCALE} ≈ 1.0507 and α = {@link SELU_ALPHA} ≈ 1.6733, chosen so
 * that activations keep zero mean and unit variance through many layers. Derivative `λ` for
 * z > 0 and `λα e^z` otherwise.
 *
 * ```ts
 * selu(tensor([-1, 1])).toArray(); // [-1.1113307378125625, 1.0507009873554805]
 * ```
 */
export function selu(z: TensorLike): Tensor {
  return mul(SELU_SCALE, elu(floatInput('selu', z), SELU_ALPHA));
}

/**
 * Sigmoid linear unit `z·sig[z]` (Hendrycks & Gimpel; UDL figure 3.13c; PyTorch `F.silu`), which
 * is swish with β = 1. Derivative `sig[z](1 + z(1 − sig[z]))`.
 *
 * ```ts
 * silu(tensor([-1, 0, 1])).toArray(); // [-0.2689414213699951, 0, 0.7310585786300049]
 * ```
 */
export function silu(z: TensorLike): Tensor {
  const x = floatInput('silu', z);
  return mul(x, sigmoid(x));
}

/**
 * Swish `z·sig[βz]` (Ramachandran et al. 2017; UDL figure 3.13f draws β = 0.4, 1.0, 1.4):
 * β = 1 is {@link silu}; as β → ∞ it tends to the ReLU, at β = 0 it is the line z/2. PyTorch
 * has no β-swish (`F.silu` is β = 1): this is `z * torch.sigmoid(beta * z)`.
 *
 * ```ts
 * swish(tensor([1]), 1.4).item(); // 0.8021838885585818
 * ```
 */
export function swish(z: TensorLike, beta = 1.0): Tensor {
  finite('swish', 'beta', beta);
  const x = floatInput('swish', z);
  return mul(x, sigmoid(mul(beta, x)));
}

/**
 * Parametric ReLU (He et al. 2015; UDL figure 3.13b; PyTorch `F.prelu(z, weight)`):
 * `z` for z > 0 and `a·z` otherwise, where the slope `a` is a parameter learned with the network.
 * `weight` holds one slope (any shape with one element) or one per channel (`[C]`, channel axis 1
 * of `z` `[N, C, ...]`, as PyTorch). Differentiable in `z` (slope `a` at z = 0, as PyTorch) and in
 * `weight` (`Σ z·g` over the entries with z ≤ 0).
 *
 * ```ts
 * prelu(tensor([-2, 3]), 0.25).toArray(); // [-0.5, 3]
 * prelu(tensor([[-1, -1], [2, -4]]), tensor([0.1, 0.2])).toArray(); // [[-0.1, -0.2], [2, -0.8]]
 * ```
 */
export function prelu(z: TensorLike, weight: TensorLike): Tensor {
  const x = floatInput('prelu', z);
  const w = asTensor(weight);
  if (w.dtype === 'bool') throw new DTypeError('prelu', `weight must be numeric, received dtype bool`);
  let slope: Tensor;
  if (w.size === 1) slope = reshape(w, []);
  else {
    const channels = x.ndim >= 2 ? x.shape[1]! : 1;
    if (w.ndim !== 1 || w.size !== channels)
      throw new ShapeError(
        'prelu',
        `weight must have 1 element or one per channel (shape [${channels}], axis 1 of z with shape [${x.shape.join(',')}]), received shape [${w.shape.join(',')}]`,
      );
    slope = reshape(w, [channels, ...Array<number>(x.ndim - 2).fill(1)]);
  }
  return where(greater(x, 0), x, mul(slope, x));
}

/**
 * Hard tanh `clip(z, minVal, maxVal)` (PyTorch `F.hardtanh`, default [-1, 1]): a piecewise-linear
 * stand-in for tanh. Derivative 1 strictly inside `(minVal, maxVal)`, 0 outside and at the two
 * corners (as PyTorch).
 *
 * ```ts
 * hardtanh(tensor([-3, 0.5, 3])).toArray(); // [-1, 0.5, 1]
 * ```
 */
export function hardtanh(z: TensorLike, minVal = -1.0, maxVal = 1.0): Tensor {
  finite('hardtanh', 'minVal', minVal);
  finite('hardtanh', 'maxVal', maxVal);
  if (!(minVal <= maxVal))
    throw new ValueError(
      'hardtanh',
      `minVal must be <= maxVal, received minVal ${minVal} and maxVal ${maxVal}`,
    );
  const x = floatInput('hardtanh', z);
  const out = mapFloat(x, (v) => (v < minVal ? minVal : v > maxVal ? maxVal : v));
  const inside = mapFloat(x, (v) => (v > minVal && v < maxVal ? 1 : 0));
  return record(out, 'hardtanh', [x], (g) => [mul(g, inside)]);
}

/**
 * The Heaviside step (notebook 3.4, the activation of McCulloch & Pitts; `torch.heaviside(z,
 * values)`): 0 for z < 0, 1 for z > 0 and `values` where z = 0 (a number or a tensor that
 * broadcasts with `z`; notebook 3.4's `heaviside` is `values = 1`). NaN gives 0, as PyTorch
 * (numpy's `heaviside` gives NaN).
 *
 * Its derivative is 0 wherever it exists, so no gradient reaches the parameters below it: the
 * reason notebook 3.4 hints at for not training networks with it. The gradient here is that 0
 * (PyTorch raises "the derivative for heaviside is not implemented"); `values` receives the
 * indicator of z = 0.
 *
 * ```ts
 * heaviside(tensor([-0.5, 0, 0.5]), 1).toArray();   // [0, 1, 1]
 * heaviside(tensor([-0.5, 0, 0.5]), 0.5).toArray(); // [0, 0.5, 1]
 * ```
 */
export function heaviside(z: TensorLike, values: TensorLike): Tensor {
  const x = floatInput('heaviside', z);
  const v = asTensor(values);
  if (v.dtype === 'bool') throw new DTypeError('heaviside', `values must be numeric, received dtype bool`);
  const atZero = mapFloat(x, (t) => (t === 0 ? 1 : 0));
  const step = mapFloat(x, (t) => (t > 0 ? 1 : 0));
  // where(z == 0, values, step): broadcasting and dtype promotion of core's `where`
  const out = noGrad(() => where(atZero, v, step));
  return record(out, 'heaviside', [x, v], (g) => [
    x.requiresGrad ? zerosLike(x, { dtype: g.dtype }) : null,
    v.requiresGrad ? sumToShape(where(atZero, g, 0), v.shape) : null,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Module forms (PyTorch's nn classes)
// ---------------------------------------------------------------------------------------------

/** `elu` as a module (PyTorch `nn.ELU(alpha=1.0)`). */
export class ELU extends Module {
  constructor(readonly alpha = 1.0) {
    super();
  }
  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }
  override describe(): string {
    return `ELU(alpha=${this.alpha})`;
  }
}

/** `selu` as a module (PyTorch `nn.SELU`). */
export class SELU extends Module {
  forward(x: Tensor): Tensor {
    return selu(x);
  }
  override describe(): string {
    return 'SELU()';
  }
}

/** `silu` as a module (PyTorch `nn.SiLU`). */
export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
  override describe(): string {
    return 'SiLU()';
  }
}

/** `hardtanh` as a module (PyTorch `nn.Hardtanh(min_val=-1.0, max_val=1.0)`). */
export class Hardtanh extends Module {
  constructor(
    readonly minVal = -1.0,
    readonly maxVal = 1.0,
  ) {
    super();
    hardtanh(0, minVal, maxVal); // validate the bounds now, not at the first forward
  }
  forward(x: Tensor): Tensor {
    return hardtanh(x, this.minVal, this.maxVal);
  }
  override describe(): string {
    return `Hardtanh(minVal=${this.minVal}, maxVal=${this.maxVal})`;
  }
}

/** Options of {@link PReLU}. */
export interface PReLUOptions {
  /** Number of slopes: 1 (shared) or the number of channels (axis 1 of the input). Default 1. */
  numParameters?: number;
  /** Initial slope of every entry (PyTorch's default 0.25, UDL figure 3.13b). */
  init?: number;
  /** Parameter dtype (default 'float32', as PyTorch). */
  dtype?: 'float32' | 'float64';
}

/**
 * `prelu` as a module with its slopes as a learned parameter `weight` `[numParameters]`
 * (PyTorch `nn.PReLU(num_parameters=1, init=0.25)`).
 *
 * ```ts
 * const act = new PReLU();          // one slope, 0.25
 * act.call(tensor([-2, 2])).toArray(); // [-0.5, 2]
 * ```
 */
export class PReLU extends Module {
  declare weight: Tensor;
  /** The number of slopes (PyTorch's `num_parameters`). */
  readonly numSlopes: number;
  constructor(options: PReLUOptions = {}) {
    super();
    const n = options.numParameters ?? 1;
    if (!Number.isInteger(n) || n < 1)
      throw new ValueError('PReLU', `numParameters must be a positive integer, received ${show(n)}`);
    const init = finite('PReLU', 'init', options.init ?? 0.25);
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64')
      throw new ValueError('PReLU', `dtype must be 'float32' or 'float64', received ${show(dtype)}`);
    this.numSlopes = n;
    const w = new Tensor(allocate(dtype, n), [n], dtype);
    w.data.fill(init);
    this.registerParameter('weight', w);
  }
  forward(x: Tensor): Tensor {
    return prelu(x, this.weight);
  }
  override describe(): string {
    return `PReLU(numParameters=${this.numSlopes})`;
  }
}
