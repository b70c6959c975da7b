/**
 * UDL Notebook 9.2: Implicit Regularization (`udlbook/9_2_Implicit_Regularization.md`, book
 * figure 9.3), the notebook translated to library calls. Gradient descent with a finite step α
 * follows, to first order, the continuous gradient flow of a *modified* loss (UDL eq. 9.8):
 *
 * ```
 * L~[φ] = L[φ] + (α/4) · ‖∂L/∂φ‖²
 * ```
 *
 * The notebook computes every gradient by central finite differences (δ = 1e-5); this module
 * has that version (names as in the notebook) and an autograd one, where the gradient-norm term
 * is itself a `grad` and gradient descent differentiates through it (`grad` of a function that
 * contains `grad`). The TODOs: `getRegTerm` (the second term of eq. 9.8) and the two descents at
 * the end (tiny steps on the modified loss, typical steps on the original).
 *
 * The loss surface (also `@gradkit/optimizers`' `udl92`):
 * `L[φ0, φ1] = 1 - exp(-φ1² / (2 s²))` with `s = exp(-2 φ0²)`.
 *
 * ```ts
 * import * as ir from '@gradkit/course/lessons/9-2-implicit-regularization/notebook';
 * const path = ir.gradDescent([-0.7, -0.75], 100, 0.05);            // [2, 101] trajectory
 * const reg = ir.gradDescentRegAutograd([-0.7, -0.75], 10000, 0.001, 0.05);
 * ```
 */
