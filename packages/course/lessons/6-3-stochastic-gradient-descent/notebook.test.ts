// Notebook 6.3: `gradkit run 6-3-stochastic-gradient-descent` prints the notebook's loss check
// (its "Correct loss = 16.419") and gradient check, and records its three descents on the Gabor
// model's loss (udlbook/6_3_Stochastic_Gradient_Descent.md), against tests/fixtures/udl_training.json
// (numpy, the notebook with its TODOs completed: tests/fixtures/gen_udl_training.py).
import { readFileSync } from 'node:fs';
import { computeLoss, GABOR_DATA, gaborGradient, gaborModel } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { pyFormat } from '../../src/pyformat.js';
import { runLesson } from '../../src/run.js';
import { lineSearch } from '../6-1-line-search/notebook.js';
import { gradientDescentStep } from './notebook.js';

interface Run {
  phi_all: number[][];
  losses: number[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_training.json', import.meta.url), 'utf8'),
).stochastic_gradient_descent as {
  loss_check: number;
  gradient: number[];
  line_search: Run;
  fixed: Run;
  sgd: Run;
};
const L = (phi: number[]) => computeLoss(GABOR_DATA, gaborModel, phi);

describe('6-3-stochastic-gradient-descent notebook', async () => {
  const { values, report } = await runLesson('6-3-stochastic-gradient-descent');

  it('prints the correct loss 16.419 and the gradient at (-5, 25) as numpy does', () => {
    expect(report[0]).toBe('Your loss = 16.419, Correct loss = 16.419');
    expect(Math.abs((values['loss#all'] as number[])[0]! - fx.loss_check)).toBeLessThan(1e-13);
    const [[g0], [g1]] = values.gradient as number[][];
    expect(Math.abs(g0! - fx.gradient[0]!)).toBeLessThan(1e-12);
    expect(Math.abs(g1! - fx.gradient[1]!)).toBeLessThan(1e-12);
    expect(report[1]).toBe(pyFormat('Your gradients: (%3.3f,%3.3f)', fx.gradient[0], fx.gradient[1]));
    expect(report[1]).toBe('Your gradients: (3.344,0.519)');
  });

  it('the given gradient agrees with central differences; the forward differences are printed', () => {
    const [[g0], [g1]] = values.gradient as number[][];
    const d = 1e-6;
    const fd0 = (L([-5 + d, 25]) - L([-5 - d, 25])) / (2 * d);
    const fd1 = (L([-5, 25 + d]) - L([-5, 25 - d])) / (2 * d);
    expect(Math.abs(g0! - fd0)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd0)));
    expect(Math.abs(g1! - fd1)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd1)));
    const est0 = (L([-5 + 1e-4, 25]) - L([-5, 25])) / 1e-4;
    const est1 = (L([-5, 25 + 1e-4]) - L([-5, 25])) / 1e-4;
    expect(values.dl_dphi0_est).toBe(est0);
    expect(values.dl_dphi1_est).toBe(est1);
    expect(report[2]).toBe(pyFormat('Approx gradients: (%3.3f,%3.3f)', est0, est1));
    expect(report).toHaveLength(3);
  });

  it('records the three descents as numpy: line search, fixed alpha 0.2, SGD with np.random.seed(1)', () => {
    const paths = values['phi_all#all'] as number[][][];
    const runs = [fx.line_search, fx.fixed, fx.sgd];
    expect(paths).toHaveLength(3);
    paths.forEach((phiAll, r) => {
      const ref = runs[r]!.phi_all;
      expect(phiAll.map((row) => row.length)).toEqual(ref.map((row) => row.length));
      phiAll.forEach((row, k) =>
        row.forEach((v, i) => expect(Math.abs(v - ref[k]![i]!)).toBeLessThan(1e-10)),
      );
    });
    expect(values.phi_all).toEqual(paths[2]);
    expect(values.n_steps).toBe(41);
  });

  it('shows the loss at the start and every 4th (SGD: 8th) step, as the plot titles do', () => {
    const shown = (values['loss#all'] as number[]).slice(1);
    const pick = (r: Run, every: number) => r.losses.filter((_, i) => i === 0 || (i - 1) % every === 0);
    const expected = [...pick(fx.line_search, 4), ...pick(fx.fixed, 4), ...pick(fx.sgd, 8)];
    expect(shown).toHaveLength(expected.length);
    shown.forEach((l, i) => expect(Math.abs(l - expected[i]!)).toBeLessThan(1e-10));
    // Line search from (-1.5, 8.5) finds the deep valley (loss 0.78); the fixed step is still on
    // its way (1.39); SGD from (3.5, 6.5) ends at 4.62.
    expect(fx.line_search.losses.at(-1)).toBeCloseTo(0.7832, 4);
    expect(fx.fixed.losses.at(-1)).toBeCloseTo(1.3884, 4);
    expect(fx.sgd.losses.at(-1)).toBeCloseTo(4.6244, 4);
  });

  it("the given step's line search along −g equals Notebook 6.2's search against g, bit for bit", () => {
    // Notebook 6.3's loss_function_1D is L[φ + (−g)·t]; 6.2's is L[φ − g·t]: the same float64
    // numbers, so the step reuses 6.2's line_search. Here 6.3's version written out.
    for (const p of [
      [-1.5, 8.5],
      [3.5, 6.5],
      [-5, 25],
    ]) {
      const g = gaborGradient(GABOR_DATA, p);
      const direction = g.map((v) => v * -1);
      const lossFunction1D = (t: number) => L(p.map((v, k) => v + direction[k]! * t));
      const alpha = lineSearch(lossFunction1D, { threshold: 0.00001, maxDist: 2.0, maxIter: 15 }).soln;
      expect(gradientDescentStep(p, GABOR_DATA, gaborModel)).toEqual(p.map((v, k) => v - alpha * g[k]!));
    }
  });

  it('keeps numpy shapes: (2, 30) data, (2, 1) phi', () => {
    expect((values.data as number[][]).map((r) => r.length)).toEqual([30, 30]);
    expect(values.phi).toEqual([[-5], [25]]);
  });

  it('--scale 0.1 runs a tenth of the steps and prints the same report', async () => {
    const tenth = await runLesson('6-3-stochastic-gradient-descent', { scale: 0.1 });
    expect((tenth.values['phi_all#all'] as number[][][]).map((p) => p[0]!.length)).toEqual([3, 3, 5]);
    expect(tenth.report).toEqual(report);
  });
});
