/**
 * Element-wise binary (and ternary) ops with numpy broadcasting: `pow`, `maximum`/`minimum`,
 * `clip`, `where`, comparisons, logical ops, `remainder` and `floorDivide`,
 * each differentiable op with its backward rule beside it.
 *
 * Values follow numpy (NaN propagation of `maximum`, the sign convention of `remainder`, C's
 * `pow` special cases); gradients follow PyTorch (ties of `maximum`/`minimum` split the gradient
 * evenly, `clip` passes gradient on the closed interval `[min, max]`).
 */
import { record } from '../autograd/engine.js';
import { allocate, type DataArray, type DType, promoteTypes } from '../dtype.js';
import { show, ValueError } from '../errors.js';
import { broadcastShapes, broadcastStrides, sameShape, shapeSize } from '../shape.js';
import { asTensor, Tensor, type TensorLike, zerosLike } from '../tensor.js';
import {
  type BinaryKernel,
  binaryOperands,
  mapBinary,
  mapBinaryKernel,
  mapUnary,
  mul,
  neg,
  sub,
  unbroadcast,
} from './arith.js';
import { log } from './unary.js';

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

/** A strided three-operand loop: `out[o + j] = op(a[pa + j·sa], b[pb + j·sb], c[pc + j·sc])`. */
type TernaryKernel = (
  out: DataArray,
  o: number,
  a: DataArray,
  pa: number,
  sa: number,
  b: DataArray,
  pb: number,
  sb: number,
  c: DataArray,
  pc: number,
  sc: number,
  n: number,
) => void;

/**
 * The three-operand broadcasting driver behind `where` and `clip`: runs `kernel` over the
 * broadcast shape of all three operands, once for the whole array when no operand is
 * broadcast along its last dimension's siblings, else once per innermost row.
 */
function mapTernary(
  op: string,
  a: Tensor,
  b: Tensor,
  c: Tensor,
  outDtype: DType,
  kernel: TernaryKernel,
): Tensor {
  const shape = broadcastShapes(op, broadcastShapes(op, a.shape, b.shape), c.shape);
  const n = shapeSize(shape);
  const out = allocate(outDtype, n);
  const ad = a.data;
  const bd = b.data;
  const cd = c.data;
  const flat = (t: Tensor): number => (t.size === n && sameShape(t.shape, shape) ? 1 : t.size === 1 ? 0 : -1);
  const fa = flat(a);
  const fb = flat(b);
  const fc = flat(c);
  if (fa >= 0 && fb >= 0 && fc >= 0) kernel(out, 0, ad, 0, fa, bd, 0, fb, cd, 0, fc, n);
  else if (n > 0) {
    const nd = shape.length;
    const sa = broadcastStrides(a.shape, shape);
    const sb = broadcastStrides(b.shape, shape);
    const sc = broadcastStrides(c.shape, shape);
    const inner = shape[nd - 1]!;
    const idx = new Array<number>(nd).fill(0);
    let oa = 0;
    let ob = 0;
    let oc = 0;
    for (let o = 0; o < n; o += inner) {
      kernel(out, o, ad, oa, sa[nd - 1]!, bd, ob, sb[nd - 1]!, cd, oc, sc[nd - 1]!, inner);
      for (let d = nd - 2; d >= 0; d--) {
        idx[d]!++;
        oa += sa[d]!;
        ob += sb[d]!;
        oc += sc[d]!;
        if (idx[d]! < shape[d]!) break;
        oa -= sa[d]! * shape[d]!;
        ob -= sb[d]! * shape[d]!;
        oc -= sc[d]! * shape[d]!;
        idx[d] = 0;
      }
    }
  }
  return new Tensor(out, shape, outDtype);
}

