/**
 * CM20315 Loss I (`udl-cm20315-loss.md`), the notebook translated to library calls: univariate
 * regression with a normal likelihood (UDL 5.1–5.3). The TODOs are the library's functions:
 * `normal_distribution` is `normalPdf` (eq. 5.7), `compute_likelihood` is `normalLikelihood`
 * (eq. 5.3), `compute_negative_log_likelihood` the notebook's `-Σ log` form (`normalNllNaive`,
 * eq. 5.4) and `compute_sum_of_squares` is `sumOfSquares` (eq. 5.10).
 */
import { arange, argmax, argmin, Tensor, tensor } from '@gradkit/core';
import { LOSS_I_Y, LOSS_X } from '@gradkit/datasets';
import { normalLikelihood, normalNllNaive, normalPdf, sumOfSquares } from '@gradkit/losses';
import { deepNetwork } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The parameters of `get_parameters()` (shared by Loss I–III: the hidden layer is the same). */
export interface ShallowParameters {
  beta_0: number[][];
  omega_0: number[][];
  beta_1: number[][];
  omega_1: number[][];
}

/** Loss I's `get_parameters()`: three hidden units, one output, offset β1 = 0.1. */
export function getParameters(): ShallowParameters {
  return {
    beta_0: [[0.3], [-1.0], [-0.5]],
    omega_0: [[-1.0], [1.8], [0.65]],
    beta_1: [[0.1]],
    omega_1: [[-2.0, -1.0, 7.0]],
  };
}

/**
 * The notebooks' `shallow_nn(x, beta_0, omega_0, beta_1, omega_1)`: one input, ReLU hidden units,
 * examples in columns; returns the `[D_o, n]` outputs (nn's `deepNetwork` with two layers).
 */
export function shallowNn(x: readonly number[] | Tensor, p: ShallowParameters): Tensor {
  const row = tensor(x instanceof Tensor ? [x.toList() as number[]] : [[...x]]);
  return deepNetwork(row, [p.beta_0, p.beta_1], [p.omega_0, p.omega_1]).output;
}

const argmaxOf = (v: number[]) => argmax(tensor(v)).item();
const argminOf = (v: number[]) => argmin(tensor(v)).item();

