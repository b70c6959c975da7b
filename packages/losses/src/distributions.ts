/**
 * Probability distributions over the network's output and the losses they imply (book chapter 5):
 * the likelihood of the training data is the product of each point's probability (eq. 5.3, top),
 * the negative log-likelihood is minus the sum of their logs (eq. 5.4), and for a normal
 * distribution with fixed σ minimising it is least squares (eq. 5.10).
 *
 * These are the Loss I (normal), Loss II (Bernoulli) and Loss III (categorical) notebooks'
 * functions. Everything is composed of differentiable `@gradkit/core` ops.
 */
import {
  asTensor,
  astype,
  DTypeError,
  div,
  exp,
  log,
  mul,
  neg,
  pow,
  prod,
  reshape,
  ShapeError,
  sqrt,
  square,
  sub,
  sum,
  Tensor,
  type TensorLike,
  ValueError,
} from '@gradkit/core';
import { normalizeAxis, showShape } from '@gradkit/core/extend';

const TWO_PI = 2 * Math.PI;

/**
 * Normal (Gaussian) density (book eq. 5.7):
 * `Pr(y | μ, σ²) = 1/√(2πσ²) · exp(-(y - μ)² / (2σ²))`, element-wise with broadcasting.
 *
 * ```ts
 * normalPdf(1, -1, 2.3).item(); // 0.11884686185326673 (Loss I prints 0.119)
 * ```
 */
export function normalPdf(y: TensorLike, mu: TensorLike, sigma: TensorLike): Tensor {
  const s2 = square(asTensor(sigma));
  return div(exp(neg(div(square(sub(y, mu)), mul(2, s2)))), sqrt(mul(TWO_PI, s2)));
}

/**
 * Log of the normal density, computed directly (no underflow for far-away points):
 * `log Pr(y | μ, σ²) = -½ log(2πσ²) - (y - μ)² / (2σ²)`.
 */
export function normalLogPdf(y: TensorLike, mu: TensorLike, sigma: TensorLike): Tensor {
  const s2 = square(asTensor(sigma));
  return sub(mul(-0.5, log(mul(TWO_PI, s2))), div(square(sub(y, mu)), mul(2, s2)));
}

/**
 * Likelihood of data under a normal model (book eq. 5.3, top): `∏ᵢ Pr(yᵢ | μᵢ, σ²)`, a 0-d tensor.
 * Underflows to 0 for large datasets; that is the point the notebook makes (use `normalNll`).
 *
 * ```ts
 * normalLikelihood(yTrain, muPred, 0.2).item(); // 0.000010624 (Loss I)
 * ```
 */
export function normalLikelihood(y: TensorLike, mu: TensorLike, sigma: TensorLike): Tensor {
  return prod(normalPdf(y, mu, sigma));
}

/**
 * Negative log-likelihood under a normal model (book eq. 5.4): `-Σᵢ log Pr(yᵢ | μᵢ, σ²)`, a 0-d
 * tensor, computed from the log-density so it stays finite where the likelihood underflows.
 *
 * ```ts
 * normalNll(yTrain, muPred, 0.2).item(); // 11.452419564 (Loss I)
 * ```
 */
export function normalNll(y: TensorLike, mu: TensorLike, sigma: TensorLike): Tensor {
  return neg(sum(normalLogPdf(y, mu, sigma)));
}

/**
 * The notebook's form of the normal NLL, `-Σ log(normalPdf(...))`: equal to `normalNll` while
 * every density is representable, infinite once one underflows to 0.
 */
export function normalNllNaive(y: TensorLike, mu: TensorLike, sigma: TensorLike): Tensor {
  return neg(sum(log(normalPdf(y, mu, sigma))));
}

/**
 * Sum of squares (least squares, book eq. 5.10): `Σᵢ (yᵢ - ŷᵢ)²`, a 0-d tensor.
 *
 * ```ts
 * sumOfSquares(yTrain, yPred).item(); // 2.020992572 (Loss I)
 * ```
 */
export function sumOfSquares(y: TensorLike, yPred: TensorLike): Tensor {
  return sum(square(sub(y, yPred)));
}

/**
 * Bernoulli probability (book eq. 5.17): `Pr(y | λ) = λ^y (1 - λ)^(1-y)` for y ∈ {0, 1},
 * element-wise. In the book λ = sigmoid(model output) (eq. 5.18).
 *
 * ```ts
 * bernoulliPmf(0, 0.2).item(); // 0.8
 * bernoulliPmf(1, 0.2).item(); // 0.2
 * ```
 */
export function bernoulliPmf(y: TensorLike, lambda: TensorLike): Tensor {
  const yt = asTensor(y);
  const yf = yt.dtype === 'float64' || yt.dtype === 'float32' ? yt : astype(yt, 'float64');
  return mul(pow(lambda, yf), pow(sub(1, lambda), sub(1, yf)));
}

