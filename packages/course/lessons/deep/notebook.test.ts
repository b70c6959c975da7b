// Deep networks I: `gradkit run deep` reproduces the notebook's networks and compositions
// (udl-cm20315-deep.md). The notebook prints nothing; its curves and the numbers of linear regions
// it asks about are checked against numpy (tests/fixtures/nn_book.json, written by
// tests/fixtures/gen_nn.py from the notebook's code, regions counted on a 1e-6 grid).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/nn_book.json', import.meta.url), 'utf8'),
) as {
  shallow_n1: Record<string, number[]>;
  deep_compositions: Record<string, { y: number[]; regions: number }>;
};

function expectAllClose(a: unknown, b: number[], tol = 1e-12) {
  const v = a as number[];
  expect(v.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(v[i]! - b[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('deep notebook', async () => {
  const { values, report } = await runLesson('deep');
  it('prints nothing (the notebook only plots)', () => expect(report).toEqual([]));
  it("binds the notebook's parameters and the first network's intermediates", () => {
    expect([values.n1_theta_30, values.n1_phi_3, values.n2_theta_10, values.n2_phi_0]).toEqual([
      -0.67, 9.3, -0.6, 0.5,
    ]);
    expectAllClose(values.n1_out, fx.shallow_n1.y!);
    expectAllClose(values.n1_in, fx.shallow_n1.x!);
    expect((values.n2_out as number[]).length).toBe(200);
    expect((values.pre_1 as number[]).length).toBe(200); // rebound by the second network's run
  });
  it('the curves on arange(-1, 1, 0.001) match numpy', () => {
    const c = fx.deep_compositions;
    expect((values.x as number[]).length).toBe(2000);
    expectAllClose(values.net1_out, c.net1!.y);
    expectAllClose(values.net2_out, c.net2!.y);
    expectAllClose(values.net2_out_new, c.net1!.y);
    expectAllClose(values.net12_out, c.net11!.y); // last bound: the first network fed into itself
    expectAllClose(values.net123_out, c.net112!.y);
  });
  it('counts the linear regions the notebook asks about (3 and 4 alone, 12 composed, 36 for three layers)', () => {
    const counts = Object.fromEntries(Object.entries(fx.deep_compositions).map(([k, v]) => [k, v.regions]));
    expect(values.linear_regions).toEqual(counts);
    expect(counts).toMatchObject({ net1: 3, net2: 4, net12: 12, net112: 36 });
  });
});
