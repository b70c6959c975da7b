import { RandomState } from '@gradkit/core';
import {
  computeLoss,
  descend,
  GABOR_DATA,
  gaborGradient,
  gaborModel,
  stochasticGradientDescentStep,
} from '@gradkit/optimizers';

// Minibatch SGD on the Gabor model (Notebook 6.3's third run): 41 steps from (3.5, 6.5), α = 0.8,
// batches of 5 of the 30 points drawn by np.random.permutation after np.random.seed(1).
const L = (phi: readonly number[]) => computeLoss(GABOR_DATA, gaborModel, phi);
for (const batchSize of [5, 15, 30]) {
  const rng = new RandomState(1);
  const path = descend([3.5, 6.5], 41, (phi) =>
    stochasticGradientDescentStep(phi, GABOR_DATA, gaborGradient, 0.8, batchSize, rng),
  );
  const end = path.at(-1)!;
  console.log(
    `batch ${String(batchSize).padStart(2)}: ends at (${end.map((v) => v.toFixed(2)).join(', ')}), loss ${L(end).toFixed(3)}`,
  );
}
