import {
  computeLoss,
  descend,
  gradientDescentStepFixedLearningRate,
  LINE_DATA,
  lineGradient,
  lineModel,
  lineObjective,
} from '@gradkit/optimizers';

// Notebook 6.2's gradient check: the analytic gradient of the sum of squares at φ = (0.6, −0.2)
// against forward differences with δ = 1e-4.
const phi = [0.6, -0.2];
const L = (p: number[]) => computeLoss(LINE_DATA, lineModel, p);
console.log(`loss ${L(phi).toFixed(3)} (correct: 12.367)`);
const [g0, g1] = lineGradient(LINE_DATA, phi);
const delta = 1e-4;
const est0 = (L([phi[0]! + delta, phi[1]!]) - L(phi)) / delta;
const est1 = (L([phi[0]!, phi[1]! + delta]) - L(phi)) / delta;
console.log(
  `gradient (${g0.toFixed(3)}, ${g1.toFixed(3)}), finite differences (${est0.toFixed(3)}, ${est1.toFixed(3)})`,
);

// Gradient descent with a fixed step instead of a line search: too small crawls, too large diverges.
// (The notebook's line search reaches 0.213 in 10 steps.)
for (const alpha of [0.001, 0.01, 0.06]) {
  const path = descend([1.6, -0.5], 10, (p) => gradientDescentStepFixedLearningRate(p, lineObjective, alpha));
  console.log(`alpha ${alpha}: loss after 10 steps ${L(path.at(-1)!).toFixed(3)}`);
}
