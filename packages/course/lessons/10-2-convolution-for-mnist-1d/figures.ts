/**
 * Notebook 10.2's plot (book figure 10.8a): the training and validation error per epoch of the
 * figure 10.7 network, titled with the final validation error, from the notebook's run (100
 * epochs, RandomState(1)) of the lesson's code, recorded in `recorded-run.ts` by `record-run.ts`.
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { pyFormat } from '../../src/pyformat.js';
import { SETTINGS } from './notebook.js';
import { RECORDED_RUN } from './recorded-run.js';

/** The figures by name (`<PlotFigure name="…">`). */
export const figures: Record<string, () => Figure> = {
  'convolution-for-mnist-1d-errors': () => {
    const h = RECORDED_RUN.trainError.map((trainError, i) => ({
      trainError,
      valError: RECORDED_RUN.valError[i]!,
    }));
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
