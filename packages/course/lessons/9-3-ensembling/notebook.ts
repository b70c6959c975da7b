/**
 * UDL Notebook 9.3: Ensembling (`udlbook/9_3_Ensembling.md`, book section 9.3), the notebook
 * translated to library calls. The chapter-8 toy problem (its data generator, true function and
 * network come from `8-2-bias-variance-trade-off`, one copy): 15 noisy points around
 * `exp(sin(2π x))`, fitted in closed form by a network of 14 ReLUs with fixed joints. The
 * notebook's fit is ridge-like, `(AᵀA + 10⁻⁵ I')⁻¹Aᵀy` with the bias unpenalised
 * (`fitModelClosedForm`, `@gradkit/core`'s `inv`/`matmul`), so it stays defined when a bootstrap
 * resample repeats points. The TODOs: draw bootstrap indices with replacement
 * (`np.random.choice(n_data, n_data, replace=True)`, `RandomState.choice` here, continuing the
 * notebook's stream), then the median (`@gradkit/core`'s `median`) and the mean of the four models'
 * predictions.
 *
 * ```ts
 * import * as en from '@gradkit/course/lessons/9-3-ensembling/notebook';
 * const e = en.ensemble(); // seed 1: the data, the four bootstrap models, their median and mean
 * en.meanSqError(e.y_model_mean, en.Y_FUNC); // 0.018, below every single model's error
 * ```
 */
import { inv, linspace, matmul, mean, median, RandomState, tensor, transpose } from '@gradkit/core';
import { npSum } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import {
  generateToyData,
  type ToyModel,
  toyNetwork,
  trueFunction,
} from '../8-2-bias-variance-trade-off/notebook.js';

export {
  generateToyData,
  type ToyModel,
  toyNetwork,
  trueFunction,
} from '../8-2-bias-variance-trade-off/notebook.js';

/** The notebook's `x_model = np.linspace(0, 1, 100)` (also its `x_func`). */
export const X_MODEL: readonly number[] = Object.freeze(linspace(0, 1.0, 100).toList() as number[]);

/** The notebook's `y_func = true_function(x_func)`. */
export const Y_FUNC: readonly number[] = Object.freeze(X_MODEL.map(trueFunction));

/** The notebook's noise level `sigma_func`, number of points `n_data`, hidden units and models. */
export const SIGMA_FUNC = 0.3;
export const N_DATA = 15;
export const N_HIDDEN = 14;
export const N_MODEL = 4;

/** The notebook's `reg_value`: the tiny ridge on the slopes that keeps `AᵀA` invertible. */
export const REG_VALUE = 0.00001;

/**
 * The notebook's `fit_model_closed_form(x, y, n_hidden)`: the design matrix
 * `A[i] = [1, ReLU(x_i − 0/n), …, ReLU(x_i − (n−1)/n)]`, then
 * `[β, ω] = (AᵀA + R)⁻¹ Aᵀ y` with `R = 10⁻⁵ · I` except `R[0, 0] = 0` (the bias is not
 * penalised), computed as the notebook does: `inv`, then two matrix products.
 */
export function fitModelClosedForm(x: readonly number[], y: readonly number[], nHidden: number): ToyModel {
  const A = tensor(
    x.map((xi) => [1, ...Array.from({ length: nHidden }, (_, j) => Math.max(xi - j / nHidden, 0))]),
  );
  const At = transpose(A);
  const reg = Array.from({ length: nHidden + 1 }, (_, i) =>
    Array.from({ length: nHidden + 1 }, (_, j) => (i === j && i > 0 ? REG_VALUE : 0)),
  );
  const ATA = matmul(At, A).add(tensor(reg));
  const betaOmega = matmul(matmul(inv(ATA), At), tensor([...y]));
  const sol = Array.from(betaOmega.data as Float64Array);
  return { beta: sol[0]!, omega: sol.slice(1) };
}

/** `np.mean((a - b) * (a - b))` (numpy's pairwise sum). */
export function meanSqError(a: readonly number[], b: readonly number[]): number {
  return npSum(a.map((v, i) => (v - b[i]!) * (v - b[i]!))) / a.length;
}

/**
 * The first TODO: a bootstrap resample of the data, `n` indices drawn uniformly with replacement
 * (`np.random.choice(n_data, n_data, replace=True)`) from `rng`, then the points at those indices.
 */
export function resampleData(
  xData: readonly number[],
  yData: readonly number[],
  rng: RandomState,
): { indices: number[]; x: number[]; y: number[] } {
  const n = xData.length;
  const indices = rng.choice(n, { size: n, replace: true }).toList() as number[];
  return { indices, x: indices.map((i) => xData[i]!), y: indices.map((i) => yData[i]!) };
}

