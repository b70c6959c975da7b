/**
 * The Training I–III practicals (udl-training_i, udl-cm20315-training_ii/iii) as library code:
 * their data, models, sum-of-squares losses and gradients, and the three descent steps
 * (line search, fixed learning rate, minibatch SGD). Numbers in, numbers out, in float64, with
 * the same operation order as the numpy notebooks (sums use numpy's pairwise summation), so the
 * trajectories match the notebooks to rounding.
 */
import { type RandomState, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { type LineSearchOptions, lineSearch } from './line-search.js';

/** Parameters φ as a plain array `[φ0, φ1]` (the notebooks' `(2, 1)` column). */
export type Phi = readonly number[];
/** The notebooks' data: x values and y values (rows 0 and 1 of `data`). */
export interface XYData {
  x: readonly number[];
  y: readonly number[];
}

/**
 * numpy's `np.sum` of a float64 vector: pairwise summation with an 8-way unrolled base case
 * (blocks of up to 128), which differs from a left-to-right loop in the last bits.
 */
export function npSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = a[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[start + i + j];
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npSum(a, start, n2) + npSum(a, start + n2, n - n2);
}

// ---------------------------------------------------------------------------------------------
// Training II: fitting a line to 12 points.

/** Training II's 12 pairs {x_i, y_i} (the notebook's `data`). */
export const LINE_DATA: XYData = Object.freeze({
  x: Object.freeze([0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.6, 1.65, 1.9]),
  y: Object.freeze([0.67, 0.85, 1.05, 1.0, 1.4, 1.5, 1.3, 1.54, 1.55, 1.68, 1.73, 1.6]),
});

/** The straight line `y = φ0 + φ1 x` (Training II `model`). */
export function lineModel(phi: Phi, x: number): number {
  return phi[0]! + phi[1]! * x;
}

/** Sum of squares `L[φ] = Σ (f[x_i, φ] − y_i)²` (the notebooks' `compute_loss`, UDL eq. 2.5). */
export function computeLoss(data: XYData, model: (phi: Phi, x: number) => number, phi: Phi): number {
  const n = data.x.length;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = model(phi, data.x[i]!) - data.y[i]!;
    sq[i] = r * r;
  }
  return npSum(sq);
}

/** Training II's gradient: `∂L/∂φ0 = Σ 2(φ0 + φ1x − y)`, `∂L/∂φ1 = Σ 2(φ0 + φ1x − y)x`. */
export function lineGradient(data: XYData, phi: Phi): [number, number] {
  const n = data.x.length;
  const g0 = new Float64Array(n);
  const g1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = 2 * (phi[0]! + phi[1]! * data.x[i]! - data.y[i]!);
    g0[i] = r;
    g1[i] = r * data.x[i]!;
  }
  return [npSum(g0), npSum(g1)];
}

// ---------------------------------------------------------------------------------------------
// Training III: the Gabor model on 30 points.

/** Training III's 30 pairs {x_i, y_i} for the Gabor model. */
export const GABOR_DATA: XYData = Object.freeze({
  x: Object.freeze([
    -1.92, -14.22, 1.49, -1.94, -2.389, -5.09, -8.861, 3.578, -6.01, -6.995, 3.634, 0.8743, -10.96, 0.4073,
    -9.467, 8.56, 10.62, -0.1729, 10.4, -12.61, 0.1574, -13.04, -2.156, -12.1, -11.19, 2.902, -8.22, -11.79,
    -8.391, -4.505,
  ]),
  y: Object.freeze([
    -1.051, -0.02482, 0.8896, -0.4943, -0.9371, 0.4306, 0.009577, -0.07944, 0.1624, -0.2682, -0.3129, 0.8303,
    -0.02365, 0.5098, -0.2777, 0.3367, 0.1927, -0.2222, 0.06352, 0.006888, 0.03224, 0.01091, -0.5706,
    -0.05258, -0.03666, 0.1709, -0.04805, 0.2008, -0.1904, 0.5952,
  ]),
});

/** The Gabor model `sin(φ0 + 0.06 φ1 x) · exp(−(φ0 + 0.06 φ1 x)²/32)` (Training III `model`). */
export function gaborModel(phi: Phi, x: number): number {
  const t = phi[0]! + 0.06 * phi[1]! * x;
  return Math.sin(t) * Math.exp((-t * t) / 32);
}

