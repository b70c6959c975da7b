/**
 * CM20315 Loss III (`udl-cm20315-loss_iii.md`), the notebook translated to library calls:
 * multiclass classification with a categorical likelihood (UDL 5.5). The notebook's `softmax`
 * (classes in rows, eq. 5.22) is `softmax(·, { axis: 0 })`, `categorical_distribution` is
 * `categoricalPmf`, and the TODOs `compute_likelihood` and `compute_negative_log_likelihood` are
 * `categoricalLikelihood` (eq. 5.3, top) and `categoricalNll` (eq. 5.24). The network is Loss I's
 * `shallow_nn` with three outputs, one per class.
 */
import { arange, tensor } from '@gradkit/core';
import { LOSS_III_Y, LOSS_X } from '@gradkit/datasets';
import { categoricalLikelihood, categoricalNll, categoricalPmf, softmax } from '@gradkit/losses';
import type { Notebook } from '../../src/notebook.js';
import { numpyStr } from '../../src/numpy-print.js';
import { pyFormat } from '../../src/pyformat.js';
import { printOptima, type ShallowParameters, shallowNn, sweep } from '../5-1-least-squares-loss/notebook.js';

/**
 * Loss III's `get_parameters()`: Loss I's hidden layer (three ReLU units) and three outputs, one
 * per class: β1 = [2, −2, 0]ᵀ and a 3×3 Ω1; the softmax of the outputs gives the class
 * probabilities λ (classes in rows).
 */
export function getParameters(): ShallowParameters {
  return {
    beta_0: [[0.3], [-1.0], [-0.5]],
    omega_0: [[-1.0], [1.8], [0.65]],
    beta_1: [[2.0], [-2], [0.0]],
    omega_1: [
      [-24.0, -8.0, 50.0],
      [-2.0, 8.0, -30.0],
      [16.0, -8.0, -8],
    ],
  };
}

/** The notebook's `softmax(model_out)`: over the classes, which are the rows. */
const softmaxRows = (out: Parameters<typeof softmax>[0]) => softmax(out, { axis: 0 });

/** How the two versions of the notebook print `categorical_distribution`'s three examples. */
export interface MulticlassNotebookOptions {
  /**
   * `checks`: the CM20315 practical's `print("Correct answer = %3.3f, Your answer = %3.3f" % …)`;
   * `arrays`: notebook 5.3's `print(categorical_distribution(…))`, numpy's `[[0.2]]`.
   */
  categoricalPrints: 'checks' | 'arrays';
}

/**
 * The notebook's cells, shared by this lesson and `5-3-multiclass-cross-entropy-loss` (notebook
 * 5.3 runs the same code and prints the three categorical examples as arrays).
 */
export function runMulticlassNotebook(nb: Notebook, options: MulticlassNotebookOptions): void {
  const x_train = [...LOSS_X];
  const y_train = [...LOSS_III_Y];
  nb.setAll({ x_train, y_train });

  let p = getParameters();
  const x_model = arange(0, 1, 0.01);
  let model_out = shallowNn(x_model, p);
  let lambda_model = softmaxRows(model_out);

  // categorical_distribution: row y of the column lambda_param
  const column = [[0.2], [0.5], [0.3]];
  for (const [k, correct] of [
    [0, 0.2],
    [1, 0.5],
    [2, 0.3],
  ] as const) {
    const prob = categoricalPmf(tensor([[k]], { dtype: 'int32' }), column);
    nb.show(`categorical_distribution(np.array([[${k}]]),np.array([[0.2],[0.5],[0.3]]))`, prob);
    if (options.categoricalPrints === 'arrays') nb.print(numpyStr(prob));
    else nb.print(pyFormat('Correct answer = %3.3f, Your answer = %3.3f', correct, prob.item()));
  }

  // compute_likelihood (eq. 5.3) and compute_negative_log_likelihood (eq. 5.24), λ = softmax[f[x]]
  p = getParameters();
  model_out = shallowNn(x_train, p);
  let lambda_train = softmaxRows(model_out);
  const likelihood = categoricalLikelihood(y_train, lambda_train).item();
  nb.show('likelihood', likelihood);
  nb.print(pyFormat('Correct answer = %9.9f, Your answer = %9.9f', 0.000000041, likelihood));
  p = getParameters();
  model_out = shallowNn(x_train, p);
  lambda_train = softmaxRows(model_out);
  const nll = categoricalNll(y_train, lambda_train).item();
  nb.show('nll', nll);
  nb.print(pyFormat('Correct answer = %9.9f, Your answer = %9.9f', 17.015457867, nll));

  // Sweep the first class's offset beta_1[0,0] (the notebook also plots every 20th model).
  const beta_1_vals = arange(-2, 6.0, 0.1).toList() as number[];
  p = getParameters();
  const { likelihood: likelihoods, nll: nlls } = sweep(
    beta_1_vals,
    (b) => {
      p.beta_1[0]![0] = b;
    },
    () => {
      model_out = shallowNn(x_train, p);
      lambda_train = softmaxRows(model_out);
      return {
        likelihood: categoricalLikelihood(y_train, lambda_train).item(),
        nll: categoricalNll(y_train, lambda_train).item(),
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
  lambda_model = softmaxRows(model_out);
  nb.setAll({ ...p, x_model, model_out, lambda_model });
}

export function run(nb: Notebook): void {
  runMulticlassNotebook(nb, { categoricalPrints: 'checks' });
}
