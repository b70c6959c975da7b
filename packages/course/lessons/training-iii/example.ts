import { RandomState } from '@gradkit/core';
import {
  descend,
  GABOR_DATA,
  gaborGradient,
  gaborObjective,
  gradientDescentStep,
  stochasticGradientDescentStep,
} from '@gradkit/optimizers';

// Full-batch gradient descent with line search against minibatch SGD on the Gabor model.
// (The notebook's runs: 21 line-search steps from (−1.5, 8.5); 41 SGD steps from (3.5, 6.5).)
const gd = descend([-1.5, 8.5], 21, (phi) => gradientDescentStep(phi, gaborObjective));
const rng = new RandomState(1); // np.random.seed(1)
const sgd = descend([3.5, 6.5], 41, (phi) =>
  stochasticGradientDescentStep(phi, GABOR_DATA, gaborGradient, 0.8, 5, rng),
);
console.log(
  'GD  final loss',
  gaborObjective.loss(gd.at(-1)!).toFixed(3),
  'at',
  gd.at(-1)!.map((v) => v.toFixed(2)),
);
console.log(
  'SGD final loss',
  gaborObjective.loss(sgd.at(-1)!).toFixed(3),
  'at',
  sgd.at(-1)!.map((v) => v.toFixed(2)),
);
