// gradkit lesson 6-3-stochastic-gradient-descent: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 6-3-stochastic-gradient-descent 6-3-stochastic-gradient-descent.ts
import type { RandomState } from '@gradkit/core';

type Model = (phi: number[], x: number) => number;

// --- exercise compute-loss: The sum-of-squares loss of a model
/** Σ_i (model(phi, x_i) − y_i)² over the data. */
export function computeLoss(dataX: number[], dataY: number[], model: Model, phi: number[]): number {
  // TODO: first make model predictions from dataX, then compute the squared difference between
  // the predictions and the true y values, then sum them all and return
  throw new Error('TODO: the sum of squares');
}

// Given: the gradient of the Gabor model's loss. These came from writing out the expression for
// the sum of squares loss and taking the derivative with respect to phi0 and phi1 (the notebook's
// gabor_deriv_phi0 and gabor_deriv_phi1).
/** [∂L/∂φ0, ∂L/∂φ1] of the Gabor model's sum of squares on (dataX, dataY). */
export function computeGradient(dataX: number[], dataY: number[], phi: number[]): number[] {
  let dlDphi0 = 0;
  let dlDphi1 = 0;
  for (let i = 0; i < dataX.length; i++) {
    const x = 0.06 * phi[1]! * dataX[i]! + phi[0]!;
    const cosComponent = Math.cos(x);
    const sinComponent = Math.sin(x);
    const gaussComponent = Math.exp((-0.5 * x * x) / 16);
    const residual = sinComponent * gaussComponent - dataY[i]!;
    const deriv = cosComponent * gaussComponent - (sinComponent * gaussComponent * x) / 16;
    dlDphi0 += 2 * deriv * residual;
    dlDphi1 += 2 * 0.06 * dataX[i]! * deriv * residual;
  }
  return [dlDphi0, dlDphi1];
}

// --- exercise fixed-learning-rate: A gradient-descent step of fixed size
/** φ − α ∂L/∂φ, without line search; data is [xs, ys]. */
export function gradientDescentStepFixedLearningRate(
  phi: number[],
  data: number[][],
  alpha: number,
): number[] {
  // TODO: take a fixed size step of size alpha without using line search
  throw new Error('TODO: the fixed-size step');
}

// --- exercise sgd-step: A minibatch SGD step
/** φ − α ∂L_batch/∂φ on the first batchSize indices of rng.permutation(n). */
export function stochasticGradientDescentStep(
  phi: number[],
  data: number[][],
  alpha: number,
  batchSize: number,
  rng: RandomState,
): number[] {
  // TODO: take a fixed size step of size alpha but only using a subset (batch) of the data.
  // rng.permutation(nData) is a random permutation of the nData = data[0].length indices
  // (np.random.permutation); choose the first batchSize of them and compute the gradient from
  // just the data with these indices.
  throw new Error('TODO: the minibatch step');
}

// --- exercise learning-rate-schedule: A learning-rate schedule
/** The learning rate at step cStep: alpha reduced by a factor of beta every m iterations. */
export function scheduledLearningRate(alpha: number, beta: number, m: number, cStep: number): number {
  // TODO: add a learning rate schedule: reduce the learning rate by a factor of beta every M iterations
  throw new Error('TODO: the schedule');
}
