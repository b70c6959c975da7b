import {
  descend,
  gaborObjective,
  gradientDescentStepFixedLearningRate,
  withL2Regularization,
} from '@gradkit/optimizers';

// UDL notebook 9.1: fixed-step gradient descent on the Gabor model's sum of squares, without and
// with an L2 penalty pulling (φ0, φ1) towards the prior guess (0, 12.5).
const start = [2.6, 8.5];
for (const lambda of [0, 0.2]) {
  const objective = withL2Regularization(gaborObjective, lambda, [0, 12.5]);
  const path = descend(start, 41, (phi) => gradientDescentStepFixedLearningRate(phi, objective, 0.1));
  const end = path.at(-1)!;
  console.log(
    `lambda ${lambda}: ends at (${end.map((v) => v.toFixed(3)).join(', ')}), ` +
      `sum of squares ${gaborObjective.loss(end).toFixed(3)}, regularized loss ${objective.loss(end).toFixed(3)}`,
  );
}
