/**
 * Notebook 3.1, Shallow neural networks I (UDL section 3.1), the notebook translated to library
 * calls: the ReLU (eq. 3.2) drawn on `arange(-5, 5, 0.1)`; the network with one input, three
 * hidden units and one output (eqs. 3.1, 3.3) on `arange(0, 1, 0.01)`, returning every
 * intermediate (the 3×3 grid of figure 3.3); the parameter experiments' cell (the same
 * parameters again); and the least-squares loss of the network on 20 training pairs (the
 * notebook prints `Your Loss = 9.385, True value = 9.385`). The TODOs are the library's
 * functions: `ReLU` is nn's `relu`, `shallow_1_1_3` is nn's `shallowNetworkParts` (with nn's
 * `shallow1_1_3` signature), `least_squares_loss` is losses' `sumOfSquares`.
 *
 * The parameters, the training targets and the notebook-name helpers are shared with the
 * CM20315 `shallow` lesson (`../shallow/notebook.ts`), whose practical has the same network but
 * other cells (sigmoid and linear activations, a two-input template) and another print.
 */
import { arange } from '@gradkit/core';
import { LOSS_X } from '@gradkit/datasets';
import { sumOfSquares } from '@gradkit/losses';
import { relu, shallowNetworkParts } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { notebookNames, parameterVariables, SHALLOW_DEFAULTS, Y_TRAIN } from '../shallow/notebook.js';

export function run(nb: Notebook): void {
  // The ReLU (eq. 3.2), drawn on [-5, 5).
  const z = arange(-5, 5, 0.1);
  const RelU_z = relu(z);
  nb.setAll({ z, RelU_z });

  // "Now lets define some parameters and run the neural network" (figure 3.3); the parameter
  // experiments' cell and the least-squares cell set the same parameters and inputs again.
  const p = SHALLOW_DEFAULTS;
  nb.setAll(parameterVariables('', p));
  const x = arange(0, 1, 0.01);
  nb.set('x', x);
  nb.setAll(notebookNames(shallowNetworkParts(x, p, relu)));

  // Least squares (UDL eq. 2.5 form): the network against the 20 training pairs.
  const x_train = [...LOSS_X];
  const y_train = [...Y_TRAIN];
  nb.setAll({ x_train, y_train });
  const y_predict = shallowNetworkParts(x_train, p, relu).y;
  const loss = sumOfSquares(y_train, y_predict).item();
  nb.setAll({ y_predict, loss });
  nb.print(pyFormat('Your Loss = %3.3f, True value = 9.385', loss));
}