/** Likelihood under Bernoulli outputs (eq. 5.3, top): `∏ᵢ λᵢ^yᵢ (1 - λᵢ)^(1-yᵢ)`, a 0-d tensor. */
export function bernoulliLikelihood(y: TensorLike, lambda: TensorLike): Tensor {
  return prod(bernoulliPmf(y, lambda));
}

/**
 * Negative log-likelihood under Bernoulli outputs (eq. 5.19):
 * `-Σᵢ [yᵢ log λᵢ + (1 - yᵢ) log(1 - λᵢ)]`, computed as the notebook does,
 * `-Σ log(bernoulliPmf(y, λ))` (so λ = 0 with y = 0 contributes 0, not NaN). For model
 * outputs before the sigmoid use `binaryCrossEntropyWithLogits(..., { reduction: 'sum' })`,
 * which stays finite where λ rounds to 0 or 1.
 *
 * ```ts
 * bernoulliNll(yTrain, sigmoid(modelOut)).item(); // 9.563639387 (Loss II)
 * ```
 */
export function bernoulliNll(y: TensorLike, lambda: TensorLike): Tensor {
  return neg(sum(log(bernoulliPmf(y, lambda))));
}

/** A constant one-hot mask over `axis` of `shape`, 1 where the class index equals `y`. */
function oneHotMask(
  op: string,
  y: Tensor,
  probsShape: readonly number[],
  axis: number,
  dtype: 'float64' | 'float32',
): Tensor {
  const k = probsShape[axis]!;
  const outer = probsShape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = probsShape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const mask =
    dtype === 'float32' ? new Float32Array(outer * k * inner) : new Float64Array(outer * k * inner);
  const yd = y.data;
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const c = yd[o * inner + i]!;
      if (!Number.isInteger(c) || c < 0 || c >= k)
        throw new ValueError(
          op,
          `class label y must be an integer in [0, ${k - 1}] (the size of lambda's class axis ${axis}), received ${c}`,
        );
      mask[(o * k + c) * inner + i] = 1;
    }
  return new Tensor(mask, probsShape, dtype);
}

/**
 * Categorical probability (Loss III): `Pr(y = k | λ) = λ_k`, picking from `lambda` the entry of
 * each example's class. As in the book, **classes are in rows by default** (`lambda` is
 * `[K, N]`, columns are examples: `axis: 0`); pass `axis: -1` for PyTorch's `[N, K]` layout.
 * `y` holds integer labels with `lambda`'s shape minus the class axis (or with a size-1 class
 * axis, as the notebook's `np.array([[0]])`); the result has `y`'s shape.
 *
 * ```ts
 * categoricalPmf([[1]], [[0.2], [0.5], [0.3]]).item(); // 0.5
 * ```
 */
export function categoricalPmf(y: TensorLike, lambda: TensorLike, options: { axis?: number } = {}): Tensor {
  const op = 'categoricalPmf';
  const lam = asTensor(lambda);
  const yt = asTensor(y);
  if (lam.dtype !== 'float64' && lam.dtype !== 'float32')
    throw new DTypeError(op, `lambda must be float probabilities, received dtype ${lam.dtype}`);
  if (yt.dtype === 'bool') throw new DTypeError(op, `y must hold integer class labels, received dtype bool`);
  const axis = normalizeAxis(op, options.axis ?? 0, lam.ndim);
  const reduced = lam.shape.filter((_, i) => i !== axis);
  const keep = lam.shape.map((d, i) => (i === axis ? 1 : d));
  const matches = (s: readonly number[]) =>
    s.length === yt.shape.length && s.every((d, i) => d === yt.shape[i]);
  if (!matches(reduced) && !matches(keep))
    throw new ShapeError(
      op,
      `y has shape ${showShape(yt.shape)} but lambda ${showShape(lam.shape)} with classes on axis ${axis} expects labels of shape ${showShape(reduced)} (or ${showShape(keep)})`,
    );
  const mask = oneHotMask(op, yt, lam.shape, axis, lam.dtype);
  return reshape(sum(mul(lam, mask), { axis }), yt.shape);
}

/** Likelihood under categorical outputs: `∏ᵢ λ_{yᵢ,i}` (classes in rows by default, see `categoricalPmf`). */
export function categoricalLikelihood(
  y: TensorLike,
  lambda: TensorLike,
  options: { axis?: number } = {},
): Tensor {
  return prod(categoricalPmf(y, lambda, options));
}

/**
 * Negative log-likelihood under categorical outputs (eq. 5.24 with λ = softmax): `-Σᵢ log λ_{yᵢ,i}`.
 * From logits, `crossEntropy(logits, y, { reduction: 'sum' })` is the stable equivalent.
 *
 * ```ts
 * categoricalNll(yTrain, softmax(modelOut, { axis: 0 })).item(); // 17.015457867 (Loss III)
 * ```
 */
export function categoricalNll(y: TensorLike, lambda: TensorLike, options: { axis?: number } = {}): Tensor {
  return neg(sum(log(categoricalPmf(y, lambda, options))));
}
