/**
 * Notebook 3.4, Activation functions, the notebook translated to library calls: the shallow
 * network of notebook 3.1 (UDL section 3.1, eq. 3.1) run with four activation functions, the
 * ReLU (eq. 3.2), the notebook's steep logistic sigmoid `1 / (1 + exp(−10 z))`, the Heaviside
 * step (0 for z < 0, 1 for z ≥ 0) and a linear function `a + b z`. The TODOs are the
 * library's functions: `sigmoid` is nn's `sigmoid` of `10 z`, `heaviside` is nn's
 * `heaviside(z, 1)` (torch.heaviside with value 1 at 0). The network is nn's
 * `shallowNetworkParts`; its parameters and the notebook-name helpers are shared with the
 * `shallow` lesson. The notebook prints nothing.
 */
import { add, arange, mul, sigmoid as nnSigmoid, type Tensor, type TensorLike } from '@gradkit/core';
import {
  type ActivationFn,
  heaviside as nnHeaviside,
  relu,
  type Shallow113Params,
  shallowNetworkParts,
} from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { notebookNames, parameterVariables, SHALLOW_DEFAULTS } from '../shallow/notebook.js';

/** The notebook's `sigmoid`: the logistic sigmoid of `10 z` (the factor 10 is the notebook's, to plot on [0, 1]). */
export function sigmoid(preactivation: TensorLike): Tensor {
  return nnSigmoid(mul(10, preactivation));
}

/** The notebook's `heaviside`: 0 for z < 0, 1 for z ≥ 0. */
export function heaviside(preactivation: TensorLike): Tensor {
  return nnHeaviside(preactivation, 1);
}

/** The notebook's `lin` with its constants `a`, `b` (the notebook's 0 and 1; it suggests trying a = 0.5, b = −0.4). */
export function lin(a = 0, b = 1): ActivationFn {
  return (preactivation) => add(a, mul(b, preactivation));
}

/** The output weights of the sigmoid, Heaviside and linear cells: φ0 = 0.3, φ1 = 0.5, φ2 = −1, φ3 = 0.9 (the θs of notebook 3.1). */
export const SMOOTH_PARAMS: Readonly<Shallow113Params> = Object.freeze({
  ...SHALLOW_DEFAULTS,
  phi0: 0.3,
  phi1: 0.5,
  phi2: -1.0,
  phi3: 0.9,
});

/** One of the notebook's network cells: set the parameters, x = arange(0, 1, 0.01), run shallow_1_1_3. */
function networkCell(nb: Notebook, p: Shallow113Params, activation: ActivationFn): void {
  nb.setAll(parameterVariables('', p));
  const x = arange(0, 1, 0.01);
  nb.set('x', x);
  nb.setAll(notebookNames(shallowNetworkParts(x, p, activation)));
}

export function run(nb: Notebook): void {
  // First, the network with a ReLU (notebook 3.1's parameters).
  networkCell(nb, SHALLOW_DEFAULTS, relu);

  // The sigmoid f[z] = 1 / (1 + exp(-10 z)) on [-1, 1), then in the network.
  let z = arange(-1, 1, 0.01);
  const sig_z = sigmoid(z);
  nb.setAll({ z, sig_z });
  networkCell(nb, SMOOTH_PARAMS, sigmoid);

  // The Heaviside step on [-1, 1), then in the network.
  z = arange(-1, 1, 0.01);
  const heav_z = heaviside(z);
  nb.setAll({ z, heav_z });
  networkCell(nb, SMOOTH_PARAMS, heaviside);

  // A linear activation lin[z] = a + b z with a = 0, b = 1: the network is a line.
  networkCell(nb, SMOOTH_PARAMS, lin(0, 1));
}
