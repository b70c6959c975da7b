// Notebook 2.1: `gradkit run 2-1-supervised-learning` (udlbook/2_1_Supervised_Learning.md) prints
// the data and the notebook's ground truths (7.07 for figure 2.2b, 10.28 for figure 2.2c), fits the
// line by coordinate descent from (1.60, −0.8), and computes the 100 × 100 loss surface
// `all_losses`. Reference values: tests/fixtures/udl_supervised_learning.json
// (tests/fixtures/gen_udl_supervised_learning.py, numpy; tolerances stated below).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_supervised_learning.json', import.meta.url), 'utf8'),
) as {
  str_x: string;
  str_y: string;
  loss_2_2b: number;
  loss_2_2c: number;
  all_losses: number[][];
  grid_argmin: [number, number];
  grid_min: number;
  coordinate_descent: { phi0: number; phi1: number; sweeps: number; loss: number };
  lstsq: { phi0: number; phi1: number; loss: number };
};

describe('2-1-supervised-learning notebook', async () => {
  const { values, report } = await runLesson('2-1-supervised-learning');

  it("prints the data as numpy does and the notebook's ground truths", () => {
    expect(report.slice(0, 2)).toEqual([fx.str_x, fx.str_y]);
    expect(report.slice(2, 4)).toEqual([
      'Your Loss = 7.07, Ground truth =7.07',
      'Your Loss = 10.28, Ground truth =10.28',
    ]);
    const losses = values['loss#all'] as number[];
    expect(losses[0]!.toFixed(2)).toBe('7.07');
    expect(losses[1]!.toFixed(2)).toBe('10.28');
    expect(losses[0]! / fx.loss_2_2b).toBeCloseTo(1, 12);
    expect(losses[1]! / fx.loss_2_2c).toBeCloseTo(1, 12);
    expect(values.loss).toBe(losses[1]);
  });

  it('fits the line by coordinate descent from (1.60, -0.8) to the least-squares line', () => {
    // numpy's coordinate descent and np.linalg.lstsq agree with the fit to 1e-9
    expect(values.phi0).toBeCloseTo(fx.coordinate_descent.phi0, 12);
    expect(values.phi1).toBeCloseTo(fx.coordinate_descent.phi1, 12);
    expect(values.phi0).toBeCloseTo(fx.lstsq.phi0, 9);
    expect(values.phi1).toBeCloseTo(fx.lstsq.phi1, 9);
    expect(values['compute_loss(x,y,phi0,phi1)']).toBeCloseTo(fx.lstsq.loss, 12);
    expect(report[4]).toBe('Your Loss = 0.20');
    expect(report).toHaveLength(5);
  });

  it('computes all_losses over the 100 x 100 grid as numpy does', () => {
    const all = values.all_losses as number[][];
    const p0 = values.phi0_mesh as number[][];
    const p1 = values.phi1_mesh as number[][];
    expect(all).toHaveLength(100);
    expect(all[0]).toHaveLength(100);
    expect(p0[0]![99]).toBeCloseTo(1.98, 12);
    expect(p1[99]![0]).toBeCloseTo(0.98, 12);
    let worst = 0;
    fx.all_losses.forEach((row, j) => {
      row.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(all[j]![i]! - v) / v);
      });
    });
    // 1e-12 relative: gradkit's arange(-1.0, 1.0, 0.02) is start + i*step, numpy's start + i*delta with
    // delta = (start + step) - start, so the phi1 axis differs in the last bits (9378 of the 10000
    // losses differ, by at most 1.4e-14 relative; with numpy's rule they are identical)
    expect(worst).toBeLessThan(1e-12);
    // the grid's lowest loss is at the grid point nearest the fitted line (the red dot)
    const [j, i] = fx.grid_argmin;
    expect(all[j]![i]).toBeCloseTo(fx.grid_min, 12);
    expect(Math.abs(p0[j]![i]! - (values.phi0 as number))).toBeLessThan(0.02);
    expect(Math.abs(p1[j]![i]! - (values.phi1 as number))).toBeLessThan(0.02);
  });
});
