/**
 * CM20315 Training III (`udl-cm20315-training_iii.md`), the notebook translated to library calls:
 * fitting the Gabor model `sin(φ0 + 0.06 φ1 x) · exp(−(φ0 + 0.06 φ1 x)²/32)` to 30 points, whose
 * least-squares loss has several valleys (UDL 6.1), with gradient descent and line search,
 * fixed-step gradient descent (UDL eq. 6.3) and minibatch stochastic gradient descent (UDL 6.2). The notebook's functions are `@gradkit/optimizers`' `gaborModel`, `computeLoss` (its
 * TODO `compute_loss`, the sum of squares), `gaborGradient` (`compute_gradient`),
 * `gradientDescentStep`, and for its two other TODOs `gradientDescentStepFixedLearningRate` and
 * `stochasticGradientDescentStep` (a permutation of the 30 indices from the notebook's
 * `np.random.seed(1)` stream, the first `batch_size` of them).
 */
import { RandomState, type Tensor, tensor } from '@gradkit/core';
import {
  computeLoss,
  descend,
  GABOR_DATA,
  gaborGradient,
  gaborModel,
  gaborObjective,
  gradientDescentStep,
  gradientDescentStepFixedLearningRate,
  type Phi,
  stochasticGradientDescentStep,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** Parameters `[φ0, φ1]` as the notebook's `(2, 1)` column. */
const column = (phi: readonly number[]): Tensor => tensor(phi.map((p) => [p]));

/**
 * One of the notebook's descents: `n_steps` steps from `start`, the loss of the start and of every
 * `every`-th step shown as `loss` (the plots' titles), and the `(2, n_steps+1)` path `phi_all`, drawn
 * on the loss surface (`phi_all#all` keeps the three paths).
 */
function descent(
  nb: Notebook,
  start: Phi,
  nSteps: number,
  every: number,
  step: (phi: Phi) => number[],
): void {
  const path = descend(start, nSteps, step);
  nb.show('loss', gaborObjective.loss(path[0]!)); // "Initial parameters, Loss = %f"
  for (let c_step = 0; c_step < nSteps; c_step++)
    if (c_step % every === 0) nb.show('loss', gaborObjective.loss(path[c_step + 1]!)); // "Iteration %d, loss = %f"
  nb.set('n_steps', nSteps);
  nb.show('phi_all', tensor([path.map((p) => p[0]!), path.map((p) => p[1]!)])); // draw_loss_function(..., phi_all)
}

/** Run the notebook top to bottom: the loss and gradient checks, then the three descents. */
export function run(nb: Notebook): void {
  nb.set('data', tensor([[...GABOR_DATA.x], [...GABOR_DATA.y]]));
  const phi = [-5, 25]; // horizontal offset, frequency
  nb.set('phi', column(phi));

  // compute_loss (the sum of squares) at phi = [[0.6],[-0.2]]
  const loss = computeLoss(GABOR_DATA, gaborModel, [0.6, -0.2]);
  nb.show('loss', loss);
  nb.print(pyFormat('Your loss = %3.3f, Correct loss = %3.3f', loss, 16.419));

  // compute_gradient (the notebook's gabor_deriv_phi0/1), checked by finite differences
  const gradient = gaborGradient(GABOR_DATA, phi);
  nb.set('gradient', column(gradient));
  nb.print(pyFormat('Your gradients: (%3.3f,%3.3f)', gradient[0], gradient[1]));
  const delta = 0.0001;
  const L = gaborObjective.loss;
  const dl_dphi0_est = (L([phi[0]! + delta, phi[1]! + 0]) - L(phi)) / delta;
  const dl_dphi1_est = (L([phi[0]! + 0, phi[1]! + delta]) - L(phi)) / delta;
  nb.setAll({ delta, dl_dphi0_est, dl_dphi1_est });
  nb.print(pyFormat('Approx gradients: (%3.3f,%3.3f)', dl_dphi0_est, dl_dphi1_est));

  // 1. Gradient descent with line search (max_dist 2.0): 21 steps from (-1.5, 8.5), drawn every 4th.
  descent(nb, [-1.5, 8.5], nb.steps(21), 4, (p) => gradientDescentStep(p, gaborObjective, { maxDist: 2.0 }));

  // 2. Fixed steps, alpha = 0.2: 21 steps from (-1.5, 8.5), drawn every 4th.
  descent(nb, [-1.5, 8.5], nb.steps(21), 4, (p) =>
    gradientDescentStepFixedLearningRate(p, gaborObjective, 0.2),
  );

  // 3. Minibatch SGD, alpha = 0.8, batch_size = 5, np.random.seed(1): 41 steps from (3.5, 6.5),
  //    drawn every 8th.
  const rng = new RandomState(1);
  descent(nb, [3.5, 6.5], nb.steps(41), 8, (p) =>
    stochasticGradientDescentStep(p, GABOR_DATA, gaborGradient, 0.8, 5, rng),
  );
}
