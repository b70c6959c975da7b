/**
 * Roll-and-scale augmentation of 1-D signals (UDL section 9.3.8, Notebook 9.5): new training
 * examples made by circularly shifting a signal and multiplying it by a random gain, two
 * transformations that leave an MNIST-1D digit's label unchanged.
 */
import { fromData, type RandomState, ShapeError, type Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';

/** Options of {@link augmentSignals}. */
export interface AugmentSignalsOptions {
  /** The gain's range `[low, high)`: s ~ U(low, high) (default `[0.8, 1.2]`, Notebook 9.5's). */
  scale?: readonly [number, number];
  /**
   * The rows to copy, one per new example (each in `[0, N)`). Default: drawn from `rng`
   * (`rng.randint(0, N)` before each copy's shift). Notebook 9.5 draws them with Python's
   * `random.randint(0, N - 1)`: pass those (`PythonRandom` of `@gradkit/core`).
   */
  indices?: ArrayLike<number>;
}

/**
 * The training set followed by `count` augmented examples: for each new example, a row i of `x`
 * (random, or `options.indices`), rolled right by k ~ U{0, …, L−1} (numpy's `np.roll(x_i, k)`,
 * the points that fall off the end coming back at the start) and scaled by s ~ U(low, high):
 *
 *   x'ₘ = s · roll(x_i, k),  y'ₘ = y_i.
 *
 * For each new example in order, `rng` draws the row `randint(0, N)` (unless `indices` is given),
 * then the shift `randint(0, L)`, then the gain `uniform(low, high)`: numpy's
 * `i = rs.randint(0, N); k = rs.randint(0, L); s = rs.uniform(low, high)` draw for draw.
 * `x` is `[N, L]` (the result keeps its dtype; the products are computed in float64 and rounded
 * once), `y` is `[N]`; returns `x` `[N + count, L]` and `y` `[N + count]` int32, the originals first.
 *
 * @example
 * const d = makeMnist1d();
 * const train = augmentSignals(d.x, d.y, 4000, new RandomState(1));
 * train.x.shape; // [8000, 40]
 */
export function augmentSignals(
  x: Tensor,
  y: Tensor,
  count: number,
  rng: RandomState,
  options: AugmentSignalsOptions = {},
): { x: Tensor; y: Tensor } {
  const op = 'augmentSignals';
  if (x.ndim !== 2)
    throw new ShapeError(op, `x must be [N, L] signals as rows; received shape ${showShape(x.shape)}`);
  const [n, L] = x.shape as [number, number];
  if (y.ndim !== 1 || y.shape[0] !== n)
    throw new ShapeError(
      op,
      `y must be [N] labels with N = ${n} (the rows of x); received shape ${showShape(y.shape)}`,
    );
  if (!Number.isInteger(count) || count < 0)
    throw new ValueError(op, `count must be a non-negative integer; received ${show(count)}`);
  if (typeof rng?.randint !== 'function' || typeof rng.uniform !== 'function')
    throw new ValueError(op, `rng must be a RandomState; received ${show(rng)}`);
  const [low, high] = options.scale ?? [0.8, 1.2];
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high))
    throw new ValueError(
      op,
      `options.scale must be [low, high] with finite low <= high; received ${show(options.scale)}`,
    );
  const indices = options.indices;
  if (indices !== undefined) {
    if (indices.length !== count)
      throw new ValueError(op, `options.indices must hold count = ${count} rows; received ${indices.length}`);
    for (let m = 0; m < indices.length; m++) {
      const i = indices[m]!;
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new ValueError(op, `options.indices[${m}] must be a row in [0, ${n}); received ${show(i)}`);
    }
  }
  if (count > 0 && n === 0) throw new ValueError(op, `x has no rows to copy; received count = ${count}`);
  const Ctor = x.dtype === 'float32' ? Float32Array : Float64Array;
  const xs = new Ctor((n + count) * L);
  const ys = new Int32Array(n + count);
  for (let j = 0; j < n * L; j++) xs[j] = x.data[j]!;
  for (let i = 0; i < n; i++) ys[i] = y.data[i]!;
  for (let m = 0; m < count; m++) {
    const i = indices ? indices[m]! : (rng.randint(0, n) as number);
    const k = L > 0 ? (rng.randint(0, L) as number) : 0;
    const s = rng.uniform(low, high) as number;
    const out = (n + m) * L;
    for (let j = 0; j < L; j++) xs[out + j] = s * x.data[i * L + ((j - k + L) % L)]!;
    ys[n + m] = y.data[i]!;
  }
  return { x: fromData(xs, [n + count, L]), y: fromData(ys, [n + count]) };
}
