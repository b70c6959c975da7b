/**
 * Notebook 2.1's figures: the data with the line of figure 2.2b (φ0 = 0.4, φ1 = 0.2), of figure
 * 2.2c (φ0 = 1.60, φ1 = −0.8) and the fitted line (figure 2.2d), and the loss surface `all_losses`
 * over the notebook's 100 × 100 grid with the coordinate-descent path from (1.60, −0.8) to the
 * fitted line (the notebook's red dot), slopes drawn downwards as the notebook's `set_ylim([1, -1])`.
 */
import { arange } from '@gradkit/core';
import { type Figure, lossContour, regressionPlot } from '@gradkit/plot';
import { allLosses, computeLoss, coordinateDescent, f, lossGrid, X, Y } from './notebook.js';

const line = (phi0: number, phi1: number, title: string): Figure => {
  const x = arange(0, 2, 0.01);
  return regressionPlot({
    xModel: x.toList(),
    yModel: f(x, phi0, phi1).toList(),
    xData: X,
    yData: Y,
    xDomain: [0, 2],
    yDomain: [0, 2],
    title: `${title}: φ0 = ${phi0.toFixed(2)}, φ1 = ${phi1.toFixed(2)}, loss ${computeLoss(X, Y, phi0, phi1).toFixed(2)}`,
  });
};

export const figures: Record<string, () => Figure> = {
  'supervised-data-2-2b': () => line(0.4, 0.2, 'Figure 2.2b'),
  'supervised-data-2-2c': () => line(1.6, -0.8, 'Figure 2.2c'),
  'supervised-fit': () => {
    const [phi0, phi1] = coordinateDescent(X, Y, 1.6, -0.8).at(-1)!;
    return line(phi0, phi1, 'Fitted (figure 2.2d)');
  },
  'supervised-loss-surface': () => {
    const [phi0Mesh, phi1Mesh] = lossGrid();
    const path = coordinateDescent(X, Y, 1.6, -0.8);
    // the path as the notebook's hand-made moves: along φ0 first, then along φ1, each sweep
    const moves: [number, number][] = [path[0]!];
    for (let k = 1; k < path.length; k++) moves.push([path[k]![0], path[k - 1]![1]], path[k]!);
    return lossContour({
      x: arange(0.0, 2.0, 0.02).toList(),
      y: arange(-1.0, 1.0, 0.02).toList(),
      values: allLosses(phi0Mesh, phi1Mesh).toList(),
      fillLevels: 256,
      lineLevels: 40,
      xLabel: 'Intercept, φ0',
      yLabel: 'Slope, φ1',
      reverseY: true,
      // the first move overshoots to φ0 = 2.08, past the grid's last column (1.98): drawn at the edge
      trajectories: [
        {
          name: 'coordinate descent',
          points: moves.slice(0, 41).map(([a, b]) => [Math.min(a, 1.99), b] as [number, number]),
          color: '#d62728',
        },
      ],
    });
  },
};
