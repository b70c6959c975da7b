/**
 * UDL Notebook 6.3: Stochastic gradient descent (`udlbook/6_3_Stochastic_Gradient_Descent.md`,
 * book figure 6.5), the notebook translated to library calls: fit the Gabor model
 * `sin(φ0 + 0.06 φ1 x) · exp(−(φ0 + 0.06 φ1 x)²/32)` to 30 points, whose least-squares loss has
 * several valleys, with gradient descent and line search, fixed-step gradient descent (UDL eq. 6.3)
 * and minibatch stochastic gradient descent (UDL section 6.2).
 *
 * Shared with the CM20315 Training III lesson through `@gradkit/optimizers`: the data
 * (`GABOR_DATA`), `gaborModel`, `computeLoss` (the TODO `compute_loss`, UDL eq. 2.5), `gaborGradient`
 * (the notebook's given `gabor_deriv_phi0/1`), and the two other TODOs,
 * `gradientDescentStepFixedLearningRate` and `stochasticGradientDescentStep` (a permutation of the
 * 30 indices from the notebook's `np.random.seed(1)` stream, the first `batch_size` of them),
 * wrapped here in the notebook's signatures (`(phi, data, alpha)`, `(phi, data, alpha, batch_size)`).
 * The given `gradient_descent_step` searches its step with the book's line search of Notebooks
 * 6.1/6.2 (`max_dist = 2.0`), not Training III's.
 */
