// Notebook 10.1: `gradkit run 10-1-1d-convolution` (udlbook/10_1_1D_Convolution.md). The notebook
// states three sums ("should be 71.1", "69.6", "68.3") and prints four arrays; the expected arrays
// and their printed form come from tests/fixtures/udl_1d_convolution.json (gen_udl_1d_convolution.py:
// the notebook's loops completed in numpy 1.24, `str(h)` and f"{np.sum(h):3.3}").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { conv3_1_1Zp, conv5_1_1Zp, formatSpec3_3, getConvMat3_1_1Zp } from './notebook.js';

interface Rec {
  values: number[];
  str: string;
  sum: string;
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_1d_convolution.json', import.meta.url), 'utf8'),
) as Record<'h' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'h7', Rec> & {
  x: number[];
  omega_mat: number[][];
  h6_twice: number[];
  omega_twice: number[];
  h6_twice_as_conv5: number[];
};

const close = (got: unknown, want: number[], tol = 1e-12) => {
  const g = got as number[];
  expect(g).toHaveLength(want.length);
  g.forEach((v, i) => expect(Math.abs(v - want[i]!), `index ${i}`).toBeLessThanOrEqual(tol));
};

describe('10-1-1d-convolution notebook', async () => {
  const { values, report } = await runLesson('10-1-1d-convolution');

  it('prints the three sums the notebook quotes: 71.1, 69.6, 68.3', () => {
    expect(report[0]).toBe('Sum of output is 71.1, should be 71.1');
    expect(report.filter((l) => l.startsWith('Sum of output'))).toEqual([
      'Sum of output is 71.1, should be 71.1',
      'Sum of output is 69.6, should be 69.6',
      'Sum of output is 68.3, should be 68.3',
    ]);
    for (const k of ['h', 'h4', 'h5'] as const)
      expect(formatSpec3_3(values[`np.sum(${k})`] as number)).toBe(fx[k].sum);
  });

  it('computes every convolution as the notebook’s loops do (numpy fixture, 1e-12)', () => {
    expect(values.x).toEqual(fx.x);
    for (const k of ['h', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'] as const) close(values[k], fx[k].values);
    (values.omega_mat as number[][]).forEach((row, i) => close(row, fx.omega_mat[i]!, 0));
  });

  it('the stride-2 output is every other sample of the stride-1 output (length ceil(12 / 2) = 6)', () => {
    const h = values.h as number[];
    expect(values.h3).toEqual(h.filter((_, i) => i % 2 === 0));
  });

  it('prints h, h3, h6 and h7 as numpy prints them', () => {
    const printed = report.filter((l) => !l.startsWith('Sum of output')).join('\n');
    expect(printed).toBe([fx.h.str, fx.h3.str, fx.h6.str, fx.h7.str].join('\n'));
  });

  it('the closing question: the convolution applied twice is the size-5 kernel ω ∗ ω, except at the two ends', () => {
    const omega = [-1.0, 0.5, -0.2];
    const twice = conv3_1_1Zp(conv3_1_1Zp(fx.x, omega), omega);
    close(twice, fx.h6_twice);
    const once = conv5_1_1Zp(fx.x, fx.omega_twice);
    close(once, fx.h6_twice_as_conv5);
    for (let i = 1; i < 11; i++) expect(Math.abs(twice[i]! - once[i]!)).toBeLessThan(1e-12);
    expect(Math.abs(twice[0]! - once[0]!)).toBeGreaterThan(0.5);
    // and as matrices: the product of the two band matrices
    const m = getConvMat3_1_1Zp(12, omega);
    const m2 = m.map((row) => row.map((_, j) => row.reduce((s, v, k) => s + v * m[k]![j]!, 0)));
    close(
      m2.map((row) => row.reduce((s, v, j) => s + v * fx.x[j]!, 0)),
      fx.h6_twice,
    );
  });
});
