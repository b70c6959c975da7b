/**
 * Data augmentation for MNIST-1D (the coursework's improvement recipe, UDL section 9.3): more
 * training examples made from label-preserving transformations of the ones there are.
 */
import { fromData, type RandomState, ShapeError, type Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { iidNoiseLike, translate } from './transforms.js';

/** Options of {@link augmentMnist1d}. */
export interface AugmentMnist1dOptions {
  /** Standard deviation of the iid Gaussian noise added to each copy (default 0.05). */
  noiseScale?: number;
}

/**
 * The training set followed by `copies` augmented copies of it, with MNIST-1D's own transforms
 * applied to each signal of length L: a circular `translate` by k ~ U{0..L-1} (the generator's
 * translation, which is circular) plus `iidNoiseLike` noise of standard deviation `noiseScale`:
 *
 *   x'ᵢ = roll(xᵢ, k) + ε,  ε ~ N(0, noiseScale² I),  y'ᵢ = yᵢ.
 *
 * For every copy and every example in order, `rng` draws the shift, then the noise. `x` is
 * `[N, L]` float32 (the notebook's dtype; the result is float32), `y` is `[N]` labels; returns
 * `x` `[N·(copies + 1), L]` and `y` `[N·(copies + 1)]` int32, the originals first. `copies = 0`
 * returns the inputs themselves.
 *
 * @example
 * const d = makeMnist1d();
 * const train = augmentMnist1d(astype(d.x, 'float32'), d.y, 1, new RandomState(0));
 * train.x.shape; // [8000, 40]
 */
export function augmentMnist1d(
  x: Tensor,
  y: Tensor,
  copies: number,
  rng: RandomState,
  options: AugmentMnist1dOptions = {},
): { x: Tensor; y: Tensor } {
  const op = 'augmentMnist1d';
  if (x.ndim !== 2)
    throw new ShapeError(op, `x must be [N, L] signals as rows; received shape ${showShape(x.shape)}`);
  if (y.ndim !== 1 || y.shape[0] !== x.shape[0])
    throw new ShapeError(
      op,
      `y must be [N] labels with N = ${x.shape[0]} (the rows of x); received shape ${showShape(y.shape)}`,
    );
  if (!Number.isInteger(copies) || copies < 0)
    throw new ValueError(op, `copies must be a non-negative integer; received ${show(copies)}`);
  if (typeof rng?.choice !== 'function' || typeof rng.randn !== 'function')
    throw new ValueError(op, `rng must be a RandomState; received ${show(rng)}`);
  const noiseScale = options.noiseScale ?? 0.05;
  if (!(noiseScale >= 0))
    throw new ValueError(op, `options.noiseScale must be >= 0; received ${show(noiseScale)}`);
  if (copies === 0) return { x, y };
  const [n, L] = x.shape as [number, number];
  const xs = new Float32Array(n * L * (copies + 1));
  const ys = new Int32Array(n * (copies + 1));
  xs.set(x.data);
  ys.set(y.data);
  for (let c = 1; c <= copies; c++)
    for (let i = 0; i < n; i++) {
      const row = x.data.subarray(i * L, (i + 1) * L);
      const shifted = translate(row, L, rng);
      const noise = iidNoiseLike(row, noiseScale, rng);
      for (let j = 0; j < L; j++) xs[(c * n + i) * L + j] = shifted[j]! + noise[j]!;
      ys[c * n + i] = y.data[i]!;
    }
  return { x: fromData(xs, [n * (copies + 1), L]), y: fromData(ys, [n * (copies + 1)]) };
}
