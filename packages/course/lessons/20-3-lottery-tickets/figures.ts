/**
 * Notebook 20.3's two plots: the test loss and the test error (%) after retraining at each
 * sparsity, with the dense network's value dashed. They come from the prune-and-retrain cycle at a
 * tenth of the notebook's settings (10 sparsities, 151 steps each; `gradkit run
 * 20-3-lottery-tickets --scale 0.1`) run by the lesson's code and recorded in `recorded-run.ts` by
 * `record-run.ts`: the notebook's full run (100 × 1502 steps) takes about an hour, the tenth a
 * minute. A legend in the top-left corner, as the notebook's `ax.legend()`.
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { RECORDED_RUN } from './recorded-run.js';

function run() {
  return RECORDED_RUN;
}

export const figures: Record<string, () => Figure> = {
  'lottery-tickets-loss': () => {
    const c = run();
    return functionPlotWithLegend({
      x: c.sparsitySchedule,
      series: [
        { name: 'pruned', y: c.testLosses, color: '#d62728' },
        { name: 'dense', y: c.sparsitySchedule.map(() => c.testLosses[0]!), color: '#000000', dash: '5,3' },
      ],
      xLabel: 'Sparsity',
      yLabel: 'Loss',
      xDomain: [0, 1],
      legend: 'top-left',
    });
  },
  'lottery-tickets-error': () => {
    const c = run();
    return functionPlotWithLegend({
      x: c.sparsitySchedule,
      series: [
        { name: 'pruned', y: c.testAccs.map((a) => 100 - a), color: '#d62728' },
        {
          name: 'dense',
          y: c.sparsitySchedule.map(() => 100 - c.testAccs[0]!),
          color: '#000000',
          dash: '5,3',
        },
      ],
      xLabel: 'Sparsity',
      yLabel: 'Percent Error',
      xDomain: [0, 1],
      yDomain: [0, 100],
      legend: 'top-left',
    });
  },
};
