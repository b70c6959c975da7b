/**
 * Linear algebra with numpy semantics — matmul (2-D, batched with broadcast batch dims, 1-D
 * promotion), PyTorch's fused `linear` (x Wᵀ + b), dot, inner, outer, norm, trace, diag, and LU-based inv/solve/det — each with its
 * autograd backward rule beside it.
 *
 * matmul runs the `gemm` kernel of the current backend (`kernels/gemm.ts`: the JS reference loops
 * or the WebAssembly SIMD kernel, `setBackend('js' | 'wasm')`) once per batch matrix, with one operand
 * layout per case (`A B`, `A Bᵀ`, `Aᵀ B`); results are written straight into the output typed
 * array. The backward of `C = A B` is `dA = G Bᵀ` and
 * `dB = Aᵀ G`, computed by the transposed-operand kernels directly (no transpose materialised),
 * then summed over broadcast batch dimensions (`sumToShape`).
 */
import { isGradEnabled, record } from '../autograd/engine.js';
import { gradBuffer } from '../kernels/grad-buffers.js';
import '../kernels/linear.js'; // registers the 'linear' kernel (and, through it, 'gemm')
import { allocate, castValue, type DataArray, type DType, promoteTypes } from '../dtype.js';
import { AutogradError, DTypeError, ShapeError, show, showShape, ValueError } from '../errors.js';
import { type FloatArray, type GemmLayout, getKernel } from '../kernels/registry.js';
import { scratchBuffer } from '../kernels/scratch.js';
import { broadcastShapes, broadcastStrides, normalizeAxis, shapeSize, stridesOf } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';
import { add, astype, broadcastTo, mul, neg, sumToShape } from './arith.js';
import { maximum, pow } from './binary.js';
import { asStrided, asStridedScatterAdd } from './indexing.js';
import { moveaxis, reshape, swapaxes, unsqueeze } from './shape.js';
import { abs, sqrt } from './unary.js';

// ---------------------------------------------------------------------------------------------
// 2-D kernels: the float32/float64 GEMMs live in the kernel layer (kernels/gemm.ts: the 'js'
// reference loops and the 'wasm' SIMD kernel); integer/bool products use the loop below.
// ---------------------------------------------------------------------------------------------

/** Integer/bool matmul (any layout) through float64 sums, cast back to the dtype. */
function mmGeneric(
  a: DataArray,
  ao: number,
  b: DataArray,
  bo: number,
  c: DataArray,
  co: number,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
  dtype: DType,
): void {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += a[ao + (ta ? p * m + i : i * k + p)]! * b[bo + (tb ? j * k + p : p * n + j)]!;
      c[co + i * n + j] = castValue(dtype, s);
    }
}

type Layout = GemmLayout;

/**
 * The raw batched kernel: `a` is `[...batchA, m, k]` (`[..., k, m]` for 'TN'), `b` is
 * `[...batchB, k, n]` (`[..., n, k]` for 'NT'); batch dims broadcast. Same dtype required.
 */
function bmmRaw(op: string, a: Tensor, b: Tensor, layout: Layout, into?: FloatArray | null): Tensor {
  const ra = a.ndim;
  const rb = b.ndim;
  const [m, ka] =
    layout === 'TN' ? [a.shape[ra - 1]!, a.shape[ra - 2]!] : [a.shape[ra - 2]!, a.shape[ra - 1]!];
  const [kb, n] =
    layout === 'NT' ? [b.shape[rb - 1]!, b.shape[rb - 2]!] : [b.shape[rb - 2]!, b.shape[rb - 1]!];
  if (ka !== kb)
    throw new ShapeError(
      op,
      `inner dimensions differ: ${showShape(a.shape)} and ${showShape(b.shape)} (${layout})`,
    );
  const k = ka;
  const dtype0 = a.dtype;
  if (ra === 2 && rb === 2 && (dtype0 === 'float32' || dtype0 === 'float64')) {
    // plain matrices (the layers' case): no batch bookkeeping
    const out2 = into && into.length === m * n ? into : allocate(dtype0, m * n);
    getKernel('gemm')(
      layout,
      a.data as FloatArray,
      0,
      b.data as FloatArray,
      0,
      out2 as FloatArray,
      0,
      m,
      k,
      n,
      false,
    );
    return new Tensor(out2, [m, n], dtype0);
  }
  const batchA = a.shape.slice(0, ra - 2);
  const batchB = b.shape.slice(0, rb - 2);
  const batch = broadcastShapes(op, batchA, batchB);
  const nb = shapeSize(batch);
  const dtype = a.dtype;
  const out = into && into.length === nb * m * n ? into : allocate(dtype, nb * m * n);
  const sa = broadcastStrides(batchA, batch);
  const sb = broadcastStrides(batchB, batch);
  const bst = stridesOf(batch);
  const matA = m * k;
  const matB = k * n;
  const matC = m * n;
  const gemmKernel = dtype === 'float64' || dtype === 'float32' ? getKernel('gemm') : null;
  for (let t = 0; t < nb; t++) {
    let ia = 0;
    let ib = 0;
    let r = t;
    for (let d = 0; d < batch.length; d++) {
      const q = Math.floor(r / bst[d]!);
      r -= q * bst[d]!;
      ia += q * sa[d]!;
      ib += q * sb[d]!;
    }
    const ao = ia * matA;
    const bo = ib * matB;
    const co = t * matC;
    if (gemmKernel)
      gemmKernel(
        layout,
        a.data as FloatArray,
        ao,
        b.data as FloatArray,
        bo,
        out as FloatArray,
        co,
        m,
        k,
        n,
        false,
      );
    else mmGeneric(a.data, ao, b.data, bo, out, co, m, k, n, layout === 'TN', layout === 'NT', dtype);
  }
  return new Tensor(out, [...batch, m, n], dtype);
}

