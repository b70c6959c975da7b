/**
 * Notebook 11.1, Shattered gradients (`11_1_Shattered_Gradients.md`, UDL section 11.1.1
 * "Shattered gradients"), the notebook translated to library calls. It replicates the experiment
 * of Balduzzi et al. (2017): a network with one input and one output and D = 200 ReLU units per
 * hidden layer, Glorot-initialized (σ² = 1/D for weights and biases, `init_params` reseeds numpy
 * with 1), and the derivative dy/dx of its output with respect to its input over 256 inputs in
 * [−2, 2), computed by backpropagation from ∂y/∂f_K = 1:
 * ```
 * ∂y/∂h_k = Ω_kᵀ ∂y/∂f_k,   ∂y/∂f_{k−1} = I[f_{k−1} ≥ 0] ⊙ ∂y/∂h_k,   dy/dx = ∂y/∂h_0
 * ```
 * For one hidden layer dy/dx is piecewise constant (it changes only where a unit's pre-activation
 * crosses zero); as the depth grows to 24 and 50 layers the derivative changes at ever more
 * inputs and its autocorrelation (`np.correlate(dydx, dydx, mode='same')`, normalized to 1 at
 * lag 0) falls faster with distance. The TODOs: the derivatives of the 24- and 50-layer networks,
 * and `autocorr` (`@gradkit/core`'s `correlate`, numpy's).
 *
 * The notebook's `calc_input_output_gradient` reads the number of layers from the global `K`; every
 * cell sets `K` to the depth it plots before calling, so here the depth is read from the weights.
 *
 * ```ts
 * import * as sg from '@gradkit/course/lessons/11-1-shattered-gradients/notebook';
 * const { dydx } = sg.derivatives(50, 200);          // dy/dx of the 50-layer network, [1, 256]
 * const { y } = sg.autocorrelation(50, 200);          // its autocorrelation at distances 0..2
 * ```
 */
import {
  arange,
  correlate,
  noGrad,
  ones,
  onesLike,
  RandomState,
  type Tensor,
  ValueError,
} from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { computeNetworkOutput } from '../7-2-backpropagation/notebook.js';
import { indicatorFunction } from '../7-3-initialization/notebook.js';

/** The notebook's width: D = 200 hidden units per layer. */
export const D_HIDDEN = 200;

/**
 * The notebook's `init_params(K, D)`: reseeds `rng` with 1 (`np.random.seed(1)`), then draws, each
 * N(0, 1)·√(1/D) (Glorot): Ω_0 `[D, 1]`, Ω_K `[1, D]`, β_0 `[D, 1]`, β_K `[1, 1]`, then Ω_k `[D, D]`
 * and β_k `[D, 1]` for k = 1..K−1.
 */
export function initParams(
  K: number,
  D: number,
  rng: RandomState = new RandomState(),
): { allWeights: Tensor[]; allBiases: Tensor[] } {
  for (const [name, v] of [
    ['K', K],
    ['D', D],
  ] as const)
    if (!Number.isInteger(v) || v < 1)
      throw new ValueError('initParams', `${name} must be a positive integer, received ${show(v)}`);
  rng.seed(1);
  const Di = 1;
  const Do = 1;
  const s = Math.sqrt(1.0 / D);
  const allWeights = new Array<Tensor>(K + 1);
  const allBiases = new Array<Tensor>(K + 1);
  allWeights[0] = rng.normal(0, 1, [D, Di]).mul(s);
  allWeights[K] = rng.normal(0, 1, [Do, D]).mul(s);
  allBiases[0] = rng.normal(0, 1, [D, 1]).mul(s);
  allBiases[K] = rng.normal(0, 1, [Do, 1]).mul(s);
  for (let layer = 1; layer < K; layer++) {
    allWeights[layer] = rng.normal(0, 1, [D, D]).mul(s);
    allBiases[layer] = rng.normal(0, 1, [D, 1]).mul(s);
  }
  return { allWeights, allBiases };
}

/**
 * The notebook's `calc_input_output_gradient`: the forward pass (UDL eq. 7.17), then the backward
 * pass from ∂y/∂f_K = 1 (eqs. 7.22–7.25 with the loss replaced by the output): `dydx` `[1, N]` is
 * ∂y/∂h_0, the derivative of the output with respect to each of the N inputs of `xIn` `[1, N]`,
 * and `y` `[1, N]` the outputs.
 */
