/**
 * The gradient-descent variants' figures: optimizer paths on the seed's pathological-curvature
 * surface (UDL brown colormap).
 */
import { minimize, OPTIMIZER_NAMES, pathological, surfaceGrid } from '@gradkit/optimizers';
import { type Figure, lossContour } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'gd-variants': () => {
    // SGD and momentum at the seed's lr 10, Adam at lr 1, 100 updates from (5, 5).
    const s = pathological;
    const trajectories = (['sgd', 'momentum', 'adam'] as const).map((name) => ({
      name,
      points: minimize(s, [...s.init], { optimizer: name, lr: name === 'adam' ? 1 : s.lr, steps: 100 })
        .params,
    }));
    return lossContour({ ...surfaceGrid(s, 70), trajectories, xLabel: 'w1', yLabel: 'w2', title: s.title });
  },
  'optimizers-all': () => {
    // The seed's six optimizers, 60 updates from (5, 5): SGD, momentum and Nesterov at lr 10, the
    // adaptive ones (Adagrad, RMSprop, Adam) at lr 0.5.
    const s = pathological;
    const trajectories = OPTIMIZER_NAMES.filter((n) => n !== 'adamw' && n !== 'gd').map((name) => ({
      name,
      points: minimize(s, [...s.init], {
        optimizer: name,
        lr: name === 'adam' || name === 'adagrad' || name === 'rmsprop' ? 0.5 : s.lr,
        steps: 60,
      }).params,
    }));
    return lossContour({ ...surfaceGrid(s, 60), trajectories, xLabel: 'w1', yLabel: 'w2' });
  },
};
