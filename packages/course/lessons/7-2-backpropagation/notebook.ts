/**
 * Notebook 7.2, Backpropagation (`7_2_Backpropagation.md`, UDL section 7.4 "Backpropagation
 * algorithm"; the same code as the CM20315 practical Gradients II, formerly the lesson
 * `gradients-ii`), the notebook translated to library calls: the backpropagation algorithm for a
 * deep ReLU network in the book's matrix form (columns are examples), checked against finite
 * differences layer by layer with `np.allclose` (`@gradkit/core`'s `allclose`), and against
 * `@gradkit/core`'s autograd. Names follow the notebook (camelCased). The TODOs are
 * `computeNetworkOutput` (the forward pass, UDL eq. 7.17) and `backwardPass` (eqs. 7.22, 7.23
 * and the last line of eq. 7.25).
 *
 * Forward (UDL eq. 7.17), for layers k = 0..K-1, then the output layer K:
 * ```
 * f_k = β_k + Ω_k h_k,   h_{k+1} = ReLU[f_k],   f_K = β_K + Ω_K h_K,   h_0 = x
 * ```
 * Backward, from ∂ℓ/∂f_K (eqs. 7.22, 7.23, 7.25):
 * ```
 * ∂ℓ/∂β_k = ∂ℓ/∂f_k,   ∂ℓ/∂Ω_k = ∂ℓ/∂f_k h_kᵀ,   ∂ℓ/∂f_{k-1} = I[f_{k-1} > 0] ⊙ (Ω_kᵀ ∂ℓ/∂f_k)
 * ```
 * The book's indicator is `I[x > 0]`, the CM20315 practical's `I[x >= 0]`: they differ only at a
 * pre-activation of exactly 0, which this network's (normally drawn) parameters never produce, so
 * both notebooks compute the same derivatives to the last bit (tests/fixtures/gen_gradients_ii.py).
 *
 * ```ts
 * import * as bp from '@gradkit/course/lessons/7-2-backpropagation/notebook';
 * const { allWeights, allBiases } = bp.initParams();           // np.random.seed(0) draws
 * const { netOutput } = bp.computeNetworkOutput(bp.netInput(), allWeights, allBiases); // 1.907
 * ```
 */
import { allclose, full, grad, noGrad, RandomState, Tensor, ValueError } from '@gradkit/core';
import { mapUnary, show, showShape } from '@gradkit/core/extend';
import type { Notebook } from '../../src/notebook.js';
import { numpyStr } from '../../src/numpy-print.js';
import { pyFormat } from '../../src/pyformat.js';

/** Network parameters in the book's notation: Ω_k `[D_out, D_in]` and β_k `[D_out, 1]`, k = 0..K. */
export interface NetworkParams {
  allWeights: Tensor[];
  allBiases: Tensor[];
}

/**
 * The notebook's random network: `K` hidden layers of `D` units, input `Di`, output `Do`, every
 * weight and bias a standard normal draw from `rng` in the notebook's order (first Ω_0, Ω_K, β_0,
 * β_K, then Ω_k, β_k for k = 1..K-1). The default `rng` is `new RandomState(0)` (`np.random.seed(0)`).
 */
export function initParams(
  K = 5,
  D = 6,
  Di = 1,
  Do = 1,
  rng: RandomState = new RandomState(0),
): NetworkParams {
  for (const [name, v] of [
    ['K', K],
    ['D', D],
    ['Di', Di],
    ['Do', Do],
  ] as const)
    if (!Number.isInteger(v) || v < 1)
      throw new ValueError('initParams', `${name} must be a positive integer, received ${show(v)}`);
  const allWeights = new Array<Tensor>(K + 1);
  const allBiases = new Array<Tensor>(K + 1);
  allWeights[0] = rng.normal(0, 1, [D, Di]);
  allWeights[K] = rng.normal(0, 1, [Do, D]);
  allBiases[0] = rng.normal(0, 1, [D, 1]);
  allBiases[K] = rng.normal(0, 1, [Do, 1]);
  for (let layer = 1; layer < K; layer++) {
    allWeights[layer] = rng.normal(0, 1, [D, D]);
    allBiases[layer] = rng.normal(0, 1, [D, 1]);
  }
  return { allWeights, allBiases };
}

