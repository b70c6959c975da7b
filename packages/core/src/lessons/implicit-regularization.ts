/**
 * Lesson: UDL notebook 9.2, implicit regularization (book figure 9.3). Gradient descent with a
 * finite step α follows, to first order, the continuous gradient flow of a *modified* loss
 * (UDL eq. 9.8):
 *
 * ```
 * L~[φ] = L[φ] + (α/4) · ‖∂L/∂φ‖²
 * ```
 *
 * The notebook computes every gradient by central finite differences (δ = 1e-5); this module
 * offers that version (names as in the notebook) and an autograd one, where the gradient-norm term
 * is itself a `grad` and gradient descent differentiates through it (`grad` of a function that
 * contains `grad`).
 *
 * The loss surface, reused by the optimizers package:
 * `L[φ0, φ1] = 1 - exp(-φ1² / (2 s²))` with `s = exp(-2 φ0²)`.
 *
 * ```ts
 * import { implicitRegularization as ir } from '@gradkit/core';
 * const path = ir.gradDescent([-0.7, -0.75], 100, 0.05);            // [2, 101] trajectory
 * const reg = ir.gradDescentRegAutograd([-0.7, -0.75], 10000, 0.001, 0.05);
 * ```
 */
import { grad } from '../autograd/api.js';
import { noGrad } from '../autograd/engine.js';
import { show, ValueError } from '../errors.js';
import { Tensor, tensor } from '../tensor.js';
import '../ops/unary.js';
import '../ops/reduce.js';
import '../ops/indexing.js';

/** The notebook's start position (φ0, φ1) = (-0.7, -0.75). */
export const START: readonly [number, number] = [-0.7, -0.75];

/** The notebook's finite-difference step δ = 0.00001. */
export const DELTA_PHI = 0.00001;

/**
 * The loss surface `L[φ0, φ1] = 1 - exp(-0.5 φ1² / s²)`, `s = exp(-0.5 · 4 φ0²)` (the notebook's
 * `loss`): a valley along φ1 = 0 that narrows as |φ0| grows. Numbers in, number out.
 */
export function loss(phi0: number, phi1: number): number {
  const phi1Std = Math.exp(-0.5 * (phi0 * phi0) * 4.0);
  return 1.0 - Math.exp((-0.5 * (phi1 * phi1)) / (phi1Std * phi1Std));
}

/**
 * The same loss on tensors (differentiable, broadcasting): `phi0`, `phi1` of any matching shapes.
 *
 * ```ts
 * lossTensor(tensor(-0.7), tensor(-0.75)).item() === loss(-0.7, -0.75);
 * ```
 */
export function lossTensor(phi0: Tensor, phi1: Tensor): Tensor {
  const phi1Std = phi0.mul(phi0).mul(4.0).mul(-0.5).exp();
  return phi1.mul(phi1).mul(-0.5).div(phi1Std.mul(phi1Std)).exp().neg().add(1.0);
}

/** `lossTensor` of a `[2]` parameter vector φ = [φ0, φ1]. */
export function lossVector(phi: Tensor): Tensor {
  return lossTensor(phi.index(0), phi.index(1));
}

/** Central finite-difference gradient of `loss` (the notebook's `get_loss_gradient`), `[dL/dφ0, dL/dφ1]`. */
export function getLossGradient(phi0: number, phi1: number): [number, number] {
  const d = DELTA_PHI;
  return [
    (loss(phi0 + d / 2.0, phi1) - loss(phi0 - d / 2.0, phi1)) / d,
    (loss(phi0, phi1 + d / 2.0) - loss(phi0, phi1 - d / 2.0)) / d,
  ];
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
