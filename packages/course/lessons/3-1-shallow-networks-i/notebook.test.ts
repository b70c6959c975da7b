// Notebook 3.1: `gradkit run 3-1-shallow-networks-i` prints the one number the notebook states,
// "Your Loss = %3.3f, True value = 9.385"; the rest is checked against the book's equations
// (joints at x = -θk0/θk1, eq. 3.3; y = φ0 + Σ w_act_k, eq. 3.1) and the notebook's questions
// about the parameters answered by running the network.
import { arange } from '@gradkit/core';
import { relu, type Shallow113Params, shallowNetwork } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { SHALLOW_DEFAULTS } from '../shallow/notebook.js';

const p = SHALLOW_DEFAULTS;
const x = arange(0, 1, 0.01);
const net = (q: Partial<Shallow113Params>) => shallowNetwork(x, { ...p, ...q }).toList() as number[];
const y0 = net({});

describe('3-1-shallow-networks-i notebook', async () => {
  const { values, report } = await runLesson('3-1-shallow-networks-i');
  it('prints the least-squares loss: Your Loss = 9.385, True value = 9.385', () => {
    expect((values.loss as number).toFixed(3)).toBe('9.385');
    expect(values.loss).toBeCloseTo(9.38487389111789, 14); // numpy's np.sum((y_train - y_predict)**2)
    expect(report).toEqual(['Your Loss = 9.385, True value = 9.385']);
    expect(values.y_predict as number[]).toHaveLength(20);
    expect(values.x_train as number[]).toHaveLength(20);
    expect((values.x_train as number[])[15]).toBe(0.7707227);
  });
  it('ReLU clips arange(-5, 5, 0.1) at zero', () => {
    const z = values.z as number[];
    expect(z).toHaveLength(100);
    expect([z[2], z[14]]).toEqual([-4.800000000000001, -3.600000000000005]); // as numpy's arange fills it
    expect(values.RelU_z).toEqual(z.map((v) => Math.max(0, v)));
  });
  it('records the parameters and every intermediate of shallow_1_1_3 on arange(0, 1, 0.01)', () => {
    expect([
      values.theta_10,
      values.theta_11,
      values.theta_20,
      values.theta_21,
      values.theta_30,
      values.theta_31,
    ]).toEqual([0.3, -1, -1, 2, -0.5, 0.65]);
    expect([values.phi_0, values.phi_1, values.phi_2, values.phi_3]).toEqual([-0.3, 2, -1, 7]);
    const xs = values.x as number[];
    expect(xs).toHaveLength(100);
    const pre1 = values.pre_1 as number[];
    const act3 = values.act_3 as number[];
    xs.forEach((xi, i) => {
      expect(pre1[i]).toBeCloseTo(0.3 - xi, 14);
      expect(act3[i]).toBe(Math.max(0, (values.pre_3 as number[])[i]!));
      const sum =
        p.phi0 +
        (values.w_act_1 as number[])[i]! +
        (values.w_act_2 as number[])[i]! +
        (values.w_act_3 as number[])[i]!;
      expect((values.y as number[])[i]).toBeCloseTo(sum, 14);
    });
    expect(values.y).toEqual(y0);
  });
  it('figure 3.3j: joints at x = 0.3, 0.5, 0.769 and a flat second segment at y = φ0 = -0.3', () => {
    // indices 31..49 lie strictly between the first two joints (0.3 and 0.5)
    for (let i = 31; i < 50; i++) expect(y0[i]).toBeCloseTo(-0.3, 12);
    expect(-p.theta30 / p.theta31).toBeCloseTo(0.769, 3);
  });
  it("the notebook's questions: φ0 shifts, φ scaling scales, and the ReLU's positive homogeneity", () => {
    // 1. changing phi_0 moves the whole function up or down
    net({ phi0: 0.2 }).forEach((v, i) => expect(v).toBeCloseTo(y0[i]! + 0.5, 12));
    // 2. multiplying phi_1..phi_3 by 0.5 halves the function about phi_0
    net({ phi1: 1, phi2: -0.5, phi3: 3.5 }).forEach((v, i) =>
      expect(v - p.phi0).toBeCloseTo(0.5 * (y0[i]! - p.phi0), 12),
    );
    // 7. theta_20, theta_21 times 0.5 and phi_2 times 2: the same function (ReLU[az] = a ReLU[z] for a > 0)
    net({ theta20: -0.5, theta21: 1, phi2: -2 }).forEach((v, i) => expect(v).toBeCloseTo(y0[i]!, 12));
    // 8. times -0.5 and -2: the second unit now switches on below x = 0.5 instead of above
    const flipped = net({ theta20: 0.5, theta21: -1, phi2: 2 });
    expect(flipped.some((v, i) => Math.abs(v - y0[i]!) > 0.1)).toBe(true);
    // 6. theta_10 moved so that the first joint passes the second: no flat segment left
    const shifted = net({ theta10: 0.6 });
    const slopes = shifted.slice(1).map((v, i) => v - shifted[i]!);
    expect(slopes.every((s) => Math.abs(s) > 1e-6)).toBe(true);
  });
  it('relu from @gradkit/nn is the notebook ReLU (clip at 0.0)', () => {
    expect(relu([-1, 0, 2]).toList()).toEqual([0, 0, 2]);
  });
});
