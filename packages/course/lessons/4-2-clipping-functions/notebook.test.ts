// Notebook 4.2: `gradkit run 4-2-clipping-functions` runs the notebook's two-layer network
// (4_2_Clipping_functions.md). The notebook prints nothing; its network (the TODO, UDL eqs.
// 4.7–4.9) is checked against the same network in matrix form (nn's deepNetwork, eq. 4.15) and
// against numpy values of the notebook's code with the TODO answered (numpy 2.4.6, quoted below).
import { arange, tensor } from '@gradkit/core';
import { countLinearRegions, deepNetwork } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { describe as describeNetwork } from './demo.js';
import { changedParameters, getParameters } from './notebook.js';

function expectAllClose(a: unknown, b: number[], tol = 1e-12) {
  const v = a as number[];
  expect(v.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(v[i]! - b[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('4-2-clipping-functions notebook', async () => {
  const { values, report } = await runLesson('4-2-clipping-functions');
  const y = values.y as number[];
  it('prints nothing (the notebook only plots)', () => expect(report).toEqual([]));
  it("binds the notebook's padded parameter arrays with numpy's shapes", () => {
    expect(values.theta).toEqual([
      [0, 0],
      [0.3, -1.0],
      [-1.0, 2.0],
      [-0.5, 0.65],
    ]);
    expect((values.psi as number[][])[2]).toEqual([-0.2, 2.0, 1.2, -8.0]);
    expect(values.phi).toEqual([[0.0], [0.5], [-1.5], [2.2]]);
    expect((values.x as number[]).length).toBe(100);
  });
  it('equals numpy on the notebook’s grid (x = 0, 0.25, 0.5, 0.75, 0.99)', () => {
    expect([0, 25, 50, 75, 99].map((i) => y[i])).toEqual([
      -0.15000000000000002, 0.6070000000000001, 0.81, -0.6, 0.1622499999999999,
    ]);
    expect([0, 50, 99].map((i) => (values.layer2_pre_2 as number[])[i])).toEqual([
      0.39999999999999997, -0.2, -0.1719999999999997,
    ]);
  });
  it('is the same network as deepNetwork in matrix form (eq. 4.15)', () => {
    const { theta, psi, phi } = getParameters();
    const rows = [1, 2, 3];
    const out = deepNetwork(
      [values.x as number[]],
      [rows.map((d) => [theta[d]![0]!]), rows.map((d) => [psi[d]![0]!]), [[phi[0]![0]!]]],
      [rows.map((d) => [theta[d]![1]!]), rows.map((d) => psi[d]!.slice(1)), [rows.map((d) => phi[d]![0]!)]],
    );
    expectAllClose((out.output.toArray() as number[][])[0], y);
    const pre = out.preactivations[1]!.toArray() as number[][];
    expectAllClose(values.layer2_pre_1, pre[0]!);
    expectAllClose(values.layer2_pre_3, pre[2]!);
  });
  it('clips: h′_d = ReLU(layer-2 pre-activation), and y sums φ_d h′_d', () => {
    for (const d of [1, 2, 3]) {
      const pre = values[`layer2_pre_${d}`] as number[];
      expect(values[`h${d}_prime`]).toEqual(pre.map((v) => Math.max(0, v)));
    }
    const parts = [1, 2, 3].map((d) => values[`phi${d}_h${d}_prime`] as number[]);
    expectAllClose(
      y,
      parts[0]!.map((_, i) => parts[0]![i]! + parts[1]![i]! + parts[2]![i]!),
      1e-15,
    );
  });
  it('answers the three questions: linear regions and ranges of the output on [0, 1)', () => {
    const rows = [
      describeNetwork('base', getParameters()),
      describeNetwork('psi10', changedParameters('psi10-up')),
      describeNetwork('psi2', changedParameters('psi2-negated')),
      describeNetwork('phi3', changedParameters('phi3-negative')),
    ];
    expect(rows.map((r) => r.regions)).toEqual([11, 9, 10, 11]);
    // φ3 = −1 only flips the third clipped function: the output keeps its joints.
    expect(rows[3]!.min.toFixed(3)).toBe(rows[0]!.min.toFixed(3));
    // the notebook's grid sees the same joints as the fine one, give or take merged neighbours
    const x = arange(0, 1, 0.01);
    expect(countLinearRegions(x, tensor(y)).count).toBeLessThanOrEqual(11);
  });
});
