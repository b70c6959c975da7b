/**
 * Tensor methods, all of them installed here, once, in a fixed order: every op exported as a
 * function is also a method (`a.add(b)`, `x.sum()`, `x.reshape(2, 3)`), declared on `Tensor` by
 * declaration merging and assigned to its prototype below, grouped by the file that holds the op.
 * The op files stay free of prototype patching, and `tensor.ts` free of op imports; the package
 * entry (`index.ts`) imports this file, so any import of `@gradkit/core` has every method.
 */

import { backward } from './autograd/engine.js';
import type { DType } from './dtype.js';
import { add, div, mul, neg, sub } from './ops/arith.js';
import {
  clip,
  equal,
  floorDivide,
  greater,
  greaterEqual,
  less,
  lessEqual,
  logicalAnd,
  logicalNot,
  logicalOr,
  logicalXor,
  maximum,
  minimum,
  notEqual,
  pow,
  remainder,
  where,
} from './ops/binary.js';
import {
  asStrided,
  gather,
  type IndexSpec,
  index,
  indexPut,
  indexSelect,
  maskedSelect,
  scatterAdd,
  setIndex,
  take,
} from './ops/indexing.js';
import { det, diag, inv, type NormOptions, norm, solve, trace } from './ops/linalg.js';
import { dot, inner, matmul, outer } from './ops/matmul.js';
import {
  type ArgReduceOptions,
  all,
  any,
  argmax,
  argmin,
  cumsum,
  logsumexp,
  max,
  mean,
  min,
  prod,
  type ReduceOptions,
  std,
  sum,
  type VarianceOptions,
  variance,
} from './ops/reduce.js';
import {
  chunk,
  flatten,
  flip,
  moveaxis,
  pad,
  permute,
  ravel,
  repeat,
  reshape,
  type ShapeSpec,
  split,
  squeeze,
  swapaxes,
  tile,
  transpose,
  unsqueeze,
} from './ops/shape.js';
import { argsort, type SortOptions, sort, type TopkOptions, topk } from './ops/sort.js';
import {
  abs,
  astype,
  ceil,
  cos,
  exp,
  expm1,
  floor,
  isfinite,
  isinf,
  isnan,
  log,
  log1p,
  reciprocal,
  round,
  sigmoid,
  sign,
  sin,
  sqrt,
  square,
  tan,
  tanh,
} from './ops/unary.js';
import { digamma, erf, erfc, gamma, lgamma } from './special.js';
import { Tensor, type TensorLike } from './tensor.js';

declare module './tensor.js' {
  interface Tensor {
    // arithmetic (ops/arith.ts; astype: ops/unary.ts)
    add(other: TensorLike): Tensor;
    sub(other: TensorLike): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike): Tensor;
    neg(): Tensor;
    astype(dtype: DType): Tensor;

    // element-wise functions (ops/unary.ts)
    /** `exp(x)`, see {@link exp}. */
    exp(): Tensor;
    /** `log(x)`, see {@link log}. */
    log(): Tensor;
    /** `log1p(x)`, see {@link log1p}. */
    log1p(): Tensor;
    /** `expm1(x)`, see {@link expm1}. */
    expm1(): Tensor;
    /** `sqrt(x)`, see {@link sqrt}. */
    sqrt(): Tensor;
    /** `1/x`, see {@link reciprocal}. */
    reciprocal(): Tensor;
    /** `x²`, see {@link square}. */
    square(): Tensor;
    /** `sin(x)`, see {@link sin}. */
    sin(): Tensor;
    /** `cos(x)`, see {@link cos}. */
    cos(): Tensor;
    /** `tan(x)`, see {@link tan}. */
    tan(): Tensor;
    /** `tanh(x)`, see {@link tanh}. */
    tanh(): Tensor;
    /** Logistic sigmoid, see {@link sigmoid}. */
    sigmoid(): Tensor;
    /** `|x|`, see {@link abs}. */
    abs(): Tensor;
    /** Sign, see {@link sign}. */
    sign(): Tensor;
    /** Floor, see {@link floor}. */
    floor(): Tensor;
    /** Ceiling, see {@link ceil}. */
    ceil(): Tensor;
    /** Round half to even, see {@link round}. */
    round(decimals?: number): Tensor;
    /** NaN test, see {@link isnan}. */
    isnan(): Tensor;
    /** Finite test, see {@link isfinite}. */
    isfinite(): Tensor;
    /** Infinity test, see {@link isinf}. */
    isinf(): Tensor;

