/**
 * UDL Notebook 6.2: Gradient descent (`udlbook/6_2_Gradient_Descent.md`, book figure 6.1), the
 * notebook translated to library calls: fit the line `y = φ0 + φ1 x` to 12 points by gradient
 * descent with line search (UDL eq. 6.3). The data, the model, the sum-of-squares loss (its TODO
 * `compute_loss`, UDL eq. 2.5) and the gradient (its TODO `compute_gradient`) are
 * `@gradkit/optimizers`' `LINE_DATA`, `lineModel`, `computeLoss` and `lineGradient` (shared with
 * the CM20315 Training II lesson).
 *
 * The step differs from Training II's, so it is this lesson's {@link gradientDescentStep}: the
 * book's `loss_function_1D` moves *against* its `search_direction`
 * (`phi_start - search_direction * dist_prop`), so the step passes the gradient itself to
 * `line_search` and keeps its defaults (`max_dist = 0.1`, threshold 1e-5, 15 iterations); the line
 * search is Notebook 6.1's, with the book's rule 1 (`../6-1-line-search/notebook.ts`).
 */
import { type Tensor, tensor } from '@gradkit/core';
import {
  computeLoss,
  descend,
  LINE_DATA,
  type LineSearchOptions,
  lineGradient,
  lineModel,
  type Phi,
  type XYData,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { lineSearch as lineSearch1D } from '../6-1-line-search/notebook.js';

/** A model of one input, `model(phi, x)` (the notebooks' `model`, vectorised over x there). */
export type Model = (phi: Phi, x: number) => number;

/** Parameters `[φ0, φ1]` as the notebook's `(2, 1)` column. */
const column = (phi: readonly number[]): Tensor => tensor(phi.map((p) => [p]));

/**
 * The notebook's `loss_function_1D`: the loss after moving `distProp` against `searchDirection`
 * from `phiStart`, `L[φ_start − d · t]` — the 2-D problem as a 1-D one along the line.
 */
export function lossFunction1D(
  distProp: number,
  data: XYData,
  model: Model,
  phiStart: Phi,
  searchDirection: readonly number[],
): number {
  return computeLoss(
    data,
    model,
    phiStart.map((p, k) => p - searchDirection[k]! * distProp),
  );
}

/**
 * The notebook's `line_search(data, model, phi, gradient, thresh=.00001, max_dist=0.1,
 * max_iter=15)`: Notebook 6.1's bracketing search over step sizes in [0, max_dist] of
 * {@link lossFunction1D}; returns the step (b + c)/2.
 */
export function lineSearch(
  data: XYData,
  model: Model,
  phi: Phi,
  gradient: readonly number[],
  options: LineSearchOptions = {},
): number {
  return lineSearch1D((t) => lossFunction1D(t, data, model, phi, gradient), {
    threshold: 0.00001,
    maxDist: 0.1,
    maxIter: 15,
    ...options,
  }).soln;
}

/**
 * The notebook's TODO `gradient_descent_step(phi, data, model)` (UDL eq. 6.3): 1. the gradient
 * ∂L/∂φ (`lineGradient`), 2. the step α by {@link lineSearch} along it, 3. φ ← φ − α ∂L/∂φ.
 *
 * @example
 *   gradientDescentStep([1.6, -0.5], LINE_DATA, lineModel); // [1.5999…, -0.3906…]… one step downhill
 */
export function gradientDescentStep(phi: Phi, data: XYData, model: Model): number[] {
  const gradient = lineGradient(data, phi);
  const alpha = lineSearch(data, model, phi, gradient);
  return phi.map((p, k) => p - alpha * gradient[k]!);
}

/** The notebook's run of gradient descent: `n_steps` steps from (1.6, −0.5), the `phi_all` columns. */
export function descent(nSteps = 10): number[][] {
  return descend([1.6, -0.5], nSteps, (p) => gradientDescentStep(p, LINE_DATA, lineModel));
}

/** Run the notebook top to bottom: the loss check, the gradient check, ten steps of gradient descent. */
export function run(nb: Notebook): void {
  const data = LINE_DATA;
  nb.set('data', tensor([[...data.x], [...data.y]]));
  const phi = [0.6, -0.2]; // intercept, slope; draw_model(data, model, phi, "Initial parameters")
  nb.set('phi', column(phi));

  // compute_loss (the sum of squares) at [[0.6],[-0.2]]
  let loss = computeLoss(data, lineModel, [0.6, -0.2]);
  nb.show('loss', loss);
  nb.print(pyFormat('Your loss = %3.3f, Correct loss = %3.3f', loss, 12.367));

  // compute_gradient, checked by forward differences
  const gradient = lineGradient(data, phi);
  nb.set('gradient', column(gradient));
  nb.print(pyFormat('Your gradients: (%3.3f,%3.3f)', gradient[0], gradient[1]));
  const delta = 0.0001;
  const L = (p: Phi) => computeLoss(data, lineModel, p);
  const dl_dphi0_est = (L([phi[0]! + delta, phi[1]! + 0]) - L(phi)) / delta;
  const dl_dphi1_est = (L([phi[0]! + 0, phi[1]! + delta]) - L(phi)) / delta;
  nb.setAll({ delta, dl_dphi0_est, dl_dphi1_est });
  nb.print(pyFormat('Approx gradients: (%3.3f,%3.3f)', dl_dphi0_est, dl_dphi1_est));

  // Gradient descent from (1.6, -0.5); each model drawn with its loss in the title.
  const n_steps = nb.steps(10);
  const path = descent(n_steps);
  loss = L(path[0]!);
  nb.show('loss', loss); // "Initial parameters, Loss = %f"
  for (let c_step = 0; c_step < n_steps; c_step++) {
    loss = L(path[c_step + 1]!);
    nb.show('loss', loss); // "Iteration %d, loss = %f"
  }
  nb.set('n_steps', n_steps);
  // phi_all: the (2, n_steps+1) path, drawn on the loss function at the end
  nb.set('phi_all', tensor([path.map((p) => p[0]!), path.map((p) => p[1]!)]));
}
