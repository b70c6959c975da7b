// Notebook 6.4: `gradkit run 6-4-momentum` (udlbook/6_4_Momentum.md). The notebook prints nothing
// and has no recorded outputs; its three descents are compared with tests/fixtures/udl_training.json
// (`momentum`: numpy, the notebook's code with its TODOs completed by UDL eqs. 6.11–6.12,
// tests/fixtures/gen_udl_training.py), and its closing remark — "for this case, Nesterov momentum
// does not improve the result" — is asserted.
import { readFileSync } from 'node:fs';
import { noGrad, RandomState, tensor } from '@gradkit/core';
import { GABOR_DATA, gaborGradient, SGD } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { BETA, batchOf, descent, gaborLoss, momentumStep, nesterovStep } from './notebook.js';

interface Run {
  phi_all: number[][];
  initial_loss: number;
  loss: number;
  momentum: number[];
  batches: number[][];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_training.json', import.meta.url), 'utf8'),
).momentum as Record<'sgd' | 'momentum' | 'nesterov', Run>;

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, r) => row.map((v, j) => Math.abs(v - b[r]![j]!))));

describe('6-4-momentum notebook', async () => {
  const { values, report } = await runLesson('6-4-momentum');
  const paths = values['phi_all#all'] as number[][][];
  const losses = values['loss#all'] as number[];

  it('prints nothing and runs the three 81-step descents from (-1.5, 6.5)', () => {
    expect(report).toEqual([]);
    expect(paths).toHaveLength(3);
    expect(values.n_steps).toBe(81);
    expect(values.c_step).toBe(80);
    expect([values.batch_size, values.alpha, values.beta]).toEqual([5, 0.6, 0.6]);
    for (const p of paths) expect([p.length, p[0]!.length]).toEqual([2, 82]);
  });

  it('equals numpy: SGD, momentum (eq. 6.11) and Nesterov momentum (eq. 6.12)', () => {
    (['sgd', 'momentum', 'nesterov'] as const).forEach((k, r) => {
      expect(maxDiff(paths[r]!, fx[k].phi_all)).toBeLessThan(1e-12);
      expect(losses[2 * r]).toBeCloseTo(fx[k].initial_loss, 12);
      expect(losses[2 * r + 1]).toBeCloseTo(fx[k].loss, 11);
    });
    const m = values.momentum as number[][];
    expect(Math.abs(m[0]![0]! - fx.nesterov.momentum[0]!)).toBeLessThan(1e-13);
    expect(Math.abs(m[1]![0]! - fx.nesterov.momentum[1]!)).toBeLessThan(1e-13);
    expect(values.batch_index).toEqual(fx.nesterov.batches[80]);
    expect(values.phi_all).toEqual(paths[2]);
  });

  it('the plot titles: initial loss 12.766467, final losses 0.936316 (SGD), 0.745915, 0.800868', () => {
    // "Initial parameters, Loss = %f" and "Iteration 81, loss = %f" (six decimals)
    expect(losses.map((l) => l.toFixed(6))).toEqual([
      '12.766467',
      '0.936316',
      '12.766467',
      '0.745915',
      '12.766467',
      '0.800868',
    ]);
  });

  it('"Nesterov momentum does not improve the result" here; momentum beats plain SGD', () => {
    expect(losses[5]!).toBeGreaterThan(losses[3]!);
    expect(losses[3]!).toBeLessThan(losses[1]!);
  });

  it("momentum (eq. 6.11) is PyTorch's SGD(lr = α(1 − β), momentum = β): the book's form written out and the SGD class agree", () => {
    const ours = descent('momentum').path;
    const rng = new RandomState(1);
    const book: number[][] = [[-1.5, 6.5]];
    let m = [0, 0];
    const w = tensor([-1.5, 6.5]);
    w.requiresGrad = true;
    const opt = new SGD([w], { lr: 0.6 * (1 - BETA), momentum: BETA });
    const torchPath: number[][] = [Array.from(w.data)];
    for (let i = 0; i < 81; i++) {
      const batch = batchOf(Array.from(rng.permutation(30).data).slice(0, 5));
      const g = gaborGradient(batch, book[i]!);
      // the notebook's TODO: m ← βm + (1 − β)g, φ ← φ − αm
      m = m.map((mk, k) => BETA * mk + (1 - BETA) * g[k]!);
      book.push(book[i]!.map((p, k) => p - 0.6 * m[k]!));
      w.grad = tensor(gaborGradient(batch, torchPath[i]!));
      noGrad(() => opt.step());
      torchPath.push(Array.from(w.data));
    }
    const err = (a: number[][]) =>
      Math.max(...ours.flatMap((p, i) => p.map((v, k) => Math.abs(v - a[i]![k]!))));
    expect(err(book)).toBeLessThan(1e-12);
    expect(err(torchPath)).toBeLessThan(1e-12);
    const s = momentumStep([0, 1], [0, 0], [1, 2], 0.6, 0.6);
    expect(s.momentum[0]).toBeCloseTo(0.4, 15);
    expect(s.momentum[1]).toBeCloseTo(0.8, 15);
    expect(s.phi[0]).toBeCloseTo(-0.24, 15);
    expect(s.phi[1]).toBeCloseTo(0.52, 15);
  });

  it('nesterovStep takes the gradient at the look-ahead φ − αβm', () => {
    const seen: number[][] = [];
    nesterovStep(
      [1, 2],
      [0.5, -1],
      (p) => {
        seen.push(p);
        return [0, 0];
      },
      0.6,
      0.5,
    );
    expect(seen[0]![0]).toBeCloseTo(1 - 0.6 * 0.5 * 0.5, 15);
    expect(seen[0]![1]).toBeCloseTo(2 + 0.6 * 0.5, 15);
    expect(gaborLoss([-1.5, 6.5])).toBe(losses[0]);
    expect(GABOR_DATA.x).toHaveLength(30);
  });
});
