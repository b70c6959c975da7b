/**
 * Notebook 20.1's last plot (book figure 20.1): the training loss per epoch for the true data,
 * Gaussian-noise inputs and permuted labels, from the notebook's run (60 epochs each).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { type RandomDataRun, randomDataRun, SETTINGS } from './notebook.js';

let result: Promise<RandomDataRun> | undefined;

export const figures: Record<string, () => Promise<Figure>> = {
  'random-data-losses': async () => {
    result ??= randomDataRun(SETTINGS.epochs);
    const r = await result;
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
