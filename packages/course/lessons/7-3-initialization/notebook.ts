/**
 * Notebook 7.3, Initialization (`7_3_Initialization.md`, UDL section 7.5 "Parameter
 * initialization"; the same code as the CM20315 practical Gradients III, formerly the lesson
 * `gradients-iii`), the notebook translated to library calls. With weights drawn from
 * N(0, σ²_Ω) and ReLU layers of width D, each layer multiplies the activations' variance by about
 * D σ²_Ω / 2 (UDL section 7.5), so activations and gradients vanish or explode geometrically with
 * depth unless σ²_Ω ≈ 2 / D (He initialization, UDL eq. 7.32). The notebook's two experiments:
 * the standard deviation of the hidden units h_1..h_K on the forward pass, and of ∂ℓ/∂f per layer
 * on the backward pass (printed from layer K-1 down to 1; Notebook 7.2's `backwardPass` with this
 * notebook's indicator `I[x >= 0]`). Its TODOs (50 layers of 80 units, then a σ²_Ω that stops the
 * explosion) run here with σ²_Ω = 1 and with He's σ²_Ω = 2/D. (The CM20315 version printed the
 * forward spreads of layers 0..K-1, layer 0 being the input, and the backward ones upwards.)
 *
 * ```ts
 * import * as init from '@gradkit/course/lessons/7-3-initialization/notebook';
 * init.forwardStd(50, 80, 2 / 80);   // std of h_1..h_50: stays O(1)
 * init.initializationStudy({ K: 50, D: 80, sigmaSqOmega: [0.01, 0.025, 0.1] });
 * ```
 */
import { noGrad, RandomState, Tensor, ValueError, zeros } from '@gradkit/core';
import { mapUnary, show } from '@gradkit/core/extend';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import {
  type BackwardPass,
  backwardPass,
  computeNetworkOutput,
  type ForwardPass,
} from '../7-2-backpropagation/notebook.js';

/**
 * This notebook's `indicator_function`, `I[x >= 0]` as 0/1 floats (Notebook 7.2's is `I[x > 0]`).
 * With zero biases a layer whose inputs are all off has pre-activations of exactly 0, and this
 * indicator lets the gradient through them; none of the notebook's runs meets one (checked for
 * its three settings), so both conventions print the same numbers, but we keep the notebook's.
 */
export function indicatorFunction(x: Tensor): Tensor {
  return mapUnary(x, x.dtype, (v) => (v >= 0 ? 1 : 0));
}

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

/** What the notebook's forward-pass cell computes. */
export interface ForwardExperiment extends ForwardPass {
  allWeights: Tensor[];
  allBiases: Tensor[];
  /** The inputs `[1, nData]` (`data_in`), drawn after the weights from the same stream. */
  dataIn: Tensor;
  /** `np.std(all_h[layer])` for layer = 1..K, as the notebook prints them. */
  std: number[];
}

/**
 * The notebook's forward-pass cell: initialize (`init_params` reseeds `rng` with 0), draw `nData`
 * inputs `[1, nData]` from the same stream, run the network and take the standard deviation of
 * every layer's hidden units over all units and examples (numpy's `np.std`, dividing by the count).
 */
export function forwardExperiment(
  K: number,
  D: number,
  sigmaSqOmega: number,
  nData = 1000,
  rng: RandomState = new RandomState(),
): ForwardExperiment {
  return noGrad(() => {
    const { allWeights, allBiases } = initParams(K, D, sigmaSqOmega, rng);
    const dataIn = rng.normal(0, 1, [1, nData]);
    const fwd = computeNetworkOutput(dataIn, allWeights, allBiases);
    return {
      allWeights,
      allBiases,
      dataIn,
      ...fwd,
      std: fwd.allH.slice(1, K + 1).map((h) => h.std().item()),
    };
  });
}

/** What the notebook's backward-pass cell computes (the last example's passes included). */
export interface GradientExperiment extends ForwardPass, BackwardPass {
  allWeights: Tensor[];
  allBiases: Tensor[];
  /** The last example's input `[1, 1]` (`data_in`). */
  dataIn: Tensor;
  /**
   * `aggregate_dl_df`: ∂ℓ/∂f_layer of every example as a `[D, nData]` tensor (one column per
   * example) for layer = 1..K-1; entries 0 and K are `null` (the notebook's `None`).
   */
  aggregateDlDf: (Tensor | null)[];
  /** `np.std(aggregate_dl_df[layer].ravel())` for layer = 1..K-1. */
  std: number[];
}

/**
 * The notebook's backward-pass cell: initialize (seed 0), then for each of `nData` examples (input
 * `[1, 1]` drawn from the same stream, target 0) run the forward pass and the backward pass of UDL
 * eqs. 7.22–7.25 (the notebook's comments cite eq. 7.13, the number in the book's draft) and
 * collect ∂ℓ/∂f of layers 1..K-1 as columns of `[D, nData]` arrays.
 */
