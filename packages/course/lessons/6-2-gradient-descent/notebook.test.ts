// Notebook 6.2: `gradkit run 6-2-gradient-descent` prints the notebook's loss check (its "Correct
// loss = 12.367"), the gradient and its finite-difference estimate, and records ten steps of
// gradient descent with line search (udlbook/6_2_Gradient_Descent.md), against
// tests/fixtures/udl_training.json (numpy, the notebook with its TODOs completed:
// tests/fixtures/gen_udl_training.py).
import { readFileSync } from 'node:fs';
import { computeLoss, LINE_DATA, lineModel } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { gradientDescentStep, lossFunction1D } from './notebook.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_training.json', import.meta.url), 'utf8'),
).gradient_descent as {
  loss_check: number;
  gradient: number[];
  dl_dphi0_est: number;
  dl_dphi1_est: number;
  phi_all: number[][];
  losses: number[];
};
const X = [0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.6, 1.65, 1.9];

describe('6-2-gradient-descent notebook', async () => {
  const { values, report } = await runLesson('6-2-gradient-descent');

  it('prints the correct loss 12.367, the gradient and the finite differences as numpy does', () => {
    expect(report).toEqual([
      'Your loss = 12.367, Correct loss = 12.367',
      'Your gradients: (-21.904,-26.840)',
      'Approx gradients: (-21.903,-26.839)',
    ]);
    expect((values['loss#all'] as number[])[0]).toBe(fx.loss_check);
    expect(values.gradient).toEqual([[fx.gradient[0]], [fx.gradient[1]]]);
    expect(values.dl_dphi0_est).toBe(fx.dl_dphi0_est);
    expect(values.dl_dphi1_est).toBe(fx.dl_dphi1_est);
  });

  it('the forward differences of the quadratic loss are the gradient plus δ·H_kk/2', () => {
    // ∂²L/∂φ0² = 2·12, ∂²L/∂φ1² = 2 Σ x_i²: (L[φ + δe_k] − L[φ])/δ = ∂L/∂φ_k + δ H_kk / 2.
    expect(values.dl_dphi0_est as number).toBeCloseTo(fx.gradient[0]! + 1e-4 * 12, 8);
    expect(values.dl_dphi1_est as number).toBeCloseTo(
      fx.gradient[1]! + 1e-4 * X.reduce((s, x) => s + x * x, 0),
      8,
    );
  });

  it('ten steps of gradient descent with line search follow numpy from (1.6, -0.5)', () => {
    const phiAll = values.phi_all as number[][];
    expect(phiAll.map((r) => r.length)).toEqual([11, 11]);
    phiAll.forEach((row, k) =>
      row.forEach((v, i) => expect(Math.abs(v - fx.phi_all[k]![i]!)).toBeLessThan(1e-13)),
    );
    // loss#all: the check at (0.6, -0.2), then the initial loss and one per step (the plots' titles).
    const losses = (values['loss#all'] as number[]).slice(1);
    expect(losses).toHaveLength(11);
    losses.forEach((l, i) => expect(Math.abs(l - fx.losses[i]!)).toBeLessThan(1e-12));
    expect(losses[0]).toBeCloseTo(5.020125, 12);
    expect(values.loss).toBe(losses.at(-1));
    // The loss falls at every step, towards the least-squares line.
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThan(losses[i - 1]!);
  });

  it('searches against the gradient (the book sign) with steps of at most max_dist = 0.1', () => {
    const g = [fx.gradient[0]!, fx.gradient[1]!];
    // loss_function_1D moves against its search direction: at t > 0 along +g the loss falls.
    const L0 = lossFunction1D(0, LINE_DATA, lineModel, [0.6, -0.2], g);
    expect(lossFunction1D(0.01, LINE_DATA, lineModel, [0.6, -0.2], g)).toBeLessThan(L0);
    const phiAll = fx.phi_all;
    for (let i = 0; i < 10; i++) {
      const p = [phiAll[0]![i]!, phiAll[1]![i]!];
      const next = gradientDescentStep(p, LINE_DATA, lineModel);
      expect(computeLoss(LINE_DATA, lineModel, next)).toBeLessThan(computeLoss(LINE_DATA, lineModel, p));
    }
  });

  it('keeps numpy shapes: (2, 12) data, (2, 1) phi and gradient', () => {
    expect(values.data).toEqual([X, [0.67, 0.85, 1.05, 1.0, 1.4, 1.5, 1.3, 1.54, 1.55, 1.68, 1.73, 1.6]]);
    expect(values.phi).toEqual([[0.6], [-0.2]]);
    expect(values.n_steps).toBe(10);
  });

  it('--scale 0.5 runs half the steps and prints the same report', async () => {
    const half = await runLesson('6-2-gradient-descent', { scale: 0.5 });
    expect(half.values.n_steps).toBe(5);
    expect((half.values.phi_all as number[][])[0]).toHaveLength(6);
    expect(half.report).toEqual(report);
  });
});
