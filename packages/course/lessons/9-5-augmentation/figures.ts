/**
 * Notebook 9.5's figures: an MNIST-1D signal with augmented copies of it (a random circular shift
 * and a gain from U(0.8, 1.2)), and the notebook's last plot — train and test error per epoch
 * without augmentation and the test error with it (50 epochs each, the notebook's seeds), drawn
 * from the run of the lesson's code recorded in ./recorded-run.ts (./record-run.ts writes it).
 */
import { RandomState, tensor } from '@gradkit/core';
import { augmentSignals } from '@gradkit/datasets';
import { type Figure, functionPlotWithLegend } from '@gradkit/plot';
import { pyFormat } from '../../src/pyformat.js';
import { notebookData, SETTINGS } from './notebook.js';
import { RECORDED_RUN } from './recorded-run.js';

export const figures: Record<string, () => Figure | Promise<Figure>> = {
  'augmentation-examples': () => {
    const d = notebookData();
    const x0 = Array.from(d.x.data.subarray(0, 40));
    // two augmented copies of data['x'][0], drawn as the notebook's augment draws (np.random.seed(1))
    const copies = augmentSignals(
      tensor([x0], { dtype: 'float64' }),
      tensor([d.y.data[0]!]),
      2,
      new RandomState(1),
      { indices: [0, 0] },
    );
    const row = (i: number) => Array.from(copies.x.data.subarray(i * 40, (i + 1) * 40));
    return functionPlotWithLegend({
      x: Array.from({ length: 40 }, (_, i) => i),
      series: [
        { name: `original (label ${d.y.data[0]})`, y: row(0), color: '#000000' },
        { name: 'augmented 1', y: row(1), color: '#d62728' },
        { name: 'augmented 2', y: row(2), color: '#2ca02c' },
      ],
      xLabel: 'Position',
      yLabel: 'Signal',
      xDomain: [0, 39],
      yDomain: [-2.2, 3.2],
      legend: 'top-right',
      title: "data['x'][0] and two augmented copies",
    });
  },
  'augmentation-errors': () => {
    const r = RECORDED_RUN;
    return functionPlotWithLegend({
      x: r.errorsTrain.map((_, i) => i),
      series: [
        { name: 'train', y: r.errorsTrain, color: '#d62728' },
        { name: 'test', y: r.errorsTest, color: '#1f77b4' },
        { name: 'test (augmented)', y: r.errorsTestAug, color: '#2ca02c' },
      ],
      xLabel: 'Epoch',
      yLabel: 'Error (%)',
      xDomain: [0, SETTINGS.epochs],
      yDomain: [0, 100],
      title: pyFormat(
        'TrainError %3.2f, Test Error %3.2f',
        r.errorsTrainAug.at(-1)!,
        r.errorsTestAug.at(-1)!,
      ),
    });
  },
};
