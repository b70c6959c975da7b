// Notebook 3.2: `gradkit run 3-2-shallow-networks-ii` prints nothing; the notebook states no
// number. Checked against the book's equations: 100×100 meshgrid ('xy' indexing) inputs,
// pre_k = θk0 + θk1 x1 + θk2 x2, y = φ0 + Σ w_act_k, y2 from the second row of weights, and the
// answer to "How many different linear polytopes are made by this model?": 7 (three lines in
// general position, crossing pairwise inside [0, 10]², cut the square into 1 + 3 + 3 regions).
import { tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { activationRegions, SHALLOW_2D_HIDDEN } from '../shallow/notebook.js';

type Grid = number[][];

describe('3-2-shallow-networks-ii notebook', async () => {
  const { values, report } = await runLesson('3-2-shallow-networks-ii');
  const g = (k: string) => values[k] as Grid;
  it('prints nothing and records every grid at 100×100', () => {
    expect(report).toEqual([]);
    for (const k of [
      'x1',
      'x2',
      'y',
      'y1',
      'y2',
      'pre_1',
      'pre_3',
      'act_2',
      'w_act_1',
      'w_act_3',
      'w_act_11',
      'w_act_23',
    ])
      expect([g(k).length, g(k)[0]!.length]).toEqual([100, 100]);
    // meshgrid 'xy': x1 varies along the row, x2 down the column
    expect([g('x1')[0]![1], g('x2')[0]![1], g('x1')[1]![0], g('x2')[1]![0]]).toEqual([0.1, 0, 0, 0.1]);
    expect([values.theta_10, values.theta_11, values.theta_12, values.theta_30, values.theta_32]).toEqual([
      -4, 0.9, 0, -7, 0.9,
    ]);
    expect([values.phi_0, values.phi_1, values.phi_2, values.phi_3]).toEqual([0, -2, 2, 1.5]);
    expect([values.phi_20, values.phi_21, values.phi_22, values.phi_23]).toEqual([-2, -1, -2, 0.8]);
  });
  it('figure 3.8: pre-activations are planes, activations clip them, y = φ0 + Σ w_act_k', () => {
    const h = SHALLOW_2D_HIDDEN;
    for (const [i, j] of [
      [0, 0],
      [37, 61],
      [99, 5],
      [50, 50],
    ] as const) {
      const a = g('x1')[i]![j]!;
      const b = g('x2')[i]![j]!;
      const pre = [
        h.theta10 + h.theta11 * a + h.theta12 * b,
        h.theta20 + h.theta21 * a + h.theta22 * b,
        h.theta30 + h.theta31 * a + h.theta32 * b,
      ];
      pre.forEach((v, k) => {
        expect(g(`pre_${k + 1}`)[i]![j]).toBeCloseTo(v, 12);
        expect(g(`act_${k + 1}`)[i]![j]).toBeCloseTo(Math.max(0, v), 12);
      });
      const act = pre.map((v) => Math.max(0, v));
      expect(g('y')[i]![j]).toBeCloseTo(0 - 2 * act[0]! + 2 * act[1]! + 1.5 * act[2]!, 12);
      expect(g('y')[i]![j]).toBeCloseTo(
        g('w_act_1')[i]![j]! + g('w_act_2')[i]![j]! + g('w_act_3')[i]![j]!,
        12,
      );
      expect(g('y2')[i]![j]).toBeCloseTo(-2 - act[0]! - 2 * act[1]! + 0.8 * act[2]!, 12);
      expect(g('y2')[i]![j]).toBeCloseTo(
        -2 + g('w_act_21')[i]![j]! + g('w_act_22')[i]![j]! + g('w_act_23')[i]![j]!,
        12,
      );
    }
    // y1 has the weights of y: the same function
    expect(values.y1).toEqual(values.y);
  });
  it('"How many different linear polytopes are made by this model?": 7', () => {
    const pre = [1, 2, 3].map((k) => tensor(g(`pre_${k}`)));
    expect(activationRegions(pre)).toBe(7);
  });
});
