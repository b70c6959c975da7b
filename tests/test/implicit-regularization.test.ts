// UDL notebook 9.2, implicit regularization (../shared/seeds/udl-9.2-implicit-regularization.md).
// Reference: tests/fixtures/gen_gradients_implicit_regularization.py (the notebook's numpy code,
// TODOs completed with UDL eq. 9.8). The finite-difference version repeats numpy's arithmetic, so
// it matches to ~1e-12; the autograd version uses exact derivatives, so it matches the
// finite-difference trajectories to the finite-difference error (~1e-6).
import { readFileSync } from 'node:fs';
import { type Tensor, tensor } from '@gradkit/core';
import * as ir from '@gradkit/course/lessons/9-2-implicit-regularization/notebook';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(
  readFileSync(new URL('../fixtures/gradients_implicit_regularization.json', import.meta.url), 'utf8'),
);

/** Max |a - b| between a [2, n] path (optionally every `stride`-th column) and a fixture path. */
function pathError(path: Tensor, ref: number[][], stride = 1): number {
  const n = path.shape[1]!;
  let err = 0;
  for (let r = 0; r < 2; r++)
    ref[r]!.forEach((v, j) => {
      err = Math.max(err, Math.abs(path.data[r * n + j * stride]! - v));
    });
  return err;
}

let tinyRegAutoCache: Tensor | null = null;
/** Tiny steps (10000 × 0.001) on the modified loss by autograd, computed once (about a second). */
function tinyRegAuto(): Tensor {
  if (tinyRegAutoCache === null) tinyRegAutoCache = ir.gradDescentRegAutograd(ir.START, 10000, 0.001, 0.05);
  return tinyRegAutoCache;
}

describe('UDL 9.2 implicit regularization', () => {
  it('loss, regularization term and modified loss on grid points (finite differences, as the notebook)', () => {
    for (const p of fx.grid) {
      expect(ir.loss(p.phi0, p.phi1)).toBeCloseTo(p.loss, 14);
      const g = ir.getLossGradient(p.phi0, p.phi1);
      expect(g[0]).toBeCloseTo(p.gradient[0], 9);
      expect(g[1]).toBeCloseTo(p.gradient[1], 9);
      expect(ir.getRegTerm(p.phi0, p.phi1, 0.1)).toBeCloseTo(p.reg_term, 9);
      expect(ir.lossReg(p.phi0, p.phi1, 0.1)).toBeCloseTo(p.loss_reg, 9);
      const gr = ir.getLossGradientReg(p.phi0, p.phi1, 0.1);
      expect(gr[0]).toBeCloseTo(p.gradient_reg[0], 5);
      expect(gr[1]).toBeCloseTo(p.gradient_reg[1], 5);
    }
  });

  it('the same quantities by autograd (grad of a function containing grad)', () => {
    for (const p of fx.grid) {
      const phi = tensor([p.phi0, p.phi1]);
      expect(ir.lossVector(phi).item()).toBeCloseTo(p.loss, 14);
      const g = ir.getLossGradientAutograd(p.phi0, p.phi1);
      expect(g[0]).toBeCloseTo(p.gradient[0], 8);
      expect(g[1]).toBeCloseTo(p.gradient[1], 8);
      expect(ir.regTermAutograd(phi, 0.1).item()).toBeCloseTo(p.reg_term, 8);
      expect(ir.lossRegAutograd(phi, 0.1).item()).toBeCloseTo(p.loss_reg, 8);
      const gr = ir.getLossGradientRegAutograd(p.phi0, p.phi1, 0.1);
      expect(gr[0]).toBeCloseTo(p.gradient_reg[0], 4);
      expect(gr[1]).toBeCloseTo(p.gradient_reg[1], 4);
    }
  });

  it('gradient descent on the original loss: tiny (10000 × 0.001) and typical (100 × 0.05) steps', () => {
    const tiny = ir.gradDescent(ir.START, 10000, 0.001);
    const typical = ir.gradDescent(ir.START, 100, 0.05);
    expect(tiny.shape).toEqual([2, 10001]);
    expect(pathError(tiny, fx.grad_path_tiny_lr, fx.stride)).toBeLessThan(1e-10);
    expect(pathError(typical, fx.grad_path_typical_lr)).toBeLessThan(1e-10);
    expect(pathError(ir.gradDescentAutograd(ir.START, 100, 0.05), fx.grad_path_typical_lr)).toBeLessThan(
      1e-7,
    );
  });

  it('gradient descent on the modified loss (alpha_reg = 0.05), finite differences and autograd', () => {
    const typicalReg = ir.gradDescentReg(ir.START, 100, 0.05, 0.05);
    expect(pathError(typicalReg, fx.grad_path_typical_lr_reg)).toBeLessThan(1e-8);
    const tinyReg = ir.gradDescentReg(ir.START, 10000, 0.001, 0.05);
    expect(pathError(tinyReg, fx.grad_path_tiny_lr_reg, fx.stride)).toBeLessThan(1e-8);
    expect(pathError(tinyRegAuto(), fx.grad_path_tiny_lr_reg, fx.stride)).toBeLessThan(1e-5);
  });

  it('the lesson: continuous flow on the modified loss ends near discrete descent on the original', () => {
    // Tiny steps on L~ (alpha_reg 0.05) follow the typical-step trajectory on L far more closely than tiny steps on L do.
    const end = (p: number[][]) => [p[0]![p[0]!.length - 1]!, p[1]![p[1]!.length - 1]!];
    const [t0, t1] = end(fx.grad_path_typical_lr);
    const dist = (q: number[]) => Math.hypot(q[0]! - t0!, q[1]! - t1!);
    const tinyReg = tinyRegAuto();
    const tiny = ir.gradDescentAutograd(ir.START, 10000, 0.001);
    const last = (p: Tensor) => [p.data[10000]!, p.data[20001]!];
    expect(dist(last(tinyReg))).toBeLessThan(dist(last(tiny)));
  });

  it('rejects a malformed start position', () => {
    expect(() => ir.gradDescent([1], 10, 0.1)).toThrow(/gradDescent: startPosn must be two finite numbers/);
  });
});
