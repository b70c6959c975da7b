/**
 * Notebook 5.1 — Least Squares Loss (`5_1_Least_Squares_Loss.md`; the CM20315 practical "Loss
 * functions" part I runs the same code), the notebook translated to library calls: univariate
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

/**
 * The Loss notebooks' parameter sweeps: for each value of `values`, `set` it, then keep every loss
 * that `losses()` returns (the notebooks' `likelihoods[count] = ...` loops).
 */
export function sweep<K extends string>(
  values: readonly number[],
  set: (value: number) => void,
  losses: () => Record<K, number>,
): Record<K, number[]> {
  const out = {} as Record<K, number[]>;
  for (const v of values) {
    set(v);
    for (const [k, x] of Object.entries(losses()) as [K, number][]) {
      out[k] ??= [];
      out[k].push(x);
    }
  }
  return out;
}

/** One line of a sweep's closing cell: a loss's best value and where it is. */
export interface Optimum {
  /** The printed label, e.g. `Maximum likelihood`. */
  label: string;
  /** The notebook's name of the loss array, e.g. `likelihoods`. */
  name: string;
  values: readonly number[];
  best: 'max' | 'min';
}

/**
 * The sweeps' closing cell: for each loss, `print("<label> = <format>, at <at>=%3.3f" %
 * (loss[np.argmax(loss)], grid[np.argmax(loss)]))` (argmin for a loss to minimise), recording both
 * printed expressions under the notebook's text. `grid.at` is the parameter's name in the printed
 * line (default `beta_1`; notebook 5.1's σ sweep prints `sigma`). Returns the index of each
 * optimum, in order.
 */
export function printOptima(
  nb: Notebook,
  grid: { name: string; values: readonly number[]; at?: string },
  optima: readonly Optimum[],
  format: string,
): number[] {
  return optima.map(({ label, name, values, best }) => {
    const arg = best === 'max' ? 'argmax' : 'argmin';
    const i = (best === 'max' ? argmax : argmin)(tensor([...values])).item();
    nb.show(`${name}[np.${arg}(${name})]`, values[i]);
    nb.show(`${grid.name}[np.${arg}(${name})]`, grid.values[i]);
    nb.print(pyFormat(`${label} = ${format}, at ${grid.at ?? 'beta_1'}=%3.3f`, values[i], grid.values[i]));
    return i;
  });
}

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
  p = getParameters();
  sigma = 0.2;
  let {
    likelihood: likelihoods,
    nll: nlls,
    sumSquares: sum_squares,
  } = sweep(
    beta_1_vals,
    (b) => {
      p.beta_1[0]![0] = b;
    },
    () => losses(p, sigma),
  );
  nb.set('beta_1_vals', beta_1_vals);
  const [, , iS] = printOptima(
    nb,
    { name: 'beta_1_vals', values: beta_1_vals },
    [
      { label: 'Maximum likelihood', name: 'likelihoods', values: likelihoods, best: 'max' },
      { label: 'Minimum negative log likelihood', name: 'nlls', values: nlls, best: 'min' },
      { label: 'Least squares', name: 'sum_squares', values: sum_squares, best: 'min' },
    ],
    '%3.3f',
  );
  p.beta_1[0]![0] = beta_1_vals[iS!]!;
  y_model = shallowNn(x_model, p);

  // Sweep sigma with the best offset, beta_1 = 0.27.
  const sigma_vals = arange(0.1, 0.5, 0.005).toList() as number[];
  p = getParameters();
  p.beta_1[0]![0] = 0.27;
  ({
    likelihood: likelihoods,
    nll: nlls,
    sumSquares: sum_squares,
  } = sweep(
    sigma_vals,
    (s) => {
      sigma = s;
    },
    () => losses(p, sigma),
  ));
  nb.set('sigma_vals', sigma_vals);
  // The CM20315 notebook prints these two lines with "at beta_1="; notebook 5.1 with "at sigma=".
  const [, jN] = printOptima(
    nb,
    { name: 'sigma_vals', values: sigma_vals, at: 'sigma' },
    [
      { label: 'Maximum likelihood', name: 'likelihoods', values: likelihoods, best: 'max' },
      { label: 'Minimum negative log likelihood', name: 'nlls', values: nlls, best: 'min' },
    ],
    '%3.3f',
  );
  sigma = sigma_vals[jN!]!;
  y_model = shallowNn(x_model, p);

  nb.setAll({ ...p, sigma, y_model, y_pred, mu_pred: y_pred, likelihoods, nlls, sum_squares });
}
