/**
 * Cross-correlation and convolution of 1-D arrays, numpy's `np.correlate(a, v, mode)` and
 * `np.convolve(a, v, mode)`.
 */
import { allocate, floatResult, promoteTypes } from '../dtype.js';
import { ShapeError, show, showShape, ValueError } from '../errors.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';

/** numpy's output lengths: `'valid'` max(M, N) − min(M, N) + 1, `'same'` max(M, N), `'full'` M + N − 1. */
export type CorrelateMode = 'valid' | 'same' | 'full';

const MODES: readonly CorrelateMode[] = ['valid', 'same', 'full'];

function operands(op: string, a: TensorLike, v: TensorLike, mode: unknown): [Tensor, Tensor] {
  if (typeof mode !== 'string' || !MODES.includes(mode as CorrelateMode))
    throw new ValueError(op, `mode must be 'valid', 'same' or 'full', received ${show(mode)}`);
  const x = asTensor(a);
  const y = asTensor(v);
  for (const [name, t] of [
    ['a', x],
    ['v', y],
  ] as const) {
    if (t.ndim !== 1)
      throw new ShapeError(op, `${name} must be 1-D, received shape ${showShape(t.shape)}; expected [n]`);
    if (t.size === 0) throw new ValueError(op, `${name} is empty; expected at least one element`);
  }
  return [x, y];
}

/**
 * numpy's `_pyarray_correlate`: the longer array `p` (length n1) against the shorter `q` (n2),
 * out[j] = Σ_t p[t + j − nLeft]·q[t], each sum taken from the lowest t up (numpy's `dot`).
 */
function correlateCore(p: ArrayLike<number>, q: ArrayLike<number>, mode: CorrelateMode): Float64Array {
  const n1 = p.length;
  const n2 = q.length;
  let nLeft: number;
  let length: number;
  if (mode === 'valid') {
    nLeft = 0;
    length = n1 - n2 + 1;
  } else if (mode === 'same') {
    nLeft = Math.floor(n2 / 2);
    length = n1;
  } else {
    nLeft = n2 - 1;
    length = n1 + n2 - 1;
  }
  const out = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    const lag = j - nLeft; // p index = t + lag
    const t0 = Math.max(0, -lag);
    const t1 = Math.min(n2, n1 - lag);
    let s = 0;
    for (let t = t0; t < t1; t++) s += p[t + lag]! * q[t]!;
    out[j] = s;
  }
  return out;
}

function finish(op: string, x: Tensor, y: Tensor, values: Float64Array): Tensor {
  const dtype = floatResult(promoteTypes(x.dtype, y.dtype));
  const data = allocate(dtype, values.length, op);
  (data as Float64Array | Float32Array).set(values);
  return new Tensor(data, [values.length], dtype);
}

/**
 * The cross-correlation of two 1-D arrays, numpy's `np.correlate(a, v, mode)`:
 *
 *   c[k] = Σ_n a[n + k] · v[n]
 *
 * over the lags k where the arrays overlap. `'valid'` keeps the lags of full overlap, `'full'`
 * every lag from −(N − 1) to M − 1, `'same'` the max(M, N) lags centred on 0 (lag 0 sits at index
 * ⌊N/2⌋ when `a` is the longer, as numpy places it). Like numpy, a `v` longer than `a` is
 * correlated the other way round and the result reversed. `np.correlate(x, x, 'same')` is the
 * autocorrelation used in UDL section 11.1.1 (shattered gradients, Balduzzi et al., 2017).
 *
 * Each output is a plain left-to-right sum; numpy's float64 `dot` goes through BLAS (`ddot`), so
 * results agree to rounding (about 1e-15 of Σ|a_i v_j|), not always bit for bit. Float32 inputs
 * give float32 (summed in float64, then rounded); integer and bool inputs give float64 (numpy
 * keeps their integer dtype). Not differentiable (no autograd record).
 *
 * Shapes: `a` `[M]`, `v` `[N]` → `[max(M, N) − min(M, N) + 1]` / `[max(M, N)]` / `[M + N − 1]`.
 *
 * ```ts
 * correlate([1, 2, 3], [0, 1, 0.5]).toArray();          // [3.5]
 * correlate([1, 2, 3], [0, 1, 0.5], 'same').toArray();  // [2, 3.5, 3]
 * correlate([1, 2, 3], [0, 1, 0.5], 'full').toArray();  // [0.5, 2, 3.5, 3, 0]
 * ```
 */
export function correlate(a: TensorLike, v: TensorLike, mode: CorrelateMode = 'valid'): Tensor {
  const op = 'correlate';
  const [x, y] = operands(op, a, v, mode);
  let values: Float64Array;
  if (x.size >= y.size)
    values = correlateCore(x.data as ArrayLike<number>, y.data as ArrayLike<number>, mode);
  else values = correlateCore(y.data as ArrayLike<number>, x.data as ArrayLike<number>, mode).reverse();
  return finish(op, x, y, values);
}

/**
 * The discrete linear convolution of two 1-D arrays, numpy's `np.convolve(a, v, mode)`:
 *
 *   (a ∗ v)[n] = Σ_m a[m] · v[n − m]
 *
 * computed as numpy does: the longer array correlated with the shorter one reversed. Modes and
 * dtypes as {@link correlate} (numpy's default mode here is `'full'`).
 *
 * Shapes: `a` `[M]`, `v` `[N]` → `[max(M, N) − min(M, N) + 1]` / `[max(M, N)]` / `[M + N − 1]`.
 *
 * ```ts
 * convolve([1, 2, 3], [0, 1, 0.5]).toArray();          // [0, 1, 2.5, 4, 1.5]
 * convolve([1, 2, 3], [0, 1, 0.5], 'same').toArray();  // [1, 2.5, 4]
 * ```
 */
export function convolve(a: TensorLike, v: TensorLike, mode: CorrelateMode = 'full'): Tensor {
  const op = 'convolve';
  const [x, y] = operands(op, a, v, mode);
  const [p, q] = (x.size >= y.size ? [x.data, y.data] : [y.data, x.data]) as ArrayLike<number>[];
  const reversed = Array.from(q!).reverse();
  return finish(op, x, y, correlateCore(p!, reversed, mode));
}