/** The notebook's input: a `[Di, 1]` column of 1.2. */
export function netInput(Di = 1): Tensor {
  return full([Di, 1], 1.2);
}

/** The notebook's target: a `[Do, 1]` column of 20. */
export function target(Do = 1): Tensor {
  return full([Do, 1], 20.0);
}

/** The Rectified Linear Unit, `max(0, z)` (the notebook's `preactivation.clip(0.0)`). */
export function ReLU(preactivation: Tensor): Tensor {
  return preactivation.clip(0.0, null);
}

/** Output, pre-activations f_0..f_K and activations h_0..h_K of a forward pass. */
export interface ForwardPass {
  netOutput: Tensor;
  allF: Tensor[];
  allH: Tensor[];
}

/**
 * The forward pass of UDL eq. 7.17, storing every f_k and h_k (h_0 is the input, f_K the output).
 * `netInput` is `[D_i, N]` (one column per example). Differentiable.
 */
export function computeNetworkOutput(
  input: Tensor,
  allWeights: readonly Tensor[],
  allBiases: readonly Tensor[],
): ForwardPass {
  if (allWeights.length !== allBiases.length || allWeights.length < 1)
    throw new ValueError(
      'computeNetworkOutput',
      `allWeights and allBiases must have the same non-zero length, received ${allWeights.length} and ${allBiases.length}`,
    );
  const Di = allWeights[0]!.shape[1]!;
  if (input.ndim !== 2 || input.shape[0] !== Di)
    throw new ValueError(
      'computeNetworkOutput',
      `netInput must have shape [${Di}, N] (one column per example), received ${showShape(input.shape)}`,
    );
  const K = allWeights.length - 1;
  const allF = new Array<Tensor>(K + 1);
  const allH = new Array<Tensor>(K + 1);
  allH[0] = input;
  for (let layer = 0; layer < K; layer++) {
    allF[layer] = allBiases[layer]!.add(allWeights[layer]!.matmul(allH[layer]!));
    allH[layer + 1] = ReLU(allF[layer]!);
  }
  allF[K] = allBiases[K]!.add(allWeights[K]!.matmul(allH[K]!));
  return { netOutput: allF[K]!, allF, allH };
}

/** Least squares loss `Σ (output - y)²` (a 0-d tensor). */
export function leastSquaresLoss(netOutput: Tensor, y: Tensor): Tensor {
  const d = netOutput.sub(y);
  return d.mul(d).sum();
}

/** `∂ loss / ∂ output = 2 (output - y)`. */
export function dLossDOutput(netOutput: Tensor, y: Tensor): Tensor {
  return netOutput.sub(y).mul(2);
}

/**
 * The indicator `I[x > 0]` as 0/1 floats (the book notebook's `indicator_function`; ReLU's
 * derivative, taken as 0 at 0 as in UDL eq. 7.25). CM20315's Gradients II used `I[x >= 0]`.
 */
export function indicatorFunction(x: Tensor): Tensor {
  return mapUnary(x, x.dtype, (v) => (v > 0 ? 1 : 0));
}

/** Every derivative the backward pass produces. */
export interface BackwardPass {
  allDlDweights: Tensor[];
  allDlDbiases: Tensor[];
  allDlDh: Tensor[];
  allDlDf: Tensor[];
}