    // comparisons, logic, powers (ops/binary.ts)
    /** `this ** exponent`, see {@link pow}. */
    pow(exponent: TensorLike): Tensor;
    /** Element-wise maximum, see {@link maximum}. */
    maximum(other: TensorLike): Tensor;
    /** Element-wise minimum, see {@link minimum}. */
    minimum(other: TensorLike): Tensor;
    /** Limit to `[min, max]`, see {@link clip}. */
    clip(min: TensorLike | null | undefined, max?: TensorLike | null): Tensor;
    /** PyTorch's `x.where(cond, other)`: `where(cond, this, other)`, see {@link where}. */
    where(cond: TensorLike, other: TensorLike): Tensor;
    /** `this == other`, see {@link equal}. */
    equal(other: TensorLike): Tensor;
    /** `this != other`, see {@link notEqual}. */
    notEqual(other: TensorLike): Tensor;
    /** `this < other`, see {@link less}. */
    less(other: TensorLike): Tensor;
    /** `this <= other`, see {@link lessEqual}. */
    lessEqual(other: TensorLike): Tensor;
    /** `this > other`, see {@link greater}. */
    greater(other: TensorLike): Tensor;
    /** `this >= other`, see {@link greaterEqual}. */
    greaterEqual(other: TensorLike): Tensor;
    /** Logical AND, see {@link logicalAnd}. */
    logicalAnd(other: TensorLike): Tensor;
    /** Logical OR, see {@link logicalOr}. */
    logicalOr(other: TensorLike): Tensor;
    /** Logical XOR, see {@link logicalXor}. */
    logicalXor(other: TensorLike): Tensor;
    /** Logical NOT, see {@link logicalNot}. */
    logicalNot(): Tensor;
    /** Remainder with the divisor's sign, see {@link remainder}. */
    remainder(other: TensorLike): Tensor;
    /** Alias of `remainder`. */
    mod(other: TensorLike): Tensor;
    /** Floor division, see {@link floorDivide}. */
    floorDivide(other: TensorLike): Tensor;

    // reductions (ops/reduce.ts)
    /** Sum, see {@link sum}: `x.sum()`, `x.sum({ axis: 0, keepdims: true })`. */
    sum(options?: ReduceOptions): Tensor;
    /** Mean, see {@link mean}. */
    mean(options?: ReduceOptions): Tensor;
    /** Product, see {@link prod}. */
    prod(options?: ReduceOptions): Tensor;
    /** Maximum, see {@link max}. */
    max(options?: ReduceOptions): Tensor;
    /** Minimum, see {@link min}. */
    min(options?: ReduceOptions): Tensor;
    /** Index of the maximum, see {@link argmax}. */
    argmax(options?: ArgReduceOptions): Tensor;
    /** Index of the minimum, see {@link argmin}. */
    argmin(options?: ArgReduceOptions): Tensor;
    /** Variance (numpy's `var`, ddof 0 by default), see {@link variance}. */
    var(options?: VarianceOptions): Tensor;
    /** Variance, same as `var`, see {@link variance}. */
    variance(options?: VarianceOptions): Tensor;
    /** Standard deviation, see {@link std}. */
    std(options?: VarianceOptions): Tensor;
    /** Cumulative sum, see {@link cumsum}. */
    cumsum(options?: { axis?: number | null }): Tensor;
    /** Stable `log(sum(exp(x)))`, see {@link logsumexp}. */
    logsumexp(options?: ReduceOptions): Tensor;
    /** All true, see {@link all}. */
    all(options?: ReduceOptions): Tensor;
    /** Any true, see {@link any}. */
    any(options?: ReduceOptions): Tensor;

    // shape ops (ops/shape.ts)
    /** `reshape(2, 3)` or `reshape([2, 3])`; one entry may be -1. */
    reshape(...shape: ShapeSpec[]): Tensor;
    flatten(startDim?: number, endDim?: number): Tensor;
    ravel(): Tensor;
    squeeze(axis?: number | readonly number[]): Tensor;
    unsqueeze(axis: number | readonly number[]): Tensor;
    expandDims(axis: number | readonly number[]): Tensor;
    transpose(axes?: readonly number[] | null): Tensor;
    permute(...axes: ShapeSpec[]): Tensor;
    swapaxes(axis1: number, axis2: number): Tensor;
    moveaxis(source: number, destination: number): Tensor;
    /** numpy's `.T`: the axes reversed (the matrix transpose for 2-D). */
    readonly T: Tensor;
    split(indicesOrSections: number | readonly number[], axis?: number): Tensor[];
    chunk(chunks: number, axis?: number): Tensor[];
    tile(reps: number | readonly number[]): Tensor;
    repeat(repeats: number | readonly number[], axis?: number): Tensor;
    flip(axis?: number | readonly number[]): Tensor;
    pad(
      padWidth: number | readonly number[] | readonly (readonly number[])[],
      options?: { value?: number },
    ): Tensor;

