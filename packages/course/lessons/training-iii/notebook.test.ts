// Training III: `gradkit run training-iii` prints the notebook's loss check (16.419) and gradient
// check, and records its three descents on the Gabor model's loss (udl-cm20315-training_iii.md),
// against tests/fixtures/optim_training.json (numpy, tests/fixtures/gen_optim_training.py).
import { readFileSync } from 'node:fs';
import { computeLoss, GABOR_DATA, gaborModel } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';

interface Run {
  trajectory: number[][];
  losses: number[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/optim_training.json', import.meta.url), 'utf8'),
).trainingIII as { lossCheck: number; lineSearch: Run; fixed: Run; sgd: Run };
const L = (phi: number[]) => computeLoss(GABOR_DATA, gaborModel, phi);

describe('training-iii notebook', async () => {
  const { values, report } = await runLesson('training-iii');

  it("prints the notebook's correct loss", () => {
    expect(report[0]).toBe('Your loss = 16.419, Correct loss = 16.419');
    expect(Math.abs((values['loss#all'] as number[])[0]! - fx.lossCheck)).toBeLessThan(1e-12);
  });

  it('prints the gradient at (-5, 25), which central differences confirm, and the forward differences', () => {
    const [[g0], [g1]] = values.gradient as number[][];
    const d = 1e-6;
    const fd0 = (L([-5 + d, 25]) - L([-5 - d, 25])) / (2 * d);
    const fd1 = (L([-5, 25 + d]) - L([-5, 25 - d])) / (2 * d);
    expect(Math.abs(g0! - fd0)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd0)));
    expect(Math.abs(g1! - fd1)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd1)));
    expect(report[1]).toBe(pyFormat('Your gradients: (%3.3f,%3.3f)', g0, g1));
    // The notebook's forward differences with delta = 1e-4.
    const est0 = (L([-5 + 1e-4, 25]) - L([-5, 25])) / 1e-4;
    const est1 = (L([-5, 25 + 1e-4]) - L([-5, 25])) / 1e-4;
    expect(values.dl_dphi0_est).toBe(est0);
    expect(values.dl_dphi1_est).toBe(est1);
    expect(Math.abs(est0 - g0!)).toBeLessThan(1e-2 * Math.max(1, Math.abs(g0!)));
    expect(Math.abs(est1 - g1!)).toBeLessThan(1e-2 * Math.max(1, Math.abs(g1!)));
    expect(report[2]).toBe(pyFormat('Approx gradients: (%3.3f,%3.3f)', est0, est1));
    expect(report).toHaveLength(3);
  });

  it('records the three descents: line search, fixed alpha 0.2, minibatch SGD with np.random.seed(1)', () => {
    const paths = values['phi_all#all'] as number[][][];
    const runs = [fx.lineSearch, fx.fixed, fx.sgd];
    expect(paths).toHaveLength(3);
    paths.forEach((phiAll, r) => {
      const ref = runs[r]!.trajectory;
      expect(phiAll).toHaveLength(2);
      expect(phiAll[0]).toHaveLength(ref.length);
      ref.forEach(([p0, p1], i) => {
        expect(Math.abs(phiAll[0]![i]! - p0!)).toBeLessThan(1e-10);
        expect(Math.abs(phiAll[1]![i]! - p1!)).toBeLessThan(1e-10);
      });
    });
    expect(values.phi_all).toEqual(paths[2]);
    expect(values.n_steps).toBe(41);
  });

  it('shows the loss at the start and every 4th (SGD: 8th) step, as the plot titles do', () => {
    const shown = (values['loss#all'] as number[]).slice(1);
    const pick = (r: Run, every: number) => r.losses.filter((_, i) => i === 0 || (i - 1) % every === 0);
    const expected = [...pick(fx.lineSearch, 4), ...pick(fx.fixed, 4), ...pick(fx.sgd, 8)];
    expect(shown).toHaveLength(expected.length);
    shown.forEach((l, i) => expect(Math.abs(l - expected[i]!)).toBeLessThan(1e-10));
  });

  it('keeps numpy shapes: (2, 30) data, (2, 1) phi', () => {
    expect((values.data as number[][]).map((r) => r.length)).toEqual([30, 30]);
    expect(values.phi).toEqual([[-5], [25]]);
  });

  it('--scale 0.1 runs a tenth of the steps and prints the same report', async () => {
    const tenth = await runLesson('training-iii', { scale: 0.1 });
    expect((tenth.values['phi_all#all'] as number[][][]).map((p) => p[0]!.length)).toEqual([3, 3, 5]);
    expect(tenth.report).toEqual(report);
  });
});
