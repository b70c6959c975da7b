/**
 * Notebook 20.1's last plot (book figure 20.1): the training loss per epoch for the true data,
 * Gaussian-noise inputs and permuted labels, from the notebook's run (60 epochs each) of the
 * lesson's code, recorded in `recorded-run.ts` by `record-run.ts` (a minute of training that the
 * page does not repeat in the reader's browser).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { SETTINGS } from './notebook.js';
import { RECORDED_RUN as r } from './recorded-run.js';

export const figures: Record<string, () => Figure> = {
  'random-data-losses': () => {
    const x = Array.from(r.lossTrueLabels, (_, i) => i);
    return functionPlotWithLegend({
      x,
      series: [
        { name: 'true_labels', y: Array.from(r.lossTrueLabels), color: '#d62728' },
        { name: 'random_data', y: Array.from(r.lossRandomizedData), color: '#1f77b4' },
        { name: 'random_labels', y: Array.from(r.lossPermutedLabels), color: '#2ca02c' },
      ],
      xLabel: 'Epoch',
      yLabel: 'Loss',
      xDomain: [0, SETTINGS.epochs],
      legend: 'top-right',
    });
  },
};
