/**
 * PyTorch's fully connected layer as one op: `linear(x, W, b)` = `x Wᵀ + b` (`F.linear`) and
 * `linearRelu` = `max(x Wᵀ + b, 0)`, with their backward rules beside them. The forward runs the
 * `linear` kernel (`kernels/linear.ts`: GEMM and bias in one pass, ReLU fused when asked); the
 * backward is two products by the transposed-operand GEMMs (`matmul.ts`) and a column sum.
 */
import { isGradEnabled, record } from '../autograd/engine.js';
import { gradBuffer } from '../kernels/grad-buffers.js';
import '../kernels/linear.js'; // registers the 'linear' kernel
import { allocate, type DType, promoteTypes } from '../dtype.js';
import { AutogradError, DTypeError, ShapeError, show, showShape, ValueError } from '../errors.js';
import { type FloatArray, getKernel } from '../kernels/registry.js';
import { scratchBuffer } from '../kernels/scratch.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';
import { add, mul, sumToShape } from './arith.js';
import { maximum } from './binary.js';
import { bmm, bmmRaw, type Layout, matmul } from './matmul.js';
import { reshape, swapaxes } from './shape.js';
import { astype } from './unary.js';

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
