/**
 * Notebook 6.5's section of `gradkit demo`: where each method is after its steps from (−0.7, −0.9)
 * — gradient descent at α = 0.08 and 1.0, normalized gradients, Adam, and Adam without the bias
 * correction of eq. 6.16 — and Adam's learning rate α changed (the value the notebook's cells set).
 */
import { defineSection } from '../../src/types.js';
import type { GradPath } from './notebook.js';

export interface AdamLane {
  method: string;
  steps: number;
  final: number[];
  loss: number;
}

export const section = defineSection<{ lanes: AdamLane[] }>({
  title: 'Adam: fixed steps, normalized gradients and Adam on a valley',
  async run(ctx) {
    const nb = await import('./notebook.js');
    const s = nb.START_POSN;
    const runs: [string, number, GradPath][] = [
      ['gradient descent, alpha 0.08', 200, nb.gradDescent(s, 200, 0.08)],
      ['gradient descent, alpha 1.0', 40, nb.gradDescent(s, 40, 1.0)],
      ['normalized gradients, alpha 0.08', 40, nb.normalizedGradients(s, 40, 0.08)],
      ...[0.02, 0.05, 0.1].map((a): [string, number, GradPath] => [
        `Adam, alpha ${a}`,
        60,
        nb.adam(s, 60, a),
      ]),
      ['Adam without bias correction, alpha 0.05', 60, nb.adamWithoutBiasCorrection(s, 60, 0.05)],
    ];
    const lanes = runs.map(([method, steps, p]) => {
      const final = [p[0][steps]!, p[1][steps]!];
      return { method, steps, final, loss: nb.loss(final[0]!, final[1]!) };
    });
    ctx.log(lanes.map((l) => `${l.method}: ${l.loss.toExponential(2)}`).join('; '));
    return { lanes };
  },
  render(r) {
    return [
      'from (-0.7, -0.9); the minimum is (0.7, 0), loss 0',
      ...r.lanes.map(
        (l) =>
          `  ${l.method.padEnd(42)} ${String(l.steps).padStart(3)} steps  at (${l.final.map((v) => v.toFixed(3)).join(', ')})  loss ${l.loss.toExponential(2)}`,
      ),
    ];
  },
});
