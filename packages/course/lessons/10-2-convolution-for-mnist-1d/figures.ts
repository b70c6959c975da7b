/**
 * Notebook 10.2's plot (book figure 10.8a): the training and validation error per epoch of the
 * figure 10.7 network, titled with the final validation error, from the notebook's run (100
 * epochs, RandomState(1)).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { pyFormat } from '../../src/pyformat.js';
import { mnist1dData } from '../coursework-ii/notebook.js';
import { makeTrainer, SETTINGS } from './notebook.js';

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Promise<Figure>> = {
  'convolution-for-mnist-1d-errors': async () => {
    const h = await makeTrainer(mnist1dData(), SETTINGS.epochs).fit();
    return functionPlotWithLegend({
      x: h.map((_, i) => i),
      series: [
        { name: 'train', y: h.map((r) => r.trainError), color: '#d62728' },
        { name: 'validation', y: h.map((r) => r.valError), color: '#1f77b4' },
      ],
      xLabel: 'Epoch',
      yLabel: 'Error',
      xDomain: [0, SETTINGS.epochs],
      yDomain: [0, 100],
      legend: 'top-right',
      title: pyFormat('Part I: Validation Result %3.2f', h.at(-1)?.valError ?? Number.NaN),
    });
  },
};
