/**
 * Notebook 6.5: Adam (`6_5_Adam.md`), UDL section 6.4, Adam (figure 6.9), the notebook translated
 * to library calls. On a loss that changes much faster in φ1 than in φ0 (`loss`, with the
 * notebook's finite-difference gradient `getLossGradient`) it runs, from (−0.7, −0.9):
 *
 * - fixed-step gradient descent, 200 steps of α = 0.08 and 40 of α = 1.0 (`grad_descent`:
 *   `@gradkit/optimizers`' `minimize` with `'gd'`, the same rule);
 * - normalized gradients, eqs. 6.13–6.14, 40 steps of α = 0.08 ({@link normalizedGradients}: no
 *   library has this rule — it is sign descent, each coordinate moving ±α);
 * - Adam, eqs. 6.15–6.17, 60 steps of α = 0.05 with β = 0.9, γ = 0.99, ε = 1e-20: PyTorch's
 *   `torch.optim.Adam(lr=0.05, betas=(0.9, 0.99), eps=1e-20)` is the same rule (its bias
 *   corrections are folded into the step size, `α/(1 − β^t) · m / (√v/√(1 − γ^t) + ε)`), so the run
 *   is `@gradkit/optimizers`' `Adam` through `minimize` ({@link adam}).
 *
 * {@link adamWithoutBiasCorrection} is the same update with `m`, `v` in place of `m̃`, `ṽ` (eq. 6.15
 * then 6.17), which PyTorch cannot do: the page and `gradkit demo` show why eq. 6.16 is there.
 */
import { minimize, type Surface } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { getLossGradient, loss } from './harness.js';

export { getLossGradient, loss };

/** `start_posn`: (−0.7, −0.9). */
export const START_POSN: readonly [number, number] = [-0.7, -0.9];

/** The notebook's loss as an `@gradkit/optimizers` surface (loss, finite-difference gradient). */
export const adamSurface: Surface = Object.freeze({
  name: 'udl65',
  title: 'Adam (UDL 6.5)',
  loss: (w: readonly number[]) => loss(w[0]!, w[1]!),
  grad: (w: readonly number[]) => getLossGradient(w[0]!, w[1]!),
  init: START_POSN,
  lr: 0.08,
  xRange: [-1, 0.99] as const,
  yRange: [-1, 0.99] as const,
  source: '6_5_Adam.md',
});

/** A `(2, n_steps+1)` path, row 0 φ0 and row 1 φ1 (the notebook's `grad_path`). */
export type GradPath = [number[], number[]];

const toPath = (points: readonly (readonly number[])[]): GradPath => [
  points.map((p) => p[0]!),
  points.map((p) => p[1]!),
];

/** The notebook's `get_loss_function_for_plot()`: the loss on `np.arange(-1.0, 1.0, 0.01)` squared. */
export function getLossFunctionForPlot(): {
  gridValues: number[];
  lossFunction: number[][];
  phi0mesh: number[][];
  phi1mesh: number[][];
} {
  const gridValues = Array.from({ length: 200 }, (_, i) => -1.0 + i * 0.01);
  // loss_function[idphi0, idphi1] = loss(phi1, phi0): rows are φ1, columns φ0 (meshgrid's layout)
  const lossFunction = gridValues.map((p1) => gridValues.map((p0) => loss(p0, p1)));
  const phi0mesh = gridValues.map(() => [...gridValues]);
  const phi1mesh = gridValues.map((p1) => gridValues.map(() => p1));
  return { gridValues, lossFunction, phi0mesh, phi1mesh };
}

/** The notebook's `grad_descent(start_posn, n_steps, alpha)`: φ ← φ − α ∇L, `minimize` with `'gd'`. */
export function gradDescent(startPosn: readonly number[], nSteps: number, alpha: number): GradPath {
  const t = minimize(adamSurface, startPosn, { optimizer: 'gd', lr: alpha, steps: nSteps });
  return toPath([...t.params, t.final]);
}

/**
 * Normalized gradients, UDL eqs. 6.13–6.14: `m = ∇L`, `v = m²` (pointwise), then
 * `φ ← φ − α m / (√v + ε)` — every coordinate moves α downhill, however steep the loss.
 *
 * @example
 *   normalizedGradients([-0.7, -0.9], 1, 0.08); // [[-0.7, -0.62], [-0.9, -0.82]]
 */
