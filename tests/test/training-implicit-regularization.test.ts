// UDL 9.2 through @gradkit/optimizers: the udl92 surface with `minimize`, and the
// implicit-regularization variant (UDL eq. 9.8) of any surface, against the numpy fixture of the
// notebook (tests/fixtures/gen_gradients_implicit_regularization.py).
import { readFileSync } from 'node:fs';
import { gabor, line, minimize, udl92, withImplicitRegularization } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(
  readFileSync(new URL('../fixtures/gradients_implicit_regularization.json', import.meta.url), 'utf8'),
);
const stride: number = fx.stride;

function pathDiff(params: number[][], final: number[], ref: number[][], every: number): number {
  const all = [...params, final];
  let m = 0;
  for (let j = 0; j < ref[0]!.length; j++) {
    const p = all[j * every]!;
    m = Math.max(m, Math.abs(p[0]! - ref[0]![j]!), Math.abs(p[1]! - ref[1]![j]!));
  }
  return m;
}

describe('UDL 9.2 with minimize', () => {
  it('gradient descent (lr 0.05, 100 steps) on the udl92 surface follows the notebook', () => {
    const t = minimize(udl92, udl92.init, { optimizer: 'gd', lr: 0.05, steps: 100 });
    expect(pathDiff(t.params, t.final, fx.grad_path_typical_lr, 1)).toBeLessThan(1e-9);
  });

  it('tiny steps (lr 0.001, 10000) on the implicitly regularized loss (alpha_reg 0.05) follow the notebook', () => {
    const reg = withImplicitRegularization(udl92, 0.05);
    const t = minimize(reg, udl92.init, { optimizer: 'gd', lr: 0.001, steps: 10000 });
    expect(pathDiff(t.params, t.final, fx.grad_path_tiny_lr_reg, stride)).toBeLessThan(1e-8);
    // The lesson: the continuous flow of the modified loss ends where the large steps on the
    // original loss end, much closer than the continuous flow of the original loss.
    const typical = fx.grad_path_typical_lr.map((r: number[]) => r[r.length - 1]);
    const tiny = fx.grad_path_tiny_lr.map((r: number[]) => r[r.length - 1]);
    const dReg = Math.hypot(t.final[0]! - typical[0], t.final[1]! - typical[1]);
    const dOrig = Math.hypot(tiny[0] - typical[0], tiny[1] - typical[1]);
    expect(dReg).toBeLessThan(dOrig / 3);
  });

  it('the regularized loss is L + (α/4)‖∇L‖² on every surface', () => {
    for (const s of [udl92, gabor, line]) {
      const reg = withImplicitRegularization(s, 0.2);
      const w = [s.init[0] + 0.1, s.init[1] - 0.05];
      const g = s.grad(w);
      expect(reg.loss(w)).toBeCloseTo(s.loss(w) + 0.05 * (g[0]! ** 2 + g[1]! ** 2), 12);
    }
  });

  it('on the Training II line fit, gradient descent with step α tracks the flow of the modified loss better than of the original', () => {
    const alpha = 0.02;
    const big = minimize(line, line.init, { optimizer: 'gd', lr: alpha, steps: 20 });
    const flowReg = minimize(withImplicitRegularization(line, alpha), line.init, {
      optimizer: 'gd',
      lr: alpha / 100,
      steps: 2000,
    });
    const flow = minimize(line, line.init, { optimizer: 'gd', lr: alpha / 100, steps: 2000 });
    const d = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
    expect(d(big.final, flowReg.final)).toBeLessThan(d(big.final, flow.final));
  });
});
