// gaussianDipsLoss: Notebook 6.1's `loss_function` against numpy (tests/fixtures/udl_training.json,
// made by tests/fixtures/gen_udl_training.py: the loss on np.arange(0, 1, 0.01)).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gaussianDipsLoss, UDL61_DIPS } from '../src/dips.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/udl_training.json', import.meta.url), 'utf8'),
).line_search as { phi_plot: number[]; loss_plot: number[]; soln: number; loss: number };

describe('gaussianDipsLoss', () => {
  it("equals numpy's loss_function of Notebook 6.1 on its plotting grid to 2 ulps", () => {
    expect(fx.phi_plot).toHaveLength(100);
    // The same float64 operations in the same order; numpy's vectorised exp (the grid) may differ
    // from V8's scalar Math.exp in the last bit, so the tolerance is 2 ulps (4.5e-16 relative).
    const close = (a: number, b: number) =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(4.5e-16 * Math.abs(b));
    fx.phi_plot.forEach((p, i) => close(gaussianDipsLoss(p), fx.loss_plot[i]!));
    // numpy's scalar path at the notebook's solution.
    close(gaussianDipsLoss(fx.soln), fx.loss);
  });

  it('takes any dips: one dip of depth 1 reaches 0 at its mean; no dips is flat', () => {
    expect(gaussianDipsLoss(0.5, [{ mean: 0.5, depth: 1, width: 0.1 }])).toBe(0);
    expect(gaussianDipsLoss(0.3, [])).toBe(1);
    expect(gaussianDipsLoss(0.2, UDL61_DIPS)).toBe(gaussianDipsLoss(0.2));
  });

  it('rejects a non-finite phi and malformed dips, naming the argument', () => {
    expect(() => gaussianDipsLoss(Number.NaN)).toThrow(
      /gaussianDipsLoss: phi must be a finite number, received NaN/,
    );
    expect(() => gaussianDipsLoss(0.5, [{ mean: 0.5, depth: 1, width: 0 }])).toThrow(
      /gaussianDipsLoss: dips\[0\] must be .* width > 0/,
    );
    expect(() => gaussianDipsLoss(0.5, 'x' as never)).toThrow(/dips must be an array/);
  });
});