export function normalizedGradients(
  startPosn: readonly number[],
  nSteps: number,
  alpha: number,
  epsilon = 1e-20,
): GradPath {
  const path: number[][] = [[startPosn[0]!, startPosn[1]!]];
  for (let c_step = 0; c_step < nSteps; c_step++) {
    const phi = path[c_step]!;
    const m = getLossGradient(phi[0]!, phi[1]!);
    const v = m.map((mk) => mk * mk);
    path.push(phi.map((p, k) => p - (alpha * m[k]!) / (Math.sqrt(v[k]!) + epsilon)));
  }
  return toPath(path);
}

/**
 * Adam, UDL eqs. 6.15–6.17: `m ← βm + (1 − β)g`, `v ← γv + (1 − γ)g²`, `m̃ = m/(1 − β^t)`,
 * `ṽ = v/(1 − γ^t)`, `φ ← φ − α m̃/(√ṽ + ε)` for t = 1, 2, …: `@gradkit/optimizers`' `Adam`
 * (PyTorch's rule) with `lr = α`, `betas = [β, γ]`, `eps = ε`.
 */
export function adam(
  startPosn: readonly number[],
  nSteps: number,
  alpha: number,
  beta = 0.9,
  gamma = 0.99,
  epsilon = 1e-20,
): GradPath {
  const t = minimize(adamSurface, startPosn, {
    optimizer: 'adam',
    lr: alpha,
    betas: [beta, gamma],
    eps: epsilon,
    steps: nSteps,
  });
  return toPath([...t.params, t.final]);
}

/**
 * Adam without the bias correction of eq. 6.16: `φ ← φ − α m/(√v + ε)` with the raw running
 * averages, which start at zero. For a constant gradient g, `m_t = (1 − β^t) g` and
 * `√v_t = √(1 − γ^t) |g|`, so the step is `α (1 − β^t)/√(1 − γ^t)`: α at t = 1, about 2α for t
 * from 10 to 30 (β = 0.9, γ = 0.99), and back near α only after a few hundred steps. Dividing by
 * `1 − β^t` and `1 − γ^t` (eq. 6.16) makes every step α from the start.
 */
export function adamWithoutBiasCorrection(
  startPosn: readonly number[],
  nSteps: number,
  alpha: number,
  beta = 0.9,
  gamma = 0.99,
  epsilon = 1e-20,
): GradPath {
  const path: number[][] = [[startPosn[0]!, startPosn[1]!]];
  let m = [0, 0];
  let v = [0, 0];
  for (let c_step = 0; c_step < nSteps; c_step++) {
    const phi = path[c_step]!;
    const grad = getLossGradient(phi[0]!, phi[1]!);
    m = m.map((mk, k) => beta * mk + (1 - beta) * grad[k]!);
    v = v.map((vk, k) => gamma * vk + (1 - gamma) * grad[k]! * grad[k]!);
    path.push(phi.map((p, k) => p - (alpha * m[k]!) / (Math.sqrt(v[k]!) + epsilon)));
  }
  return toPath(path);
}

/** Run the notebook top to bottom. */
export function run(nb: Notebook): void {
  const { lossFunction, phi0mesh, phi1mesh } = getLossFunctionForPlot();
  nb.setAll({ loss_function: lossFunction, phi0mesh, phi1mesh });
  const start_posn = [[START_POSN[0]], [START_POSN[1]]];
  nb.set('start_posn', start_posn);

  // Gradient descent with a fixed step: slow (α = 0.08) or oscillating across the valley (α = 1.0).
  nb.show('grad_path1', gradDescent(START_POSN, nb.steps(200), 0.08));
  nb.show('grad_path2', gradDescent(START_POSN, nb.steps(40), 1.0));

  // Normalized gradients (eqs. 6.13–6.14): fixed-size steps that end bouncing between two points.
  nb.show('grad_path1', normalizedGradients(START_POSN, nb.steps(40), 0.08));

  // Adam (eqs. 6.15–6.17).
  nb.show('grad_path1', adam(START_POSN, nb.steps(60), 0.05));
}
