// Notebook 4.3: `gradkit run 4-3-deep-networks` reproduces the notebook (4_3_Deep_Networks.md):
// the first network and the composition of the two in matrix form (numpy: tests/fixtures/nn_book.json,
// gen_nn.py) and the random 4-5-2-4-1 network with n_data = 4 that it prints (numpy:
// tests/fixtures/udl_deep_networks.json, gen_udl_deep_networks.py, including numpy's printed text).
// The notebook draws the random network without a seed; the lesson seeds numpy's stream with 0.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../tests/fixtures/${name}`, import.meta.url), 'utf8'));
const book = read('nn_book.json') as { deep2: { x: number[][]; y: number[][] } };
const fx = read('udl_deep_networks.json') as {
  n_data: number;
  x: number[][];
  betas: number[][][];
  omegas: number[][][];
  h: number[][][];
  y: number[][];
  print_x: string;
  print_y: string;
};

function expectAllClose(a: unknown, b: unknown, tol = 1e-12) {
  const fa = (a as unknown[]).flat(3) as number[];
  const fb = (b as unknown[]).flat(3) as number[];
  expect(fa.length).toBe(fb.length);
  let worst = 0;
  for (let i = 0; i < fb.length; i++) worst = Math.max(worst, Math.abs(fa[i]! - fb[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('4-3-deep-networks notebook', async () => {
  const { values, report } = await runLesson('4-3-deep-networks');
  it('prints the inputs and outputs as numpy prints them, under their labels', () => {
    expect(report).toEqual([
      'Input data points',
      ...fx.print_x.split('\n'),
      'Output data points',
      ...fx.print_y.split('\n'),
    ]);
    expect(report[1]).toBe('[[ 1.76405235  0.40015721  0.97873798  2.2408932 ]');
    expect(report.at(-1)).toBe('[[-3.07566069 -0.78695048 -1.14897332 -0.40178094]]');
  });
  it('the random 4-5-2-4-1 network: n_data = 4, parameters of the right sizes drawn as numpy draws them', () => {
    expect([values.D_i, values.D_1, values.D_2, values.D_3, values.D_o, values.n_data]).toEqual([
      4,
      5,
      2,
      4,
      1,
      fx.n_data,
    ]);
    expectAllClose(values.x, fx.x, 0);
    for (let k = 0; k < 4; k++) {
      expectAllClose(values[`beta_${k}`], fx.betas[k], 0);
      expectAllClose(values[`Omega_${k}`], fx.omegas[k], 0);
    }
    expect((values.Omega_1 as number[][]).map((r) => r.length)).toEqual([5, 5]);
    expectAllClose(values.h1, fx.h[0]);
    expectAllClose(values.h2, fx.h[1]);
    expectAllClose(values.h3, fx.h[2]);
    expectAllClose(values.y, fx.y);
  });
  it('the two networks composed, in matrix form (eq. 4.5), equal numpy, examples in columns', () => {
    expectAllClose(values.n1_in, book.deep2.x);
    expectAllClose(values.n1_out, book.deep2.y); // the last n1_out: two hidden layers
    expectAllClose(values.n2_out, book.deep2.y); // network 2 fed with network 1's output
  });
  it('differs from the CM20315 practical deep2 only in n_data and the two labels', async () => {
    const cm = await runLesson('deep2');
    expect(cm.values.n_data).toBe(10);
    expect(cm.report.some((l) => l.includes('data points'))).toBe(false);
    expect(cm.values.n1_out).toEqual(values.n1_out);
  });
});
