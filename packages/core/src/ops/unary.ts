/**
 * Element-wise unary math (numpy ufuncs), each op with its autograd backward rule beside it,
 * the dtype cast `astype`, and the NaN/infinity tests (`isnan`, `isfinite`, `isinf`).
 *
 * dtype rules follow numpy: float functions (exp, log, sin, ...) return float64 for int32/bool
 * inputs and keep float32 as float32; `abs`, `square`, `sign`, `floor`, `ceil`, `round` keep
 * integer dtypes. Backward rules are written with differentiable tensor ops, so higher-order
 * derivatives (`grad(grad(f))`) work. Ops whose derivative is zero almost everywhere (`sign`,
 * `floor`, `ceil`, `round`) pass back zeros, as PyTorch does.
 *
 * Each op has its own tight loop (no per-element closure call), which keeps the hot ops
 * (exp, tanh, sigmoid) close to the cost of the underlying `Math` function.
 */
import { record } from '../autograd/engine.js';
import { allocate, castValue, checkDType, type DataArray, type DType, floatResult } from '../dtype.js';
import { DTypeError, show, ValueError } from '../errors.js';
import { asTensor, Tensor, type TensorLike, zerosLike } from '../tensor.js';
import { add, div, mapUnary, mul, neg, sub } from './arith.js';

type Kernel = (src: DataArray, dst: DataArray, n: number) => void;

/** Run `kernel` from `x` into a fresh tensor of `dtype`. */
function run(x: Tensor, dtype: DType, kernel: Kernel): Tensor {
  const out = allocate(dtype, x.size);
  kernel(x.data, out, x.size);
  return new Tensor(out, x.shape, dtype);
}

/** A float-valued op: int32/bool inputs give float64, float32 stays float32. */
function floatOp(x: Tensor, kernel: Kernel): Tensor {
  return run(x, floatResult(x.dtype), kernel);
}

function noBool(op: string, x: Tensor): void {
  if (x.dtype === 'bool')
    throw new DTypeError(
      op,
      `not supported for input x of dtype bool (numpy has no bool loop for '${op}'); convert with astype('int32') or astype('float64') first`,
    );
}

// ---------------------------------------------------------------------------------------------
// exponentials and logarithms
// ---------------------------------------------------------------------------------------------

/**
 * Natural exponential `e^x`, element-wise. d/dx exp(x) = exp(x).
 *
 * ```ts
 * exp(tensor([0, 1])).toArray(); // [1, 2.718281828459045]
 * ```
 */
export function exp(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.exp(s[i]!);
  });
  return record(out, 'exp', [x], (g) => [mul(g, out)]);
}

/**
 * Natural logarithm, element-wise (`log(0) = -Infinity`, `log(-1) = NaN`, as numpy).
 * d/dx log(x) = 1/x.
 *
 * ```ts
 * log(tensor([1, Math.E])).toArray(); // [0, 1]
 * ```
 */
export function log(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.log(s[i]!);
  });
  return record(out, 'log', [x], (g) => [div(g, x)]);
}

/**
 * `log(1 + x)`, accurate for small `x`. d/dx = 1/(1 + x).
 *
 * ```ts
 * log1p(tensor([1e-20])).item(); // 1e-20
 * ```
 */
export function log1p(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.log1p(s[i]!);
  });
  return record(out, 'log1p', [x], (g) => [div(g, add(x, 1))]);
}

/**
 * `exp(x) - 1`, accurate for small `x`. d/dx = exp(x) = expm1(x) + 1.
 *
 * ```ts
 * expm1(tensor([1e-20])).item(); // 1e-20
 * ```
 */
export function expm1(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.expm1(s[i]!);
  });
  return record(out, 'expm1', [x], (g) => [mul(g, add(out, 1))]);
}

/**
 * Square root, element-wise (`sqrt(-1) = NaN`, as numpy). d/dx sqrt(x) = 1 / (2 sqrt(x)).
 *
 * ```ts
 * sqrt(tensor([4, 9])).toArray(); // [2, 3]
 * ```
 */
export function sqrt(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.sqrt(s[i]!);
  });
  return record(out, 'sqrt', [x], (g) => [div(g, mul(out, 2))]);
}

/**
 * `1 / x`, element-wise. Always a float result (integer inputs give float64, as PyTorch's
 * `reciprocal`; numpy would do integer division). d/dx = -1/x².
 *
 * ```ts
 * reciprocal(tensor([2, 4])).toArray(); // [0.5, 0.25]
 * ```
 */
export function reciprocal(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = 1 / s[i]!;
  });
  return record(out, 'reciprocal', [x], (g) => [neg(mul(g, mul(out, out)))]);
}