import { RandomState, type Tensor, tensor } from '@gradkit/core';
import {
  computeLoss,
  descend,
  gradientDescentStepFixedLearningRate as fixedStep,
  GABOR_DATA,
  gaborGradient,
  gaborModel,
  type Phi,
  stochasticGradientDescentStep as sgdStep,
  type XYData,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { lineSearch, type Model } from '../6-2-gradient-descent/notebook.js';

/** Parameters `[φ0, φ1]` as the notebook's `(2, 1)` column. */
const column = (phi: readonly number[]): Tensor => tensor(phi.map((p) => [p]));

/** The sum-of-squares loss of the Gabor model on `data` (the notebook's `compute_loss(..., model, phi)`). */
const gaborLoss = (data: XYData) => (phi: Phi) => computeLoss(data, gaborModel, phi);

/**
 * The notebook's given `gradient_descent_step(phi, data, model)`: the gradient g, the step α by line
 * search over [0, 2] along −g (`line_search(data, model, phi, gradient*-1, max_dist = 2.0)` with
 * its `loss_function_1D` = `L[φ + (−g) t]`), then φ ← φ − α g. Notebook 6.2's `lineSearch` moves
 * against its direction (`L[φ − g t]`), which is the same float64 arithmetic, so it is reused with
 * the gradient itself.
 */
export function gradientDescentStep(phi: Phi, data: XYData, model: Model): number[] {
  const gradient = gaborGradient(data, phi);
  const alpha = lineSearch(data, model, phi, gradient, { maxDist: 2.0 });
  return phi.map((p, k) => p - alpha * gradient[k]!);
}

/** The notebook's TODO `gradient_descent_step_fixed_learning_rate(phi, data, alpha)`: φ ← φ − α ∂L/∂φ. */
export function gradientDescentStepFixedLearningRate(phi: Phi, data: XYData, alpha: number): number[] {
  return fixedStep(phi, { loss: gaborLoss(data), grad: (p) => gaborGradient(data, p) }, alpha);
}

/**
 * The notebook's TODO `stochastic_gradient_descent_step(phi, data, alpha, batch_size)`: the first
 * `batch_size` indices of `np.random.permutation(30)` (from `rng`, the notebook's global numpy
 * stream), φ ← φ − α ∂L_batch/∂φ.
 */
export function stochasticGradientDescentStep(
  phi: Phi,
  data: XYData,
  alpha: number,
  batchSize: number,
  rng: RandomState,
): number[] {
  return sgdStep(phi, data, gaborGradient, alpha, batchSize, rng);
}

/**
 * The learning-rate schedule the notebook's last TODO asks for: start at `alpha` and multiply by
 * `beta` every `m` iterations, `α_t = α · β^⌊t/M⌋` for step t = 0, 1, … (PyTorch's `StepLR` with
 * `step_size = M`, `gamma = β`, stepped once per iteration: `@gradkit/optimizers`' `StepLR`).
 *
 * @example
 *   scheduledLearningRate(0.8, 0.5, 10, 25); // 0.2
 */
export function scheduledLearningRate(alpha: number, beta: number, m: number, cStep: number): number {
  return alpha * beta ** Math.floor(cStep / m);
}

/** The notebook's three runs: (start, n_steps, the step, draw every) — `--scale` multiplies n_steps. */
export function runs(nb?: Notebook) {
  const steps = (n: number) => (nb ? nb.steps(n) : n);
  const data = GABOR_DATA;
  const rng = new RandomState(1); // np.random.seed(1), set just before the third run
  return [
    {
      name: 'gradient descent with line search',
      start: [-1.5, 8.5],
      nSteps: steps(21),
      every: 4,
      step: (p: Phi) => gradientDescentStep(p, data, gaborModel),
    },
    {
      name: 'fixed learning rate 0.2',
      start: [-1.5, 8.5],
      nSteps: steps(21),
      every: 4,
      step: (p: Phi) => gradientDescentStepFixedLearningRate(p, data, 0.2),
    },
    {
      name: 'SGD, batch 5, learning rate 0.8',
      start: [3.5, 6.5],
      nSteps: steps(41),
      every: 8,
      step: (p: Phi) => stochasticGradientDescentStep(p, data, 0.8, 5, rng),
    },
  ];
}

/** Run the notebook top to bottom: the loss and gradient checks, then the three descents. */
export function run(nb: Notebook): void {
  const data = GABOR_DATA;
  nb.set('data', tensor([[...data.x], [...data.y]]));
  const phi = [-5, 25]; // horizontal offset, frequency; draw_model(data, model, phi, "Initial parameters")
  nb.set('phi', column(phi));
  const L = gaborLoss(data);

  // compute_loss (the sum of squares) at [[0.6],[-0.2]]
  const loss = L([0.6, -0.2]);
  nb.show('loss', loss);
  nb.print(pyFormat('Your loss = %3.3f, Correct loss = %3.3f', loss, 16.419));

  // compute_gradient (the given gabor_deriv_phi0/1), checked by forward differences
  const gradient = gaborGradient(data, phi);
  nb.set('gradient', column(gradient));
  nb.print(pyFormat('Your gradients: (%3.3f,%3.3f)', gradient[0], gradient[1]));
  const delta = 0.0001;
  const dl_dphi0_est = (L([phi[0]! + delta, phi[1]! + 0]) - L(phi)) / delta;
  const dl_dphi1_est = (L([phi[0]! + 0, phi[1]! + delta]) - L(phi)) / delta;
  nb.setAll({ delta, dl_dphi0_est, dl_dphi1_est });
  nb.print(pyFormat('Approx gradients: (%3.3f,%3.3f)', dl_dphi0_est, dl_dphi1_est));

  // The three descents: the loss of the start and of every 4th (SGD: 8th) step titles a plot of
  // the model; the path phi_all is drawn on the loss function (phi_all#all keeps the three).
  for (const r of runs(nb)) {
    const path = descend(r.start, r.nSteps, r.step);
    nb.show('loss', L(path[0]!)); // "Initial parameters, Loss = %f"
    for (let c_step = 0; c_step < r.nSteps; c_step++)
      if (c_step % r.every === 0) nb.show('loss', L(path[c_step + 1]!)); // "Iteration %d, loss = %f"
    nb.set('n_steps', r.nSteps);
    nb.show('phi_all', tensor([path.map((p) => p[0]!), path.map((p) => p[1]!)]));
  }
}
