/**
 * Matrix products with numpy semantics — `matmul` (2-D, batched with broadcast batch dims, 1-D
 * promotion), `dot`, `inner`, `outer` — each with its autograd backward rule beside it.
 *
 * matmul runs the `gemm` kernel of the current backend (`kernels/gemm.ts`: the JS reference loops
 * or the WebAssembly SIMD kernel, `setBackend('js' | 'wasm')`) once per batch matrix, with one operand
 * layout per case (`A B`, `A Bᵀ`, `Aᵀ B`); results are written straight into the output typed
 * array. The backward of `C = A B` is `dA = G Bᵀ` and
 * `dB = Aᵀ G`, computed by the transposed-operand kernels directly (no transpose materialised),
 * then summed over broadcast batch dimensions (`sumToShape`).
 */
import { record } from '../autograd/engine.js';
import '../kernels/gemm.js'; // registers the 'gemm' kernel
import { allocate, castValue, type DataArray, type DType, promoteTypes } from '../dtype.js';
import { ShapeError, showShape, ValueError } from '../errors.js';
import { type FloatArray, type GemmLayout, getKernel } from '../kernels/registry.js';
import { broadcastShapes, broadcastStrides, shapeSize, stridesOf } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';
import { mul, sumToShape } from './arith.js';
import { moveaxis, reshape } from './shape.js';
import { astype } from './unary.js';

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

export type Layout = GemmLayout;

/**
 * The raw batched kernel: `a` is `[...batchA, m, k]` (`[..., k, m]` for 'TN'), `b` is
 * `[...batchB, k, n]` (`[..., n, k]` for 'NT'); batch dims broadcast. Same dtype required.
 */
export function bmmRaw(op: string, a: Tensor, b: Tensor, layout: Layout, into?: FloatArray | null): Tensor {
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
export function bmm(op: string, a: Tensor, b: Tensor, layout: Layout): Tensor {
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

export function commonDType(x: Tensor, y: Tensor): [Tensor, Tensor] {
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
