// Deep networks II: `gradkit run deep2` reproduces the notebook (udl-cm20315-deep2.md): the first
// network and the composition of the two in matrix form, and the random 4-5-2-4-1 network it
// prints. Reference values: tests/fixtures/nn_book.json (numpy, tests/fixtures/gen_nn.py). The
// notebook draws the random network without a seed; the lesson seeds numpy's stream with 0, as
// the fixture does, so the printed arrays are numpy's own for that seed.
import { readFileSync } from 'node:fs';
import { tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { numpyStr } from '../../src/numpy-print.js';
import { runLesson } from '../../src/run.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/nn_book.json', import.meta.url), 'utf8'),
) as {
  deep2: { x: number[][]; y: number[][]; betas: number[][][]; omegas: number[][][] };
  deep2_random: { x: number[][]; betas: number[][][]; omegas: number[][][]; h: number[][][]; y: number[][] };
};

function expectAllClose(a: unknown, b: unknown, tol = 1e-12) {
  const fa = (a as unknown[]).flat(3) as number[];
  const fb = (b as unknown[]).flat(3) as number[];
  expect(fa.length).toBe(fb.length);
  let worst = 0;
  for (let i = 0; i < fb.length; i++) worst = Math.max(worst, Math.abs(fa[i]! - fb[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('deep2 notebook', async () => {
  const { values, report } = await runLesson('deep2');
  it('the composed network in matrix form (eqs. 4.5–4.7) equals numpy, examples in columns', () => {
    expectAllClose(values.n1_in, fx.deep2.x);
    expect((values.n1_in as number[][]).length).toBe(1); // reshape([1, -1])
    expectAllClose(values.n1_out, fx.deep2.y); // the last n1_out: the two-hidden-layer network
    expectAllClose(values.n2_out, fx.deep2.y); // the second network fed with the first one's output
    expect((values.h2 as number[][]).map((r) => r.length)).toEqual([10, 10]); // rebound by the random network
  });
  it('the random 4-5-2-4-1 network: parameters of the right sizes, drawn as numpy draws them', () => {
    expect([values.D_i, values.D_1, values.D_2, values.D_3, values.D_o, values.n_data]).toEqual([
      4, 5, 2, 4, 1, 10,
    ]);
    const r = fx.deep2_random;
    expectAllClose(values.x, r.x, 0);
    for (let k = 0; k < 4; k++) {
      expectAllClose(values[`beta_${k}`], r.betas[k], 0);
      expectAllClose(values[`Omega_${k}`], r.omegas[k], 0);
    }
    expectAllClose(values.h1, r.h[0]);
    expectAllClose(values.h2, r.h[1]);
    expectAllClose(values.h3, r.h[2]);
    expectAllClose(values.y, r.y);
  });
  it('prints x and y as numpy prints them, and no "wrong shape" line', () => {
    expect(report.join('\n')).toBe(
      `${numpyStr(tensor(fx.deep2_random.x))}\n${numpyStr(tensor(fx.deep2_random.y))}`,
    );
    // numpy's own print(x) of the fixture's x starts so (python3: print(np.array(fx['x'])))
    expect(report[0]).toBe('[[ 1.76405235  0.40015721  0.97873798  2.2408932   1.86755799 -0.97727788');
    expect(report.some((l) => l.includes('wrong shape'))).toBe(false);
  });
});
