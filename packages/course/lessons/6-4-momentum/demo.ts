/**
 * Notebook 6.4's section of `gradkit demo`: the notebook's three descents (81 minibatch steps of
 * 5, α = 0.6, np.random.seed(1)) with the momentum weight β swept over 0, 0.3, 0.6 (the notebook's
 * value) and 0.9 — the value the notebook invites changing. β = 0 is plain SGD.
 */
import { defineSection } from '../../src/types.js';

/** One run: the method, β and the loss after 81 steps. */
export interface MomentumLane {
  method: 'momentum' | 'nesterov';
  beta: number;
  loss: number;
  final: number[];
}

export const section = defineSection<{ sgd: number; lanes: MomentumLane[] }>({
  title: 'Momentum: changing β on the Gabor model',
  async run(ctx) {
    const { descent, gaborLoss } = await import('./notebook.js');
    const last = (p: number[][]) => p[p.length - 1]!;
    const sgd = gaborLoss(last(descent('sgd').path));
    const lanes: MomentumLane[] = [];
    for (const method of ['momentum', 'nesterov'] as const)
      for (const beta of [0.3, 0.6, 0.9]) {
        const final = last(descent(method, 81, { beta }).path);
        lanes.push({ method, beta, loss: gaborLoss(final), final });
      }
    ctx.log(
      `SGD ${sgd.toFixed(3)}; ${lanes.map((l) => `${l.method} β=${l.beta} ${l.loss.toFixed(3)}`).join(', ')}`,
    );
    return { sgd, lanes };
  },
  render(r) {
    return [
      `81 steps from (-1.5, 6.5), batch 5, alpha 0.6: SGD ends at loss ${r.sgd.toFixed(4)}`,
      ...r.lanes.map(
        (l) =>
          `  ${l.method.padEnd(8)} beta ${l.beta.toFixed(1)}  loss ${l.loss.toFixed(4).padStart(8)}   at (${l.final.map((v) => v.toFixed(3)).join(', ')})`,
      ),
    ];
  },
});
