// Training II: `gradkit run training-ii` prints the notebook's loss check (12.367), its gradient and
// the finite-difference estimate, and records ten steps of gradient descent with line search
// (udl-cm20315-training_ii.md), against tests/fixtures/optim_training.json (numpy,
// tests/fixtures/gen_optim_training.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/optim_training.json', import.meta.url), 'utf8'),
).trainingII as { lossCheck: number; gradCheck: number[]; trajectory: number[][]; losses: number[] };
const X = [0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.6, 1.65, 1.9];

describe('training-ii notebook', async () => {
  const { values, report } = await runLesson('training-ii');

  it("prints the notebook's correct loss and the gradient", () => {
    expect(report[0]).toBe('Your loss = 12.367, Correct loss = 12.367');
    expect((values['loss#all'] as number[])[0]).toBe(fx.lossCheck);
    expect(report[1]).toBe(pyFormat('Your gradients: (%3.3f,%3.3f)', fx.gradCheck[0], fx.gradCheck[1]));
    const gradient = values.gradient as number[][];
    expect(Math.abs(gradient[0]![0]! - fx.gradCheck[0]!)).toBeLessThan(1e-12);
    expect(Math.abs(gradient[1]![0]! - fx.gradCheck[1]!)).toBeLessThan(1e-12);
  });

  it('the forward differences (delta 1e-4) of the quadratic loss are the gradient plus delta·H_ii/2', () => {
    // L is quadratic: (L[φ + δe_k] − L[φ])/δ = ∂L/∂φ_k + δ/2 ∂²L/∂φ_k², with ∂²L/∂φ0² = 2·12 and
    // ∂²L/∂φ1² = 2 Σ x_i².
    const est0 = values.dl_dphi0_est as number;
    const est1 = values.dl_dphi1_est as number;
    expect(est0).toBeCloseTo(fx.gradCheck[0]! + 1e-4 * 12, 8);
    expect(est1).toBeCloseTo(fx.gradCheck[1]! + 1e-4 * X.reduce((s, x) => s + x * x, 0), 8);
    expect(report[2]).toBe(pyFormat('Approx gradients: (%3.3f,%3.3f)', est0, est1));
    expect(report).toHaveLength(3);
  });

  it('ten steps of gradient descent with line search follow the notebook from (1.6, -0.5)', () => {
    const phiAll = values.phi_all as number[][];
    expect(phiAll).toHaveLength(2);
    expect(phiAll[0]).toHaveLength(11);
    fx.trajectory.forEach(([p0, p1], i) => {
      expect(Math.abs(phiAll[0]![i]! - p0!)).toBeLessThan(1e-12);
      expect(Math.abs(phiAll[1]![i]! - p1!)).toBeLessThan(1e-12);
    });
    // loss#all: the check at (0.6, -0.2), then the initial loss and one per step (the plots' titles).
    const losses = (values['loss#all'] as number[]).slice(1);
    expect(losses).toHaveLength(11);
    losses.forEach((l, i) => expect(Math.abs(l - fx.losses[i]!)).toBeLessThan(1e-12));
    expect(values.loss).toBe(losses.at(-1));
  });

  it('keeps numpy shapes: (2, 12) data, (2, 1) phi and gradient', () => {
    expect(values.data).toEqual([X, [0.67, 0.85, 1.05, 1.0, 1.4, 1.5, 1.3, 1.54, 1.55, 1.68, 1.73, 1.6]]);
    expect(values.phi).toEqual([[0.6], [-0.2]]);
    expect(values.n_steps).toBe(10);
  });

  it('--scale 0.5 runs half the steps', async () => {
    const half = await runLesson('training-ii', { scale: 0.5 });
    expect(half.values.n_steps).toBe(5);
    expect((half.values.phi_all as number[][])[0]).toHaveLength(6);
    expect(half.report).toEqual(report);
  });
});
