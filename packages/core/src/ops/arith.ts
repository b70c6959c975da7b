/**
 * Element-wise arithmetic with numpy broadcasting, each op with its backward rule beside it.
 * This file also holds the two broadcasting primitives every binary backward uses:
 * `broadcastTo` and its adjoint `sumToShape` (sum over the broadcast dimensions).
 */
import { record } from '../autograd/engine.js';
import {
  allocate,
  type DataArray,
  type DType,
  floatResult,
  promoteTypes,
  promoteWithScalar,
} from '../dtype.js';
import { DTypeError, ShapeError, showShape } from '../errors.js';
import { broadcastShapes, broadcastStrides, sameShape, shapeSize } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';

/** Convert both operands of a binary op, applying numpy's weak-scalar promotion. */
export function binaryOperands(op: string, a: TensorLike, b: TensorLike): [Tensor, Tensor, DType] {
  const aIsNum = typeof a === 'number';
  const bIsNum = typeof b === 'number';
  if (aIsNum && !bIsNum) {
    const tb = asTensor(b);
    const d = promoteWithScalar(tb.dtype, a);
    return [asTensor(a, d), tb, promoteTypes(d, tb.dtype)];
  }
  if (bIsNum && !aIsNum) {
    const ta = asTensor(a);
    const d = promoteWithScalar(ta.dtype, b);
    return [ta, asTensor(b, d), promoteTypes(ta.dtype, d)];
  }
  const ta = asTensor(a);
  const tb = asTensor(b);
  void op;
  return [ta, tb, promoteTypes(ta.dtype, tb.dtype)];
}

/**
 * The broadcasting element-wise kernel: `out[i] = f(a[ia], b[ib])` over the broadcast shape.
 * Fast paths for equal shapes and scalar operands; otherwise an odometer over the output index
 * with the inner dimension as a tight loop.
 */
export function mapBinary(
  op: string,
  a: Tensor,
  b: Tensor,
  outDtype: DType,
  f: (x: number, y: number) => number,
): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const n = shapeSize(shape);
  const out = allocate(outDtype, n);
  const ad = a.data;
  const bd = b.data;
  if (a.size === n && b.size === n && sameShape(a.shape, b.shape)) {
    for (let i = 0; i < n; i++) out[i] = f(ad[i]!, bd[i]!);
  } else if (b.size === 1 && a.size === n) {
    const y = bd[0]!;
    for (let i = 0; i < n; i++) out[i] = f(ad[i]!, y);
  } else if (a.size === 1 && b.size === n) {
    const x = ad[0]!;
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]!);
  } else if (n > 0) {
    const nd = shape.length;
    const sa = broadcastStrides(a.shape, shape);
    const sb = broadcastStrides(b.shape, shape);
    const inner = shape[nd - 1]!;
    const ia = sa[nd - 1]!;
    const ib = sb[nd - 1]!;
    const idx = new Array<number>(nd).fill(0);
    let oa = 0;
    let ob = 0;
    for (let o = 0; o < n; o += inner) {
      let pa = oa;
      let pb = ob;
      for (let j = 0; j < inner; j++) {
        out[o + j] = f(ad[pa]!, bd[pb]!);
        pa += ia;
        pb += ib;
      }
      // advance the odometer over the outer dimensions
      for (let d = nd - 2; d >= 0; d--) {
        idx[d]!++;
        oa += sa[d]!;
        ob += sb[d]!;
        if (idx[d]! < shape[d]!) break;
        oa -= sa[d]! * shape[d]!;
        ob -= sb[d]! * shape[d]!;
        idx[d] = 0;
      }
    }
  }
  return new Tensor(out, shape, outDtype);
}

/**
 * A strided element-wise loop, `out[o + j] = op(a[pa + j·sa], b[pb + j·sb])` for `j < n`.
 * Each op passes its own kernel (a distinct function literal), so V8 optimises every loop for
 * its own operation instead of calling a megamorphic closure once per element as `mapBinary`
 * must. Strides are 0 along broadcast dimensions.
 */
export type BinaryKernel = (
  out: DataArray,
  o: number,
  a: DataArray,
  pa: number,
  sa: number,
  b: DataArray,
  pb: number,
  sb: number,
  n: number,
) => void;

/**
 * The broadcasting kernel driver: like `mapBinary`, but the element loop is `kernel`, called once
 * for the whole array when the shapes agree (or one operand is a scalar) and once per innermost
 * row otherwise. Same results as `mapBinary` with the equivalent `f`.
 */
