// Notebook 9.2: `gradkit run 9-2-implicit-regularization` (udlbook/9_2_Implicit_Regularization.md).
// The notebook prints nothing and has no recorded outputs; its drawn values are compared with
// tests/fixtures/gradients_implicit_regularization.json (numpy, the notebook's code with the TODOs
// completed by UDL eq. 9.8: tests/fixtures/gen_gradients_implicit_regularization.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

interface GridPoint {
  phi0: number;
  phi1: number;
  loss: number;
  reg_term: number;
  loss_reg: number;
}
const fx = JSON.parse(
  readFileSync(
    new URL('../../../../tests/fixtures/gradients_implicit_regularization.json', import.meta.url),
    'utf8',
  ),
) as {
  stride: number;
  grad_path_tiny_lr: number[][];
  grad_path_typical_lr: number[][];
  grad_path_tiny_lr_reg: number[][];
  grad_path_typical_lr_reg: number[][];
  grid: GridPoint[];
};

/** Max |a − b| between a [2, n] path (every `stride`-th column) and a fixture path. */
function pathError(path: number[][], ref: number[][], stride = 1): number {
  let err = 0;
  for (let r = 0; r < 2; r++)
    ref[r]!.forEach((v, j) => {
      err = Math.max(err, Math.abs(path[r]![j * stride]! - v));
    });
  return err;
}

describe('9-2-implicit-regularization notebook', async () => {
  const { values, report } = await runLesson('9-2-implicit-regularization');
  const tiny = values['grad_path_tiny_lr#all'] as number[][][];
  const typical = values['grad_path_typical_lr#all'] as number[][][];

  it('draws tiny (10000 × 0.001) and typical (100 × 0.05) steps on the original loss', () => {
    expect(report).toEqual([]);
    expect(tiny.length).toBe(2);
    expect(tiny[0]![0]!.length).toBe(10001);
    expect(pathError(tiny[0]!, fx.grad_path_tiny_lr, fx.stride)).toBeLessThan(1e-10);
    expect(pathError(typical[0]!, fx.grad_path_typical_lr)).toBeLessThan(1e-10);
  });

  it('the TODO: tiny steps on the modified loss (α_reg = 0.05) end where the typical steps do', () => {
    expect(values.grad_path_tiny_lr).toEqual(tiny[1]);
    expect(pathError(tiny[1]!, fx.grad_path_tiny_lr_reg, fx.stride)).toBeLessThan(1e-8);
    expect(pathError(typical[1]!, fx.grad_path_typical_lr)).toBeLessThan(1e-10);
    const end = (p: number[][]) => [p[0]![p[0]!.length - 1]!, p[1]![p[1]!.length - 1]!];
    const [t0, t1] = end(typical[1]!);
    const dist = (p: number[][]) => Math.hypot(end(p)[0]! - t0!, end(p)[1]! - t1!);
    expect(dist(tiny[1]!)).toBeLessThan(dist(tiny[0]!) / 3);
  });

  it('the loss, the regularization term (α = 0.1) and the modified loss on the grid', () => {
    const grid = values.grid_values as number[];
    expect(grid.length).toBe(130);
    const lossFn = values.loss_function as number[][];
    const reg = values.reg_term as number[][];
    const lossReg = values.loss_function_reg as number[][];
    expect([lossFn.length, lossFn[0]!.length]).toEqual([130, 130]);
    let checked = 0;
    for (const p of fx.grid) {
      const j = grid.findIndex((g) => Math.abs(g - p.phi0) < 1e-9);
      const i = grid.findIndex((g) => Math.abs(g - p.phi1) < 1e-9);
      if (i < 0 || j < 0) continue; // a fixture point off the notebook's grid
      // rows are φ1, columns φ0 (the notebook fills loss_function[idphi0, idphi1] = loss(phi1, phi0))
      expect(lossFn[i]![j]).toBeCloseTo(p.loss, 12);
      expect(reg[i]![j]).toBeCloseTo(p.reg_term, 9);
      expect(lossReg[i]![j]).toBeCloseTo(p.loss_reg, 9);
      checked++;
    }
    expect(checked).toBe(fx.grid.length);
    expect(values.alpha).toBe(0.1);
    expect(values.start_posn).toEqual([[-0.7], [-0.75]]);
    expect((values.phi0mesh as number[][])[0]).toEqual(grid);
  });
});
