/**
 * Notebook 6.2's figures: `draw_model` (the data and the fitted line at a few iterations) and
 * `draw_loss_function` (the loss over intercept and slope with the descent path).
 */
import { arange } from '@gradkit/core';
import { computeLoss, LINE_DATA, lineModel } from '@gradkit/optimizers';
import { type Figure, functionPlot, lossContour } from '@gradkit/plot';
import { descent } from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'gradient-descent-6-2-fits': () => {
    // draw_model(data, model, phi_all[:, i]) at the start and after 1 and 10 steps, on x in [0, 2).
    const path = descent(10);
    const x = arange(0, 2, 0.01).toList() as number[];
    const at = (i: number) => x.map((v) => lineModel(path[i]!, v));
    return functionPlot({
      x,
      series: [
        { name: 'start', y: at(0), color: '#e377c2' },
        { name: 'step 1', y: at(1), color: '#9467bd' },
        { name: 'step 10', y: at(10), color: '#1f77b4' },
      ],
      points: LINE_DATA.x.map((v, i) => ({ x: v, y: LINE_DATA.y[i]! })),
      xLabel: 'x',
      yLabel: 'y',
      xDomain: [0, 2],
      yDomain: [0, 2],
      title: 'The line after 0, 1 and 10 steps of gradient descent',
    });
  },
  'gradient-descent-6-2-contour': () => {
    // draw_loss_function(compute_loss, data, model, phi_all): intercepts np.arange(0, 2, 0.02) as
    // in the notebook, slopes every 0.02 over [-1, 1) (the notebook samples every 0.002).
    const x = arange(0, 2, 0.02).toList() as number[];
    const y = arange(-1, 1, 0.02).toList() as number[];
    const values = y.flatMap((s) => x.map((b) => computeLoss(LINE_DATA, lineModel, [b, s])));
    const path = descent(10);
    return lossContour({
      x,
      y,
      values,
      trajectories: [{ name: 'gradient descent + line search', points: path }],
      xLabel: 'intercept φ0',
      yLabel: 'slope φ1',
      reverseY: true,
      title: 'Sum-of-squares loss of the line model',
    });
  },
};
