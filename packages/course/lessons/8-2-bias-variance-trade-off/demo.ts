/**
 * `gradkit demo` section of Notebook 8.2: the notebook's "experiment with the number of data points
 * and hidden variables" — bias and variance for 1–12 hidden units with 15 and with 60 points.
 */
import { defineSection } from '../../src/types.js';
import { biasVarianceCurves } from './notebook.js';

interface BiasVarianceDemo {
  runs: { nData: number; hidden: number[]; bias: number[]; variance: number[] }[];
}

export const section = defineSection<BiasVarianceDemo>({
  title: 'Notebook 8.2: bias and variance against capacity',
  run(ctx) {
    const runs = [15, 60].map((nData) => {
      ctx.log(`100 data sets of ${nData} points, 1..12 hidden units`);
      return { nData, ...biasVarianceCurves(nData) };
    });
    return { runs };
  },
  render(r) {
    const f = (v: number) => v.toFixed(4).padStart(8);
    return r.runs.flatMap((run) => [
      `${run.nData} data points (σ = 0.3, 100 data sets):`,
      '  hidden     bias variance      sum',
      ...run.hidden.map(
        (h, i) =>
          `  ${String(h).padStart(6)} ${f(run.bias[i]!)} ${f(run.variance[i]!)} ${f(run.bias[i]! + run.variance[i]!)}`,
      ),
      '',
    ]);
  },
});
