/**
 * The gradient-descent-variants section of `gradkit demo` (formerly `--only optimizer-race`): the
 * seed's six optimizers (SGD, momentum 0.9, Nesterov, Adagrad, RMSprop with α = 0.1, Adam) race on
 * its two loss surfaces with its learning rates (pathological curve: start (5, 5), lr 10; steep
 * optima: start (0, 0), lr 0.05), 100 updates each, with `torch.optim`'s update rules from
 * @gradkit/optimizers.
 */
import type { OptimizerName } from '@gradkit/optimizers';
import { defineSection } from '../../src/types.js';

/** One optimizer's run on one surface. */
export interface RaceLane {
  optimizer: OptimizerName;
  /** The seed's last `train_curve` point `[w1, w2, loss]` (the state before update 100). */
  lastPoint: number[];
  /** Position after the last update. */
  final: number[];
  /** Loss after the last update. */
  finalLoss: number;
}

/** Numbers of the optimizer-race section. */
export interface OptimizerRaceResult {
  steps: number;
  surfaces: { surface: string; init: number[]; lr: number; startLoss: number; lanes: RaceLane[] }[];
}

/** The optimizer race: each surface's six lanes ranked by their final loss. */
export const section = defineSection<OptimizerRaceResult>({
  title: 'Gradient-descent variants: an optimizer race',
  aliases: ['optimizer-race'],
  async run(ctx) {
    const { EXPERIMENTS, seedOptimizers, trainCurve } = await import('./notebook.js');
    const steps = 100;
    const surfaces = EXPERIMENTS.map(({ surface, init, lr }) => {
      const lanes = seedOptimizers(lr).map(({ name, make }) => {
        const t = trainCurve(make, surface, steps, init);
        return {
          optimizer: name,
          lastPoint: t.points[t.points.length - 1]!,
          final: t.final,
          finalLoss: surface.loss(t.final),
        };
      });
      ctx.log(`${surface.name}: ${lanes.map((l) => `${l.optimizer} ${l.finalLoss.toFixed(3)}`).join(', ')}`);
      return { surface: surface.name, init: [...init], lr, startLoss: surface.loss([...init]), lanes };
    });
    return { steps, surfaces };
  },
  render(r) {
    const lines: string[] = [];
    for (const s of r.surfaces) {
      lines.push(
        `${s.surface}: start (${s.init.join(', ')}), loss ${s.startLoss.toFixed(4)}, lr ${s.lr}, ${r.steps} updates`,
      );
      const ranked = [...s.lanes].sort((a, b) => a.finalLoss - b.finalLoss);
      ranked.forEach((l, i) => {
        const [w1, w2] = l.final;
        lines.push(
          `  ${i + 1}. ${l.optimizer.padEnd(9)} loss ${l.finalLoss.toFixed(4).padStart(8)}   at (${w1!.toFixed(3)}, ${w2!.toFixed(3)})`,
        );
      });
    }
    return lines;
  },
});