import { arange, grad, meshgrid, noGrad, Tensor, tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { udl92, udl92Loss, udl92LossTensor } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';

/** The notebook's start position (φ0, φ1) = (-0.7, -0.75). */
export const START: readonly [number, number] = [-0.7, -0.75];

/** The notebook's finite-difference step δ = 0.00001. */
export const DELTA_PHI = 0.00001;

/**
 * The notebook's `loss(phi0, phi1)`: `L[φ0, φ1] = 1 - exp(-0.5 φ1² / s²)`, `s = exp(-0.5 · 4 φ0²)`,
 * a valley along φ1 = 0 that narrows as |φ0| grows — `@gradkit/optimizers`' `udl92Loss`.
 */
export const loss: (phi0: number, phi1: number) => number = udl92Loss;

/** The same loss on tensors (differentiable, broadcasting) — `@gradkit/optimizers`' `udl92LossTensor`. */
export const lossTensor: (phi0: Tensor, phi1: Tensor) => Tensor = udl92LossTensor;

/** `lossTensor` of a `[2]` parameter vector φ = [φ0, φ1]. */
export function lossVector(phi: Tensor): Tensor {
  return lossTensor(phi.index(0), phi.index(1));
}

/**
 * The notebook's `get_loss_gradient`: the central finite-difference gradient (δ = 1e-5) of the loss,
 * `[dL/dφ0, dL/dφ1]` (the gradient of `@gradkit/optimizers`' `udl92` surface).
 */
export function getLossGradient(phi0: number, phi1: number): [number, number] {
  const [g0, g1] = udl92.grad([phi0, phi1]);
  return [g0!, g1!];
}

/** The implicit regularization term of UDL eq. 9.8, `(α/4) ‖∂L/∂φ‖²`, with finite-difference gradients. */
export function getRegTerm(phi0: number, phi1: number, alpha: number): number {
  const [g0, g1] = getLossGradient(phi0, phi1);
  return (alpha / 4.0) * (g0 * g0 + g1 * g1);
}

/** The modified loss of UDL eq. 9.8, `L + (α/4)‖∂L/∂φ‖²` (the notebook's `loss_reg`). */
export function lossReg(phi0: number, phi1: number, alpha: number): number {
  return loss(phi0, phi1) + getRegTerm(phi0, phi1, alpha);
}

/** Central finite-difference gradient of the modified loss (the notebook's `get_loss_gradient_reg`). */
export function getLossGradientReg(phi0: number, phi1: number, alpha: number): [number, number] {
  const d = DELTA_PHI;
  return [
    (lossReg(phi0 + d / 2.0, phi1, alpha) - lossReg(phi0 - d / 2.0, phi1, alpha)) / d,
    (lossReg(phi0, phi1 + d / 2.0, alpha) - lossReg(phi0, phi1 - d / 2.0, alpha)) / d,
  ];
}

/** The regularization term `(α/4)‖∇L‖²` with the gradient by autograd (differentiable in φ). */
export function regTermAutograd(phi: Tensor, alpha: number): Tensor {
  const g = grad(lossVector)(phi) as Tensor;
  return g
    .square()
    .sum()
    .mul(alpha / 4.0);
}

/** The modified loss `L + (α/4)‖∇L‖²` by autograd, for φ of shape `[2]`. */
export function lossRegAutograd(phi: Tensor, alpha: number): Tensor {
  return lossVector(phi).add(regTermAutograd(phi, alpha));
}

/** Exact gradient of the modified loss: `grad` of a function containing `grad` (second derivatives). */
export function getLossGradientRegAutograd(phi0: number, phi1: number, alpha: number): [number, number] {
  const g = grad((phi: Tensor) => lossRegAutograd(phi, alpha))(tensor([phi0, phi1])) as Tensor;
  return [g.data[0]!, g.data[1]!];
}

/** Exact gradient of the original loss by autograd. */
export function getLossGradientAutograd(phi0: number, phi1: number): [number, number] {
  const g = grad(lossVector)(tensor([phi0, phi1])) as Tensor;
  return [g.data[0]!, g.data[1]!];
}

function checkRun(op: string, start: readonly number[], nSteps: number, stepSize: number): void {
  if (start.length !== 2 || !start.every(Number.isFinite))
    throw new ValueError(op, `startPosn must be two finite numbers [phi0, phi1], received ${show(start)}`);
  if (!Number.isInteger(nSteps) || nSteps < 0)
    throw new ValueError(op, `nSteps must be a non-negative integer, received ${show(nSteps)}`);
  if (!Number.isFinite(stepSize))
    throw new ValueError(op, `stepSize must be a finite number, received ${show(stepSize)}`);
}

/**
 * Gradient descent from `startPosn` for `nSteps` steps of size `stepSize`, using `gradient`;
 * returns the path as a `[2, nSteps + 1]` tensor (row 0: φ0, row 1: φ1), as the notebook's `grad_path`.
 */
export function descend(
  startPosn: readonly number[],
  nSteps: number,
  stepSize: number,
  gradient: (phi0: number, phi1: number) => [number, number],
  op = 'descend',
): Tensor {
  checkRun(op, startPosn, nSteps, stepSize);
  const n = nSteps + 1;
  const path = new Float64Array(2 * n);
  path[0] = startPosn[0]!;
  path[n] = startPosn[1]!;
  noGrad(() => {
    for (let c = 0; c < nSteps; c++) {
      const [g0, g1] = gradient(path[c]!, path[n + c]!);
      path[c + 1] = path[c]! - stepSize * g0;
      path[n + c + 1] = path[n + c]! - stepSize * g1;
    }
  });
  return new Tensor(path, [2, n], 'float64');
}

/** The notebook's `grad_descent`: gradient descent on the original loss (finite-difference gradients). */
export function gradDescent(startPosn: readonly number[], nSteps: number, stepSize: number): Tensor {
  return descend(startPosn, nSteps, stepSize, getLossGradient, 'gradDescent');
}

/**
 * The notebook's `grad_descent_reg`: gradient descent with step `alpha` on the modified loss whose
 * regularization term uses `alphaReg` (finite-difference gradients throughout).
 */
export function gradDescentReg(
  startPosn: readonly number[],
  nSteps: number,
  alpha: number,
  alphaReg: number,
): Tensor {
  return descend(
    startPosn,
    nSteps,
    alpha,
    (p0, p1) => getLossGradientReg(p0, p1, alphaReg),
    'gradDescentReg',
  );
}

/** `gradDescent` with exact autograd gradients. */
export function gradDescentAutograd(startPosn: readonly number[], nSteps: number, stepSize: number): Tensor {
  return descend(startPosn, nSteps, stepSize, getLossGradientAutograd, 'gradDescentAutograd');
}

/** `gradDescentReg` with exact autograd gradients (grad of a loss that contains a gradient norm). */
export function gradDescentRegAutograd(
  startPosn: readonly number[],
  nSteps: number,
  alpha: number,
  alphaReg: number,
): Tensor {
  return descend(
    startPosn,
    nSteps,
    alpha,
    (p0, p1) => getLossGradientRegAutograd(p0, p1, alphaReg),
    'gradDescentRegAutograd',
  );
}

/**
 * `f(φ0, φ1)` on the notebook's grid: `out[i, j] = f(grid[j], grid[i])` (rows are φ1, columns φ0,
 * as `meshgrid` lays them out and as the notebook's double loop fills them).
 */
export function evaluateOnGrid(grid: Tensor, f: (phi0: number, phi1: number) => number): Tensor {
  const g = grid.toList() as number[];
  const n = g.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = f(g[j]!, g[i]!);
  return new Tensor(out, [n, n], 'float64');
}

/**
 * The notebook, top to bottom: the loss on a grid, tiny and typical steps on the original loss,
 * the regularization term and the modified loss on the grid (α = 0.1), then the TODO: tiny steps
 * on the modified loss (α_reg = 0.05) against typical steps on the original.
 */
export function run(nb: Notebook): void {
  const grid_values = arange(-0.8, 0.5, 0.01);
  const [phi0mesh, phi1mesh] = meshgrid(grid_values, grid_values) as [Tensor, Tensor];
  const loss_function = evaluateOnGrid(grid_values, loss);
  nb.setAll({ grid_values, phi0mesh, phi1mesh, loss_function });

  const start_posn = tensor([[START[0]], [START[1]]]);
  nb.set('start_posn', start_posn);
  // Tiny steps (close to the continuous gradient flow) and typical steps on the original loss: drawn.
  let grad_path_tiny_lr = gradDescent(START, nb.steps(10000), 0.001);
  let grad_path_typical_lr = gradDescent(START, nb.steps(100), 0.05);
  nb.show('grad_path_tiny_lr', grad_path_tiny_lr);
  nb.show('grad_path_typical_lr', grad_path_typical_lr);

  // The implicit regularization term and the modified loss of eq. 9.8 on the grid, α = 0.1.
  const alpha = 0.1;
  const reg_term = evaluateOnGrid(grid_values, (p0, p1) => getRegTerm(p0, p1, alpha));
  const loss_function_reg = evaluateOnGrid(grid_values, (p0, p1) => lossReg(p0, p1, alpha));
  nb.setAll({ alpha, reg_term, loss_function_reg });

  // TODO: tiny steps (α = 0.001) on the modified loss with α_reg = 0.05, typical steps (0.05) on
  // the original loss: the two paths now align.
  grad_path_tiny_lr = gradDescentReg(START, nb.steps(10000), 0.001, 0.05);
  grad_path_typical_lr = gradDescent(START, nb.steps(100), 0.05);
  nb.show('grad_path_tiny_lr', grad_path_tiny_lr);
  nb.show('grad_path_typical_lr', grad_path_typical_lr);
}