const kWhere: TernaryKernel = (out, o, a, pa, sa, b, pb, sb, c, pc, sc, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb, pc += sc) out[o + j] = a[pa] !== 0 ? b[pb]! : c[pc]!;
};
// clip(v, l, h) = minimum(maximum(v, l), h), NaN-propagating as numpy
const kClip: TernaryKernel = (out, o, a, pa, sa, b, pb, sb, c, pc, sc, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb, pc += sc) {
    const v = a[pa]!;
    const l = b[pb]!;
    const h = c[pc]!;
    const m = v > l || v !== v ? v : l;
    out[o + j] = m < h || m !== m ? m : h;
  }
};
// gradient masks of clip: to x where l <= v <= h; to l where v < l <= h; to h where max(v, l) > h
const kClipInside: TernaryKernel = (out, o, a, pa, sa, b, pb, sb, c, pc, sc, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb, pc += sc) {
    const v = a[pa]!;
    out[o + j] = v >= b[pb]! && v <= c[pc]! ? 1 : 0;
  }
};
const kClipLow: TernaryKernel = (out, o, a, pa, sa, b, pb, sb, c, pc, sc, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb, pc += sc) {
    const l = b[pb]!;
    out[o + j] = a[pa]! < l && l <= c[pc]! ? 1 : 0;
  }
};
const kClipHigh: TernaryKernel = (out, o, a, pa, sa, b, pb, sb, c, pc, sc, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb, pc += sc) {
    const v = a[pa]!;
    const l = b[pb]!;
    out[o + j] = (v > l ? v : l) > c[pc]! ? 1 : 0;
  }
};

const kMaximum: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) {
    const p = a[pa]!;
    const q = b[pb]!;
    out[o + j] = p > q || p !== p ? p : q;
  }
};
const kMinimum: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) {
    const p = a[pa]!;
    const q = b[pb]!;
    out[o + j] = p < q || p !== p ? p : q;
  }
};
const kEqual: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa] === b[pb] ? 1 : 0;
};
const kNotEqual: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa] !== b[pb] ? 1 : 0;
};
const kLess: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! < b[pb]! ? 1 : 0;
};
const kLessEqual: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! <= b[pb]! ? 1 : 0;
};
const kGreater: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! > b[pb]! ? 1 : 0;
};
const kGreaterEqual: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! >= b[pb]! ? 1 : 0;
};
const kLogicalAnd: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa] !== 0 && b[pb] !== 0 ? 1 : 0;
};
const kLogicalOr: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa] !== 0 || b[pb] !== 0 ? 1 : 0;
};
const kLogicalXor: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = (a[pa] !== 0) !== (b[pb] !== 0) ? 1 : 0;
};
const kSquare: BinaryKernel = (out, o, a, pa, sa, _b, _pb, _sb, n) => {
  for (let j = 0; j < n; j++, pa += sa) {
    const v = a[pa]!;
    out[o + j] = v * v;
  }
};
const kPow: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = cpow(a[pa]!, b[pb]!);
};

/** A float tensor of per-element weights (no gradient), in the dtype of the incoming gradient. */
function weights(
  op: string,
  a: Tensor,
  b: Tensor,
  dtype: DType,
  f: (x: number, y: number) => number,
): Tensor {
  return mapBinary(op, a, b, dtype, f);
}

// ---------------------------------------------------------------------------------------------
// pow
// ---------------------------------------------------------------------------------------------

/** C99/numpy `pow` special cases that JavaScript's `Math.pow` answers differently. */
function cpow(x: number, y: number): number {
  if (x === 1) return 1; // pow(1, NaN) = 1 in C, NaN in JS
  if (x === -1 && (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY)) return 1;
  return Math.pow(x, y);
}

/** Integer power with numpy's wrap-around on int32 overflow; exponent must be >= 0. */
function ipow(x: number, y: number): number {
  let r = 1;
  let base = x | 0;
  let e = y;
  while (e > 0) {
    if (e & 1) r = Math.imul(r, base);
    base = Math.imul(base, base);
    e >>>= 1;
  }
  return r;
}