export function run(nb: Notebook): void {
  const x_train = [...LOSS_X];
  const y_train = [...LOSS_I_Y];
  nb.setAll({ x_train, y_train });

  let p = getParameters();
  let sigma = 0.2;
  const x_model = arange(0, 1, 0.01);
  let y_model = shallowNn(x_model, p);
  nb.setAll({ x_model, y_model });

  // normal_distribution: UDL eq. 5.7
  const check = normalPdf(1, -1, 2.3).item();
  nb.show('normal_distribution(1,-1,2.3)', check);
  nb.print(pyFormat('Correct answer = %3.3f, Your answer = %3.3f', 0.119, check));

  const y_gauss = arange(-5, 5, 0.1);
  const mu = 0;
  const gauss_prob = normalPdf(y_gauss, mu, 1.0);
  nb.setAll({ y_gauss, mu, gauss_prob });

  // compute_likelihood (eq. 5.3), compute_negative_log_likelihood (eq. 5.4), compute_sum_of_squares (eq. 5.10)
  const mu_pred = shallowNn(x_train, p);
  const likelihood = normalLikelihood(y_train, mu_pred, sigma).item();
  nb.set('mu_pred', mu_pred);
  nb.show('likelihood', likelihood);
  nb.print(pyFormat('Correct answer = %9.9f, Your answer = %9.9f', 0.000010624, likelihood));
  const nll = normalNllNaive(y_train, mu_pred, sigma).item();
  nb.show('nll', nll);
  nb.print(pyFormat('Correct answer = %9.9f, Your answer = %9.9f', 11.452419564, nll));
  let y_pred = shallowNn(x_train, p);
  const sum_of_squares = sumOfSquares(y_train, y_pred).item();
  nb.show('sum_of_squares', sum_of_squares);
  nb.print(pyFormat('Correct answer = %9.9f, Your answer = %9.9f', 2.020992572, sum_of_squares));

  /** The three losses of the training data under the model, for one setting. */
  const losses = (params: ShallowParameters, s: number) => {
    y_pred = shallowNn(x_train, params);
    return {
      likelihood: normalLikelihood(y_train, y_pred, s).item(),
      nll: normalNllNaive(y_train, y_pred, s).item(),
      sumSquares: sumOfSquares(y_train, y_pred).item(),
    };
  };

  // Sweep the offset beta_1 with sigma = 0.2.
  const beta_1_vals = arange(0, 1.0, 0.01).toList() as number[];
  let likelihoods: number[] = [];
  let nlls: number[] = [];
  let sum_squares: number[] = [];
  p = getParameters();
  sigma = 0.2;
  for (const b of beta_1_vals) {
    p.beta_1[0]![0] = b;
    const l = losses(p, sigma);
    likelihoods.push(l.likelihood);
    nlls.push(l.nll);
    sum_squares.push(l.sumSquares);
  }
  nb.set('beta_1_vals', beta_1_vals);
  const iL = argmaxOf(likelihoods);
  const iN = argminOf(nlls);
  const iS = argminOf(sum_squares);
  nb.show('likelihoods[np.argmax(likelihoods)]', likelihoods[iL]);
  nb.show('beta_1_vals[np.argmax(likelihoods)]', beta_1_vals[iL]);
  nb.print(pyFormat('Maximum likelihood = %3.3f, at beta_1=%3.3f', likelihoods[iL], beta_1_vals[iL]));
  nb.show('nlls[np.argmin(nlls)]', nlls[iN]);
  nb.show('beta_1_vals[np.argmin(nlls)]', beta_1_vals[iN]);
  nb.print(pyFormat('Minimum negative log likelihood = %3.3f, at beta_1=%3.3f', nlls[iN], beta_1_vals[iN]));
  nb.show('sum_squares[np.argmin(sum_squares)]', sum_squares[iS]);
  nb.show('beta_1_vals[np.argmin(sum_squares)]', beta_1_vals[iS]);
  nb.print(pyFormat('Least squares = %3.3f, at beta_1=%3.3f', sum_squares[iS], beta_1_vals[iS]));
  p.beta_1[0]![0] = beta_1_vals[iS]!;
  y_model = shallowNn(x_model, p);

  // Sweep sigma with the best offset, beta_1 = 0.27.
  const sigma_vals = arange(0.1, 0.5, 0.005).toList() as number[];
  likelihoods = [];
  nlls = [];
  sum_squares = [];
  p = getParameters();
  p.beta_1[0]![0] = 0.27;
  for (const s of sigma_vals) {
    sigma = s;
    const l = losses(p, sigma);
    likelihoods.push(l.likelihood);
    nlls.push(l.nll);
    sum_squares.push(l.sumSquares);
  }
  nb.set('sigma_vals', sigma_vals);
  const jL = argmaxOf(likelihoods);
  const jN = argminOf(nlls);
  nb.show('likelihoods[np.argmax(likelihoods)]', likelihoods[jL]);
  nb.show('sigma_vals[np.argmax(likelihoods)]', sigma_vals[jL]);
  nb.print(pyFormat('Maximum likelihood = %3.3f, at beta_1=%3.3f', likelihoods[jL], sigma_vals[jL]));
  nb.show('nlls[np.argmin(nlls)]', nlls[jN]);
  nb.show('sigma_vals[np.argmin(nlls)]', sigma_vals[jN]);
  nb.print(pyFormat('Minimum negative log likelihood = %3.3f, at beta_1=%3.3f', nlls[jN], sigma_vals[jN]));
  sigma = sigma_vals[jN]!;
  y_model = shallowNn(x_model, p);

  nb.setAll({ ...p, sigma, y_model, y_pred, mu_pred: y_pred, likelihoods, nlls, sum_squares });
}