    // indexing (ops/indexing.ts)
    /** numpy indexing `x[...]`; see `index`. */
    index(...specs: IndexSpec[]): Tensor;
    take(indices: TensorLike, axis?: number): Tensor;
    indexSelect(axis: number, indices: TensorLike): Tensor;
    maskedSelect(mask: TensorLike): Tensor;
    gather(axis: number, index: TensorLike): Tensor;
    scatterAdd(axis: number, index: TensorLike, src: TensorLike): Tensor;
    setIndex(index: IndexSpec | readonly IndexSpec[], values: TensorLike): Tensor;
    indexPut(indices: readonly IndexSpec[], values: TensorLike, accumulate?: boolean): Tensor;
    asStrided(shape: readonly number[], strides: readonly number[], offset?: number): Tensor;

    // sorting (ops/sort.ts)
    sort(options?: SortOptions): Tensor;
    argsort(options?: SortOptions): Tensor;
    topk(k: number, options?: TopkOptions): { values: Tensor; indices: Tensor };

    // linear algebra (ops/matmul.ts, ops/linalg.ts)
    matmul(other: TensorLike): Tensor;
    dot(other: TensorLike): Tensor;
    inner(other: TensorLike): Tensor;
    outer(other: TensorLike): Tensor;
    norm(options?: NormOptions): Tensor;
    diag(k?: number): Tensor;
    trace(offset?: number): Tensor;
    inv(): Tensor;
    det(): Tensor;
    /** `a.solve(b)`: x with `a x = b`. */
    solve(b: TensorLike): Tensor;

    // special functions (special.ts)
    /** Γ(x), see {@link gamma}. */
    gamma(): Tensor;
    /** log|Γ(x)|, see {@link lgamma}. */
    lgamma(): Tensor;
    /** ψ(x), see {@link digamma}. */
    digamma(): Tensor;
    /** erf(x), see {@link erf}. */
    erf(): Tensor;
    /** erfc(x), see {@link erfc}. */
    erfc(): Tensor;

    // autograd (autograd/engine.ts)
    /** PyTorch's `backward()`: accumulate gradients into `.grad` of the leaves. */
    backward(gradOutput?: Tensor, options?: { retainGraph?: boolean; createGraph?: boolean }): void;
  }
}

const P = Tensor.prototype;

// arithmetic (ops/arith.ts; astype: ops/unary.ts)
P.add = function (o) {
  return add(this, o);
};
P.sub = function (o) {
  return sub(this, o);
};
P.mul = function (o) {
  return mul(this, o);
};
P.div = function (o) {
  return div(this, o);
};
P.neg = function () {
  return neg(this);
};
P.astype = function (d) {
  return astype(this, d);
};

// element-wise functions (ops/unary.ts)
P.exp = function () {
  return exp(this);
};
P.log = function () {
  return log(this);
};
P.log1p = function () {
  return log1p(this);
};
P.expm1 = function () {
  return expm1(this);
};
P.sqrt = function () {
  return sqrt(this);
};
P.reciprocal = function () {
  return reciprocal(this);
};
P.square = function () {
  return square(this);
};
P.sin = function () {
  return sin(this);
};
P.cos = function () {
  return cos(this);
};
P.tan = function () {
  return tan(this);
};
P.tanh = function () {
  return tanh(this);
};
P.sigmoid = function () {
  return sigmoid(this);
};
P.abs = function () {
  return abs(this);
};
P.sign = function () {
  return sign(this);
};
P.floor = function () {
  return floor(this);
};
P.ceil = function () {
  return ceil(this);
};
P.round = function (decimals?: number) {
  return round(this, decimals);
};
P.isnan = function () {
  return isnan(this);
};
P.isfinite = function () {
  return isfinite(this);
};
P.isinf = function () {
  return isinf(this);
};

// comparisons, logic, powers (ops/binary.ts)
P.pow = function (e) {
  return pow(this, e);
};
P.maximum = function (o) {
  return maximum(this, o);
};
P.minimum = function (o) {
  return minimum(this, o);
};
P.clip = function (lo, hi) {
  return clip(this, lo, hi);
};
P.where = function (c, o) {
  return where(c, this, o);
};
P.equal = function (o) {
  return equal(this, o);
};
P.notEqual = function (o) {
  return notEqual(this, o);
};
P.less = function (o) {
  return less(this, o);
};
P.lessEqual = function (o) {
  return lessEqual(this, o);
};
P.greater = function (o) {
  return greater(this, o);
};
P.greaterEqual = function (o) {
  return greaterEqual(this, o);
};
P.logicalAnd = function (o) {
  return logicalAnd(this, o);
};
P.logicalOr = function (o) {
  return logicalOr(this, o);
};
P.logicalXor = function (o) {
  return logicalXor(this, o);
};
P.logicalNot = function () {
  return logicalNot(this);
};
P.remainder = function (o) {
  return remainder(this, o);
};
P.mod = function (o) {
  return remainder(this, o);
};
P.floorDivide = function (o) {
  return floorDivide(this, o);
};