/** Training III's `gabor_deriv_phi0` and `gabor_deriv_phi1` (the notebook's hand-derived gradient). */
export function gaborGradient(data: XYData, phi: Phi): [number, number] {
  const n = data.x.length;
  const d0 = new Float64Array(n);
  const d1 = new Float64Array(n);
  const phi0 = phi[0]!;
  const phi1 = phi[1]!;
  for (let i = 0; i < n; i++) {
    const dx = data.x[i]!;
    const x = 0.06 * phi1 * dx + phi0;
    const y = data.y[i]!;
    const cos = Math.cos(x);
    const sin = Math.sin(x);
    const gauss = Math.exp((-0.5 * x * x) / 16);
    const resid = sin * gauss - y;
    const a = cos * gauss - (sin * gauss * x) / 16;
    d0[i] = 2 * a * resid;
    const b = 0.06 * dx * cos * gauss - (0.06 * dx * sin * gauss * x) / 16;
    d1[i] = 2 * b * resid;
  }
  return [npSum(d0), npSum(d1)];
}

// ---------------------------------------------------------------------------------------------
// The descent steps.

/** A loss of the parameters and its gradient, for the steps below. */
export interface Objective {
  loss(phi: Phi): number;
  grad(phi: Phi): readonly number[];
}

/** The line-fitting objective of Training II (`LINE_DATA`, `lineModel`). */
export const lineObjective: Objective = {
  loss: (phi) => computeLoss(LINE_DATA, lineModel, phi),
  grad: (phi) => lineGradient(LINE_DATA, phi),
};
/** The Gabor objective of Training III (`GABOR_DATA`, `gaborModel`). */
export const gaborObjective: Objective = {
  loss: (phi) => computeLoss(GABOR_DATA, gaborModel, phi),
  grad: (phi) => gaborGradient(GABOR_DATA, phi),
};

/**
 * One gradient-descent step with line search (Training III `gradient_descent_step`): compute
 * the gradient g, search the step α along −g (`loss_function_1D(t) = L[φ + (−g) t]`) with
 * {@link lineSearch}, then φ ← φ − α g. Default search options are the notebook's call:
 * `maxDist` 2.0, threshold 1e-5, maxIter 15.
 */
export function gradientDescentStep(
  phi: Phi,
  objective: Objective,
  options: LineSearchOptions = {},
): number[] {
  const gradient = objective.grad(phi);
  const direction = gradient.map((g) => g * -1);
  const lossFunction1D = (distProp: number) =>
    objective.loss(phi.map((p, k) => p + direction[k]! * distProp));
  const { soln: alpha } = lineSearch(lossFunction1D, {
    threshold: 0.00001,
    maxIter: 15,
    maxDist: 2.0,
    ...options,
  });
  return phi.map((p, k) => p - alpha * gradient[k]!);
}

/** Fixed-step gradient descent (Training III `gradient_descent_step_fixed_learning_rate`): φ ← φ − α ∇L. */
export function gradientDescentStepFixedLearningRate(
  phi: Phi,
  objective: Objective,
  alpha: number,
): number[] {
  if (typeof alpha !== 'number' || !(alpha >= 0))
    throw new ValueError(
      'gradientDescentStepFixedLearningRate',
      `alpha must be a number >= 0, received ${show(alpha)}`,
    );
  const gradient = objective.grad(phi);
  return phi.map((p, k) => p - alpha * gradient[k]!);
}

/**
 * Minibatch SGD step (Training III `stochastic_gradient_descent_step`): draw
 * `rng.permutation(n)`, keep its first `batchSize` indices, and step φ ← φ − α ∇L_batch, where
 * `gradient(batch, φ)` computes the gradient on the selected data. With
 * `new RandomState(1)` this reproduces the notebook's `np.random.seed(1)` run.
 */
export function stochasticGradientDescentStep(
  phi: Phi,
  data: XYData,
  gradient: (batch: XYData, phi: Phi) => readonly number[],
  alpha: number,
  batchSize: number,
  rng: RandomState,
): number[] {
  const op = 'stochasticGradientDescentStep';
  const n = data.x.length;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n)
    throw new ValueError(
      op,
      `batchSize must be an integer in [1, ${n}] (the number of data points), received ${show(batchSize)}`,
    );
  if (typeof alpha !== 'number' || !(alpha >= 0))
    throw new ValueError(op, `alpha must be a number >= 0, received ${show(alpha)}`);
  const indices = rng.permutation(n).data;
  const batch = { x: [] as number[], y: [] as number[] };
  for (let i = 0; i < batchSize; i++) {
    batch.x.push(data.x[indices[i]!]!);
    batch.y.push(data.y[indices[i]!]!);
  }
  const g = gradient(batch, phi);
  return phi.map((p, k) => p - alpha * g[k]!);
}

/**
 * Run `nSteps` steps from `phi0` and return the notebook's `phi_all` as a list of columns:
 * entry 0 is `phi0`, entry i the parameters after step i.
 *
 * ```ts
 * descend([-1.5, 8.5], 21, (phi) => gradientDescentStep(phi, gaborObjective));
 * ```
 */
export function descend(phi0: Phi, nSteps: number, step: (phi: Phi, i: number) => number[]): number[][] {
  const out: number[][] = [[...phi0]];
  for (let i = 0; i < nSteps; i++) out.push(step(out[i]!, i));
  return out;
}
