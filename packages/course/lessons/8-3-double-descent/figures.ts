/**
 * Notebook 8.3's figure: training and test error against the number of hidden units, with the
 * width whose weights equal the 4000 training examples marked (the notebook's green dashed line).
 * Drawn from the committed run (`full-run.ts`, written by
 * `packages/course/scripts/double-descent-full-run.ts`; its epochs are in the title), as the
 * notebook's sweep takes too long to run while a page loads.
 */
import { type Figure, functionPlot } from '@gradkit/plot';
import { FULL_RUN } from './full-run.js';
import type { DoubleDescentRun } from './notebook.js';

/** The double-descent plot of a sweep (`errors_train_all`, `errors_test_all` against `hidden_variables`). */
export function doubleDescentFigure(run: DoubleDescentRun): Figure {
  const at = run.hiddenVariableAtNumTrainingExamples;
  const i = run.hiddenVariables.indexOf(at);
  return functionPlot({
    x: run.hiddenVariables,
    series: [
      // the notebook stores the errors in integer arrays (np.zeros_like(hidden_variables)): truncated
      { name: 'train', y: run.errorsTrain.map(Math.trunc), color: '#d62728' },
      { name: 'test', y: run.errorsTest.map(Math.trunc), color: '#1f77b4' },
    ],
    // unlabelled: a label centred on the point ran over the y axis and both curves; the page's
    // caption names the band and the point (N(weights) = N(train))
    points: [{ x: at, y: Math.trunc(run.errorsTest[i] ?? 0) }],
    shade: [at, run.hiddenVariables[i + 1] ?? at],
    xLabel: 'No. hidden variables',
    yLabel: 'Error (%)',
    yDomain: [0, 100],
    title: `Double descent on MNIST-1D, 15% label noise (${run.nEpoch} epochs)`,
  });
}

export const figures: Record<string, () => Figure> = {
  'double-descent': () => doubleDescentFigure(FULL_RUN),
};
