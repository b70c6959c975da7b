/** Training II's figure: the least-squares loss of the line model and a gradient-descent path on it. */
import { line, minimize, surfaceGrid } from '@gradkit/optimizers';
import { type Figure, lossContour } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'training-ii-contour': () => {
    // The notebook's loss surface over intercept [0, 2] and slope [-1, 1] (`line`, on its 12
    // points), with 40 fixed steps of gradient descent (lr 0.01) from the notebook's start (1.6, −0.5).
    const t = minimize(line, [...line.init], { optimizer: 'gd', lr: 0.01, steps: 40 });
    return lossContour({
      ...surfaceGrid(line, 60),
      trajectories: [{ name: 'gradient descent', points: t.params }],
      xLabel: 'intercept φ0',
      yLabel: 'slope φ1',
      reverseY: true,
      title: 'Least-squares loss of the line model',
    });
  },
};
