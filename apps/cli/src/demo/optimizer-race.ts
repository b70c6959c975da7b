/**
 * Gradient-descent variants (dl4cv-gradient-descent-variants seed): the seed's six optimizers (SGD,
 * momentum 0.9, Nesterov, Adagrad, RMSprop with α = 0.1, Adam) race on its two loss surfaces with
 * its learning rates (pathological curve: start (5, 5), lr 10; steep optima: start (0, 0),
 * lr 0.05), 100 updates each, with `torch.optim`'s update rules from @gradkit/optimizers.
 */
import type { MinimizeOptions, OptimizerName } from '@gradkit/optimizers';
import { defineSection } from './types.js';

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

/** The seed's six runners. */
const RUNNERS: { optimizer: OptimizerName; options: MinimizeOptions }[] = [
  { optimizer: 'sgd', options: {} },
  { optimizer: 'momentum', options: { momentum: 0.9 } },
  { optimizer: 'nesterov', options: { momentum: 0.9 } },
  { optimizer: 'adagrad', options: {} },
  { optimizer: 'rmsprop', options: { alpha: 0.1 } },
  { optimizer: 'adam', options: {} },
];

export const optimizerRace = defineSection<OptimizerRaceResult>({
  id: 'optimizer-race',
  title: 'Gradient-descent variants: an optimizer race',
  lesson: 'dl4cv-gradient-descent-variants',
  async run(ctx) {
    const { minimize, SURFACES } = await import('@gradkit/optimizers');
    const steps = 100;
    const surfaces = (['pathological', 'steep'] as const).map((name) => {
      const surface = SURFACES[name];
      const lanes = RUNNERS.map(({ optimizer, options }) => {
        const t = minimize(surface, [...surface.init], { ...options, optimizer, lr: surface.lr, steps });
        return {
          optimizer,
          lastPoint: t.points[t.points.length - 1]!,
          final: t.final,
          finalLoss: surface.loss(t.final),
        };
      });
      ctx.log(`${name}: ${lanes.map((l) => `${l.optimizer} ${l.finalLoss.toFixed(3)}`).join(', ')}`);
      return {
        surface: name,
        init: [...surface.init],
        lr: surface.lr,
        startLoss: surface.loss([...surface.init]),
        lanes,
      };
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
