/**
 * Notebook 6.3's figures: `draw_loss_function` (the Gabor model's loss over offset and frequency
 * with the notebook's three descents) and `draw_model` (the data and the model the line search ends at).
 */
import { arange } from '@gradkit/core';
import { computeLoss, descend, GABOR_DATA, gaborModel } from '@gradkit/optimizers';
import { type Figure, lossContour, regressionPlot } from '@gradkit/plot';
import { runs } from './notebook.js';

export const figures: Record<string, () => Figure> = {
  'sgd-6-3-contour': () => {
    // The notebook's window, offsets [-10, 10) and frequencies [2.5, 22.5), sampled every 0.2
    // (the notebook every 0.1), with 20 contour lines as its draw_loss_function.
    const x = arange(-10, 10, 0.2).toList() as number[];
    const y = arange(2.5, 22.5, 0.2).toList() as number[];
    const values = y.flatMap((f) => x.map((o) => computeLoss(GABOR_DATA, gaborModel, [o, f])));
    return lossContour({
      x,
      y,
      values,
      lineLevels: 20,
      trajectories: runs().map((r) => ({ name: r.name, points: descend(r.start, r.nSteps, r.step) })),
      xLabel: 'offset φ0',
      yLabel: 'frequency φ1',
      title: 'Sum-of-squares loss of the Gabor model',
      // the paths' names in a corner: at their last iterates they sat on the other paths
      legend: 'top-left',
    });
  },
  'sgd-6-3-fits': () => {
    // draw_model(data, model, phi_all[:, 21]) after the line-search run, on np.arange(-15, 15, 0.1).
    const r = runs()[0]!;
    const phi = descend(r.start, r.nSteps, r.step).at(-1)!;
    const xModel = arange(-15, 15, 0.1).toList() as number[];
    return regressionPlot({
      xModel,
      yModel: xModel.map((v) => gaborModel(phi, v)),
      xData: GABOR_DATA.x,
      yData: GABOR_DATA.y,
      xDomain: [-15, 15],
      yDomain: [-1, 1],
      title: `After 21 steps of line search: φ = (${phi[0]!.toFixed(2)}, ${phi[1]!.toFixed(2)})`,
    });
  },
};
