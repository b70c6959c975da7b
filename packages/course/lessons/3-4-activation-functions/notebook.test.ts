// Notebook 3.4: `gradkit run 3-4-activation-functions` prints nothing; the notebook states no
// number. Checked against numpy (the values below were printed by numpy 2.4 from the notebook's
// expressions: np.arange(-1, 1, 0.01), 1/(1+np.exp(-10*z)), (z >= 0).astype(int)) and against the
// book's equations: y = φ0 + Σ φk a[θk0 + θk1 x] with each activation, a staircase for the
// Heaviside step and a line for the linear activation (the notebook's question 1).
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { linearNetwork } from './demo.js';
import { SMOOTH_PARAMS } from './notebook.js';

describe('3-4-activation-functions notebook', async () => {
  const { values, report } = await runLesson('3-4-activation-functions');
  const v = (k: string) => values[k] as number[];
  it('prints nothing', () => expect(report).toEqual([]));
  it('sig_z = 1/(1 + exp(-10 z)) on z = arange(-1, 1, 0.01), as numpy gives it', () => {
    const z = v('z');
    expect(z).toHaveLength(200);
    // numpy fills arange as start + i·((start + step) − start), so z[100] is 8.9e-16, not 0 (core's arange does the same)
    expect(z[100]).toBe(8.881784197001252e-16);
    expect(z[99]).toBe(-0.00999999999999912);
    const s = v('sig_z');
    expect(s[0]).toBeCloseTo(4.5397868702434395e-5, 18);
    expect(s[100]).toBeCloseTo(0.5000000000000022, 16);
    expect(s[199]).toBeCloseTo(0.9999498278353162, 15);
    z.forEach((zi, i) => expect(s[i]).toBeCloseTo(1 / (1 + Math.exp(-10 * zi)), 15));
  });
  it('heav_z is 0 below zero and 1 from z[100] = 8.9e-16 on (100 ones, as numpy)', () => {
    const h = v('heav_z');
    expect(h.indexOf(1)).toBe(100);
    expect(h.reduce((a, b) => a + b, 0)).toBe(100);
    v('z').forEach((zi, i) => expect(h[i]).toBe(zi >= 0 ? 1 : 0));
  });
  it('the last cell: the linear activation with φ = 0.3, 0.5, -1, 0.9 gives a line, y = 1 - 1.915 x', () => {
    expect([values.phi_0, values.phi_1, values.phi_2, values.phi_3]).toEqual([0.3, 0.5, -1, 0.9]);
    expect([
      values.theta_10,
      values.theta_11,
      values.theta_20,
      values.theta_21,
      values.theta_30,
      values.theta_31,
    ]).toEqual([0.3, -1, -1, 2, -0.5, 0.65]);
    const x = v('x');
    expect(x).toHaveLength(100);
    v('y').forEach((yi, i) => expect(yi).toBeCloseTo(1 - 1.915 * x[i]!, 12));
    // lin is the identity: activations equal pre-activations (the notebook's "ten panels")
    for (const k of [1, 2, 3]) expect(values[`act_${k}`]).toEqual(values[`pre_${k}`]);
  });
  it('question 2: with a = 0.5, b = -0.4 the network is still a line, y = 0.22 + 0.766 x', () => {
    const r = linearNetwork(0.5, -0.4);
    expect(r.intercept).toBeCloseTo(0.22, 12);
    expect(r.slope).toBeCloseTo(0.766, 12);
    expect(r.formulaSlope).toBeCloseTo(r.slope, 12);
    expect(r.maxDeviation).toBeLessThan(1e-12);
  });
  it('the Heaviside network is a staircase: y ∈ {φ0 + Σ of a subset of φ1..φ3}, steps at x = -θk0/θk1', async () => {
    const { shallowNetworkParts } = await import('@gradkit/nn');
    const { arange } = await import('@gradkit/core');
    const { heaviside, sigmoid } = await import('./notebook.js');
    const p = SMOOTH_PARAMS;
    const x = arange(0, 1, 0.01);
    const y = shallowNetworkParts(x, p, heaviside).y.toList() as number[];
    // unit 1 is on for x <= 0.3, unit 2 from x >= 0.5, unit 3 from x >= 0.769
    const xs = x.toList() as number[];
    xs.forEach((xi, i) => {
      const on = [0.3 - xi >= 0, -1 + 2 * xi >= 0, -0.5 + 0.65 * xi >= 0];
      const expected = p.phi0 + (on[0] ? p.phi1 : 0) + (on[1] ? p.phi2 : 0) + (on[2] ? p.phi3 : 0);
      expect(y[i]).toBeCloseTo(expected, 12);
    });
    expect(new Set(y.map((t) => t.toFixed(9))).size).toBe(4);
    // the sigmoid network: smooth, y = φ0 + Σ φk / (1 + exp(-10 (θk0 + θk1 x)))
    const ys = shallowNetworkParts(x, p, sigmoid).y.toList() as number[];
    const s = (t: number) => 1 / (1 + Math.exp(-10 * t));
    xs.forEach((xi, i) =>
      expect(ys[i]).toBeCloseTo(
        p.phi0 + p.phi1 * s(0.3 - xi) + p.phi2 * s(-1 + 2 * xi) + p.phi3 * s(-0.5 + 0.65 * xi),
        12,
      ),
    );
  });
});
