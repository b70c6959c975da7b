/**
 * `gradkit demo` section of Notebook 9.1: the notebook's "experiment with different values of the
 * regularization weight lambda_" — where 41 steps of gradient descent from (2.6, 8.5) end, and the
 * unregularized loss there, for λ from 0 to 1.
 */
import { descend, gaborObjective, gradientDescentStepFixedLearningRate } from '@gradkit/optimizers';
import { defineSection } from '../../src/types.js';
import { regularizedObjective, START } from './notebook.js';

interface L2Demo {
  runs: { lambda: number; phi: number[]; loss: number; regLoss: number }[];
}

export const section = defineSection<L2Demo>({
  title: 'Notebook 9.1: the regularization weight λ',
  run() {
    const runs = [0, 0.01, 0.05, 0.2, 1.0].map((lambda) => {
      const o = regularizedObjective(lambda);
      const phi = descend(START, 41, (p) => gradientDescentStepFixedLearningRate(p, o, 0.1)).at(-1)!;
      return { lambda, phi, loss: gaborObjective.loss(phi), regLoss: o.loss(phi) };
    });
    return { runs };
  },
  render(r) {
    return [
      '41 steps of alpha = 0.1 from (2.6, 8.5) on L + λ(φ0² + (φ1 − 12.5)²):',
      "  lambda      phi0     phi1   loss L   loss L'",
      ...r.runs.map(
        (x) =>
          `  ${x.lambda.toFixed(2).padStart(6)} ${x.phi[0]!.toFixed(3).padStart(9)} ${x.phi[1]!.toFixed(3).padStart(8)} ${x.loss.toFixed(4).padStart(8)} ${x.regLoss.toFixed(4).padStart(8)}`,
      ),
    ];
  },
});
