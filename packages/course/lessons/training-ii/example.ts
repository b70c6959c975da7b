import { descend, gradientDescentStep, LINE_DATA, lineGradient, lineObjective } from '@gradkit/optimizers';

// The analytic gradient against a finite difference, then 10 steps of gradient descent.
const phi = [1.6, -0.5];
const delta = 1e-4;
const fd0 = (lineObjective.loss([phi[0]! + delta, phi[1]!]) - lineObjective.loss(phi)) / delta;
console.log(
  '∂L/∂φ0 analytic',
  lineGradient(LINE_DATA, phi)[0].toFixed(3),
  'finite difference',
  fd0.toFixed(3),
);
const path = descend(phi, 10, (p) => gradientDescentStep(p, lineObjective));
console.log('loss:', path.map((p) => lineObjective.loss(p).toFixed(2)).join(' → '));