/**
 * `x²`, element-wise; keeps integer dtypes (bool gives int32). d/dx x² = 2x.
 *
 * ```ts
 * square(tensor([-3, 2])).toArray(); // [9, 4]
 * ```
 */
export function square(a: TensorLike): Tensor {
  const x = asTensor(a);
  const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
  const out = run(x, dtype, (s, d, n) => {
    for (let i = 0; i < n; i++) {
      const v = s[i]!;
      d[i] = v * v;
    }
  });
  if (dtype === 'int32') for (let i = 0; i < out.size; i++) out.data[i] = Math.imul(x.data[i]!, x.data[i]!);
  return record(out, 'square', [x], (g) => [mul(g, mul(x, 2))]);
}

// ---------------------------------------------------------------------------------------------
// trigonometric and hyperbolic
// ---------------------------------------------------------------------------------------------

/**
 * Sine (radians), element-wise. d/dx sin(x) = cos(x).
 *
 * ```ts
 * sin(tensor([0, Math.PI / 2])).toArray(); // [0, 1]
 * ```
 */
export function sin(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.sin(s[i]!);
  });
  return record(out, 'sin', [x], (g) => [mul(g, cos(x))]);
}

/**
 * Cosine (radians), element-wise. d/dx cos(x) = -sin(x).
 *
 * ```ts
 * cos(tensor([0, Math.PI])).toArray(); // [1, -1]
 * ```
 */
export function cos(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.cos(s[i]!);
  });
  return record(out, 'cos', [x], (g) => [neg(mul(g, sin(x)))]);
}

/**
 * Tangent (radians), element-wise. d/dx tan(x) = 1 + tan²(x).
 *
 * ```ts
 * tan(tensor([Math.PI / 4])).item(); // 0.9999999999999999
 * ```
 */
export function tan(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.tan(s[i]!);
  });
  return record(out, 'tan', [x], (g) => [mul(g, add(mul(out, out), 1))]);
}

/**
 * Hyperbolic tangent, element-wise. d/dx tanh(x) = 1 - tanh²(x).
 *
 * ```ts
 * tanh(tensor([0, 100])).toArray(); // [0, 1]
 * ```
 */
export function tanh(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.tanh(s[i]!);
  });
  return record(out, 'tanh', [x], (g) => [mul(g, sub(1, mul(out, out)))]);
}

/**
 * Logistic sigmoid `σ(x) = 1 / (1 + e^{-x})` (UDL eq. 5.32), computed stably: for x < 0 as
 * `e^x / (1 + e^x)` so large negative inputs neither overflow nor lose precision.
 * d/dx σ(x) = σ(x)(1 - σ(x)).
 *
 * ```ts
 * sigmoid(tensor([0, -1000, 1000])).toArray(); // [0.5, 0, 1]
 * ```
 */
export function sigmoid(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = floatOp(x, (s, d, n) => {
    for (let i = 0; i < n; i++) {
      const v = s[i]!;
      if (v >= 0) d[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        d[i] = e / (1 + e);
      }
    }
  });
  return record(out, 'sigmoid', [x], (g) => [mul(g, mul(out, sub(1, out)))]);
}

// ---------------------------------------------------------------------------------------------
// sign, magnitude and rounding
// ---------------------------------------------------------------------------------------------

/**
 * Absolute value, element-wise; keeps the dtype (bool stays bool). d/dx |x| = sign(x), which is
 * 0 at x = 0 (PyTorch's convention).
 *
 * ```ts
 * abs(tensor([-2, 0, 3])).toArray(); // [2, 0, 3]
 * ```
 */
export function abs(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = run(x, x.dtype, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.abs(s[i]!);
  });
  return record(out, 'abs', [x], (g) => [mul(g, sign(x))]);
}

/**
 * Sign: -1, 0 or 1 (NaN for NaN; `sign(-0) = 0` as numpy), keeping the dtype. Not defined for bool (numpy
 * raises too). The gradient is zero.
 *
 * ```ts
 * sign(tensor([-2, 0, 3])).toArray(); // [-1, 0, 1]
 * ```
 */
export function sign(a: TensorLike): Tensor {
  const x = asTensor(a);
  noBool('sign', x);
  const out = run(x, x.dtype, (s, d, n) => {
    for (let i = 0; i < n; i++) {
      const v = s[i]!;
      d[i] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : v; // numpy: sign(-0) = +0, sign(NaN) = NaN
    }
  });
  return record(out, 'sign', [x], (g) => [zerosLike(g)]);
}

/**
 * Largest integer `<= x`, element-wise; integer and bool inputs are returned unchanged in their
 * dtype (numpy 2). The gradient is zero.
 *
 * ```ts
 * floor(tensor([-1.5, 1.5])).toArray(); // [-2, 1]
 * ```
 */
