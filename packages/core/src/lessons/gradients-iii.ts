/**
 * Lesson: CM20315 Gradients III — initialization. With weights drawn from N(0, σ²_Ω) and ReLU
 * layers of width D, each layer multiplies the activations' variance by about D σ²_Ω / 2
 * (UDL section 7.5), so activations and gradients vanish or explode geometrically with depth
 * unless σ²_Ω ≈ 2 / D (He initialization, UDL eq. 7.32). This module runs the notebook's two
 * experiments: the standard deviation of the hidden units per layer on the forward pass, and of
 * ∂ℓ/∂f per layer on the backward pass, as σ²_Ω varies.
 *
 * ```ts
 * import { gradientsIII as g3 } from '@gradkit/core';
 * g3.forwardStd(50, 80, 2 / 80);   // std of h_0..h_49: stays O(1)
 * g3.initializationStudy({ K: 50, D: 80, sigmaSqOmega: [0.01, 0.025, 0.1] });
 * ```
 */

import { noGrad } from '../autograd/engine.js';
import { show, ValueError } from '../errors.js';
import { RandomState } from '../random/index.js';
import { Tensor, zeros } from '../tensor.js';
import { backwardPass, computeNetworkOutput } from './gradients-ii.js';
import '../ops/reduce.js';

/**
 * The notebook's `init_params`: Ω_0 `[D, 1]`, Ω_K `[1, D]`, Ω_k `[D, D]` drawn as N(0, 1)·√σ²_Ω in
 * the order Ω_0, Ω_K, Ω_1..Ω_{K-1}; biases zero. Reseeds `rng` with 0 first, as the notebook's
 * `np.random.seed(0)` inside `init_params` (later draws from `rng` continue that stream).
 */
export function initParams(
  K: number,
  D: number,
  sigmaSqOmega: number,
  rng: RandomState = new RandomState(),
): { allWeights: Tensor[]; allBiases: Tensor[] } {
  for (const [name, v] of [
    ['K', K],
    ['D', D],
  ] as const)
    if (!Number.isInteger(v) || v < 1)
      throw new ValueError('initParams', `${name} must be a positive integer, received ${show(v)}`);
  if (!(sigmaSqOmega >= 0) || !Number.isFinite(sigmaSqOmega))
    throw new ValueError(
      'initParams',
      `sigmaSqOmega must be a non-negative finite number, received ${show(sigmaSqOmega)}`,
    );
  rng.seed(0);
  const s = Math.sqrt(sigmaSqOmega);
  const Di = 1;
  const Do = 1;
  const allWeights = new Array<Tensor>(K + 1);
  const allBiases = new Array<Tensor>(K + 1);
  allWeights[0] = rng.normal(0, 1, [D, Di]).mul(s);
  allWeights[K] = rng.normal(0, 1, [Do, D]).mul(s);
  allBiases[0] = zeros([D, 1]);
  allBiases[K] = zeros([Do, 1]);
  for (let layer = 1; layer < K; layer++) {
    allWeights[layer] = rng.normal(0, 1, [D, D]).mul(s);
    allBiases[layer] = zeros([D, 1]);
  }
  return { allWeights, allBiases };
}

/**
 * Forward experiment: initialize (seed 0), draw `nData` inputs `[1, nData]` from the same stream,
 * run the network and return `std(h_layer)` over all units and examples for layer = 0..K-1
 * (layer 0 is the input), as the notebook prints.
 */
export function forwardStd(K: number, D: number, sigmaSqOmega: number, nData = 1000): number[] {
  return noGrad(() => {
    const rng = new RandomState();
    const { allWeights, allBiases } = initParams(K, D, sigmaSqOmega, rng);
    const dataIn = rng.normal(0, 1, [1, nData]);
    const { allH } = computeNetworkOutput(dataIn, allWeights, allBiases);
    return allH.slice(0, K).map((h) => h.std().item());
  });
}

/**
 * Backward experiment: initialize (seed 0), then for each of `nData` examples (input drawn from
 * the same stream, target 0) run the backward pass of UDL eq. 7.13 and collect ∂ℓ/∂f_layer;
 * returns the std of those gradients over units and examples for layer = 1..K-1.
 */
export function gradientStd(K: number, D: number, sigmaSqOmega: number, nData = 100): number[] {
  return noGrad(() => {
    const rng = new RandomState();
    const { allWeights, allBiases } = initParams(K, D, sigmaSqOmega, rng);
    const aggregate = Array.from({ length: K }, () => new Float64Array(D * nData));
    const y = zeros([1, 1]);
    for (let c = 0; c < nData; c++) {
      const dataIn = rng.normal(0, 1, [1, 1]);
      const { allF, allH } = computeNetworkOutput(dataIn, allWeights, allBiases);
      const { allDlDf } = backwardPass(allWeights, allBiases, allF, allH, y);
      for (let layer = 1; layer < K; layer++) aggregate[layer]!.set(allDlDf[layer]!.data, c * D);
    }
    return aggregate.slice(1).map((a) => new Tensor(a, [a.length], 'float64').std().item());
  });
}

/** One row of `initializationStudy`. */
export interface InitializationStudyRow {
  sigmaSqOmega: number;
  /** std of h_0..h_{K-1} (forward experiment). */
  forwardStd: number[];
  /** std of ∂ℓ/∂f_1..∂ℓ/∂f_{K-1} (backward experiment). */
  gradientStd: number[];
}

/**
 * Both experiments for each σ²_Ω (the notebook's TODO: K = 50 layers of D = 80 units). He
 * initialization, σ²_Ω = 2/D, keeps both profiles roughly flat.
 */
export function initializationStudy(options: {
  K?: number;
  D?: number;
  sigmaSqOmega: readonly number[];
  nDataForward?: number;
  nDataBackward?: number;
}): InitializationStudyRow[] {
  const K = options.K ?? 50;
  const D = options.D ?? 80;
  return options.sigmaSqOmega.map((s) => ({
    sigmaSqOmega: s,
    forwardStd: forwardStd(K, D, s, options.nDataForward ?? 1000),
    gradientStd: gradientStd(K, D, s, options.nDataBackward ?? 100),
  }));
}
