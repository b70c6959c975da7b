/**
 * L2 regularization of a loss (UDL section 9.1): `L'[φ] = L[φ] + λ · Σ_i (φ_i − c_i)²`, the
 * penalty pulling the parameters towards a point `c` (0 for PyTorch's `weight_decay`, UDL eq. 9.5;
 * a prior guess in notebook 9.1, which pulls the Gabor model towards `c = (0, 12.5)`).
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { Surface } from './surfaces.js';
import type { Objective } from './training.js';

function checkArgs(op: string, lambda: number, center: readonly number[] | undefined): void {
  if (typeof lambda !== 'number' || !(lambda >= 0) || !Number.isFinite(lambda))
    throw new ValueError(op, `lambda must be a finite number >= 0, received ${show(lambda)}`);
  if (center !== undefined && (!Array.isArray(center) || !center.every(Number.isFinite)))
    throw new ValueError(op, `center must be an array of finite numbers, received ${show(center)}`);
}

function centerOf(
  op: string,
  phi: readonly number[],
  center: readonly number[] | undefined,
): readonly number[] {
  if (center === undefined) return phi.map(() => 0);
  if (center.length !== phi.length)
    throw new ValueError(
      op,
      `center has ${center.length} entries but phi has ${phi.length}; expected one centre per parameter`,
    );
  return center;
}

/**
 * The L2 penalty `Σ_i (φ_i − c_i)²` (without λ), summed left to right; `c` defaults to 0 (then it
 * is the squared norm `‖φ‖²` of UDL eq. 9.5).
 *
 * ```ts
 * l2Penalty([3, 12.5], [0, 12.5]); // 9
 * ```
 */
export function l2Penalty(phi: readonly number[], center?: readonly number[]): number {
  checkArgs('l2Penalty', 0, center);
  const c = centerOf('l2Penalty', phi, center);
  let s = 0;
  for (let i = 0; i < phi.length; i++) {
    const d = phi[i]! - c[i]!;
    s += d * d;
  }
  return s;
}

/**
 * A loss with an L2 penalty (UDL eq. 9.5, towards `center`): loss `L[φ] + λ · Σ (φ_i − c_i)²`,
 * gradient `∂L/∂φ_i + 2λ (φ_i − c_i)`. Given a {@link Surface} it returns a surface (name, plot
 * window and start kept), given an {@link Objective} an objective; either way usable by
 * `gradientDescentStepFixedLearningRate`, `descend` and `minimize`. With `center` 0 its gradient
 * step is PyTorch's SGD `weight_decay = 2λ`.
 *
 * ```ts
 * const reg = withL2Regularization(gaborObjective, 0.2, [0, 12.5]); // notebook 9.1's L'
 * reg.loss([2.6, 8.5]) - gaborObjective.loss([2.6, 8.5]);        // 0.2 · (2.6² + 4²) = 4.552
 * ```
 */
export function withL2Regularization<T extends Objective>(
  objective: T,
  lambda: number,
  center?: readonly number[],
): T extends Surface ? Surface : Objective {
  const op = 'withL2Regularization';
  checkArgs(op, lambda, center);
  const loss = (phi: readonly number[]): number => objective.loss(phi) + lambda * l2Penalty(phi, center);
  const grad = (phi: readonly number[]): number[] => {
    const c = centerOf(op, phi, center);
    const g = objective.grad(phi);
    return phi.map((p, i) => g[i]! + 2 * lambda * (p - c[i]!));
  };
  const s = objective as unknown as Partial<Surface>;
  if (typeof s.name === 'string' && s.init !== undefined) {
    const where = center ? `(${center.join(', ')})` : '0';
    const { lossTensor: _exact, ...rest } = s as Surface; // the penalised loss has no tensor form here
    return Object.freeze({
      ...rest,
      name: `${s.name}+l2(${lambda})`,
      title: `${s.title}, L2-regularized towards ${where} (λ = ${lambda})`,
      loss,
      grad,
      source: `${s.source}, UDL eq. 9.5`,
    }) as unknown as T extends Surface ? Surface : Objective;
  }
  return { loss, grad } as T extends Surface ? Surface : Objective;
}