export function floor(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = run(x, x.dtype, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.floor(s[i]!);
  });
  return record(out, 'floor', [x], (g) => [zerosLike(g)]);
}

/**
 * Smallest integer `>= x`, element-wise; integer and bool inputs are returned unchanged. The
 * gradient is zero.
 *
 * ```ts
 * ceil(tensor([-1.5, 1.5])).toArray(); // [-1, 2]
 * ```
 */
export function ceil(a: TensorLike): Tensor {
  const x = asTensor(a);
  const out = run(x, x.dtype, (s, d, n) => {
    for (let i = 0; i < n; i++) d[i] = Math.ceil(s[i]!);
  });
  return record(out, 'ceil', [x], (g) => [zerosLike(g)]);
}

/** Round half to even (numpy's `rint`, IEEE round-to-nearest-even). */
function rint(v: number): number {
  const r = Math.round(v);
  // Math.round rounds halves toward +Infinity; numpy rounds them to the even neighbour.
  if (r - v === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/**
 * Round to `decimals` decimal places with halves to even (numpy's `round`/`around`:
 * `round(2.5) = 2`, `round(3.5) = 4`, `round(-0.5) = -0`); for `decimals != 0` numpy's recipe
 * `rint(x * 10^d) / 10^d`. Integer and bool inputs with `decimals >= 0` are unchanged. The gradient is zero.
 *
 * ```ts
 * round(tensor([0.5, 1.5, 2.5, -2.5])).toArray(); // [0, 2, 2, -2]
 * round(tensor([1.234]), 2).item();                  // 1.23
 * ```
 */
export function round(a: TensorLike, decimals = 0): Tensor {
  const x = asTensor(a);
  if (!Number.isInteger(decimals))
    throw new ValueError('round', `decimals must be an integer, received ${show(decimals)}`);
  let out: Tensor;
  if (decimals === 0) {
    out = run(x, x.dtype, (s, d, n) => {
      for (let i = 0; i < n; i++) d[i] = rint(s[i]!);
    });
  } else if (decimals > 0) {
    const f = 10 ** decimals;
    out = run(x, x.dtype, (s, d, n) => {
      for (let i = 0; i < n; i++) d[i] = rint(s[i]! * f) / f;
    });
  } else {
    // numpy divides by 10^-d, rounds, multiplies back
    const f = 10 ** -decimals;
    out = run(x, x.dtype === 'bool' ? 'int32' : x.dtype, (s, d, n) => {
      for (let i = 0; i < n; i++) d[i] = rint(s[i]! / f) * f;
    });
  }
  return record(out, 'round', [x], (g) => [zerosLike(g)]);
}

// ---------------------------------------------------------------------------------------------
// dtype conversion
// ---------------------------------------------------------------------------------------------

/**
 * Cast to another dtype (numpy's `astype`): float→int32 truncates toward zero, and NaN, ±Infinity
 * or a value outside int32's range becomes INT_MIN as numpy gives on x86 (see `castValue`);
 * anything non-zero (NaN included) is `true` as bool. Differentiable between float dtypes.
 */
export function astype(a: TensorLike, dtype: DType): Tensor {
  const x = asTensor(a);
  checkDType('astype', dtype);
  if (x.dtype === dtype) return x;
  const out =
    dtype === 'bool'
      ? mapUnary(x, dtype, (v) => (v !== 0 ? 1 : 0))
      : dtype === 'int32'
        ? mapUnary(x, dtype, (v) => castValue('int32', v))
        : mapUnary(x, dtype, (v) => v);
  return record(out, 'astype', [x], (g) => [astype(g, x.dtype)]);
}

// ---------------------------------------------------------------------------------------------
// NaN and infinity tests
// ---------------------------------------------------------------------------------------------

/** Element-wise test for NaN, as bool (integer and bool tensors are never NaN). `isnan(tensor([1, NaN]))` → `[false, true]`. */
export function isnan(a: TensorLike): Tensor {
  return mapUnary(asTensor(a), 'bool', (p) => (p !== p ? 1 : 0));
}
/** Element-wise test for finite values (not NaN, not ±Infinity), as bool. `isfinite(tensor([1, Infinity, NaN]))` → `[true, false, false]`. */
export function isfinite(a: TensorLike): Tensor {
  return mapUnary(asTensor(a), 'bool', (p) => (Number.isFinite(p) ? 1 : 0));
}
/** Element-wise test for ±Infinity, as bool. `isinf(tensor([1, -Infinity, NaN]))` → `[false, true, false]`. */
export function isinf(a: TensorLike): Tensor {
  return mapUnary(asTensor(a), 'bool', (p) =>
    p === Number.POSITIVE_INFINITY || p === Number.NEGATIVE_INFINITY ? 1 : 0,
  );
}