export function calcInputOutputGradient(
  xIn: Tensor,
  allWeights: readonly Tensor[],
  allBiases: readonly Tensor[],
): { dydx: Tensor; y: Tensor } {
  return noGrad(() => {
    const { netOutput, allF } = computeNetworkOutput(xIn, allWeights, allBiases);
    const K = allWeights.length - 1;
    let dlDf = onesLike(allF[K]!);
    let dlDh = dlDf;
    for (let layer = K; layer >= 0; layer--) {
      dlDh = allWeights[layer]!.transpose().matmul(dlDf);
      if (layer > 0) dlDf = indicatorFunction(allF[layer - 1]!).mul(dlDh);
    }
    return { dydx: dlDh, y: netOutput };
  });
}

/** The notebook's inputs: `np.arange(-2, 2, 4/256)` resized to `[1, 256]`. */
export function inputGrid(): Tensor {
  return arange(-2, 2, 4.0 / 256.0).reshape([1, 256]);
}

/** What `plot_derivatives(K, D)` plots: dy/dx `[1, 256]` against the inputs `[1, 256]`. */
export interface Derivatives {
  xIn: Tensor;
  dydx: Tensor;
  y: Tensor;
}

/** The notebook's `plot_derivatives(K, D)` without the plot: initialize (seed 1) and differentiate on the grid. */
export function derivatives(
  K: number,
  D: number = D_HIDDEN,
  rng: RandomState = new RandomState(),
): Derivatives {
  const { allWeights, allBiases } = initParams(K, D, rng);
  const xIn = inputGrid();
  const { dydx, y } = calcInputOutputGradient(xIn, allWeights, allBiases);
  return { xIn, dydx, y };
}

/**
 * The TODO `autocorr(dydx)`: the autocorrelation of the derivatives, numpy's
 * `np.correlate(dydx, dydx, mode='same')` (`@gradkit/core`'s `correlate`); lag 0 is at index
 * ⌊N/2⌋ (128 for the notebook's 256 inputs).
 */
export function autocorr(dydx: Tensor): Tensor {
  return correlate(dydx, dydx, 'same');
}

/** What `plot_autocorr(K, D)` plots: the normalized autocorrelation `ac[128:]` against `x_in[128:]`. */
export interface Autocorrelation {
  /** dy/dx on the 256 inputs. */
  dydx: Tensor;
  /** The autocorrelation divided by its value at lag 0, `[256]`. */
  ac: Tensor;
  /** The distances 0, 4/256, …, 2 − 4/256 (`np.squeeze(x_in)[128:]`), `[128]`. */
  x: Tensor;
  /** `ac[128:]`, `[128]`. */
  y: Tensor;
}

/** The notebook's `plot_autocorr(K, D)` without the plot. */
export function autocorrelation(
  K: number,
  D: number = D_HIDDEN,
  rng: RandomState = new RandomState(),
): Autocorrelation {
  const { xIn, dydx } = derivatives(K, D, rng);
  const raw = autocorr(dydx.squeeze());
  const ac = raw.div(raw.data[128]!);
  return { dydx, ac, x: xIn.squeeze().index('128:'), y: ac.index('128:') };
}

/**
 * The notebook, top to bottom: the finite-difference check of the 3-layer network's dy/dx at
 * x = 1, the derivatives of the networks with 1 and (the TODO) 24 and 50 hidden layers, and the
 * autocorrelation of the 1- and 50-layer networks' derivatives.
 */
export function run(nb: Notebook): void {
  const rng = new RandomState(); // numpy's global np.random
  let D = 200;
  let K = 3;
  const { allWeights, allBiases } = initParams(K, D, rng);
  const x = ones([1, 1]);
  const { dydx, y } = calcInputOutputGradient(x, allWeights, allBiases);
  const delta = 0.00000001;
  const x1 = x;
  const y1 = computeNetworkOutput(x1, allWeights, allBiases).netOutput;
  const x2 = x.add(delta);
  const y2 = computeNetworkOutput(x2, allWeights, allBiases).netOutput;
  const dydx_fd = y2.sub(y1).div(delta);
  nb.print(pyFormat('Gradient calculation=%f, Finite difference gradient=%f', dydx.item(), dydx_fd.item()));
  nb.setAll({ all_weights: allWeights, all_biases: allBiases, x, dydx, y, delta, x1, y1, x2, y2, dydx_fd });

  // plot_derivatives: the notebook's K = 1 and the TODO's 24 and 50 hidden layers
  for (K of [1, 24, 50]) {
    D = 200;
    const d = derivatives(K, D, rng);
    nb.show('plot_derivatives(K,D)', { K, D, x_in: d.xIn, dydx: d.dydx, y: d.y }, { loop: true });
  }

  // plot_autocorr for K = 1 and 50
  for (K of [1, 50]) {
    D = 200;
    const a = autocorrelation(K, D, rng);
    nb.show('plot_autocorr(K,D)', { K, D, x: a.x, y: a.y }, { loop: true });
  }
  nb.setAll({ D, K });
}
