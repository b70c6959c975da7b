/**
 * `gradkit demo` section of Notebook 9.4: the notebook's closing experiments — the posterior
 * predictive with 3, 5 and 10 hidden units and with a prior variance of 1000 and of 1: its mean
 * squared gap to the true function and its average standard deviation, near the data and beyond.
 */
import { defineSection } from '../../src/types.js';
import { notebookData, predictive, trueFunction, X_MODEL } from './notebook.js';

interface BayesianDemo {
  runs: { nHidden: number; sigmaPSq: number; gap: number; meanStd: number; maxStd: number }[];
}

export const section = defineSection<BayesianDemo>({
  title: 'Notebook 9.4: the posterior predictive against hidden units and prior variance',
  run(ctx) {
    const { x_data, y_data } = notebookData();
    const runs = [];
    for (const sigmaPSq of [1000, 1])
      for (const nHidden of [3, 5, 10]) {
        ctx.log(`${nHidden} hidden units, prior variance ${sigmaPSq}`);
        const { yModel, yModelStd } = predictive(x_data, y_data, 0.09, sigmaPSq, nHidden);
        const gap = yModel.reduce((a, y, i) => a + (y - trueFunction(X_MODEL[i]!)) ** 2, 0) / yModel.length;
        const meanStd = yModelStd.reduce((a, s) => a + s, 0) / yModelStd.length;
        runs.push({ nHidden, sigmaPSq, gap, meanStd, maxStd: Math.max(...yModelStd) });
      }
    return { runs };
  },
  render(r) {
    const f = (v: number) => v.toFixed(4).padStart(9);
    return [
      '15 points, noise σ² = 0.09; predictive at 100 inputs in [0, 1]',
      '  hidden  prior σp²  mean (ŷ−f)²  mean std  max std',
      ...r.runs.map(
        (run) =>
          `  ${String(run.nHidden).padStart(6)} ${String(run.sigmaPSq).padStart(10)} ${f(run.gap).padStart(12)} ${f(run.meanStd)} ${f(run.maxStd)}`,
      ),
    ];
  },
});