/** The second TODO: the median of the models' predictions at each input, `np.median(all_y_model, axis=0)`. */
export function ensembleMedian(allYModel: readonly (readonly number[])[]): number[] {
  return median(tensor(allYModel.map((r) => [...r])), { axis: 0 }).toList() as number[];
}

/** The third TODO: the mean of the models' predictions at each input, `np.mean(all_y_model, axis=0)`. */
export function ensembleMean(allYModel: readonly (readonly number[])[]): number[] {
  return mean(tensor(allYModel.map((r) => [...r])), { axis: 0 }).toList() as number[];
}

/** Everything the notebook computes, for the figures, the demo and the tests. */
export interface Ensemble {
  x_data: number[];
  y_data: number[];
  single: ToyModel;
  y_model: number[];
  indices: number[][];
  models: ToyModel[];
  all_y_model: number[][];
  y_model_median: number[];
  y_model_mean: number[];
}

/**
 * The notebook from `np.random.seed(seed)`: 15 points, the fit to all of them, `nModel` models fitted
 * to bootstrap resamples drawn from the same stream, and their median and mean.
 */
export function ensemble(nModel = N_MODEL, seed = 1, nData = N_DATA): Ensemble {
  const rng = new RandomState(seed);
  const [x_data, y_data] = generateToyData(rng, nData, SIGMA_FUNC);
  const single = fitModelClosedForm(x_data, y_data, N_HIDDEN);
  const y_model = toyNetwork(X_MODEL, single.beta, single.omega);
  const indices: number[][] = [];
  const models: ToyModel[] = [];
  const all_y_model: number[][] = [];
  for (let c = 0; c < nModel; c++) {
    const r = resampleData(x_data, y_data, rng);
    const m = fitModelClosedForm(r.x, r.y, N_HIDDEN);
    indices.push(r.indices);
    models.push(m);
    all_y_model.push(toyNetwork(X_MODEL, m.beta, m.omega));
  }
  return {
    x_data,
    y_data,
    single,
    y_model,
    indices,
    models,
    all_y_model,
    y_model_median: ensembleMedian(all_y_model),
    y_model_mean: ensembleMean(all_y_model),
  };
}

/**
 * The notebook, top to bottom: `np.random.seed(1)`, the true function, 15 points (seed 1 again),
 * the closed-form fit with 14 hidden units and its mean square error against the true curve; four
 * models fitted to bootstrap resamples (the TODO, from the same stream) with their errors; the
 * median and the mean of the four (the TODOs) with theirs.
 */
export function run(nb: Notebook): void {
  const x_func = linspace(0, 1.0, 100);
  const y_func = [...Y_FUNC];
  nb.setAll({ x_func, y_func });

  const sigma_func = SIGMA_FUNC;
  const n_data = N_DATA;
  const e = ensemble(N_MODEL, 1, n_data);
  nb.setAll({ sigma_func, n_data, x_data: e.x_data, y_data: e.y_data });

  // Closed form solution with 14 hidden units
  let mean_sq_error = meanSqError(e.y_model, y_func);
  nb.setAll({ x_model: x_func, y_model: e.y_model });
  nb.show('mean_sq_error', mean_sq_error);
  nb.print(pyFormat('Mean square error = %3.3f', mean_sq_error));

  // Four models fitted to bootstrap resamples (the TODO: np.random.choice with replacement)
  const n_model = N_MODEL;
  nb.set('n_model', n_model);
  for (let c_model = 0; c_model < n_model; c_model++) {
    const resampled_indices = e.indices[c_model]!;
    const { beta, omega } = e.models[c_model]!;
    const y_model_resampled = e.all_y_model[c_model]!;
    nb.set('c_model', c_model);
    nb.show('resampled_indices', resampled_indices, { loop: true });
    nb.setAll({
      x_data_resampled: resampled_indices.map((i) => e.x_data[i]!),
      y_data_resampled: resampled_indices.map((i) => e.y_data[i]!),
      beta,
      omega,
      y_model_resampled,
    });
    mean_sq_error = meanSqError(y_model_resampled, y_func);
    nb.show('mean_sq_error', mean_sq_error, { loop: true });
    nb.print(pyFormat('Mean square error = %3.3f', mean_sq_error));
  }
  nb.set('all_y_model', e.all_y_model);

  // The median of the four models (TODO)
  const y_model_median = e.y_model_median;
  nb.set('y_model_median', y_model_median);
  mean_sq_error = meanSqError(y_model_median, y_func);
  nb.show('mean_sq_error', mean_sq_error);
  nb.print(pyFormat('Mean square error = %3.3f', mean_sq_error));

  // The mean of the four models (TODO)
  const y_model_mean = e.y_model_mean;
  nb.set('y_model_mean', y_model_mean);
  mean_sq_error = meanSqError(y_model_mean, y_func);
  nb.show('mean_sq_error', mean_sq_error);
  nb.print(pyFormat('Mean square error = %3.3f', mean_sq_error));
}