/**
 * Differentiable batched product of `op(a) op(b)` for a layout. Backward rules (G = dL/dC):
 * NN `C = A B`:  dA = G Bᵀ (NT),  dB = Aᵀ G (TN);
 * NT `C = A Bᵀ`: dA = G B (NN),   dB = Gᵀ A (TN);
 * TN `C = Aᵀ B`: dA = B Gᵀ (NT),  dB = A G (NN);
 * each summed over broadcast batch dims.
 */
function bmm(op: string, a: Tensor, b: Tensor, layout: Layout): Tensor {
  const out = bmmRaw(op, a, b, layout);
  return record(out, op, [a, b], (g) => {
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      if (layout === 'NN') ga = bmm(op, g, b, 'NT');
      else if (layout === 'NT') ga = bmm(op, g, b, 'NN');
      else ga = bmm(op, b, g, 'NT');
      ga = sumToShape(ga, a.shape);
    }
    if (b.requiresGrad) {
      if (layout === 'NN') gb = bmm(op, a, g, 'TN');
      else if (layout === 'NT') gb = bmm(op, g, a, 'TN');
      else gb = bmm(op, a, g, 'NN');
      gb = sumToShape(gb, b.shape);
    }
    return [ga, gb];
  });
}

function commonDType(x: Tensor, y: Tensor): [Tensor, Tensor] {
  const d = promoteTypes(x.dtype, y.dtype);
  return [x.dtype === d ? x : astype(x, d), y.dtype === d ? y : astype(y, d)];
}

/**
 * numpy's `matmul` (`a @ b`): the matrix product of the last two axes, `C[..., i, j] =
 * Σ_k A[..., i, k] B[..., k, j]`, with the leading (batch) axes broadcast. A 1-D `a` is a row
 * vector `[1, k]` and a 1-D `b` a column vector `[k, 1]`, the added axis removed from the result.
 * Shapes: `[..., m, k] @ [..., k, n] -> [..., m, n]`. Backward: `dA = G Bᵀ`, `dB = Aᵀ G`, summed
 * over broadcast batch axes.
 *
 * ```ts
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toArray(); // [[17], [39]]
 * matmul(zeros([8, 1, 2, 3]), zeros([5, 3, 4])).shape;             // [8, 5, 2, 4]
 * ```
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let x = asTensor(a);
  let y = asTensor(b);
  if (x.ndim === 0 || y.ndim === 0)
    throw new ValueError(
      'matmul',
      `operands must have at least one dimension, received shapes ${showShape(x.shape)} and ${showShape(y.shape)}; use mul for scalars`,
    );
  const kA = x.shape[x.ndim - 1]!;
  const kB = y.ndim === 1 ? y.shape[0]! : y.shape[y.ndim - 2]!;
  if (kA !== kB)
    throw new ShapeError(
      'matmul',
      `inner dimensions differ: a has shape ${showShape(x.shape)}, b has shape ${showShape(y.shape)}; expected a.shape[-1] == b.shape[-2]`,
    );
  const vecA = x.ndim === 1;
  const vecB = y.ndim === 1;
  [x, y] = commonDType(x, y);
  const x2 = vecA ? reshape(x, [1, kA]) : x;
  const y2 = vecB ? reshape(y, [kB, 1]) : y;
  let out = bmm('matmul', x2, y2, 'NN');
  if (vecA || vecB) {
    const s = out.shape.slice(0, out.ndim - 2);
    if (!vecA) s.push(out.shape[out.ndim - 2]!);
    if (!vecB) s.push(out.shape[out.ndim - 1]!);
    out = reshape(out, s);
  }
  return out;
}

/**
 * PyTorch's `nn.functional.linear`: `y = x Wᵀ + b`, the affine map of a fully connected layer
 * (book eq. 7.5, `f = β + Ω h`, with examples as rows: `y = b + W x` for each row `x`). Shapes: `x`
 * `[..., in]`, `weight` `[out, in]`, `bias` `[out]` (optional) → `[..., out]`.
 *
 * Backward (book eq. 7.13, rows as examples, `G = ∂L/∂y` of shape `[N, out]`):
 * `∂L/∂b = Σ_rows G` (line 1), `∂L/∂W = Gᵀ x` (line 2), `∂L/∂x = G W` (line 3, second part) —
 * differentiable again under `createGraph`.
 *
 * The float path is one call of the `linear` kernel (one `A Bᵀ` GEMM with the bias added into its
 * output: no transpose of W materialised, no broadcast temporary); the backward runs
 * transposed-operand GEMMs and a column sum on the kernel layer.
 *
 * ```ts
 * linear(tensor([[1, 2]]), tensor([[1, 0], [0, 1], [1, 1]]), tensor([0, 0, 10])).toArray(); // [[1, 2, 13]]
 * ```
 */