export function mapBinaryKernel(
  op: string,
  a: Tensor,
  b: Tensor,
  outDtype: DType,
  kernel: BinaryKernel,
): Tensor {
  const shape = broadcastShapes(op, a.shape, b.shape);
  const n = shapeSize(shape);
  const out = allocate(outDtype, n);
  const ad = a.data;
  const bd = b.data;
  if (a.size === n && b.size === n && sameShape(a.shape, b.shape)) kernel(out, 0, ad, 0, 1, bd, 0, 1, n);
  else if (b.size === 1 && a.size === n) kernel(out, 0, ad, 0, 1, bd, 0, 0, n);
  else if (a.size === 1 && b.size === n) kernel(out, 0, ad, 0, 0, bd, 0, 1, n);
  else if (n > 0) {
    const nd = shape.length;
    const sa = broadcastStrides(a.shape, shape);
    const sb = broadcastStrides(b.shape, shape);
    const inner = shape[nd - 1]!;
    const ia = sa[nd - 1]!;
    const ib = sb[nd - 1]!;
    const idx = new Array<number>(nd).fill(0);
    let oa = 0;
    let ob = 0;
    for (let o = 0; o < n; o += inner) {
      kernel(out, o, ad, oa, ia, bd, ob, ib, inner);
      for (let d = nd - 2; d >= 0; d--) {
        idx[d]!++;
        oa += sa[d]!;
        ob += sb[d]!;
        if (idx[d]! < shape[d]!) break;
        oa -= sa[d]! * shape[d]!;
        ob -= sb[d]! * shape[d]!;
        idx[d] = 0;
      }
    }
  }
  return new Tensor(out, shape, outDtype);
}

const kFirst: BinaryKernel = (out, o, a, pa, sa, _b, _pb, _sb, n) => {
  for (let j = 0; j < n; j++, pa += sa) out[o + j] = a[pa]!;
};
const kAdd: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! + b[pb]!;
};
const kOr: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! | b[pb]!;
};
const kSub: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! - b[pb]!;
};
const kMul: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! * b[pb]!;
};
// int32 products wrap modulo 2^32 exactly (numpy), even beyond 2^53 where p * q would round
const kMulInt: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = Math.imul(a[pa]!, b[pb]!);
};
const kAnd: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! & b[pb]!;
};
const kDiv: BinaryKernel = (out, o, a, pa, sa, b, pb, sb, n) => {
  for (let j = 0; j < n; j++, pa += sa, pb += sb) out[o + j] = a[pa]! / b[pb]!;
};

/** `out[i] = f(x[i])` into a new tensor of `outDtype`. */
export function mapUnary(x: Tensor, outDtype: DType, f: (v: number) => number): Tensor {
  const n = x.size;
  const out = allocate(outDtype, n);
  const d = x.data;
  // one loop per common array pair, so each keeps its element accesses monomorphic (a single loop
  // seeing every typed-array kind runs an order of magnitude slower)
  if (d instanceof Float32Array && out instanceof Float32Array) mapUnary32(d, out, n, f);
  else if (d instanceof Float64Array && out instanceof Float64Array) mapUnary64(d, out, n, f);
  else for (let i = 0; i < n; i++) out[i] = f(d[i]!);
  return new Tensor(out, x.shape, outDtype);
}
function mapUnary32(d: Float32Array, out: Float32Array, n: number, f: (v: number) => number): void {
  for (let i = 0; i < n; i++) out[i] = f(d[i]!);
}
function mapUnary64(d: Float64Array, out: Float64Array, n: number, f: (v: number) => number): void {
  for (let i = 0; i < n; i++) out[i] = f(d[i]!);
}

/**
 * Broadcast `x` to `shape` (numpy's `broadcast_to`, materialised). Backward: `sumToShape`.
 */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(x);
  if (sameShape(t.shape, shape)) return t;
  const target = broadcastShapes('broadcastTo', t.shape, shape);
  if (!sameShape(target, shape))
    throw new ShapeError(
      'broadcastTo',
      `cannot broadcast shape ${showShape(t.shape)} to ${showShape(shape)}`,
    );
  const target0 = new Tensor(allocate(t.dtype, shapeSize(shape)), shape, t.dtype);
  const out = mapBinaryKernel('broadcastTo', t, target0, t.dtype, kFirst);
  return record(out, 'broadcastTo', [t], (g) => [sumToShape(g, t.shape)]);
}

/** Sum `src` viewed as `[outer, n, inner]` over the middle axis into a Float64Array `[outer, inner]`. */
function sumMiddle(src: ArrayLike<number>, outer: number, n: number, inner: number): Float64Array {
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const first = o * n * inner;
    if (inner === 1) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc += src[first + k]!;
      out[o] = acc;
    } else {
      const ob = o * inner;
      for (let k = 0; k < n; k++) {
        const rb = first + k * inner;
        for (let i = 0; i < inner; i++) out[ob + i] += src[rb + i]!;
      }
    }
  }
  return out;
}

/**
 * Sum `x` down to `shape`, the adjoint of broadcasting: sums the leading dimensions `x` has in
 * excess and every dimension where `shape` is 1. Backward: `broadcastTo`.
 */
