import { TRAINING_II_DATA } from '@gradkit/datasets';
import { computeLoss, lineModel } from '@gradkit/optimizers';

// Notebook 2.1's twelve points and the least-squares loss of three lines through them (UDL eq. 2.5).
const [x, y] = TRAINING_II_DATA;
const data = { x: x!, y: y! };
for (const [phi0, phi1] of [
  [0.4, 0.2], // figure 2.2b
  [1.6, -0.8], // figure 2.2c
  [0.826, 0.522], // the fitted line, figure 2.2d
]) {
  const loss = computeLoss(data, lineModel, [phi0!, phi1!]);
  console.log(`phi0 = ${phi0}, phi1 = ${phi1}: loss ${loss.toFixed(2)}`); // 7.07, 10.28, 0.20
}