export function linear(
  input: TensorLike,
  weight: TensorLike,
  bias?: TensorLike | null,
  options?: LinearOptions,
): Tensor {
  return linearImpl('linear', input, weight, bias, false, options?.out);
}

/** Options of {@link linear} and {@link linearRelu}. */
export interface LinearOptions {
  /**
   * Write the result into this tensor's storage and return it (PyTorch's `out=`): shape
   * `[..., out]` and the result dtype required. As in PyTorch, not differentiable: only allowed
   * when nothing is recorded (inside `noGrad`, or no input requires gradients).
   */
  out?: Tensor;
}

/**
 * `relu(linear(x, W, b))` = `max(x Wᵀ + b, 0)` as one op (a fully connected layer and its ReLU,
 * book eqs. 7.5 and 3.2; PyTorch's fused `LinearReLU`): the ReLU runs in place on the GEMM's output,
 * so the pre-activation is never materialised as a tensor. Backward: the ReLU's `G · [y > 0]`
 * (book eq. 7.13, line 3, first part; 0 at y = 0 as PyTorch), then `linear`'s. Values and gradients
 * are bit-identical to the composition (same kernels, same order); NaN propagates. Shapes as
 * `linear`. Non-float inputs give `maximum(linear(x, W, b), 0)`.
 *
 * ```ts
 * linearRelu(tensor([[1, -2]]), tensor([[1, 0], [0, 1]]), tensor([0, 1])).toArray(); // [[1, 0]]
 * ```
 */
export function linearRelu(
  input: TensorLike,
  weight: TensorLike,
  bias?: TensorLike | null,
  options?: LinearOptions,
): Tensor {
  return linearImpl('linearRelu', input, weight, bias, true, options?.out);
}

/**
 * `g · [y > 0]`, the ReLU's backward from its output `y` (book eq. 7.13's indicator), for an op's
 * backward closure that consumes the result before it returns (`linearRelu`, @gradkit/conv's fused
 * convolution + relu). Outside createGraph: one pass of the `reluBackward` kernel into a scratch
 * buffer of the kernel layer, valid until the next call; under createGraph, or when `g` and `y`
 * differ in dtype, the differentiable product with a 0/1 mask.
 *
 * ```ts
 * const gz = reluGradInBackward(gOut, yData); // then the op's own backward rules on gz
 * ```
 */
export function reluGradInBackward(g: Tensor, y: FloatArray): Tensor {
  const n = g.size;
  const dtype = y instanceof Float32Array ? 'float32' : 'float64';
  if (!isGradEnabled() && g.dtype === dtype) {
    const buf = scratchBuffer('reluGradInBackward', dtype, n);
    getKernel('reluBackward')(g.data as FloatArray, y, buf, n);
    return new Tensor(buf, g.shape, g.dtype);
  }
  const mask = allocate(g.dtype, n);
  for (let i = 0; i < n; i++) mask[i] = y[i]! > 0 ? 1 : 0;
  return mul(g, new Tensor(mask, g.shape, g.dtype));
}

/** Validate an `out` tensor: shape, dtype, and that no autograd record would be needed (PyTorch refuses `out=` there too). */
function checkOut(
  op: string,
  out: Tensor,
  shape: readonly number[],
  dtype: DType,
  inputs: (Tensor | null)[],
): void {
  if (!(out instanceof Tensor))
    throw new ValueError(op, `options.out must be a Tensor, received ${show(out)}`);
  if (out.dtype !== dtype)
    throw new DTypeError(op, `options.out has dtype ${out.dtype} but the result is ${dtype}`);
  if (out.shape.length !== shape.length || out.shape.some((d, i) => d !== shape[i]))
    throw new ShapeError(
      op,
      `options.out has shape ${showShape(out.shape)} but the result has shape ${showShape(shape)}`,
    );
  if (isGradEnabled() && inputs.some((t) => t?.requiresGrad))
    throw new AutogradError(
      op,
      'options.out is not differentiable: an input requires gradients; run inside noGrad or drop out',
    );
  for (const t of inputs)
    if (t !== null && t.data.buffer === out.data.buffer)
      throw new ValueError(op, 'options.out must not share storage with an input');
}

