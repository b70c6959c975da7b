/**
 * UDL Notebook 8.2: Bias-Variance Trade-Off (`udlbook/8_2_Bias_Variance_Trade_Off.md`, book
 * section 8.2, figures 8.4–8.9), the notebook translated to library calls. The chapter-8 toy model
 * (`harness.ts`, shared with the grader): 15 points around `exp(sin(2π x))` with noise σ = 0.3, and
 * a shallow network of `n_hidden` ReLUs with fixed joints fitted in closed form by least squares
 * (`@gradkit/core`'s `lstsq`, numpy's `np.linalg.lstsq`). The TODOs: refit the model on 100 fresh
 * data sets to get the mean and standard deviation of its predictions (`getModelMeanVariance`),
 * then the bias (mean squared gap between the mean model and the true function) and the variance
 * (mean of the predictions' variance) for 1–12 hidden units (`estimateBiasVariance`, UDL eq. 8.7).
 *
 * ```ts
 * import { RandomState } from '@gradkit/core';
 * import * as bv from '@gradkit/course/lessons/8-2-bias-variance-trade-off/notebook';
 * const rng = new RandomState(1);
 * const [meanModel, stdModel] = bv.getModelMeanVariance(rng, 15, 100, 5, 0.3);
 * bv.estimateBiasVariance(meanModel, stdModel, bv.X_MODEL.map(bv.trueFunction)); // { bias, variance }
 * ```
 */
import { linspace, RandomState, tensor } from '@gradkit/core';
import { npSum } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { fitToyModel, generateToyData, type ToyModel, toyNetwork, trueFunction } from './harness.js';

export { fitToyModel, generateToyData, type ToyModel, toyNetwork, trueFunction } from './harness.js';

/** The notebook's `x_model = np.linspace(0, 1, 100)` (also `x_func`). */
export const X_MODEL: readonly number[] = Object.freeze(linspace(0, 1.0, 100).toList() as number[]);

/**
 * The notebook's `get_model_mean_variance(n_data, n_datasets, n_hidden, sigma_func)` with its
 * TODOs done: for each of `nDatasets` data sets, draw `nData` points (`generate_data`), fit the
 * model in closed form (`fit_model_closed_form`) and run it on `x_model`; then the mean and the
 * standard deviation (numpy's `np.std`, divisor N) of the predictions at each x, over the data sets
 * (summed data set by data set, as numpy reduces along axis 0).
 */
export function getModelMeanVariance(
  rng: RandomState,
  nData: number,
  nDatasets: number,
  nHidden: number,
  sigmaFunc: number,
  xModel: readonly number[] = X_MODEL,
): [number[], number[]] {
  const all: number[][] = [];
  for (let c = 0; c < nDatasets; c++) {
    const [x, y] = generateToyData(rng, nData, sigmaFunc);
    const { beta, omega } = fitToyModel(x, y, nHidden);
    all.push(toyNetwork(xModel, beta, omega));
  }
  return meanStdAxis0(all);
}

/** numpy's `np.mean(a, axis=0)` and `np.std(a, axis=0)` of the rows `a` (row-by-row sums). */
export function meanStdAxis0(rows: readonly (readonly number[])[]): [number[], number[]] {
  const n = rows.length;
  const m = rows[0]?.length ?? 0;
  const mean = new Array<number>(m).fill(0);
  for (const r of rows) for (let j = 0; j < m; j++) mean[j]! += r[j];
  for (let j = 0; j < m; j++) mean[j]! /= n;
  const std = new Array<number>(m).fill(0);
  for (const r of rows)
    for (let j = 0; j < m; j++) {
      const d = r[j]! - mean[j]!;
      std[j]! += d * d;
    }
  for (let j = 0; j < m; j++) std[j] = Math.sqrt(std[j]! / n);
  return [mean, std];
}

/**
 * The last TODO, UDL eq. 8.7 averaged over x: the variance is the mean over x of the model's
 * variance `std_model²` (spread of the fitted models around their mean), the bias the mean over x of
 * `(mean_model − y_func)²` (squared gap between the mean fitted model and the true function).
 * Means as numpy's `np.mean` (pairwise sums).
 */
