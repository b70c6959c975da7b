/**
 * Notebook 11.2's figures: its plot (train and validation error per epoch of the residual network,
 * titled with the final values, 100 epochs, RandomState(1)), and the last TODO, the validation and
 * training error of the same network with and without the residual connections (same seed, so the
 * same initial draws and shuffles).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { pyFormat } from '../../src/pyformat.js';
import { makeTrainer, mnist1dData, SETTINGS } from './notebook.js';

type History = { trainError: number; valError: number }[];
const runs = new Map<boolean, Promise<History>>();
/** The notebook's 100 epochs, trained once per variant for both figures. */
function train(residual: boolean): Promise<History> {
  let h = runs.get(residual);
  if (!h) {
    h = makeTrainer(mnist1dData(), SETTINGS.epochs, { residual }).fit();
    runs.set(residual, h);
  }
  return h;
}

const epochs = (h: History) => h.map((_, i) => i);

export const figures: Record<string, () => Promise<Figure>> = {
  'residual-networks-error': async () => {
    const h = await train(true);
    const last = h.at(-1)!;
    return functionPlotWithLegend({
      x: epochs(h),
      series: [
        { name: 'train', y: h.map((r) => r.trainError), color: '#d62728' },
        { name: 'test', y: h.map((r) => r.valError), color: '#1f77b4' },
      ],
      xLabel: 'Epoch',
      yLabel: 'Error',
      xDomain: [0, SETTINGS.epochs],
      yDomain: [0, 100],
      legend: 'top-right',
      title: pyFormat('TrainError %3.2f, Val Error %3.2f', last.trainError, last.valError),
    });
  },
  'residual-networks-comparison': async () => {
    const [res, plain] = await Promise.all([train(true), train(false)]);
    return functionPlotWithLegend({
      x: epochs(res),
      series: [
        { name: 'residual, validation', y: res.map((r) => r.valError), color: '#1f77b4' },
        { name: 'plain, validation', y: plain.map((r) => r.valError), color: '#ff7f0e' },
        { name: 'residual, train', y: res.map((r) => r.trainError), color: '#1f77b4', dash: '5,3' },
        { name: 'plain, train', y: plain.map((r) => r.trainError), color: '#ff7f0e', dash: '5,3' },
      ],
      xLabel: 'Epoch',
      yLabel: 'Error (%)',
      xDomain: [0, SETTINGS.epochs],
      yDomain: [0, 100],
      legend: 'top-right',
      title: pyFormat('Val error: residual %3.2f, plain %3.2f', res.at(-1)!.valError, plain.at(-1)!.valError),
    });
  },
};
