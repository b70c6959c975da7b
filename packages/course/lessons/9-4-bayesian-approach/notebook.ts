/**
 * UDL Notebook 9.4: Bayesian approach (`udlbook/9_4_Bayesian_Approach.md`, book section 9.3.5,
 * figure 9.11), the notebook translated to library calls. The toy model of chapters 8–9
 * (`harness.ts`, shared with the grader): 15 points around `exp(sin(2π x))` with noise σ = 0.3 and
 * a network of 5 ReLUs with fixed joints whose output weights φ = [ω, β] are linear in the
 * hidden activations `H`. With a prior `Norm[0, σp² I]` and a Gaussian likelihood the posterior is
 * normal (`computeParamMeanCovar`), the notebook draws two networks from it
 * (`drawPosteriorSample`, numpy's `multivariate_normal`), and the posterior predictive at each x is
 * normal with mean `hᵀ μ` and variance `hᵀ Σ h` (`inference`).
 *
 * ```ts
 * import { RandomState } from '@gradkit/core';
 * import * as b from '@gradkit/course/lessons/9-4-bayesian-approach/notebook';
 * const [x, y] = b.generateToyData(new RandomState(1), 15, 0.3);
 * const { phiMean, phiCovar } = b.computeParamMeanCovar(x, y, 5, 0.09, 1000);
 * b.inference(0.5, x, y, 0.09, 1000, 5); // { mean, variance } of y* at x* = 0.5
 * ```
 */
import { inv, linspace, matmul, RandomState, tensor, ValueError } from '@gradkit/core';
import type { Notebook } from '../../src/notebook.js';
import { computeHidden, generateToyData, toyNetwork, trueFunction } from './harness.js';

export { computeHidden, generateToyData, toyNetwork, trueFunction } from './harness.js';

/** The notebook's `x_func = np.linspace(0, 1, 100)` (also `x_model`). */
export const X_MODEL: readonly number[] = Object.freeze(linspace(0, 1.0, 100).toList() as number[]);

/** The posterior over φ = [ω₁ … ω_n, β]: mean `[n+1]` and covariance `[n+1, n+1]`. */
export interface Posterior {
  phiMean: number[];
  phiCovar: number[][];
}

/**
 * The notebook's `compute_param_mean_covar` with its TODOs done (the book's posterior for a
 * model linear in φ with prior `Norm[0, σp² I]`, the notebook's last equation before the code):
 *
 *   Σ = (H Hᵀ / σ² + I / σp²)⁻¹,   μ = Σ H y / σ²
 *
 * (`np.linalg.inv` is `@gradkit/core`'s `inv`).
 */
export function computeParamMeanCovar(
  xData: readonly number[],
  yData: readonly number[],
  nHidden: number,
  sigmaSq: number,
  sigmaPSq: number,
): Posterior {
  if (xData.length !== yData.length)
    throw new ValueError(
      'computeParamMeanCovar',
      `x_data and y_data must have the same length, received ${xData.length} and ${yData.length}`,
    );
  const H = tensor(computeHidden(xData, nHidden));
  const D = nHidden + 1;
  const A = matmul(H, H.T)
    .div(sigmaSq)
    .add(
      tensor(Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => (i === j ? 1 : 0)))).div(
        sigmaPSq,
      ),
    );
  const covar = inv(A);
  const mean = matmul(covar, matmul(H, tensor(yData.map((y) => [y])))).div(sigmaSq);
  return {
    phiMean: (mean.toArray() as number[][]).map((r) => r[0]!),
    phiCovar: covar.toArray() as number[][],
  };
}

/**
 * One draw of the notebook's `np.random.multivariate_normal(phi_mean[:,0], phi_covar, 1)`:
 * `@gradkit/core`'s `RandomState.multivariateNormal`, numpy's legacy algorithm (numpy's standard
 * normals, transformed by the SVD of the covariance; a row of the SVD may differ from LAPACK's in
 * sign, so a sample is numpy's draw, reflected along that eigenvector where the signs differ).
 */
export function drawPosteriorSample(
  rng: RandomState,
  mean: readonly number[],
  covar: readonly (readonly number[])[],
): number[] {
  return Array.from(
    rng.multivariateNormal(
      [...mean],
      covar.map((r) => [...r]),
    ).data as Float64Array,
  );
}

/**
 * The notebook's `inference` with its TODO done: the posterior predictive at `x*` (the notebook's
 * last equation), `Norm[h*ᵀ μ, h*ᵀ Σ h*]` with `h* = [ReLU(x* − i/n)…, 1]`. The variance is that
 * of the model's output (the notebook's formula adds no σ² for the noise of a new observation).
 */