/**
 * `a ** b` element-wise with numpy broadcasting (numpy's `power`). Exponent may be a tensor or
 * a number; integer tensors with integer exponents stay int32 (negative integer exponents of
 * integers throw, as numpy), bool operands give int32. Special values follow C/numpy:
 * `0 ** 0 = 1`, `1 ** NaN = 1`, `(-8) ** (1/3) = NaN`.
 *
 * Backward (PyTorch's rules): d/da = b·a^(b-1) (taken as 0 where b = 0, so `0 ** 0` has
 * gradient 0); d/db = a^b·log(a) (taken as 0 where a = 0 and b >= 0).
 *
 * ```ts
 * pow(tensor([1, 2, 3]), 2).toArray(); // [1, 4, 9]
 * tensor([4, 9]).pow(0.5).toArray();   // [2, 3]
 * pow(2, tensor([0, 1, 10])).toArray(); // [1, 2, 1024]
 * ```
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d0] = binaryOperands('pow', a, b);
  let out: Tensor;
  if (d0 === 'int32' || d0 === 'bool') {
    for (let i = 0; i < y.size; i++)
      if (y.data[i]! < 0)
        throw new ValueError(
          'pow',
          `integers to negative integer powers are not allowed (exponent ${show(y.data[i])}); use a float base, e.g. pow(astype(x, 'float64'), ${y.data[i]})`,
        );
    out = mapBinary('pow', x, y, 'int32', ipow);
  } else if (y.size === 1 && y.data[0] === 2) {
    out = mapBinaryKernel('pow', x, y, d0, kSquare);
  } else {
    out = mapBinaryKernel('pow', x, y, d0, kPow);
  }
  return record(out, 'pow', [x, y], (g) => {
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (x.requiresGrad) {
      // b · a^(b-1), with 0 where b == 0
      const local = where(equal(y, 0), 0, mul(y, pow(x, sub(y, 1))));
      gx = unbroadcast(mul(g, local), x.shape);
    }
    if (y.requiresGrad) {
      const local = where(logicalAnd(equal(x, 0), greaterEqual(y, 0)), 0, mul(out, log(x)));
      gy = unbroadcast(mul(g, local), y.shape);
    }
    return [gx, gy];
  });
}

// ---------------------------------------------------------------------------------------------
// maximum, minimum, clip, where
// ---------------------------------------------------------------------------------------------

/**
 * Element-wise maximum with numpy broadcasting (numpy's `maximum`: NaN in either operand gives
 * NaN). Backward follows PyTorch: the gradient goes to the larger operand, and on ties
 * (`a == b`) it is split evenly, half to each; a NaN result sends it to the NaN operand.
 *
 * ```ts
 * maximum(tensor([1, 5, 3]), 2).toArray(); // [2, 5, 3]
 * ```
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = binaryOperands('maximum', a, b);
  const out = mapBinaryKernel('maximum', x, y, d, kMaximum);
  return record(out, 'maximum', [x, y], (g) => [
    x.requiresGrad
      ? unbroadcast(
          mul(
            g,
            weights('maximum', x, y, g.dtype, (p, q) =>
              p > q ? 1 : p === q ? 0.5 : p < q ? 0 : p !== p ? 1 : 0,
            ),
          ),
          x.shape,
        )
      : null,
    y.requiresGrad
      ? unbroadcast(
          mul(
            g,
            weights('maximum', x, y, g.dtype, (p, q) =>
              q > p ? 1 : p === q ? 0.5 : q < p ? 0 : q !== q && p === p ? 1 : 0,
            ),
          ),
          y.shape,
        )
      : null,
  ]);
}

/**
 * Element-wise minimum with numpy broadcasting (NaN in either operand gives NaN). Backward
 * follows PyTorch: the gradient goes to the smaller operand, split evenly on ties.
 *
 * ```ts
 * minimum(tensor([1, 5, 3]), 2).toArray(); // [1, 2, 2]
 * ```
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = binaryOperands('minimum', a, b);
  const out = mapBinaryKernel('minimum', x, y, d, kMinimum);
  return record(out, 'minimum', [x, y], (g) => [
    x.requiresGrad
      ? unbroadcast(
          mul(
            g,
            weights('minimum', x, y, g.dtype, (p, q) =>
              p < q ? 1 : p === q ? 0.5 : p > q ? 0 : p !== p ? 1 : 0,
            ),
          ),
          x.shape,
        )
      : null,
    y.requiresGrad
      ? unbroadcast(
          mul(
            g,
            weights('minimum', x, y, g.dtype, (p, q) =>
              q < p ? 1 : p === q ? 0.5 : q > p ? 0 : q !== q && p === p ? 1 : 0,
            ),
          ),
          y.shape,
        )
      : null,
  ]);
}

/**
 * Limit values to `[min, max]` (numpy's `clip`: `minimum(maximum(x, min), max)`, so NaN stays
 * NaN and `min > max` gives `max`). Either bound may be `null`/`undefined` (no bound), a number
 * or a broadcastable tensor. Backward follows `torch.clamp`: the gradient reaches `x` where
 * `min <= x <= max` (both ends inclusive) and reaches a tensor bound where it is the result.
 *
 * ```ts
 * clip(tensor([-1, 0.5, 2]), 0, 1).toArray(); // [0, 0.5, 1]
 * tensor([-1, 0.5, 2]).clip(null, 1).toArray(); // [-1, 0.5, 1]
 * ```
 */
