/**
 * Notebook 8.1's two plots (book figure 8.2a): error and loss per epoch on the training and test
 * sets, titled with the final values, from the notebook's run (50 epochs, RandomState(1)).
 */
import { type Figure, functionPlot } from '@gradkit/plot';
import { pyFormat } from '../../src/pyformat.js';
import { mnist1dData } from '../coursework-ii/notebook.js';
import { makeTrainer, SETTINGS } from './notebook.js';

let history:
  | Promise<{ trainLoss: number; trainError: number; valLoss: number; valError: number }[]>
  | undefined;
/** The notebook's 50 epochs, trained once for both figures. */
function train() {
  history ??= makeTrainer(mnist1dData(), SETTINGS.epochs).fit();
  return history;
}

export const figures: Record<string, () => Promise<Figure>> = {
  'mnist1d-performance-error': async () => {
    const h = await train();
    const last = h.at(-1)!;
    return functionPlot({
      x: h.map((_, i) => i),
      series: [
        { name: 'train', y: h.map((r) => r.trainError), color: '#d62728' },
        { name: 'test', y: h.map((r) => r.valError), color: '#1f77b4' },
      ],
      xLabel: 'Epoch',
      yLabel: 'Error (%)',
      xDomain: [0, SETTINGS.epochs],
      yDomain: [0, 100],
      title: pyFormat('TrainError %3.2f, Test Error %3.2f', last.trainError, last.valError),
    });
  },
  'mnist1d-performance-loss': async () => {
    const h = await train();
    const last = h.at(-1)!;
    return functionPlot({
      x: h.map((_, i) => i),
      series: [
        { name: 'train', y: h.map((r) => r.trainLoss), color: '#d62728' },
        { name: 'test', y: h.map((r) => r.valLoss), color: '#1f77b4' },
      ],
      xLabel: 'Epoch',
      yLabel: 'Loss',
      xDomain: [0, SETTINGS.epochs],
      title: pyFormat('Train loss %3.2f, Test loss %3.2f', last.trainLoss, last.valLoss),
    });
  },
};
