/**
 * Tensor methods: every op exported as a function is also a method (`a.add(b)`, `x.sum()`),
 * installed here by declaration merging so the class file stays free of op imports.
 */
import { backward } from './autograd/engine.js';
import type { DType } from './dtype.js';
import { add, astype, div, mul, neg, sub } from './ops/arith.js';
import { Tensor, type TensorLike } from './tensor.js';

declare module './tensor.js' {
  interface Tensor {
    add(other: TensorLike): Tensor;
    sub(other: TensorLike): Tensor;
    mul(other: TensorLike): Tensor;
    div(other: TensorLike): Tensor;
    neg(): Tensor;
    astype(dtype: DType): Tensor;
    /** PyTorch's `backward()`: accumulate gradients into `.grad` of the leaves. */
    backward(gradOutput?: Tensor, options?: { retainGraph?: boolean; createGraph?: boolean }): void;
  }
}

const P = Tensor.prototype;
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
P.backward = function (g, o) {
  backward(this, g, o);
};