export function sumToShape(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  const nd = x.ndim;
  const off = nd - shape.length;
  if (off < 0)
    throw new ShapeError('sumToShape', `cannot sum shape ${showShape(x.shape)} down to ${showShape(shape)}`);
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i]!;
    if (s !== 1 && s !== x.shape[off + i])
      throw new ShapeError(
        'sumToShape',
        `cannot sum shape ${showShape(x.shape)} down to ${showShape(shape)}`,
      );
  }
  const dtype = x.dtype;
  // The summed dimensions: the leading ones x has in excess and those where `shape` is 1. Runs
  // of adjacent summed dimensions are reduced together as [outer, n, inner] with contiguous
  // inner loops (float64 accumulation), the last run first.
  let data: ArrayLike<number> = x.data;
  let cur = [...x.shape];
  const summed: boolean[] = x.shape.map((d, i) => i < off || (shape[i - off] === 1 && d !== 1));
  for (let end = nd; end > 0; ) {
    if (!summed[end - 1]) {
      end--;
      continue;
    }
    let start = end - 1;
    while (start > 0 && summed[start - 1]) start--;
    let outer = 1;
    for (let i = 0; i < start; i++) outer *= cur[i]!;
    let n = 1;
    for (let i = start; i < end; i++) n *= cur[i]!;
    let inner = 1;
    for (let i = end; i < cur.length; i++) inner *= cur[i]!;
    data = sumMiddle(data, outer, n, inner);
    cur = [...cur.slice(0, start), ...cur.slice(end)];
    end = start;
  }
  const out = allocate(dtype, shapeSize(shape));
  out.set(data as Float64Array);
  const res = new Tensor(out, shape, dtype);
  return record(res, 'sumToShape', [x], (g) => [broadcastTo(g, x.shape)]);
}

/** Reduce a broadcast gradient back to an operand's shape. */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  return sameShape(g.shape, shape) ? g : sumToShape(g, shape);
}

function checkNotBool(op: string, d: DType): void {
  if (d === 'bool') throw new DTypeError(op, `not supported for dtype bool; convert with astype first`);
}

/** `a + b` with numpy broadcasting. d/da = 1, d/db = 1. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = binaryOperands('add', a, b);
  const out = mapBinaryKernel('add', x, y, d, d === 'bool' ? kOr : kAdd);
  return record(out, 'add', [x, y], (g) => [unbroadcast(g, x.shape), unbroadcast(g, y.shape)]);
}

/** `a - b` with numpy broadcasting. d/da = 1, d/db = -1. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = binaryOperands('sub', a, b);
  checkNotBool('sub', d);
  const out = mapBinaryKernel('sub', x, y, d, kSub);
  return record(out, 'sub', [x, y], (g) => [
    x.requiresGrad ? unbroadcast(g, x.shape) : null,
    y.requiresGrad ? unbroadcast(neg(g), y.shape) : null,
  ]);
}

/** `a * b` with numpy broadcasting. d/da = b, d/db = a. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d] = binaryOperands('mul', a, b);
  const out = mapBinaryKernel('mul', x, y, d, d === 'bool' ? kAnd : d === 'int32' ? kMulInt : kMul);
  return record(out, 'mul', [x, y], (g) => [
    x.requiresGrad ? unbroadcast(mul(g, y), x.shape) : null,
    y.requiresGrad ? unbroadcast(mul(g, x), y.shape) : null,
  ]);
}

/** `a / b` (true division: integer inputs give float64, as numpy). d/da = 1/b, d/db = -a/b². */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y, d0] = binaryOperands('div', a, b);
  const d = d0 === 'float32' ? 'float32' : 'float64';
  const out = mapBinaryKernel('div', x, y, d, kDiv);
  return record(out, 'div', [x, y], (g) => [
    x.requiresGrad ? unbroadcast(div(g, y), x.shape) : null,
    y.requiresGrad ? unbroadcast(neg(div(mul(g, x), mul(y, y))), y.shape) : null,
  ]);
}

/** `-x`. */
export function neg(a: TensorLike): Tensor {
  const x = asTensor(a);
  checkNotBool('neg', x.dtype);
  const d = x.data;
  const out =
    d instanceof Float32Array
      ? new Tensor(neg32(d, x.size), x.shape, x.dtype)
      : d instanceof Float64Array
        ? new Tensor(neg64(d, x.size), x.shape, x.dtype)
        : mapUnary(x, x.dtype, (v) => -v);
  return record(out, 'neg', [x], (g) => [neg(g)]);
}

function neg32(d: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = -d[i]!;
  return out;
}
function neg64(d: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -d[i]!;
  return out;
}

/** The float dtype a unary float op (exp, log, ...) produces from `x`. */
export { floatResult };
