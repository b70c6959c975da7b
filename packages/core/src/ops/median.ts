/**
 * The median along an axis, numpy's `np.median(a, axis=None, keepdims=False)`.
 */
import { allocate, floatResult } from '../dtype.js';
import { show, ValueError } from '../errors.js';
import { normalizeAxis, shapeSize } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';

/** Options of {@link median}: numpy's `axis` (one axis, or all when omitted) and `keepdims`. */
export interface MedianOptions {
  /** The axis along which the median is taken (negative counts from the end); the flattened tensor when omitted or null. */
  axis?: number | null;
  /** Keep the reduced axis (all axes when `axis` is omitted) as length-1 dimensions. */
  keepdims?: boolean;
}

/**
 * The median along `axis` (of the flattened tensor when `axis` is omitted), numpy's
 * `np.median`: each slice of length `N` is sorted; the median is its middle entry when `N` is odd
 * and the mean of the two middle entries, `(a + b) / 2`, when `N` is even (as numpy computes it,
 * so two middles near `±1.7e308` overflow to `±Infinity` there and here). A slice holding NaN has
 * median NaN (numpy's result, without its warning). Integer and bool inputs give float64, float32
 * stays float32. Not differentiable (no autograd record; PyTorch's `torch.median` differs anyway:
 * it returns the lower of the two middles).
 *
 * Used for ensembling (UDL section 9.3): the median of the predictions of models fitted to
 * bootstrap resamples is robust to one model that is far off.
 *
 * Shapes: `a` `[d0, …, dk]` → `axis` removed (or kept as 1 with `keepdims`); no `axis`: `[]`.
 *
 * ```ts
 * median(tensor([[10, 7, 4], [3, 2, 1]])).item();               // 3.5
 * median(tensor([[10, 7, 4], [3, 2, 1]]), { axis: 0 }).toArray(); // [6.5, 4.5, 2.5]
 * median(tensor([[10, 7, 4], [3, 2, 1]]), { axis: 1 }).toArray(); // [7, 2]
 * ```
 */
export function median(a: TensorLike, options: MedianOptions = {}): Tensor {
  const op = 'median';
  if (options === null || typeof options !== 'object')
    throw new ValueError(op, `options must be an object { axis?, keepdims? }, received ${show(options)}`);
  const { axis = null, keepdims = false } = options;
  if (typeof keepdims !== 'boolean')
    throw new ValueError(op, `keepdims must be true or false, received ${show(keepdims)}`);
  const x = asTensor(a);
  const dtype = floatResult(x.dtype);
  let outer: number;
  let n: number;
  let inner: number;
  let outShape: number[];
  if (axis === null || axis === undefined) {
    outer = 1;
    n = x.size;
    inner = 1;
    outShape = keepdims ? x.shape.map(() => 1) : [];
  } else {
    const ax = normalizeAxis(op, axis, x.ndim);
    outer = shapeSize(x.shape.slice(0, ax));
    n = x.shape[ax]!;
    inner = shapeSize(x.shape.slice(ax + 1));
    outShape = keepdims ? x.shape.map((d, i) => (i === ax ? 1 : d)) : x.shape.filter((_, i) => i !== ax);
  }
  const count = outer * inner;
  if (n === 0 && count > 0)
    throw new ValueError(
      op,
      `median of an empty slice (shape ${show(x.shape)}, axis ${show(axis)}) is undefined; expected at least one element`,
    );
  const out = allocate(dtype, count, op);
  const slice = new Float64Array(n);
  const src = x.data;
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      let nan = false;
      for (let k = 0; k < n; k++) {
        const v = Number(src[(o * n + k) * inner + i]);
        if (Number.isNaN(v)) nan = true;
        slice[k] = v;
      }
      let m: number;
      if (nan) m = Number.NaN;
      else {
        slice.sort();
        const h = n >> 1;
        m = n % 2 === 1 ? slice[h]! : (slice[h - 1]! + slice[h]!) / 2;
      }
      out[o * inner + i] = m;
    }
  return new Tensor(out, outShape, dtype);
}