export function estimateBiasVariance(
  meanModel: readonly number[],
  stdModel: readonly number[],
  yFunc: readonly number[],
): { bias: number; variance: number } {
  const variance = npSum(stdModel.map((s) => s * s)) / stdModel.length;
  const bias = npSum(meanModel.map((m, i) => (m - yFunc[i]!) * (m - yFunc[i]!))) / meanModel.length;
  return { bias, variance };
}

/** The bias and variance curves for 1..`maxHidden` hidden units (the notebook's last cell), seed 1. */
export function biasVarianceCurves(
  nData = 15,
  nDatasets = 100,
  sigmaFunc = 0.3,
  maxHidden = 12,
  seed = 1,
): { hidden: number[]; bias: number[]; variance: number[] } {
  const rng = new RandomState(seed);
  const yFunc = X_MODEL.map(trueFunction);
  const hidden = Array.from({ length: maxHidden }, (_, i) => i + 1);
  const bias: number[] = [];
  const variance: number[] = [];
  for (const h of hidden) {
    const [meanModel, stdModel] = getModelMeanVariance(rng, nData, nDatasets, h, sigmaFunc);
    const r = estimateBiasVariance(meanModel, stdModel, yFunc);
    bias.push(r.bias);
    variance.push(r.variance);
  }
  return { hidden, bias, variance };
}

/** The first data set and its closed-form fit with 3 hidden units (the notebook's second figure). */
export function firstFit(): { x_data: number[]; y_data: number[]; fit: ToyModel } {
  const rng = new RandomState(1);
  const [x_data, y_data] = generateToyData(rng, 15, 0.3);
  return { x_data, y_data, fit: fitToyModel(x_data, y_data, 3) };
}

/**
 * The notebook, top to bottom: the true function and 15 noisy points (seed 1), the closed-form fit
 * with 3 hidden units, the mean and standard deviation of 100 fits with 5 hidden units (seed 1), and
 * the bias and variance for 1–12 hidden units (seed 1). It prints nothing.
 */
export function run(nb: Notebook): void {
  const x_func = linspace(0, 1.0, 100);
  const y_func = tensor(X_MODEL.map(trueFunction));
  nb.setAll({ x_func, y_func });

  // np.random.seed(1); 15 points with sigma_func = 0.3
  let rng = new RandomState(1);
  let sigma_func = 0.3;
  let n_data = 15;
  const [x_data, y_data] = generateToyData(rng, n_data, sigma_func);
  nb.setAll({ sigma_func, n_data, x_data: tensor(x_data), y_data: tensor(y_data) });

  // Closed form solution with 3 hidden units, run on x_model
  const { beta, omega } = fitToyModel(x_data, y_data, 3);
  const x_model = linspace(0, 1, 100);
  nb.setAll({ beta, omega: tensor(omega), x_model, y_model: tensor(toyNetwork(X_MODEL, beta, omega)) });

  // 100 data sets, 5 hidden units: the mean model and its spread
  let n_datasets = 100;
  n_data = 15;
  sigma_func = 0.3;
  let n_hidden = 5;
  rng = new RandomState(1);
  let [mean_model, std_model] = getModelMeanVariance(rng, n_data, n_datasets, n_hidden, sigma_func);
  nb.setAll({ n_datasets, mean_model: tensor(mean_model), std_model: tensor(std_model) });

  // Bias and variance as a function of capacity (1..12 hidden units)
  n_hidden = 12;
  const hidden_variables = Array.from({ length: n_hidden }, (_, i) => i + 1);
  const bias: number[][] = [];
  const variance: number[][] = [];
  n_datasets = 100;
  n_data = 15;
  sigma_func = 0.3;
  n_hidden = 5; // the notebook resets it, so its plot's x axis stops at 5 (ax.set_xlim(0, n_hidden))
  rng = new RandomState(1);
  for (const h of hidden_variables) {
    [mean_model, std_model] = getModelMeanVariance(rng, n_data, n_datasets, h, sigma_func);
    const r = estimateBiasVariance(mean_model, std_model, y_func.toList() as number[]);
    variance.push([r.variance]);
    bias.push([r.bias]);
  }
  nb.setAll({
    n_hidden,
    n_datasets,
    n_data,
    sigma_func,
    hidden_variables,
    mean_model: tensor(mean_model),
    std_model: tensor(std_model),
    bias: tensor(bias),
    variance: tensor(variance),
  });
}
