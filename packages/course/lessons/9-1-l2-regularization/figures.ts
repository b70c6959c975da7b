/**
 * Notebook 9.1's figures (book figure 9.1): the Gabor loss with the unregularized descent, the
 * regularization term, the regularized loss (λ = 0.2) with its descent, and the two fitted models.
 */
import {
  descend,
  GABOR_DATA,
  gaborModel,
  gaborObjective,
  gradientDescentStepFixedLearningRate,
  type Objective,
} from '@gradkit/optimizers';
import { type Figure, functionPlot, lossContour } from '@gradkit/plot';
import { computeRegTerm, lossGrid, regularizedObjective, START } from './notebook.js';

/** The notebook's 41 steps of α = 0.1 from (2.6, 8.5). */
const path = (o: Objective) => descend(START, 41, (p) => gradientDescentStepFixedLearningRate(p, o, 0.1));

/** `f` on the notebook's window at a step of 0.2 (100 × 100), row-major [frequency, offset]. */
function surface(f: (phi0: number, phi1: number) => number) {
  const { offsets, freqs } = lossGrid(0.2);
  return { x: offsets, y: freqs, values: freqs.flatMap((p1) => offsets.map((p0) => f(p0, p1))) };
}

const labels = { xLabel: 'Offset φ0', yLabel: 'Frequency φ1' };

/** The notebook's `draw_model`: the Gabor model on [-15, 15) at `phi` over the 30 data points. */
function drawModel(phi: number[], title: string): Figure {
  const x = Array.from({ length: 300 }, (_, i) => -15 + 0.1 * i);
  return functionPlot({
    x,
    series: [{ name: 'model', y: x.map((v) => gaborModel(phi, v)), color: '#c2185b' }],
    points: GABOR_DATA.x.map((v, i) => ({ x: v, y: GABOR_DATA.y[i]! })),
    xLabel: 'x',
    yLabel: 'y',
    xDomain: [-15, 15],
    yDomain: [-1, 1],
    title,
  });
}

export const figures: Record<string, () => Figure> = {
  'l2-loss-descent': () =>
    lossContour({
      ...surface((p0, p1) => gaborObjective.loss([p0, p1])),
      trajectories: [{ name: 'gradient descent', points: path(gaborObjective) as [number, number][] }],
      ...labels,
      title: 'Sum of squares: a local minimum',
    }),
  'l2-reg-term': () =>
    lossContour({
      ...surface(computeRegTerm),
      ...labels,
      title: 'Regularization term φ0² + (φ1 − 12.5)²',
    }),
  'l2-reg-loss-descent': () => {
    const reg = regularizedObjective(0.2);
    return lossContour({
      ...surface((p0, p1) => reg.loss([p0, p1])),
      trajectories: [{ name: 'gradient descent', points: path(reg) as [number, number][] }],
      ...labels,
      title: 'Regularized loss (λ = 0.2): the global minimum',
    });
  },
  'l2-model-local': () =>
    drawModel(path(gaborObjective).at(-1)!, 'Iteration 41, no penalty: a local minimum'),
  'l2-model-global': () =>
    drawModel(path(regularizedObjective(0.2)).at(-1)!, 'Iteration 41, λ = 0.2: the global minimum'),
};