export function gradientExperiment(
  K: number,
  D: number,
  sigmaSqOmega: number,
  nData = 100,
  rng: RandomState = new RandomState(),
): GradientExperiment {
  return noGrad(() => {
    const { allWeights, allBiases } = initParams(K, D, sigmaSqOmega, rng);
    const aggregate = Array.from({ length: K + 1 }, (_, layer) =>
      layer >= 1 && layer < K ? new Float64Array(D * nData) : null,
    );
    const y = zeros([1, 1]);
    let last: { dataIn: Tensor; fwd: ForwardPass; bwd: BackwardPass } | undefined;
    for (let c = 0; c < nData; c++) {
      const dataIn = rng.normal(0, 1, [1, 1]);
      const fwd = computeNetworkOutput(dataIn, allWeights, allBiases);
      const bwd = backwardPass(allWeights, allBiases, fwd.allF, fwd.allH, y, indicatorFunction);
      for (let layer = 1; layer < K; layer++) {
        const col = bwd.allDlDf[layer]!.data;
        const agg = aggregate[layer]!;
        for (let d = 0; d < D; d++) agg[d * nData + c] = col[d]!;
      }
      last = { dataIn, fwd, bwd };
    }
    if (!last)
      throw new ValueError('gradientExperiment', `nData must be a positive integer, received ${show(nData)}`);
    const aggregateDlDf = aggregate.map((a) => (a ? new Tensor(a, [D, nData], 'float64') : null));
    return {
      allWeights,
      allBiases,
      dataIn: last.dataIn,
      ...last.fwd,
      ...last.bwd,
      aggregateDlDf,
      std: aggregateDlDf.slice(1, K).map((t) => t!.std().item()),
    };
  });
}

/**
 * Forward experiment: `std(h_layer)` over all units and examples for layer = 1..K, as the
 * notebook prints (see {@link forwardExperiment}).
 */
export function forwardStd(K: number, D: number, sigmaSqOmega: number, nData = 1000): number[] {
  return forwardExperiment(K, D, sigmaSqOmega, nData).std;
}

/**
 * Backward experiment: the std of ∂ℓ/∂f_layer over units and examples for layer = 1..K-1 (the
 * notebook prints them from K-1 down to 1; see {@link gradientExperiment}).
 */
export function gradientStd(K: number, D: number, sigmaSqOmega: number, nData = 100): number[] {
  return gradientExperiment(K, D, sigmaSqOmega, nData).std;
}

/** One row of `initializationStudy`. */
export interface InitializationStudyRow {
  sigmaSqOmega: number;
  /** std of h_1..h_K (forward experiment). */
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

/**
 * The notebook, top to bottom: the forward-pass experiment for K = 5, D = 8, σ²_Ω = 1, then its
 * TODO (K = 50 layers of D = 80 units, σ²_Ω = 1, then He's σ²_Ω = 2/D, eq. 7.32); the same for the
 * backward pass. `init_params` reseeds the global stream with 0 each time; the data continue it.
 */
export function run(nb: Notebook): void {
  const D_i = 1;
  const D_o = 1;
  const rng = new RandomState(); // numpy's global np.random
  const settings: [number, number, number][] = [
    [5, 8, 1.0],
    [50, 80, 1.0],
    [50, 80, 2 / 80],
  ];

  for (const [K, D, sigma_sq_omega] of settings) {
    const f = forwardExperiment(K, D, sigma_sq_omega, 1000, rng);
    for (let layer = 1; layer <= K; layer++) {
      nb.show('np.std(all_h[layer])', f.std[layer - 1], { loop: true });
      nb.print(pyFormat('Layer %d, std of hidden units = %3.3f', layer, f.std[layer - 1]));
    }
  }

  let last: GradientExperiment | undefined;
  let K = 0;
  let D = 0;
  let sigma_sq_omega = 0;
  for ([K, D, sigma_sq_omega] of settings) {
    last = gradientExperiment(K, D, sigma_sq_omega, 100, rng);
    for (let layer = K - 1; layer >= 1; layer--) {
      nb.show('np.std(aggregate_dl_df[layer].ravel())', last.std[layer - 1], { loop: true });
      nb.print(pyFormat('Layer %d, std of dl_dh = %3.3f', layer, last.std[layer - 1]));
    }
  }
  const g = last!;
  nb.setAll({
    K,
    D,
    D_i,
    D_o,
    sigma_sq_omega,
    all_weights: g.allWeights,
    all_biases: g.allBiases,
    n_data: 100,
    aggregate_dl_df: g.aggregateDlDf,
    c_data: 99,
    data_in: g.dataIn,
    y: zeros([1, 1]),
    net_output: g.netOutput,
    all_f: g.allF,
    all_h: g.allH,
    all_dl_dweights: g.allDlDweights,
    all_dl_dbiases: g.allDlDbiases,
    all_dl_dh: g.allDlDh,
    all_dl_df: g.allDlDf,
    layer: 1,
  });
}
