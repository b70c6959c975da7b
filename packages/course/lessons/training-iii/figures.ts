/** Training III's figure: the Gabor model's loss with the notebook's line-search and SGD descents. */
import { RandomState } from '@gradkit/core';
import {
  descend,
  GABOR_DATA,
  gabor,
  gaborGradient,
  gaborObjective,
  gradientDescentStep,
  stochasticGradientDescentStep,
  surfaceGrid,
} from '@gradkit/optimizers';
import { type Figure, lossContour } from '@gradkit/plot';

export const figures: Record<string, () => Figure> = {
  'training-iii-gabor': () => {
    // The non-convex Gabor loss and the notebook's two runs: 21 steps of gradient descent with
    // line search from (−1.5, 8.5) and 41 steps of minibatch SGD (batch 5, α = 0.8,
    // np.random.seed(1)) from (3.5, 6.5).
    const gd = descend([-1.5, 8.5], 21, (phi) => gradientDescentStep(phi, gaborObjective));
    const rng = new RandomState(1);
    const sgd = descend([3.5, 6.5], 41, (phi) =>
      stochasticGradientDescentStep(phi, GABOR_DATA, gaborGradient, 0.8, 5, rng),
    );
    return lossContour({
      ...surfaceGrid(gabor, 70),
      trajectories: [
        { name: 'gradient descent + line search', points: gd },
        { name: 'SGD, batch 5, α = 0.8', points: sgd },
      ],
      xLabel: 'offset φ0',
      yLabel: 'frequency φ1',
      title: gabor.title,
    });
  },
};
