// Shallow networks: `gradkit run shallow` runs the CM20315 Shallow notebook as the seeds' README
// summarises it, with the code and parameters of UDL notebooks 3.1 and 3.2. The one number the
// text prints is 3.1's least-squares loss ("True value = 9.385"); the rest is checked against the
// book's equations: joints at x = -θk0/θk1 where a hidden unit switches on (eq. 3.3), the flat
// second segment the notebook points out, activations a[pre] elementwise, and the 7 regions that
// three lines in general position cut the plane into (Zaslavsky's count, figure 3.8j).
import { arange } from '@gradkit/core';
import { shallowNetwork } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { SHALLOW_DEFAULTS } from './notebook.js';

type Grid = number[][];

describe('shallow notebook', async () => {
  const { values, report } = await runLesson('shallow');
  it('prints the least-squares loss of notebook 3.1: True value = 9.385', () => {
    expect((values.loss as number).toFixed(3)).toBe('9.385');
    expect(report).toEqual([`Your Loss = ${(values.loss as number).toFixed(3)}, True value = 9.385`]);
    expect((values.y_predict as number[]).length).toBe(20);
  });
  it('the ReLU clips at zero, on arange(-5, 5, 0.1)', () => {
    const z = values.z as number[];
    expect(z.length).toBe(100);
    expect(values.RelU_z).toEqual(z.map((v) => Math.max(0, v)));
  });
  it('the network has joints at -θk0/θk1 and a flat second segment (y = φ0 = -0.3)', () => {
    const p = SHALLOW_DEFAULTS;
    expect(values.linear_regions).toBe(4);
    const joints = values.joints as number[];
    [-p.theta10 / p.theta11, -p.theta20 / p.theta21, -p.theta30 / p.theta31].forEach((j, i) =>
      expect(joints[i]).toBeCloseTo(j, 9),
    );
    // x = arange(0, 1, 0.01): indices 31..49 lie strictly between the first two joints
    const y = values.y_predict as number[];
    expect(y).toHaveLength(20);
    const x = values.x as number[];
    expect(x).toHaveLength(100);
    const curve = shallowNetwork(arange(0, 1, 0.01), p).toList();
    for (let i = 31; i < 50; i++) expect(curve[i]).toBeCloseTo(p.phi0, 12);
  });
  it("the notebook's predictions: scaling θ20, θ21 by 0.5 and φ2 by 2 keeps the function; by −0.5 and −2 changes it", () => {
    const p = SHALLOW_DEFAULTS;
    const x = arange(0, 1, 0.01);
    const y = shallowNetwork(x, p).toList();
    const same = shallowNetwork(x, {
      ...p,
      theta20: p.theta20 * 0.5,
      theta21: p.theta21 * 0.5,
      phi2: p.phi2 * 2,
    });
    same.toList().forEach((v, i) => expect(v).toBeCloseTo(y[i]!, 12));
    const flipped = shallowNetwork(x, {
      ...p,
      theta20: p.theta20 * -0.5,
      theta21: p.theta21 * -0.5,
      phi2: p.phi2 * -2,
    });
    expect(flipped.toList().some((v, i) => Math.abs(v - y[i]!) > 0.1)).toBe(true);
  });
  it('other activation functions: act_k = a[pre_k] elementwise, y = φ0 + Σ w_act_k', () => {
    const acts = values.activations as Record<string, Record<string, number[]>>;
    const fns: Record<string, (v: number) => number> = {
      sigmoid: (v) => 1 / (1 + Math.exp(-v)),
      tanh: Math.tanh,
      leaky_relu: (v) => (v > 0 ? v : 0.1 * v),
    };
    for (const [name, f] of Object.entries(fns)) {
      const r = acts[name]!;
      for (const k of [1, 2, 3])
        r[`pre_${k}`]!.forEach((v, i) => expect(r[`act_${k}`]![i]).toBeCloseTo(f(v), 14));
      r.y!.forEach((v, i) =>
        expect(v).toBeCloseTo(SHALLOW_DEFAULTS.phi0 + r.w_act_1![i]! + r.w_act_2![i]! + r.w_act_3![i]!, 12),
      );
    }
  });
  it('two inputs (notebook 3.2): 100×100 grids, y2 from the second row of weights, 7 polytopes', () => {
    for (const k of ['x1', 'x2', 'y', 'y1', 'y2', 'pre_1', 'act_3', 'w_act_1', 'w_act_23'])
      expect([(values[k] as Grid).length, (values[k] as Grid)[0]!.length]).toEqual([100, 100]);
    const x1 = values.x1 as Grid;
    const x2 = values.x2 as Grid;
    expect([x1[0]![1], x2[0]![1], x1[1]![0], x2[1]![0]]).toEqual([0.1, 0, 0, 0.1]); // meshgrid 'xy'
    // y is the one-output network, which equals y1 (same hidden layer, φ1 = φ of y)
    expect(values.y).toEqual(values.y1);
    const y2 = values.y2 as Grid;
    const w = (o: number, k: number) => (values[`w_act_${o}${k}`] as Grid)[37]![61]!;
    expect(y2[37]![61]).toBeCloseTo(-2.0 + w(2, 1) + w(2, 2) + w(2, 3), 12);
    // the three joints' lines meet pairwise inside [0, 10]², so all 7 regions of the arrangement appear
    expect(values.polytopes).toBe(7);
  });
});