/**
 * The backward pass written as in the notebook: from ∂ℓ/∂f_K = 2(f_K - y), for each layer from K
 * down to 0: ∂ℓ/∂β = ∂ℓ/∂f (UDL eq. 7.22), ∂ℓ/∂Ω = ∂ℓ/∂f h_kᵀ (eq. 7.23), ∂ℓ/∂h_k = Ω_kᵀ ∂ℓ/∂f and
 * ∂ℓ/∂f_{k-1} = I[f_{k-1} > 0] ⊙ ∂ℓ/∂h_k (last line of eq. 7.25). `indicator` is ReLU's derivative
 * (default {@link indicatorFunction}, the book's `I[x > 0]`; Notebook 7.3 passes its own
 * `I[x >= 0]`). Runs without recording (pure numbers).
 */
export function backwardPass(
  allWeights: readonly Tensor[],
  _allBiases: readonly Tensor[],
  allF: readonly Tensor[],
  allH: readonly Tensor[],
  y: Tensor,
  indicator: (f: Tensor) => Tensor = indicatorFunction,
): BackwardPass {
  return noGrad(() => {
    const K = allWeights.length - 1;
    const allDlDweights = new Array<Tensor>(K + 1);
    const allDlDbiases = new Array<Tensor>(K + 1);
    const allDlDf = new Array<Tensor>(K + 1);
    const allDlDh = new Array<Tensor>(K + 1);
    allDlDf[K] = dLossDOutput(allF[K]!, y);
    for (let layer = K; layer >= 0; layer--) {
      // eq. 7.22
      allDlDbiases[layer] = allDlDf[layer]!;
      // eq. 7.23
      allDlDweights[layer] = allDlDf[layer]!.matmul(allH[layer]!.transpose());
      // eq. 7.25, last line, second part
      allDlDh[layer] = allWeights[layer]!.transpose().matmul(allDlDf[layer]!);
      // eq. 7.25, last line, first part (the derivative of the ReLU)
      if (layer > 0) allDlDf[layer - 1] = indicator(allF[layer - 1]!).mul(allDlDh[layer]!);
    }
    return { allDlDweights, allDlDbiases, allDlDh, allDlDf };
  });
}

/** ∂ loss / ∂ (all weights, all biases) by autograd, for comparison with `backwardPass`. */
export function autogradGradients(
  input: Tensor,
  params: NetworkParams,
  y: Tensor,
): { allDlDweights: Tensor[]; allDlDbiases: Tensor[] } {
  const g = grad((p: NetworkParams) =>
    leastSquaresLoss(computeNetworkOutput(input, p.allWeights, p.allBiases).netOutput, y),
  )(params) as NetworkParams;
  return { allDlDweights: g.allWeights, allDlDbiases: g.allBiases };
}

/**
 * The notebook's finite-difference check: perturb one element at a time by `delta` (forward
 * difference, δ = 1e-6 as the notebook) and return the loss derivatives with the parameters' shapes.
 */
export function finiteDifferenceGradients(
  input: Tensor,
  params: NetworkParams,
  y: Tensor,
  delta = 0.000001,
): { allDlDweights: Tensor[]; allDlDbiases: Tensor[] } {
  const lossOf = (p: NetworkParams) =>
    leastSquaresLoss(computeNetworkOutput(input, p.allWeights, p.allBiases).netOutput, y).item();
  return noGrad(() => {
    const base = lossOf(params);
    const perturb = (which: 'allWeights' | 'allBiases') =>
      params[which].map((t, layer) => {
        const out = new Float64Array(t.size);
        for (let i = 0; i < t.size; i++) {
          const data = Float64Array.from(t.data);
          data[i] = data[i]! + delta;
          const copy = {
            ...params,
            [which]: params[which].map((u, l) => (l === layer ? new Tensor(data, t.shape, 'float64') : u)),
          };
          out[i] = (lossOf(copy) - base) / delta;
        }
        return new Tensor(out, t.shape, 'float64');
      });
    return { allDlDweights: perturb('allWeights'), allDlDbiases: perturb('allBiases') };
  });
}

/** `np.allclose(fd, backprop, rtol=1e-05, atol=1e-08, equal_nan=False)`, the notebook's verdict. */
export function derivativesMatch(fd: Tensor, backprop: Tensor): boolean {
  return allclose(fd, backprop, { rtol: 1e-5, atol: 1e-8, equalNan: false });
}

