/**
 * UDL Notebook 9.1: L2 Regularization (`udlbook/9_1_L2_Regularization.md`, book section 9.1,
 * figure 9.1), the notebook translated to library calls. The Gabor model and its 30 points are
 * CM20315 Training III's (`@gradkit/optimizers`' `GABOR_DATA`, `gaborModel`, `gaborObjective`:
 * the sum of squares and the notebook's hand-derived `gabor_deriv_phi0/1`); fixed-step gradient
 * descent (α = 0.1) from (2.6, 8.5) falls into a local minimum. The TODOs add the penalty
 * `λ (φ0² + (φ1 − 12.5)²)` that pulls the parameters towards (0, 12.5) — `compute_reg_term` is
 * `l2Penalty(phi, [0, 12.5])`, `dregdphi0/1` the penalty's gradient `2λ(φ − c)` — and
 * `withL2Regularization(gaborObjective, λ, [0, 12.5])` is the notebook's `compute_loss2` and
 * `compute_gradient2`. With λ = 0.2 the same descent reaches the global minimum.
 *
 * ```ts
 * import { descend, gaborObjective, gradientDescentStepFixedLearningRate, withL2Regularization } from '@gradkit/optimizers';
 * const reg = withL2Regularization(gaborObjective, 0.2, [0, 12.5]);
 * descend([2.6, 8.5], 41, (p) => gradientDescentStepFixedLearningRate(p, reg, 0.1)).at(-1); // ≈ [0.103, 13.480]
 * ```
 */
import { arange, tensor } from '@gradkit/core';
import {
  descend,
  GABOR_DATA,
  gaborObjective,
  gradientDescentStepFixedLearningRate,
  l2Penalty,
  type Objective,
  withL2Regularization,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';

/** The notebook's prior guess (φ0, φ1) = (0, 12.5), the centre of its plots. */
export const PRIOR: readonly [number, number] = [0, 12.5];

/** The notebook's start of both descents, (2.6, 8.5). */
export const START: readonly [number, number] = [2.6, 8.5];

/** The notebook's `compute_reg_term(phi0, phi1)`: `φ0² + (φ1 − 12.5)²`. */
export function computeRegTerm(phi0: number, phi1: number): number {
  return l2Penalty([phi0, phi1], PRIOR);
}

/** The notebook's `dregdphi0(phi, lambda_)`: `∂/∂φ0 of λ(φ0² + (φ1 − 12.5)²) = 2λφ0`. */
export function dregdphi0(phi: readonly number[], lambda: number): number {
  return 2 * lambda * phi[0]!;
}

/** The notebook's `dregdphi1(phi, lambda_)`: `2λ(φ1 − 12.5)`. */
export function dregdphi1(phi: readonly number[], lambda: number): number {
  return 2 * lambda * (phi[1]! - 12.5);
}

/** The notebook's `compute_loss2` and `compute_gradient2` as one objective: L + λ(φ0² + (φ1 − 12.5)²). */
export function regularizedObjective(lambda: number): Objective {
  return withL2Regularization(gaborObjective, lambda, PRIOR);
}

/** The notebook's plotting grid: `np.arange(-10, 10, 0.1)` offsets × `np.arange(2.5, 22.5, 0.1)` frequencies. */
export function lossGrid(step = 0.1): { offsets: number[]; freqs: number[] } {
  return {
    offsets: arange(-10, 10.0, step).toList() as number[],
    freqs: arange(2.5, 22.5, step).toList() as number[],
  };
}

/**
 * A descent of the notebook: 41 fixed steps of α = 0.1 from (2.6, 8.5) on `objective`; shows the
 * loss of its plot titles (the start, then after steps 1, 9, 17, 25, 33, 41) and returns the
 * `(2, 42)` path `phi_all`.
 */
function descent(nb: Notebook, objective: Objective, nSteps: number): number[][] {
  const path = descend(START, nSteps, (p) => gradientDescentStepFixedLearningRate(p, objective, 0.1));
  nb.show('loss', objective.loss(path[0]!)); // "Initial parameters, Loss = %f"
  for (let c_step = 0; c_step < nSteps; c_step++)
    if (c_step % 8 === 0) nb.show('loss', objective.loss(path[c_step + 1]!)); // "Iteration %d, loss = %f"
  return [path.map((p) => p[0]!), path.map((p) => p[1]!)];
}

/**
 * The notebook, top to bottom (it prints nothing; its numbers are plot titles): the data and the
 * initial model, gradient descent on the sum of squares (a local minimum), then the regularized
 * loss (λ = 0.2) and gradient descent on it (the global minimum).
 */
export function run(nb: Notebook): void {
  nb.set('data', tensor([[...GABOR_DATA.x], [...GABOR_DATA.y]]));
  nb.set('phi', tensor([[-5], [25]])); // horizontal offset, frequency: "Initial parameters"

  // Gradient descent on the sum of squares: 41 steps of alpha = 0.1 from (2.6, 8.5)
  const n_steps = nb.steps(41);
  nb.set('n_steps', n_steps);
  nb.show('phi_all', tensor(descent(nb, gaborObjective, n_steps)));

  // The regularization term and the regularized loss (lambda_ = 0.2 in the plot), then the descent
  const lambda_ = 0.2;
  nb.set('lambda_', lambda_);
  nb.show('phi_all', tensor(descent(nb, regularizedObjective(lambda_), n_steps)));
}