// reductions (ops/reduce.ts)
P.sum = function (o) {
  return sum(this, o);
};
P.mean = function (o) {
  return mean(this, o);
};
P.prod = function (o) {
  return prod(this, o);
};
P.max = function (o) {
  return max(this, o);
};
P.min = function (o) {
  return min(this, o);
};
P.argmax = function (o) {
  return argmax(this, o);
};
P.argmin = function (o) {
  return argmin(this, o);
};
P.var = function (o) {
  return variance(this, o);
};
P.variance = function (o) {
  return variance(this, o);
};
P.std = function (o) {
  return std(this, o);
};
P.cumsum = function (o) {
  return cumsum(this, o);
};
P.logsumexp = function (o) {
  return logsumexp(this, o);
};
P.all = function (o) {
  return all(this, o);
};
P.any = function (o) {
  return any(this, o);
};

// shape ops (ops/shape.ts)
P.reshape = function (...s) {
  return reshape(this, ...s);
};
P.flatten = function (a, b) {
  return flatten(this, a, b);
};
P.ravel = function () {
  return ravel(this);
};
P.squeeze = function (a) {
  return squeeze(this, a);
};
P.unsqueeze = function (a) {
  return unsqueeze(this, a);
};
P.expandDims = function (a) {
  return unsqueeze(this, a);
};
P.transpose = function (a) {
  return transpose(this, a);
};
P.permute = function (...a) {
  return permute(this, ...a);
};
P.swapaxes = function (a, b) {
  return swapaxes(this, a, b);
};
P.moveaxis = function (a, b) {
  return moveaxis(this, a, b);
};
Object.defineProperty(P, 'T', {
  get(this: Tensor) {
    return transpose(this);
  },
  configurable: true,
});
P.split = function (s, a) {
  return split(this, s, a);
};
P.chunk = function (c, a) {
  return chunk(this, c, a);
};
P.tile = function (r) {
  return tile(this, r);
};
P.repeat = function (r, a) {
  return repeat(this, r, a);
};
P.flip = function (a) {
  return flip(this, a);
};
P.pad = function (p, o) {
  return pad(this, p, o);
};

// indexing (ops/indexing.ts)
P.index = function (...specs) {
  return index(this, ...specs);
};
P.take = function (i, a) {
  return take(this, i, a);
};
P.indexSelect = function (a, i) {
  return indexSelect(this, a, i);
};
P.maskedSelect = function (m) {
  return maskedSelect(this, m);
};
P.gather = function (a, i) {
  return gather(this, a, i);
};
P.scatterAdd = function (a, i, s) {
  return scatterAdd(this, a, i, s);
};
P.setIndex = function (i, v) {
  return setIndex(this, i, v);
};
P.indexPut = function (i, v, acc) {
  return indexPut(this, i, v, acc);
};
P.asStrided = function (s, st, o) {
  return asStrided(this, s, st, o);
};

// sorting (ops/sort.ts)
P.sort = function (o) {
  return sort(this, o);
};
P.argsort = function (o) {
  return argsort(this, o);
};
P.topk = function (k, o) {
  return topk(this, k, o);
};

// linear algebra (ops/matmul.ts, ops/linalg.ts)
P.matmul = function (o) {
  return matmul(this, o);
};
P.dot = function (o) {
  return dot(this, o);
};
P.inner = function (o) {
  return inner(this, o);
};
P.outer = function (o) {
  return outer(this, o);
};
P.norm = function (o) {
  return norm(this, o);
};
P.diag = function (k) {
  return diag(this, k);
};
P.trace = function (o) {
  return trace(this, o);
};
P.inv = function () {
  return inv(this);
};
P.det = function () {
  return det(this);
};
P.solve = function (b) {
  return solve(this, b);
};

// special functions (special.ts)
P.gamma = function () {
  return gamma(this);
};
P.lgamma = function () {
  return lgamma(this);
};
P.digamma = function () {
  return digamma(this);
};
P.erf = function () {
  return erf(this);
};
P.erfc = function () {
  return erfc(this);
};

// autograd (autograd/engine.ts)
P.backward = function (g, o) {
  backward(this, g, o);
};
