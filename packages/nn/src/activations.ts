/**
 * Activation functions (book chapter 3.1, figure 3.13): functional forms on tensors, each with
 * its backward rule written in differentiable ops, plus PyTorch-style Module classes.
 *
 * - ReLU  a[z] = max(0, z)                                  (book eq. 3.2)
 * - leaky ReLU  a[z] = z for z > 0, αz otherwise            (PyTorch default α = 0.01)
 * - sigmoid  1 / (1 + e^-z),  tanh
 * - GELU  z Φ(z) (exact, with erf) or its tanh approximation (PyTorch `approximate='tanh'`)
 * - softplus  (1/β) log(1 + e^{βz}), linear above `threshold` (PyTorch's defaults β=1, threshold=20)
 */
import {
  add,
  allocate,
  asTensor,
  sigmoid as coreSigmoid,
  tanh as coreTanh,
  DTypeError,
  erf,
  type FloatArray,
  floatResult,
  isGradEnabled,
  mul,
  record,
  reluBackward,
  reluForward,
  show,
  sub,
  Tensor,
  type TensorLike,
  ValueError,
} from '@gradkit/core';
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
  return record(res, 'relu', [x], (g) => {
    // plain backward: g·[y > 0] in one pass; under createGraph the differentiable product
    if (!isGradEnabled() && g.dtype === x.dtype) {
      const gx = allocate(g.dtype, g.size) as FloatArray;
      reluBackward(g.data as FloatArray, out, gx);
      return [new Tensor(gx, x.shape, x.dtype)];
    }
    const mask = allocate(x.dtype, x.size);
    for (let i = 0; i < out.length; i++) mask[i] = out[i]! > 0 ? 1 : 0;
    return [mul(g, new Tensor(mask, x.shape, x.dtype))];
  });
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

/** Logistic sigmoid `1 / (1 + e^-z)` (book eq. 5.18), overflow-free; re-exported from core. */
export const sigmoid = coreSigmoid;
/** Hyperbolic tangent; re-exported from core. */
export const tanh = coreTanh;

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
    return mul(mul(0.5, x), add(1, coreTanh(inner)));
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
    mul(g, add(linear, mul(sub(1, linear), coreSigmoid(mul(x, beta))))),
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
    return coreSigmoid(x);
  }
  override describe(): string {
    return 'Sigmoid()';
  }
}

/** `tanh` as a module (PyTorch `nn.Tanh`). */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return coreTanh(x);
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