/**
 * The notebook, top to bottom: the seeded network, its output and loss, the backward pass, and
 * every layer's derivatives (biases, then weights, layers 0..K) checked against forward finite
 * differences with `np.allclose`.
 */
export function run(nb: Notebook): void {
  // np.random.seed(0); K = 5 hidden layers of D = 6 units, one input, one output.
  const K = 5;
  const D = 6;
  const D_i = 1;
  const D_o = 1;
  const { allWeights: all_weights, allBiases: all_biases } = initParams(K, D, D_i, D_o, new RandomState(0));
  nb.setAll({ K, D, D_i, D_o, all_weights, all_biases });

  // The forward pass (TODO, eq. 7.17).
  const net_input = netInput(D_i);
  const {
    netOutput: net_output,
    allF: all_f,
    allH: all_h,
  } = computeNetworkOutput(net_input, all_weights, all_biases);
  nb.setAll({ net_input, net_output, all_f, all_h });
  nb.print(pyFormat('True output = %3.3f, Your answer = %3.3f', 1.907, net_output.item()));

  const y = target(D_o);
  const loss = leastSquaresLoss(net_output, y).item();
  nb.setAll({ y, loss });
  nb.print(pyFormat('y = %3.3f Loss = %3.3f', y.item(), loss));

  // The backward pass (TODO, eqs. 7.22, 7.23, 7.25).
  const { allDlDweights: all_dl_dweights, allDlDbiases: all_dl_dbiases } = backwardPass(
    all_weights,
    all_biases,
    all_f,
    all_h,
    y,
  );
  nb.setAll({ all_dl_dweights, all_dl_dbiases });

  // np.set_printoptions(precision=3); forward finite differences (δ = 1e-6) for layers 0..K.
  const delta_fd = 0.000001;
  const fd = finiteDifferenceGradients(
    net_input,
    { allWeights: all_weights, allBiases: all_biases },
    y,
    delta_fd,
  );
  const all_dl_dweights_fd = fd.allDlDweights;
  const all_dl_dbiases_fd = fd.allDlDbiases;
  const print3 = (t: Tensor) => nb.print(numpyStr(t, { precision: 3 }));
  const verdict = (match: boolean) =>
    nb.print(match ? 'Success!  Derivatives match.' : 'Failure!  Derivatives different.');
  for (let layer = 0; layer <= K; layer++) {
    nb.print('-----------------------------------------------');
    nb.print(pyFormat('Bias %d, derivatives from backprop:', layer));
    print3(all_dl_dbiases[layer]!);
    nb.print(pyFormat('Bias %d, derivatives from finite differences', layer));
    print3(all_dl_dbiases_fd[layer]!);
    const match = derivativesMatch(all_dl_dbiases_fd[layer]!, all_dl_dbiases[layer]!);
    nb.show('np.allclose(all_dl_dbiases_fd[layer],all_dl_dbiases[layer])', match, { loop: true });
    verdict(match);
  }
  for (let layer = 0; layer <= K; layer++) {
    nb.print('-----------------------------------------------');
    nb.print(pyFormat('Weight %d, derivatives from backprop:', layer));
    print3(all_dl_dweights[layer]!);
    nb.print(pyFormat('Weight %d, derivatives from finite differences', layer));
    print3(all_dl_dweights_fd[layer]!);
    const match = derivativesMatch(all_dl_dweights_fd[layer]!, all_dl_dweights[layer]!);
    nb.show('np.allclose(all_dl_dweights_fd[layer],all_dl_dweights[layer])', match, { loop: true });
    verdict(match);
  }
  nb.setAll({
    delta_fd,
    all_dl_dweights_fd,
    all_dl_dbiases_fd,
    layer: K,
    dl_dbias: all_dl_dbiases_fd[K],
    dl_dweight: all_dl_dweights_fd[K],
  });
}