export function inference(
  xStar: number,
  xData: readonly number[],
  yData: readonly number[],
  sigmaSq: number,
  sigmaPSq: number,
  nHidden: number,
  posterior: Posterior = computeParamMeanCovar(xData, yData, nHidden, sigmaSq, sigmaPSq),
): { mean: number; variance: number } {
  const h = computeHidden([xStar], nHidden).map((r) => r[0]!);
  const { phiMean, phiCovar } = posterior;
  let mean = 0;
  for (let i = 0; i < h.length; i++) mean += h[i]! * phiMean[i]!;
  let variance = 0;
  for (let i = 0; i < h.length; i++) {
    let row = 0;
    for (let j = 0; j < h.length; j++) row += phiCovar[i]![j]! * h[j]!;
    variance += h[i]! * row;
  }
  return { mean, variance };
}

/** The posterior predictive mean and standard deviation on `xModel` (the notebook's last cell). */
export function predictive(
  xData: readonly number[],
  yData: readonly number[],
  sigmaSq: number,
  sigmaPSq: number,
  nHidden: number,
  xModel: readonly number[] = X_MODEL,
): { yModel: number[]; yModelStd: number[] } {
  const post = computeParamMeanCovar(xData, yData, nHidden, sigmaSq, sigmaPSq);
  const r = xModel.map((x) => inference(x, xData, yData, sigmaSq, sigmaPSq, nHidden, post));
  return { yModel: r.map((p) => p.mean), yModelStd: r.map((p) => Math.sqrt(p.variance)) };
}

/** The notebook's data: 15 points from `np.random.seed(1)` and the stream after them. */
export function notebookData(): { x_data: number[]; y_data: number[]; rng: RandomState } {
  const rng = new RandomState(1);
  const [x_data, y_data] = generateToyData(rng, 15, 0.3);
  return { x_data, y_data, rng };
}

/**
 * The notebook, top to bottom: the true function and 15 noisy points (seed 1), the posterior over
 * the 6 weights of the 5-hidden-unit network (σ² = 0.09, σp² = 1000) and its mean model, two
 * networks sampled from the posterior, and the posterior predictive mean and standard deviation
 * at 100 inputs. It prints nothing.
 */
export function run(nb: Notebook): void {
  const x_func = linspace(0, 1.0, 100);
  const y_func = tensor(X_MODEL.map(trueFunction));
  nb.setAll({ x_func, y_func });

  const sigma_func = 0.3;
  const n_data = 15;
  const { x_data, y_data, rng } = notebookData();
  nb.setAll({ sigma_func, n_data, x_data: tensor(x_data), y_data: tensor(y_data) });

  const n_hidden = 5;
  const sigma_sq = sigma_func * sigma_func;
  const sigma_p_sq = 1000;
  const { phiMean, phiCovar } = computeParamMeanCovar(x_data, y_data, n_hidden, sigma_sq, sigma_p_sq);
  const x_model = x_func;
  const y_model_mean = toyNetwork(X_MODEL, phiMean[n_hidden]!, phiMean.slice(0, n_hidden));
  nb.setAll({
    n_hidden,
    sigma_sq,
    sigma_p_sq,
    phi_mean: tensor(phiMean.map((m) => [m])), // shape (n_hidden+1, 1), as the notebook's stub
    phi_covar: tensor(phiCovar),
    x_model,
    y_model_mean: tensor(y_model_mean),
  });

  // np.random.multivariate_normal(phi_mean[:,0], phi_covar, 1).transpose(), twice
  const s1 = drawPosteriorSample(rng, phiMean, phiCovar);
  const s2 = drawPosteriorSample(rng, phiMean, phiCovar);
  nb.setAll({
    phi_sample1: tensor(s1.map((v) => [v])),
    phi_sample2: tensor(s2.map((v) => [v])),
    y_model_sample1: tensor(toyNetwork(X_MODEL, s1[n_hidden]!, s1.slice(0, n_hidden))),
    y_model_sample2: tensor(toyNetwork(X_MODEL, s2[n_hidden]!, s2.slice(0, n_hidden))),
  });

  const { yModel, yModelStd } = predictive(x_data, y_data, sigma_sq, sigma_p_sq, n_hidden);
  const last = inference(X_MODEL[99]!, x_data, y_data, sigma_sq, sigma_p_sq, n_hidden);
  nb.setAll({
    y_model: tensor(yModel),
    y_model_std: tensor(yModelStd),
    y_star_mean: last.mean,
    y_star_var: last.variance,
    c_model: 99,
  });
}
