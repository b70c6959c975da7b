// Notebook 7.3, Initialization (../shared/udlbook/7_3_Initialization.md; the CM20315 practical
// Gradients III is the same code): std of the hidden units h_1..h_K and of the gradients per layer, for the notebook's K=5, D=8, sigma²=1 and for
// its TODO (K=50, D=80) over several sigma². Reference: tests/fixtures/gen_gradients_iii.py (the
// notebook's numpy code with np.random.seed(0)); relative tolerance 1e-9 (values span 1e-72..1e78).
import { readFileSync } from 'node:fs';
import * as g3 from '@gradkit/course/lessons/7-3-initialization/notebook';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(readFileSync(new URL('../fixtures/gradients_iii.json', import.meta.url), 'utf8'));

function expectRel(actual: number[], expected: number[], rtol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i]!), `entry ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(
      rtol * Math.abs(expected[i]!),
    ),
  );
}

describe('Gradients III: initialization', () => {
  it("the notebook's setting K=5, D=8, sigma²=1 (forward and backward)", () => {
    const nb = fx.notebook;
    const f = g3.forwardStd(nb.K, nb.D, nb.sigma_sq_omega);
    expectRel(f, nb.forward_std_book);
    // the values the notebook's print shows to 3 decimals (from the numpy run)
    expect(f.map((v) => v.toFixed(3))).toEqual(nb.forward_std_book.map((v: number) => v.toFixed(3)));
    expectRel(g3.gradientStd(nb.K, nb.D, nb.sigma_sq_omega), nb.gradient_std);
  });

  it('K=50, D=80 as sigma² varies: vanishing below 2/D, exploding above', () => {
    const st = fx.study;
    // three of the fixture's sigma² values keep this test to a few seconds: too small, He (2/D), too large
    const picks = [0.001, 2 / st.D, 1.0].map((s) => st.sigma_sq_omega.indexOf(s));
    expect(picks).not.toContain(-1);
    const rows = g3.initializationStudy({
      K: st.K,
      D: st.D,
      sigmaSqOmega: picks.map((i) => st.sigma_sq_omega[i]),
    });
    rows.forEach((row: g3.InitializationStudyRow, r: number) => {
      expectRel(row.forwardStd, st.forward_std_book[picks[r]!]);
      expectRel(row.gradientStd, st.gradient_std[picks[r]!]);
    });
    const he = rows.find((r) => r.sigmaSqOmega === 2 / st.D)!;
    const last = he.forwardStd[he.forwardStd.length - 1]!;
    expect(last).toBeGreaterThan(1e-3);
    expect(last).toBeLessThan(1e3);
    expect(rows[0]!.forwardStd[49]!).toBeLessThan(1e-20);
    expect(rows[rows.length - 1]!.forwardStd[49]!).toBeGreaterThan(1e20);
  });

  it('rejects bad sizes', () => {
    expect(() => g3.initParams(0, 8, 1)).toThrow(/initParams: K must be a positive integer, received 0/);
    expect(() => g3.initParams(5, 8, -1)).toThrow(/sigmaSqOmega must be a non-negative finite number/);
  });
});