export function clip(
  a: TensorLike,
  min: TensorLike | null | undefined,
  max: TensorLike | null | undefined,
): Tensor {
  const hasLo = min !== null && min !== undefined;
  const hasHi = max !== null && max !== undefined;
  if (!hasLo && !hasHi)
    throw new ValueError('clip', 'at least one of min and max must be given, received both null/undefined');
  // result dtype: x promoted with each given bound (numbers are weak scalars, as numpy)
  let x = asTensor(a);
  let d: DType = x.dtype;
  let lo = new Tensor(new Float64Array([Number.NEGATIVE_INFINITY]), [], 'float64');
  let hi = new Tensor(new Float64Array([Number.POSITIVE_INFINITY]), [], 'float64');
  if (hasLo) {
    const [x1, l, d1] = binaryOperands('clip', a, min);
    x = x1;
    lo = l;
    d = d1;
  }
  if (hasHi) {
    const [, h, d2] = binaryOperands('clip', x, max);
    hi = h;
    d = promoteTypes(d, d2);
  }
  const out = mapTernary('clip', x, lo, hi, d, kClip);
  return record(out, 'clip', hasLo && hasHi ? [x, lo, hi] : hasLo ? [x, lo] : [x, hi], (g) => {
    const gd = g.dtype;
    const gx = x.requiresGrad
      ? unbroadcast(mul(g, mapTernary('clip', x, lo, hi, gd, kClipInside)), x.shape)
      : null;
    const glo =
      hasLo && lo.requiresGrad
        ? unbroadcast(mul(g, mapTernary('clip', x, lo, hi, gd, kClipLow)), lo.shape)
        : null;
    const ghi =
      hasHi && hi.requiresGrad
        ? unbroadcast(mul(g, mapTernary('clip', x, lo, hi, gd, kClipHigh)), hi.shape)
        : null;
    return hasLo && hasHi ? [gx, glo, ghi] : hasLo ? [gx, glo] : [gx, ghi];
  });
}

/**
 * Choose element-wise from `a` where `cond` is true (non-zero) and from `b` elsewhere, all
 * three broadcast together (numpy's three-argument `where`). The result dtype is `a` promoted
 * with `b` (numbers are weak scalars). Backward: `where(cond, g, 0)` to `a`, `where(cond, 0, g)`
 * to `b`; `cond` gets no gradient.
 *
 * ```ts
 * const x = tensor([-1, 2, -3]);
 * where(greater(x, 0), x, 0).toArray(); // [0, 2, 0]
 * ```
 */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = asTensor(cond);
  const [x, y, d] = binaryOperands('where', a, b);
  const out = mapTernary('where', c, x, y, d, kWhere);
  return record(out, 'where', [x, y], (g) => [
    x.requiresGrad ? unbroadcast(where(c, g, 0), x.shape) : null,
    y.requiresGrad ? unbroadcast(where(c, 0, g), y.shape) : null,
  ]);
}

// ---------------------------------------------------------------------------------------------
// comparisons and logic (bool results, no gradient)
// ---------------------------------------------------------------------------------------------

function compare(op: string, a: TensorLike, b: TensorLike, kernel: BinaryKernel): Tensor {
  const [x, y] = binaryOperands(op, a, b);
  return mapBinaryKernel(op, x, y, 'bool', kernel);
}

/**
 * `a == b` element-wise with broadcasting, as a bool tensor (NaN is never equal).
 *
 * ```ts
 * equal(tensor([1, 2, 3]), 2).toArray(); // [false, true, false]
 * ```
 */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return compare('equal', a, b, kEqual);
}
/** `a != b` element-wise, as a bool tensor (NaN != NaN is true). `notEqual(tensor([1, 2]), 2)` → `[true, false]`. */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('notEqual', a, b, kNotEqual);
}
/** `a < b` element-wise, as a bool tensor. `less(tensor([1, 2]), 2)` → `[true, false]`. */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return compare('less', a, b, kLess);
}
/** `a <= b` element-wise, as a bool tensor. `lessEqual(tensor([1, 3]), 2)` → `[true, false]`. */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('lessEqual', a, b, kLessEqual);
}
/** `a > b` element-wise, as a bool tensor. `greater(tensor([1, 3]), 2)` → `[false, true]`. */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return compare('greater', a, b, kGreater);
}
/** `a >= b` element-wise, as a bool tensor. `greaterEqual(tensor([1, 2]), 2)` → `[false, true]`. */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return compare('greaterEqual', a, b, kGreaterEqual);
}

