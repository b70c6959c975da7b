/**
 * `gradkit demo` section of Notebook 9.3: the notebook pays "four times as much training time" for
 * its gain; change the number of models and look again — the error of the single fit, the best,
 * average and worst members, and the median and mean ensembles for 1, 2, 4, 8, 16 and 32 bootstrap
 * models (np.random.seed(1), the notebook's 15 points; the first four models are the notebook's).
 */
import { defineSection } from '../../src/types.js';
import { ensemble, meanSqError, Y_FUNC } from './notebook.js';

interface EnsemblingDemo {
  single: number;
  rows: { nModel: number; best: number; average: number; worst: number; median: number; mean: number }[];
}

export const section = defineSection<EnsemblingDemo>({
  title: 'Notebook 9.3: ensembles of bootstrap models',
  run(ctx) {
    const yFunc = [...Y_FUNC];
    let single = 0;
    const rows = [1, 2, 4, 8, 16, 32].map((nModel) => {
      ctx.log(`${nModel} bootstrap models`);
      const e = ensemble(nModel);
      single = meanSqError(e.y_model, yFunc);
      const errors = e.all_y_model.map((y) => meanSqError(y, yFunc));
      return {
        nModel,
        best: Math.min(...errors),
        average: errors.reduce((a, b) => a + b, 0) / errors.length,
        worst: Math.max(...errors),
        median: meanSqError(e.y_model_median, yFunc),
        mean: meanSqError(e.y_model_mean, yFunc),
      };
    });
    return { single, rows };
  },
  render(r) {
    const f = (v: number) => v.toFixed(3).padStart(7);
    return [
      `one model on all 15 points: mean square error ${r.single.toFixed(3)}`,
      ' models   best average  worst median   mean',
      ...r.rows.map(
        (row) =>
          `${String(row.nModel).padStart(7)}${f(row.best)}${f(row.average).padStart(8)}${f(row.worst)}${f(row.median)}${f(row.mean)}`,
      ),
    ];
  },
});
