/**
 * Notebook 6.5's figures, one per `draw_function` call as in the notebook: gradient descent with
 * α = 0.08 and α = 1.0, normalized gradients, Adam, and Adam without the bias correction of
 * eq. 6.16.
 */
import { surfaceGrid } from '@gradkit/optimizers';
import { type Figure, lossContour } from '@gradkit/plot';
import {
  adam,
  adamSurface,
  adamWithoutBiasCorrection,
  type GradPath,
  gradDescent,
  normalizedGradients,
  START_POSN,
} from './notebook.js';

const contour = (title: string, label: string, p: GradPath): Figure =>
  lossContour({
    // the notebook's window, widened to the right where Adam swings past φ0 = 1; the path's name
    // in the top-left corner, which every path leaves free (at its last iterate it sat on the path)
    ...surfaceGrid({ loss: adamSurface.loss, xRange: [-1, 1.2], yRange: [-1, 1] }, 100),
    trajectories: [{ name: label, points: p[0].map((x, i) => [x, p[1][i]!]) }],
    xLabel: 'φ0',
    yLabel: 'φ1',
    title,
    lineLevels: 20,
    legend: 'top-left',
  });

export const figures: Record<string, () => Figure> = {
  'adam-gd-small-step': () =>
    contour('Gradient descent, 200 steps of α = 0.08', 'α = 0.08', gradDescent(START_POSN, 200, 0.08)),
  'adam-gd-large-step': () =>
    contour('Gradient descent, 40 steps of α = 1.0', 'α = 1.0', gradDescent(START_POSN, 40, 1.0)),
  'adam-normalized-gradients': () =>
    contour(
      'Normalized gradients, 40 steps of α = 0.08',
      'normalized',
      normalizedGradients(START_POSN, 40, 0.08),
    ),
  'adam-adam': () => contour('Adam, 60 steps of α = 0.05', 'Adam', adam(START_POSN, 60, 0.05)),
  'adam-no-bias-correction': () =>
    contour(
      'Adam without bias correction, 60 steps of α = 0.05',
      'raw',
      adamWithoutBiasCorrection(START_POSN, 60, 0.05),
    ),
};