/**
 * `op(a) op(b)` for a backward rule (`layout` as {@link bmmRaw}) whose result is the gradient of
 * `target`: recorded under createGraph; otherwise written by the GEMM kernel straight into an
 * engine-owned gradient buffer when the kernel layer's protocol allows one (`gradBuffer`).
 */
function gradProduct(op: string, a: Tensor, b: Tensor, layout: Layout, target: Tensor): Tensor {
  if (isGradEnabled()) return bmm(op, a, b, layout);
  return bmmRaw(op, a, b, layout, gradBuffer(target, a.dtype as 'float32' | 'float64', target.size));
}

/** `Σ_rows g2` for `g2` `[n, out]`, the gradient of the bias `target` (as {@link gradProduct}). */
function gradRowSum(g2: Tensor, target: Tensor): Tensor {
  const [n, outF] = g2.shape as [number, number];
  if (isGradEnabled()) return sumToShape(g2, [outF]);
  const dtype = g2.dtype as 'float32' | 'float64';
  const s = gradBuffer(target, dtype, outF) ?? allocate(dtype, outF);
  getKernel('sumRows')(g2.data as FloatArray, s as FloatArray, n, outF);
  return new Tensor(s, [outF], dtype);
}

function linearImpl(
  op: 'linear' | 'linearRelu',
  input: TensorLike,
  weight: TensorLike,
  bias: TensorLike | null | undefined,
  withRelu: boolean,
  into: Tensor | undefined,
): Tensor {
  let x = asTensor(input);
  let w = asTensor(weight);
  let b = bias === undefined || bias === null ? null : asTensor(bias);
  if (w.ndim !== 2)
    throw new ShapeError(op, `weight must be 2-D [out, in], received shape ${showShape(w.shape)}`);
  const [outF, inF] = w.shape as [number, number];
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inF)
    throw new ShapeError(
      op,
      `input must have shape [..., ${inF}] (weight is ${showShape(w.shape)}), received ${showShape(x.shape)}`,
    );
  if (b !== null && (b.ndim !== 1 || b.shape[0] !== outF))
    throw new ShapeError(op, `bias must have shape [${outF}], received ${showShape(b.shape)}`);
  let dtype = promoteTypes(x.dtype, w.dtype);
  if (b !== null) dtype = promoteTypes(dtype, b.dtype);
  if (into !== undefined) checkOut(op, into, [...x.shape.slice(0, -1), outF], dtype, [x, w, b]);
  if (dtype !== 'float32' && dtype !== 'float64') {
    if (into !== undefined) {
      into.data.set(linearImpl(op, x, w, b, withRelu, undefined).data);
      return into;
    }
    const mm = matmul(x, swapaxes(w, 0, 1));
    const y = b === null ? mm : add(mm, b);
    return withRelu ? maximum(y, 0) : y;
  }
  if (x.dtype !== dtype) x = astype(x, dtype);
  if (w.dtype !== dtype) w = astype(w, dtype);
  if (b !== null && b.dtype !== dtype) b = astype(b, dtype);
  const n = x.size / inF;
  // x·Wᵀ, bias and relu in one kernel call (on 'wasm': one trip through linear memory); the
  // relu is applied in place, the pre-activation is not kept
  const yd = (
    into !== undefined && into.data.length === n * outF ? into.data : allocate(dtype, n * outF)
  ) as FloatArray;
  getKernel('linear')(
    x.data as FloatArray,
    w.data as FloatArray,
    b === null ? null : (b.data as FloatArray),
    yd,
    n,
    inF,
    outF,
    withRelu,
  );
  if (into !== undefined) return into; // nothing to record (checked)
  const out = new Tensor(yd, x.ndim === 2 ? [n, outF] : [...x.shape.slice(0, -1), outF], dtype);
  const [xs, ws, bs] = [x, w, b];
  const backward = (grad: Tensor): (Tensor | null)[] => {
    let g = grad.dtype === dtype ? grad : astype(grad, dtype);
    if (withRelu) g = reluGradInBackward(g, yd); // ∂L/∂f = [y > 0] ⊙ ∂L/∂y
    const g2 = g.ndim === 2 ? g : reshape(g, [n, outF]);
    const x2 = xs.ndim === 2 ? xs : reshape(xs, [n, inF]);
    const gx = xs.requiresGrad ? reshape(gradProduct(op, g2, ws, 'NN', xs), xs.shape) : null; // G W
    const gw = ws.requiresGrad ? gradProduct(op, g2, x2, 'TN', ws) : null; // Gᵀ x
    const gb = bs?.requiresGrad ? gradRowSum(g2, bs) : null; // Σ_rows G
    return bs === null ? [gx, gw] : [gx, gw, gb];
  };
  // the backward reads G once (masked into a scratch buffer, then three products) and keeps nothing
  return record(out, op, bs === null ? [xs, ws] : [xs, ws, bs], backward, { readsGradOnce: true });
}

