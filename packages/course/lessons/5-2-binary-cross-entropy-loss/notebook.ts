/**
 * Notebook 5.2 — Binary Cross-Entropy Loss (`5_2_Binary_Cross_Entropy_Loss.md`; the CM20315
 * practical "Loss functions part II" runs the same code, with `compute_likelihood` defined twice),
 * the notebook translated to library calls: binary classification with a Bernoulli likelihood
 * (UDL 5.4). The TODOs are the library's functions:
 * `sigmoid` is `sigmoid` (eq. 5.18), `bernoulli_distribution` is `bernoulliPmf` (eq. 5.17),
 * `compute_likelihood` is `bernoulliLikelihood` (eq. 5.3, top) and
 * `compute_negative_log_likelihood` the notebook's `-Σ log` form, `bernoulliNll` (eq. 5.20).
 * The network is notebook 5.1's `shallow_nn` with this notebook's output layer.
 */
import { arange, sigmoid } from '@gradkit/core';
import { LOSS_II_Y, LOSS_X } from '@gradkit/datasets';
import { bernoulliLikelihood, bernoulliNll, bernoulliPmf } from '@gradkit/losses';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { printOptima, type ShallowParameters, shallowNn, sweep } from '../5-1-least-squares-loss/notebook.js';

/**
 * Notebook 5.2's `get_parameters()`: notebook 5.1's hidden layer (three ReLU units), one output with offset
 * β1 = 2.6 and weights Ω1 = [−24, −8, 50]; the sigmoid of the output is λ = Pr(y = 1 | x).
 */
export function getParameters(): ShallowParameters {
  return {
    beta_0: [[0.3], [-1.0], [-0.5]],
    omega_0: [[-1.0], [1.8], [0.65]],
    beta_1: [[2.6]],
    omega_1: [[-24.0, -8.0, 50.0]],
  };
}

export function run(nb: Notebook): void {
  const x_train = [...LOSS_X];
  const y_train = [...LOSS_II_Y];
  nb.setAll({ x_train, y_train });

  let p = getParameters();
  const x_model = arange(0, 1, 0.01);
  let model_out = shallowNn(x_model, p);
  let lambda_model = sigmoid(model_out);

  // bernoulli_distribution: UDL eq. 5.17
  const b0 = bernoulliPmf(0, 0.2).item();
  const b1 = bernoulliPmf(1, 0.2).item();
  nb.show('bernoulli_distribution(0,0.2)', b0);
  nb.print(pyFormat('Correct answer = %3.3f, Your answer = %3.3f', 0.8, b0));
  nb.show('bernoulli_distribution(1,0.2)', b1);
  nb.print(pyFormat('Correct answer = %3.3f, Your answer = %3.3f', 0.2, b1));

  // compute_likelihood (eq. 5.3) and compute_negative_log_likelihood (eq. 5.20), λ = sig[f[x]]
  p = getParameters();
  model_out = shallowNn(x_train, p);
  let lambda_train = sigmoid(model_out);
  const likelihood = bernoulliLikelihood(y_train, lambda_train).item();
  nb.show('likelihood', likelihood);
  nb.print(pyFormat('Correct answer = %9.9f, Your answer = %9.9f', 0.000070237, likelihood));
  p = getParameters();
  model_out = shallowNn(x_train, p);
  lambda_train = sigmoid(model_out);
  const nll = bernoulliNll(y_train, lambda_train).item();
  nb.show('nll', nll);
  nb.print(pyFormat('Correct answer = %9.9f, Your answer = %9.9f', 9.563639387, nll));

  // Sweep the offset beta_1 (the notebook also plots every 20th model).
  const beta_1_vals = arange(-2, 6.0, 0.1).toList() as number[];
  p = getParameters();
  const { likelihood: likelihoods, nll: nlls } = sweep(
    beta_1_vals,
    (b) => {
      p.beta_1[0]![0] = b;
    },
    () => {
      model_out = shallowNn(x_train, p);
      lambda_train = sigmoid(model_out);
      return {
        likelihood: bernoulliLikelihood(y_train, lambda_train).item(),
        nll: bernoulliNll(y_train, lambda_train).item(),
      };
    },
  );
  nb.setAll({ beta_1_vals, likelihoods, nlls, lambda_train });
  const [, iN] = printOptima(
    nb,
    { name: 'beta_1_vals', values: beta_1_vals },
    [
      { label: 'Maximum likelihood', name: 'likelihoods', values: likelihoods, best: 'max' },
      { label: 'Minimum negative log likelihood', name: 'nlls', values: nlls, best: 'min' },
    ],
    '%f',
  );

  // Plot the best model.
  p.beta_1[0]![0] = beta_1_vals[iN!]!;
  model_out = shallowNn(x_model, p);
  lambda_model = sigmoid(model_out);
  nb.setAll({ ...p, x_model, model_out, lambda_model });
}
