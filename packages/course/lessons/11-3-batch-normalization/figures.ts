/**
 * The notebook's printed statistics as a plot (book figure 11.6b–c): the variance of the hidden
 * units over the first batch at initialization, at the input, the first preactivation and after
 * each of the five residual connections, for the network without and with batch normalization
 * (the notebook's run: RandomState(1)).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { Notebook } from '../../src/notebook.js';
import { run } from './notebook.js';

let variances: Promise<{ plain: number[]; bn: number[] }> | undefined;
/** The notebook's two runs, once for the figure: `neuron_variance` as printed, seven per network. */
function study() {
  variances ??= (async () => {
    const nb = new Notebook();
    await run(nb);
    const all = nb.result().values['neuron_variance#all'] as number[];
    return { plain: all.slice(0, 7), bn: all.slice(7, 14) };
  })();
  return variances;
}

export const figures: Record<string, () => Promise<Figure>> = {
  'batch-normalization-variance': async () => {
    const { plain, bn } = await study();
    const x = plain.map((_, i) => i);
    return functionPlotWithLegend({
      x,
      series: [
        { name: 'without batch norm', y: plain, color: '#d62728' },
        { name: 'with batch norm', y: bn, color: '#1f77b4' },
      ],
      legend: 'top-left',
      xLabel: 'Point (0 input, 1 first preactivation, 2–6 after residual 1–5)',
      yLabel: 'Variance of the hidden units',
      xDomain: [0, 6],
      yDomain: [0, Math.ceil(Math.max(...plain) / 5) * 5],
      title: 'Variance through the residual network at initialization',
    });
  },
};
