/**
 * CM20315 Training II (`udl-cm20315-training_ii.md`), the notebook translated to library calls:
 * fitting the line `y = φ0 + φ1 x` to 12 points by gradient descent with line search (UDL 6.1,
 * eq. 6.3). The TODOs are `@gradkit/optimizers`' functions: `compute_loss` is `computeLoss` (the
 * sum of squares, UDL eq. 2.5), `compute_gradient` is `lineGradient` and `gradient_descent_step` is
 * `gradientDescentStep` on `lineObjective` (loss and gradient on the notebook's data, `LINE_DATA`):
 * it searches the step along −∇L with the notebook's `line_search` (threshold 1e-5, 15 iterations)
 * over `max_dist = 2.0`, as Training III writes the same step.
 */
import { type Tensor, tensor } from '@gradkit/core';
import {
  computeLoss,
  descend,
  gradientDescentStep,
  LINE_DATA,
  lineGradient,
  lineModel,
  lineObjective,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** Parameters `[φ0, φ1]` as the notebook's `(2, 1)` column. */
const column = (phi: readonly number[]): Tensor => tensor(phi.map((p) => [p]));

/** Run the notebook top to bottom: the loss check, the gradient check, ten steps of gradient descent. */
export function run(nb: Notebook): void {
  nb.set('data', tensor([[...LINE_DATA.x], [...LINE_DATA.y]]));
  const phi = [0.6, -0.2]; // intercept, slope
  nb.set('phi', column(phi));

  // compute_loss (the sum of squares) at phi = [[0.6],[-0.2]]
  let loss = computeLoss(LINE_DATA, lineModel, [0.6, -0.2]);
  nb.show('loss', loss);
  nb.print(pyFormat('Your loss = %3.3f, Correct loss = %3.3f', loss, 12.367));

  // compute_gradient, checked by finite differences
  const gradient = lineGradient(LINE_DATA, phi);
  nb.set('gradient', column(gradient));
  nb.print(pyFormat('Your gradients: (%3.3f,%3.3f)', gradient[0], gradient[1]));
  const delta = 0.0001;
  const dl_dphi0_est = (lineObjective.loss([phi[0]! + delta, phi[1]! + 0]) - lineObjective.loss(phi)) / delta;
  const dl_dphi1_est = (lineObjective.loss([phi[0]! + 0, phi[1]! + delta]) - lineObjective.loss(phi)) / delta;
  nb.setAll({ delta, dl_dphi0_est, dl_dphi1_est });
  nb.print(pyFormat('Approx gradients: (%3.3f,%3.3f)', dl_dphi0_est, dl_dphi1_est));

  // Gradient descent with line search from phi = (1.6, -0.5); each step's loss titles its plot.
  const n_steps = nb.steps(10);
  const path = descend([1.6, -0.5], n_steps, (p) => gradientDescentStep(p, lineObjective));
  loss = lineObjective.loss(path[0]!);
  nb.show('loss', loss); // "Initial parameters, Loss = %f"
  for (let c_step = 0; c_step < n_steps; c_step++) {
    loss = lineObjective.loss(path[c_step + 1]!);
    nb.show('loss', loss); // "Iteration %d, loss = %f"
  }
  // phi_all: the (2, n_steps+1) path, one column per step, drawn on the loss surface at the end.
  nb.set('n_steps', n_steps);
  nb.show('phi_all', tensor([path.map((p) => p[0]!), path.map((p) => p[1]!)]));
}
