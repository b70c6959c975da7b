/**
 * Notebook 2.1 — Supervised Learning (`2_1_Supervised_Learning.md`), the notebook translated to
 * library calls: 1-D linear regression (UDL 2.2) on twelve points (the same data as Training II,
 * `TRAINING_II_DATA`). The TODOs are the book's equations: `f` is the line
 * `y = φ0 + φ1 x` (eq. 2.4) and `compute_loss` the least-squares loss `L[φ] = Σ (f[x_i, φ] − y_i)²`
 * (eq. 2.5, `@gradkit/optimizers`' `computeLoss`, summed as numpy sums); the manual fit
 * ("fix φ1 and change φ0 until the loss stops going down, then the other way round, and repeat")
 * is done automatically by exact coordinate descent, {@link coordinateDescent}.
 */
import { arange, meshgrid, type Tensor, type TensorLike, tensor, zerosLike } from '@gradkit/core';
import { TRAINING_II_DATA } from '@gradkit/datasets';
import { computeLoss as lineLoss, lineModel, npSum } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { numpyStr } from '../../src/numpy-print.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's twelve inputs `x`. */
export const X: readonly number[] = TRAINING_II_DATA[0]!;
/** The notebook's twelve outputs `y`. */
export const Y: readonly number[] = TRAINING_II_DATA[1]!;

/** The notebook's `f(x, phi0, phi1)`: the 1-D linear regression model `φ0 + φ1 x` (UDL eq. 2.4). */
export function f(x: TensorLike, phi0: number, phi1: number): Tensor {
  return tensor(x).mul(phi1).add(phi0);
}

/** The notebook's `compute_loss(x, y, phi0, phi1)`: `Σ_i (φ0 + φ1 x_i − y_i)²` (UDL eq. 2.5). */
export function computeLoss(x: readonly number[], y: readonly number[], phi0: number, phi1: number): number {
  return lineLoss({ x, y }, lineModel, [phi0, phi1]);
}

/**
 * The notebook's manual fit done automatically: coordinate descent that minimises the loss exactly
 * along φ0 with φ1 fixed (`φ0 = mean(y − φ1 x)`), then along φ1 with φ0 fixed
 * (`φ1 = Σ x(y − φ0) / Σ x²`), sweep after sweep, until neither moves by more than `tol`. Returns
 * the path `[[φ0, φ1], ...]`, the start first (each entry one sweep).
 */
export function coordinateDescent(
  x: readonly number[],
  y: readonly number[],
  phi0: number,
  phi1: number,
  options: { tol?: number; maxSweeps?: number } = {},
): [number, number][] {
  const tol = options.tol ?? 1e-12;
  const maxSweeps = options.maxSweeps ?? 1000;
  const n = x.length;
  const path: [number, number][] = [[phi0, phi1]];
  const xx = npSum(x.map((v) => v * v));
  for (let s = 0; s < maxSweeps; s++) {
    const p1 = phi1;
    const new0 = npSum(y.map((v, i) => v - p1 * x[i]!)) / n;
    const new1 = npSum(x.map((v, i) => v * (y[i]! - new0))) / xx;
    const moved = Math.max(Math.abs(new0 - phi0), Math.abs(new1 - phi1));
    phi0 = new0;
    phi1 = new1;
    path.push([phi0, phi1]);
    if (moved <= tol) break;
  }
  return path;
}

/** The loss surface's grid: `np.meshgrid(np.arange(0.0, 2.0, 0.02), np.arange(-1.0, 1.0, 0.02))`, each `[100, 100]`. */
export function lossGrid(): [Tensor, Tensor] {
  const [phi0Mesh, phi1Mesh] = meshgrid(arange(0.0, 2.0, 0.02), arange(-1.0, 1.0, 0.02));
  return [phi0Mesh!, phi1Mesh!];
}

/** `all_losses`: the loss at every point of {@link lossGrid}, row-major `[100, 100]` (rows: φ1). */
export function allLosses(phi0Mesh: Tensor, phi1Mesh: Tensor): Tensor {
  const p0 = phi0Mesh.toList();
  const p1 = phi1Mesh.toList();
  const out = zerosLike(phi1Mesh);
  const data = out.data as Float64Array;
  for (let k = 0; k < data.length; k++) data[k] = computeLoss(X, Y, p0[k]!, p1[k]!);
  return out;
}

export function run(nb: Notebook): void {
  const x = tensor([...X]);
  const y = tensor([...Y]);
  nb.setAll({ x, y });
  nb.print(numpyStr(x));
  nb.print(numpyStr(y));

  // Figure 2.2b
  let phi0 = 0.4;
  let phi1 = 0.2;
  let loss = computeLoss(X, Y, phi0, phi1);
  nb.show('loss', loss);
  nb.print(pyFormat('Your Loss = %3.2f, Ground truth =7.07', loss));

  // Figure 2.2c
  phi0 = 1.6;
  phi1 = -0.8;
  loss = computeLoss(X, Y, phi0, phi1);
  nb.show('loss', loss);
  nb.print(pyFormat('Your Loss = %3.2f, Ground truth =10.28', loss));

  // TODO: fit the model by changing one parameter at a time, from phi0 = 1.60, phi1 = -0.8
  [phi0, phi1] = coordinateDescent(X, Y, 1.6, -0.8).at(-1)!;
  nb.setAll({ phi0, phi1 });
  const fitted = computeLoss(X, Y, phi0, phi1);
  nb.show('compute_loss(x,y,phi0,phi1)', fitted);
  nb.print(pyFormat('Your Loss = %3.2f', fitted));

  // Visualizing the loss function
  const [phi0_mesh, phi1_mesh] = lossGrid();
  const all_losses = allLosses(phi0_mesh, phi1_mesh);
  nb.setAll({ phi0_mesh, phi1_mesh, all_losses });
}