/** Logical AND of the truth values (non-zero is true), broadcast, as bool. `logicalAnd([true, true], [true, false])` → `[true, false]`. */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return compare('logicalAnd', a, b, kLogicalAnd);
}
/** Logical OR of the truth values (non-zero is true), broadcast, as bool. `logicalOr([true, false], [false, false])` → `[true, false]`. */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return compare('logicalOr', a, b, kLogicalOr);
}
/** Logical XOR of the truth values (non-zero is true), broadcast, as bool. `logicalXor([true, true], [true, false])` → `[false, true]`. */
export function logicalXor(a: TensorLike, b: TensorLike): Tensor {
  return compare('logicalXor', a, b, kLogicalXor);
}
/** Logical NOT (zero is false), as bool. `logicalNot(tensor([0, 2]))` → `[true, false]`. */
export function logicalNot(a: TensorLike): Tensor {
  return mapUnary(asTensor(a), 'bool', (p) => (p === 0 ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// remainder and floor division
// ---------------------------------------------------------------------------------------------

/** numpy's float `remainder`: the result has the sign of the divisor (Python's `%`). */
function fmodPython(a: number, b: number): number {
  const m = a % b; // C fmod
  if (b === 0) return m; // NaN
  if (m !== 0) return b < 0 !== m < 0 ? m + b : m;
  return b < 0 ? -0 : 0;
}

/** numpy's float `floor_divide` (npy_divmod): `floor(a / b)` computed consistently with `remainder`. */
function floorDivPython(a: number, b: number): number {
  if (b === 0) return a / b;
  const m = a % b;
  let div = (a - m) / b;
  if (m !== 0 && b < 0 !== m < 0) div -= 1;
  if (div !== 0) {
    let fd = Math.floor(div);
    if (div - fd > 0.5) fd += 1;
    return fd;
  }
  return a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
}

function intOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor, DType] {
  const [x, y, d] = binaryOperands(op, a, b);
  return [x, y, d === 'bool' ? 'int32' : d];
}

/**
 * Remainder with the sign of the divisor (numpy's `remainder`/`mod`, Python's `%`):
 * `a - floor(a / b) * b`. Integer division by zero gives 0 (numpy), float gives NaN.
 * Backward (PyTorch): d/da = 1, d/db = -floor(a / b).
 *
 * ```ts
 * remainder(tensor([-3, 3]), 2).toArray();  // [1, 1]
 * remainder(tensor([-3, 3]), -2).toArray(); // [-1, -1]
 * ```
 */
export function remainder(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = intOperands('remainder', a, b);
  const out =
    d === 'int32'
      ? mapBinary('remainder', x, y, d, (p, q) => {
          if (q === 0) return 0;
          const m = p % q;
          return m !== 0 && q < 0 !== m < 0 ? m + q : m;
        })
      : mapBinary('remainder', x, y, d, fmodPython);
  return record(out, 'remainder', [x, y], (g) => [
    x.requiresGrad ? unbroadcast(g, x.shape) : null,
    y.requiresGrad ? unbroadcast(neg(mul(g, floorDivide(x.detach(), y.detach()))), y.shape) : null,
  ]);
}

/** Alias of {@link remainder} (numpy's `mod`). */
export const mod = remainder;

/**
 * Floor division `floor(a / b)` (numpy's `floor_divide`, Python's `//`); int32 stays int32
 * (division by zero gives 0, as numpy), floats follow numpy's `divmod` recipe. The gradient is
 * zero (PyTorch).
 *
 * ```ts
 * floorDivide(tensor([-3, 3]), 2).toArray(); // [-2, 1]
 * ```
 */
export function floorDivide(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = intOperands('floorDivide', a, b);
  const out =
    d === 'int32'
      ? mapBinary('floorDivide', x, y, d, (p, q) => (q === 0 ? 0 : Math.floor(p / q) | 0))
      : mapBinary('floorDivide', x, y, d, floorDivPython);
  return record(out, 'floorDivide', [x, y], () => [
    x.requiresGrad ? zerosLike(x) : null,
    y.requiresGrad ? zerosLike(y) : null,
  ]);
}
