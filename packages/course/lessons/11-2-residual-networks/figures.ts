/**
 * Notebook 11.2's figures: its plot (train and validation error per epoch of the residual network,
 * titled with the final values, 100 epochs, RandomState(1)), and the last TODO, the validation and
 * training error of the same network with and without the residual connections (same seed, so the
 * same initial draws and shuffles). Both runs are the lesson's code, recorded in `recorded-run.ts`
 * by `record-run.ts` (a minute of training the page does not repeat in the reader's browser).
 */
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { pyFormat } from '../../src/pyformat.js';
import { SETTINGS } from './notebook.js';
import { RECORDED_RUN } from './recorded-run.js';

type History = { trainError: number; valError: number }[];
/** A recorded run as per-epoch records. */
function history(run: { trainError: readonly number[]; valError: readonly number[] }): History {
  return run.trainError.map((trainError, i) => ({ trainError, valError: run.valError[i]! }));
}
function train(residual: boolean): History {
  return history(residual ? RECORDED_RUN.residual : RECORDED_RUN.plain);
}

const epochs = (h: History) => h.map((_, i) => i);

export const figures: Record<string, () => Figure> = {
  'residual-networks-error': () => {
    const h = train(true);
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
  'residual-networks-comparison': () => {
    const [res, plain] = [train(true), train(false)];
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
