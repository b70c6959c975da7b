/**
 * Notebook 6.3's section of `gradkit demo`: the experiments its TODOs ask for — start the line
 * search descent in other places (it heads to the local minimum of the valley it starts in), and
 * SGD with and without a learning-rate schedule (α reduced by β = 0.5 every M = 10 steps).
 */
import { defineSection } from '../../src/types.js';

/** Numbers of the section. */
export interface SgdResult {
  starts: { start: number[]; end: number[]; loss: number }[];
  schedules: { name: string; end: number[]; loss: number }[];
}

export const section = defineSection<SgdResult>({
  title: 'Stochastic gradient descent on the Gabor model (UDL 6.3)',
  async run() {
    const { RandomState } = await import('@gradkit/core');
    const { computeLoss, descend, GABOR_DATA, gaborModel } = await import('@gradkit/optimizers');
    const nb = await import('./notebook.js');
    const L = (p: readonly number[]) => computeLoss(GABOR_DATA, gaborModel, p);
    const starts = [
      [-1.5, 8.5],
      [3.5, 6.5],
      [-5, 15],
      [5, 18],
    ].map((start) => {
      const end = descend(start, 21, (p) => nb.gradientDescentStep(p, GABOR_DATA, gaborModel)).at(-1)!;
      return { start, end, loss: L(end) };
    });
    const schedules = [
      { name: 'constant α = 0.8', beta: 1 },
      { name: 'α = 0.8 · 0.5^⌊t/10⌋', beta: 0.5 },
    ].map(({ name, beta }) => {
      const rng = new RandomState(1);
      const end = descend([3.5, 6.5], 41, (p, t) =>
        nb.stochasticGradientDescentStep(p, GABOR_DATA, nb.scheduledLearningRate(0.8, beta, 10, t), 5, rng),
      ).at(-1)!;
      return { name, end, loss: L(end) };
    });
    return { starts, schedules };
  },
  render(r) {
    const f = (p: number[]) => `(${p.map((v) => v.toFixed(2)).join(', ')})`;
    return [
      'Gradient descent with line search, 21 steps, from different starts:',
      ...r.starts.map((s) => `  from ${f(s.start)} to ${f(s.end)}, loss ${s.loss.toFixed(3)}`),
      'SGD (batch 5, np.random.seed(1)), 41 steps from (3.5, 6.5):',
      ...r.schedules.map((s) => `  ${s.name}: ends at ${f(s.end)}, loss ${s.loss.toFixed(3)}`),
    ];
  },
});
