// Gradients I: `gradkit run gradients-i` prints the notebook's "true value" checks
// (udl-cm20315-gradients_i.md) with our values equal to the printed true values at the 3 decimals
// printed. Erratum: the notebook's text gives ∂sin[z]/∂z = −cos[z]; its printed true values
// (dydf0 = -0.646) use +cos[z], as the code here does.
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';

describe('gradients-i notebook', async () => {
  const { values, report } = await runLesson('gradients-i');

  it('prints the forward pass, backward pass and parameter derivatives equal to the true values', () => {
    const checks = report
      .map((l) => l.match(/^(\w+): true value = (-?[\d.]+), your value = (-?[\d.]+)$/))
      .filter((m) => m !== null);
    expect(checks.map((m) => m[1])).toEqual([
      ...['f0', 'h1', 'f1', 'h2', 'f2', 'h3', 'f3', 'h4'],
      ...['dydh3', 'dydf2', 'dydh2', 'dydf1', 'dydh1', 'dydf0'],
    ]);
    for (const m of checks) expect(m[3], m[1]).toBe(m[2]);
    const params = report
      .map((l) => l.match(/^(\w+): Your value = (-?[\d.]+), True value = (-?[\d.]+)$/))
      .filter((m) => m !== null);
    expect(params.map((m) => m[1])).toEqual([
      ...['dydomega4', 'dydbeta3', 'dydomega3', 'dydbeta2', 'dydomega2'],
      ...['dydbeta1', 'dydomega1', 'dydbeta0'],
    ]);
    for (const m of params) expect(m[2], m[1]).toBe(m[3]);
  });

  it('the function value, the closed forms and the finite differences', () => {
    expect(report[0]).toBe('y=-0.732');
    expect(report).toContain('y_func = -0.732, y = -0.732');
    expect(values.y).toBe(values.y_func);
    expect(report[1]).toBe('dydbeta4: Function value = 1.000, Finite difference value = 1.000');
    expect(report).toContain(
      'dydbeta4: Your value = 1.000, Function value = 1.000, Finite difference value = 1.000',
    );
    const last = report[report.length - 1]!;
    const m = last.match(
      /^dydomega0: Your value = (-?[\d.]+), Function value = (-?[\d.]+), Finite difference value = (-?[\d.]+)$/,
    );
    expect(m).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    // the forward difference (δ = 1e-4) carries an O(δ) error of ~1e-3 here
    expect(Number(m![3])).toBeCloseTo(Number(m![2]), 2);
    expect(values.dydomega0 as number).toBeCloseTo(values.dydomega0_func as number, 12);
    expect(values.dydh4).toBe(-0.5);
    expect(values.x).toBe(2.3);
  });
});