/**
 * numpy's `dot`: for 1-D operands the inner product; for 2-D the matrix product; a scalar
 * operand multiplies; for N-D `a` and 1-D or 2-D `b` the sum over the last axis of `a` and the
 * second-to-last of `b`; for N-D `b` (N ≥ 3), `dot(a, b)[i, j, k, m] = Σ a[i, j, :] b[k, :, m]`.
 *
 * ```ts
 * dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item(); // 32
 * ```
 */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a);
  const y = asTensor(b);
  if (x.ndim === 0 || y.ndim === 0) return mul(x, y);
  if (y.ndim <= 2) {
    const k = y.shape[0]!;
    if (x.shape[x.ndim - 1] !== k)
      throw new ShapeError(
        'dot',
        `shapes ${showShape(x.shape)} and ${showShape(y.shape)} are not aligned: ${x.shape[x.ndim - 1]} (dim ${x.ndim - 1}) != ${k} (dim 0)`,
      );
    return matmul(x, y);
  }
  const k = x.shape[x.ndim - 1]!;
  if (y.shape[y.ndim - 2] !== k)
    throw new ShapeError(
      'dot',
      `shapes ${showShape(x.shape)} and ${showShape(y.shape)} are not aligned: ${k} (dim ${x.ndim - 1}) != ${y.shape[y.ndim - 2]} (dim ${y.ndim - 2})`,
    );
  const a2 = reshape(x, [-1, k]);
  const b2 = reshape(moveaxis(y, -2, 0), [k, -1]);
  return reshape(matmul(a2, b2), [...x.shape.slice(0, -1), ...y.shape.slice(0, -2), y.shape[y.ndim - 1]!]);
}

/**
 * numpy's `inner`: `Σ_k a[..., k] b[..., k]` over the last axes; the result has shape
 * `[...a.shape[:-1], ...b.shape[:-1]]`. Scalars multiply.
 *
 * ```ts
 * inner(tensor([[1, 2], [3, 4]]), tensor([1, 1])).toArray(); // [3, 7]
 * ```
 */
export function inner(a: TensorLike, b: TensorLike): Tensor {
  let x = asTensor(a);
  let y = asTensor(b);
  if (x.ndim === 0 || y.ndim === 0) return mul(x, y);
  const k = x.shape[x.ndim - 1]!;
  if (y.shape[y.ndim - 1] !== k)
    throw new ShapeError(
      'inner',
      `last dimensions differ: a has shape ${showShape(x.shape)}, b has shape ${showShape(y.shape)}; expected equal last dimensions`,
    );
  [x, y] = commonDType(x, y);
  const r = bmm('inner', reshape(x, [-1, k]), reshape(y, [-1, k]), 'NT');
  return reshape(r, [...x.shape.slice(0, -1), ...y.shape.slice(0, -1)]);
}

/**
 * numpy's `outer`: `out[i, j] = a[i] b[j]` for the flattened inputs, shape `[a.size, b.size]`.
 *
 * ```ts
 * outer(tensor([1, 2]), tensor([1, 10, 100])).toArray(); // [[1, 10, 100], [2, 20, 200]]
 * ```
 */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  return mul(reshape(a, [-1, 1]), reshape(b, [1, -1]));
}

/**
 * numpy's `diag`: for a 1-D `v`, the square matrix with `v` on diagonal `k` (above the main
 * diagonal for k > 0); for a 2-D `x`, its k-th diagonal as a 1-D tensor. Backward: the other
 * direction (extract ↔ embed).
 *
 * ```ts
 * diag(tensor([1, 2])).toArray();              // [[1, 0], [0, 2]]
 * diag(tensor([[1, 2], [3, 4]])).toArray();    // [1, 4]
 * diag(tensor([[1, 2], [3, 4]]), 1).toArray(); // [2]
 * ```
 */
export function diag(x: TensorLike, k = 0): Tensor {
  const t = asTensor(x);
  if (!Number.isInteger(k)) throw new ValueError('diag', `k must be an integer, received ${show(k)}`);
  if (t.ndim === 1) {
    const n = t.shape[0]! + Math.abs(k);
    return asStridedScatterAdd(t, [n, n], [n + 1], k >= 0 ? k : -k * n);
  }
  if (t.ndim === 2) {
    const [r, c] = t.shape as [number, number];
    const len = Math.max(0, k >= 0 ? Math.min(r, c - k) : Math.min(r + k, c));
    return asStrided(t, [len], [c + 1], len === 0 ? 0 : k >= 0 ? k : -k * c);
  }
  throw new ShapeError('diag', `input must be 1-D or 2-D, received shape ${showShape(t.shape)}`);
}

/**
 * numpy's `trace` of a matrix: `Σ_i x[i, i + offset]`. Backward: the gradient on the diagonal.
 *
 * ```ts
 * trace(tensor([[1, 2], [3, 4]])).item(); // 5
 * ```
 */
export function trace(x: TensorLike, offset = 0): Tensor {
  const t = asTensor(x);
  if (t.ndim !== 2) throw new ShapeError('trace', `input must be 2-D, received shape ${showShape(t.shape)}`);
  return sumToShape(diag(t, offset), []);
}

