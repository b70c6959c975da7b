/**
 * Notebook 18.2's given code (not its TODOs), written with library calls only so that the grader
 * can rebuild the function arguments of the exercises inside its sandbox; `notebook.ts` uses the
 * same code (one copy): the notebook's `NonParametricModel`, "a very hacky non-parametric model
 * (basically a lookup table)" that learns the mean step from `z_t` to `z_{t-1}` in 600 bins of
 * width 0.01 on [-3, 3], and a seeded `RandomState` for the sampling exercise.
 */
import { arange, binnedStatistic, RandomState, ValueError } from '@gradkit/core';

/**
 * The notebook's `NonParametricModel`: `train(zt, ztMinus1)` clips both to ±3 and stores, for each
 * bin of `np.arange(-3, 3.01, 0.01)`, the sum of the steps `z_{t-1} − z_t` of the pairs whose
 * `z_t` falls in it divided by their count plus one (`scipy.stats.binned_statistic`'s `'sum'` and
 * `'count'`; the +1 shrinks bins with few pairs towards no step); `predict(zt)` adds the step of
 * the bin `⌊(z_t + 3) / 0.01⌋` (clipped to the table) to `z_t`.
 */
export class NonParametricModel {
  readonly inc = 0.01;
  readonly maxVal = 3.0;
  /** The table: one mean step per bin (600 after training; empty before). */
  model: Float64Array = new Float64Array(0);

  /** Learn the table from pairs (`zt[i]`, `ztMinus1[i]`). */
  train(zt: ArrayLike<number>, ztMinus1: ArrayLike<number>): void {
    if (zt.length !== ztMinus1.length)
      throw new ValueError(
        'NonParametricModel.train',
        `zt and zt_minus1 must pair up: received ${zt.length} and ${ztMinus1.length} values`,
      );
    const n = zt.length;
    const m = this.maxVal;
    const z = new Float64Array(n);
    const step = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = Math.min(Math.max(zt[i]!, -m), m);
      const b = Math.min(Math.max(ztMinus1[i]!, -m), m);
      z[i] = a;
      step[i] = b - a;
    }
    const bins = arange(-m, m + this.inc, this.inc);
    const numerator = binnedStatistic(z, step, { statistic: 'sum', bins }).statistic.data;
    const denominator = binnedStatistic(z, step, { statistic: 'count', bins }).statistic.data;
    this.model = Float64Array.from(numerator, (s, k) => s / (denominator[k]! + 1));
  }

  /** `z_t + model[⌊(z_t + 3) / 0.01⌋]`, the bin index clipped to the table. */
  predict(zt: ArrayLike<number>): Float64Array {
    const last = this.model.length - 1;
    if (last < 0)
      throw new ValueError('NonParametricModel.predict', 'the model is not trained yet; call train first');
    const out = new Float64Array(zt.length);
    for (let i = 0; i < zt.length; i++) {
      const z = zt[i]!;
      const k = Math.min(Math.max(Math.floor((z + this.maxVal) / this.inc), 0), last);
      out[i] = z + this.model[k]!;
    }
    return out;
  }
}

/** Models with the given tables (each the `model` of a trained `NonParametricModel`). */
export function nonParametricModels(tables: readonly (readonly number[])[]): NonParametricModel[] {
  return tables.map((table) => {
    const m = new NonParametricModel();
    m.model = Float64Array.from(table);
    return m;
  });
}

/** numpy's `np.random.seed(seed)`: a fresh generator for the sampling exercise. */
export function randomState(seed: number): RandomState {
  return new RandomState(seed);
}
