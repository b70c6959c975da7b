/**
 * Notebook 6.4's figures: each of its three 81-step descents on the Gabor loss (its
 * `draw_loss_function(compute_loss, data, model, phi_all)`, one plot per run as in the notebook)
 * and the model after the momentum run (its `draw_model`).
 */
import { GABOR_DATA, gaborModel, surfaceGrid } from '@gradkit/optimizers';
import { type Figure, functionPlot, lossContour } from '@gradkit/plot';
import { descent, gaborLoss, type Method } from './notebook.js';

const TITLE: Record<Method, string> = {
  sgd: 'Minibatch SGD',
  momentum: 'Momentum (eq. 6.11)',
  nesterov: 'Nesterov momentum (eq. 6.12)',
};
const LABEL: Record<Method, string> = { sgd: 'SGD', momentum: 'momentum', nesterov: 'Nesterov' };

function pathFigure(method: Method): Figure {
  const { path } = descent(method);
  const end = gaborLoss(path[path.length - 1]!);
  return lossContour({
    ...surfaceGrid({ loss: gaborLoss, xRange: [-10, 10], yRange: [2.5, 22.5] }, 80),
    trajectories: [{ name: LABEL[method], points: path }],
    xLabel: 'offset φ0',
    yLabel: 'frequency φ1',
    title: `${TITLE[method]}: loss ${gaborLoss(path[0]!).toFixed(3)} → ${end.toFixed(3)}`,
    lineLevels: 20,
  });
}

export const figures: Record<string, () => Figure> = {
  'momentum-sgd': () => pathFigure('sgd'),
  'momentum-momentum': () => pathFigure('momentum'),
  'momentum-nesterov': () => pathFigure('nesterov'),
  'momentum-fit': () => {
    const { path } = descent('momentum');
    const phi = path[path.length - 1]!;
    const x = Array.from({ length: 300 }, (_, i) => -15 + 0.1 * i);
    return functionPlot({
      x,
      series: [{ name: 'model', y: x.map((v) => gaborModel(phi, v)) }],
      points: GABOR_DATA.x.map((xi, i) => ({ x: xi, y: GABOR_DATA.y[i]! })),
      xLabel: 'x',
      yLabel: 'y',
      xDomain: [-15, 15],
      yDomain: [-1, 1],
      title: `Momentum, iteration 81: loss = ${gaborLoss(phi).toFixed(6)}`,
    });
  },
};