// ---------------------------------------------------------------------------------------------
// norms
// ---------------------------------------------------------------------------------------------

export interface NormOptions {
  /**
   * Vector norms: 2 (default), 1, Infinity (max |x|), -Infinity (min |x|), 0 (count of
   * non-zeros), any other p: `(Σ |x|^p)^(1/p)`. Matrix norms (2-D input, or `axis` of two axes):
   * 'fro' (default), 1 (max column sum), -1, Infinity (max row sum), -Infinity.
   */
  ord?: number | 'fro';
  /** An axis (vector norm) or two axes (matrix norm); default: all of `x` (flattened 2-norm when `ord` is unset). */
  axis?: number | readonly [number, number];
  keepdims?: boolean;
}

function sumAxes(x: Tensor, axes: readonly number[]): Tensor {
  return sumToShape(
    x,
    x.shape.map((d, i) => (axes.includes(i) ? 1 : d)),
  );
}

/** max (sign = 1) or min (sign = -1) over `axes`, keepdims; the gradient is shared by ties. */
function extremeAxes(x: Tensor, axes: readonly number[], sign: 1 | -1): Tensor {
  const kshape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const n = shapeSize(kshape);
  const out = allocate(x.dtype, n).fill(sign * -Infinity);
  const os = broadcastStrides(kshape, x.shape);
  const nd = x.ndim;
  const idx = new Array<number>(nd).fill(0);
  const walk = (f: (i: number, o: number) => void): void => {
    let o = 0;
    idx.fill(0);
    for (let i = 0; i < x.size; i++) {
      f(i, o);
      for (let d = nd - 1; d >= 0; d--) {
        idx[d]!++;
        o += os[d]!;
        if (idx[d]! < x.shape[d]!) break;
        o -= os[d]! * x.shape[d]!;
        idx[d] = 0;
      }
    }
  };
  walk((i, o) => {
    const v = x.data[i]!;
    if (Number.isNaN(v) || sign * v > sign * out[o]!) out[o] = v;
  });
  const res = new Tensor(out, kshape, x.dtype);
  return record(res, sign > 0 ? 'max' : 'min', [x], (g) => {
    const mask = allocate(g.dtype, x.size);
    const count = new Float64Array(n);
    walk((i, o) => {
      if (x.data[i] === out[o]) {
        mask[i] = 1;
        count[o]!++;
      }
    });
    walk((i, o) => {
      if (mask[i]) mask[i] = 1 / count[o]!;
    });
    return [mul(broadcastTo(g, x.shape), new Tensor(mask, x.shape, g.dtype))];
  });
}

/**
 * numpy's `linalg.norm(x, ord, axis, keepdims)`. Default: the 2-norm of the flattened input
 * (Frobenius for a matrix), `‖x‖₂ = sqrt(Σ x²)`. See `NormOptions` for the other orders; matrix
 * 2-norm / nuclear norm (singular values) are not provided. Differentiable (built from abs,
 * sums, powers and max/min; at x = 0 the 2-norm's gradient is NaN, like `sqrt`).
 *
 * ```ts
 * norm(tensor([3, 4])).item();                           // 5
 * norm(tensor([[1, -2], [3, 4]]), { ord: 1 }).item();    // 6 (max column sum)
 * norm(tensor([[3, 4], [6, 8]]), { axis: 1 }).toArray(); // [5, 10]
 * ```
 */
export function norm(x: TensorLike, options: NormOptions = {}): Tensor {
  let t = asTensor(x);
  if (t.dtype === 'int32' || t.dtype === 'bool') t = astype(t, 'float64');
  const { ord, keepdims = false } = options;
  let axes: number[];
  if (options.axis === undefined || options.axis === null) {
    if (ord !== undefined && t.ndim > 2)
      throw new ValueError(
        'norm',
        `improper number of dimensions to norm: ord ${show(ord)} needs a 1-D or 2-D input or an axis, received shape ${showShape(t.shape)}`,
      );
    axes = t.shape.map((_, i) => i);
    if (ord === undefined) {
      const r = sqrt(sumAxes(mul(t, t), axes));
      return keepdims ? r : reshape(r, []);
    }
  } else if (typeof options.axis === 'number') axes = [normalizeAxis('norm', options.axis, t.ndim)];
  else {
    if (options.axis.length !== 2)
      throw new ValueError('norm', `axis must be one axis or two axes, received ${show(options.axis)}`);
    axes = options.axis.map((a) => normalizeAxis('norm', a, t.ndim));
    if (axes[0] === axes[1]) throw new ValueError('norm', `duplicate axes given: ${show(options.axis)}`);
  }
  const dropped = (r: Tensor): Tensor =>
    keepdims
      ? r
      : reshape(
          r,
          t.shape.filter((_, i) => !axes.includes(i)),
        );
  if (axes.length === 1) {
    const p = ord ?? 2;
    if (p === 'fro') throw new ValueError('norm', `ord 'fro' is a matrix norm; for a vector use ord 2`);
    if (p === 2) return dropped(sqrt(sumAxes(mul(t, t), axes)));
    if (p === 1) return dropped(sumAxes(abs(t), axes));
    if (p === Infinity) return dropped(extremeAxes(abs(t), axes, 1));
    if (p === -Infinity) return dropped(extremeAxes(abs(t), axes, -1));
    if (p === 0) {
      const nz = new Tensor(
        Float64Array.from(t.data, (v) => (v !== 0 ? 1 : 0)),
        t.shape,
        'float64',
      );
      return dropped(astype(sumAxes(nz, axes), t.dtype));
    }
    return dropped(pow(sumAxes(pow(abs(t), p), axes), 1 / p));
  }
  const [ra, ca] = axes as [number, number];
  const p = ord ?? 'fro';
  if (p === 'fro') return dropped(sqrt(sumAxes(mul(t, t), axes)));
  if (p === 1 || p === -1) return dropped(extremeAxes(sumAxes(abs(t), [ra]), [ca], p === 1 ? 1 : -1));
  if (p === Infinity || p === -Infinity)
    return dropped(extremeAxes(sumAxes(abs(t), [ca]), [ra], p === Infinity ? 1 : -1));
  throw new ValueError(
    'norm',
    `matrix norm ord ${show(p)} is not supported; expected 'fro', 1, -1, Infinity or -Infinity (the 2-norm and nuclear norm need singular values)`,
  );
}

// ---------------------------------------------------------------------------------------------
// LU: inv, solve, det
// ---------------------------------------------------------------------------------------------

function checkSquare(op: string, arg: string, t: Tensor): number {
  if (t.ndim < 2 || t.shape[t.ndim - 1] !== t.shape[t.ndim - 2])
    throw new ShapeError(
      op,
      `${arg} must be a square matrix (or a stack of them) of shape [..., n, n], received shape ${showShape(t.shape)}`,
    );
  return t.shape[t.ndim - 1]!;
}

/**
 * In-place LU factorisation with partial pivoting of the n×n matrix in `lu` (float64):
 * `P A = L U`, L unit lower. Returns the pivot rows and the permutation sign, or sign 0 when a
 * pivot is exactly zero (singular).
 */
function luFactor(lu: Float64Array, n: number): { piv: Int32Array; sign: number } {
  const piv = new Int32Array(n);
  let sign = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    let best = Math.abs(lu[c * n + c]!);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(lu[r * n + c]!);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    piv[c] = p;
    if (p !== c) {
      sign = -sign;
      for (let j = 0; j < n; j++) {
        const tmp = lu[c * n + j]!;
        lu[c * n + j] = lu[p * n + j]!;
        lu[p * n + j] = tmp;
      }
    }
    const d = lu[c * n + c]!;
    if (d === 0) {
      sign = 0;
      continue;
    }
    for (let r = c + 1; r < n; r++) {
      const f = lu[r * n + c]! / d;
      lu[r * n + c] = f;
      if (f !== 0) for (let j = c + 1; j < n; j++) lu[r * n + j]! -= f * lu[c * n + j]!;
    }
  }
  return { piv, sign };
}

/** Solve `A X = B` given A's LU factors; B (n×k, row-major) is overwritten by X. */
function luSolve(lu: Float64Array, piv: Int32Array, n: number, b: Float64Array, k: number): void {
  for (let c = 0; c < n; c++) {
    const p = piv[c]!;
    if (p !== c)
      for (let j = 0; j < k; j++) {
        const tmp = b[c * k + j]!;
        b[c * k + j] = b[p * k + j]!;
        b[p * k + j] = tmp;
      }
  }
  for (let r = 1; r < n; r++)
    for (let c = 0; c < r; c++) {
      const f = lu[r * n + c]!;
      if (f !== 0) for (let j = 0; j < k; j++) b[r * k + j]! -= f * b[c * k + j]!;
    }
  for (let r = n - 1; r >= 0; r--) {
    for (let c = r + 1; c < n; c++) {
      const f = lu[r * n + c]!;
      if (f !== 0) for (let j = 0; j < k; j++) b[r * k + j]! -= f * b[c * k + j]!;
    }
    const d = lu[r * n + r]!;
    for (let j = 0; j < k; j++) b[r * k + j]! /= d;
  }
}

function floatOf(t: Tensor): Tensor {
  return t.dtype === 'float32' || t.dtype === 'float64' ? t : astype(t, 'float64');
}

/** Solve each batch of `a [..., n, n]` against `b [..., n, k]` (same batch shape). */
function solveRaw(op: string, a: Tensor, b: Tensor): Tensor {
  const n = a.shape[a.ndim - 1]!;
  const k = b.shape[b.ndim - 1]!;
  const batch = shapeSize(a.shape.slice(0, -2));
  const out = allocate(b.dtype, b.size);
  const lu = new Float64Array(n * n);
  const x = new Float64Array(n * k);
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < n * n; i++) lu[i] = a.data[t * n * n + i]!;
    const { piv, sign } = luFactor(lu, n);
    if (sign === 0)
      throw new ValueError(
        op,
        `singular matrix${batch > 1 ? ` (batch entry ${t})` : ''}: LU factorisation found a zero pivot`,
      );
    for (let i = 0; i < n * k; i++) x[i] = b.data[t * n * k + i]!;
    luSolve(lu, piv, n, x, k);
    out.set(x, t * n * k);
  }
  return new Tensor(out, b.shape, b.dtype);
}

/**
 * numpy's `linalg.inv`: the inverse of each square matrix in `[..., n, n]`, by LU with partial
 * pivoting (float64 arithmetic; float32 input gives float32). Throws a ValueError for a singular
 * matrix. Backward: `dA = -A⁻ᵀ G A⁻ᵀ`.
 *
 * ```ts
 * inv(tensor([[2, 0], [0, 4]])).toArray(); // [[0.5, 0], [0, 0.25]]
 * ```
 */
export function inv(x: TensorLike): Tensor {
  const a = floatOf(asTensor(x));
  const n = checkSquare('inv', 'x', a);
  const eyeData = allocate(a.dtype, a.size);
  for (let t = 0; t < a.size / (n * n || 1); t++)
    for (let i = 0; i < n; i++) eyeData[t * n * n + i * n + i] = 1;
  const out = solveRaw('inv', a, new Tensor(eyeData, a.shape, a.dtype));
  return record(out, 'inv', [a], (g) => {
    const yt = swapaxes(out, -1, -2);
    return [neg(matmul(matmul(yt, g), yt))];
  });
}

/**
 * numpy's `linalg.solve(a, b)`: `x` with `a x = b`, for `a [..., n, n]` and `b [..., n, k]` (batch
 * axes broadcast) or a 1-D `b [n]` (numpy ≥ 2 rule: `b` is a vector only when 1-D). LU with
 * partial pivoting; ValueError for a singular matrix. Backward: `dB = A⁻ᵀ G = solve(Aᵀ, G)`,
 * `dA = -dB xᵀ`.
 *
 * ```ts
 * solve(tensor([[3, 1], [1, 2]]), tensor([9, 8])).toArray(); // [2, 3]
 * ```
 */
export function solve(a: TensorLike, b: TensorLike): Tensor {
  let A = asTensor(a);
  let B = asTensor(b);
  const n = checkSquare('solve', 'a', A);
  if (B.ndim === 0)
    throw new ShapeError('solve', `b must be at least 1-D, received shape ${showShape(B.shape)}`);
  const vec = B.ndim === 1;
  if (vec) B = unsqueeze(B, -1);
  if (B.shape[B.ndim - 2] !== n)
    throw new ShapeError(
      'solve',
      `a has shape ${showShape(A.shape)} and b has shape ${showShape(vec ? [B.shape[0]!] : B.shape)}; expected b.shape[${vec ? 0 : -2}] == ${n}`,
    );
  [A, B] = commonDType(floatOf(A), floatOf(B));
  const batch = broadcastShapes('solve', A.shape.slice(0, -2), B.shape.slice(0, -2));
  A = broadcastTo(A, [...batch, n, n]);
  B = broadcastTo(B, [...batch, n, B.shape[B.ndim - 1]!]);
  const X = solveRaw('solve', A, B);
  const out = record(X, 'solve', [A, B], (g) => {
    const gb = solve(swapaxes(A, -1, -2), g);
    return [A.requiresGrad ? neg(matmul(gb, swapaxes(X, -1, -2))) : null, gb];
  });
  return vec ? reshape(out, out.shape.slice(0, -1)) : out;
}

/**
 * numpy's `linalg.det`: the determinant of each square matrix in `[..., n, n]`, the product of
 * the LU pivots times the permutation sign (0 for a singular matrix). Backward:
 * `dA = g · det(A) · A⁻ᵀ` (Jacobi's formula).
 *
 * ```ts
 * det(tensor([[1, 2], [3, 4]])).item(); // -2 (numpy: -2.0000000000000004, via exp(log-det))
 * ```
 */
export function det(x: TensorLike): Tensor {
  const a = floatOf(asTensor(x));
  const n = checkSquare('det', 'x', a);
  const batchShape = a.shape.slice(0, -2);
  const batch = shapeSize(batchShape);
  const out = allocate(a.dtype, batch);
  const lu = new Float64Array(n * n);
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < n * n; i++) lu[i] = a.data[t * n * n + i]!;
    const { sign } = luFactor(lu, n);
    let d = sign;
    for (let i = 0; i < n && d !== 0; i++) d *= lu[i * n + i]!;
    out[t] = d;
  }
  const res = new Tensor(out, batchShape, a.dtype);
  return record(res, 'det', [a], (g) => {
    const scale = unsqueeze(mul(g, res), [-1, -2]);
    return [mul(scale, swapaxes(inv(a), -1, -2))];
  });
}
