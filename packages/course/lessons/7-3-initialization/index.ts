/**
 * Notebook 7.3, Initialization (UDL 7.5; also the CM20315 practical Gradients III, formerly the
 * lesson `gradients-iii`). Exercises: the standard deviation of the hidden units layer by layer on
 * the forward pass, checked against the lesson's network, and the notebook's TODO of choosing a
 * weight variance σ²_Ω that stops the explosion (He initialization, UDL eq. 7.32).
 */
import { RandomState, type Tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { computeNetworkOutput } from '../7-2-backpropagation/notebook.js';
import { forwardStd, initParams } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

/** std of h_1..h_K (population std, as numpy's np.std) of the network's forward pass. */
function hiddenStdsRef(x: Tensor, weights: Tensor[], biases: Tensor[]): number[] {
  const { allH } = computeNetworkOutput(x, weights, biases);
  return allH.slice(1).map((h) => h.std().item());
}

function initializationCase(
  name: string,
  K: number,
  D: number,
  sigmaSqOmega: number,
  nData: number,
  rng: RandomState,
) {
  const { allWeights, allBiases } = initParams(K, D, sigmaSqOmega, rng);
  const x = rng.normal(0, 1, [1, nData]);
  return {
    name,
    args: [x.toArray(), allWeights.map((w) => w.toArray()), allBiases.map((b) => b.toArray())],
    expected: hiddenStdsRef(x, allWeights, allBiases),
  };
}

const gradientsIIIStds: Exercise = {
  id: 'hidden-stds',
  title: 'The spread of the activations through depth',
  prompt:
    'Run the network forward (UDL eq. 7.17, examples in columns: `f_k = β_k + Ω_k h_k`, `h_{k+1} = ReLU(f_k)`, `h_0 = x`) and return the standard deviation of the hidden units at each layer, `std(h_1), …, std(h_K)` over all units and examples (numpy’s `np.std`, dividing by the count), as the notebook prints them. `x` is `[1][N]`, `weights[k]` `[D_{k+1}][D_k]`, `biases[k]` `[D_{k+1}][1]`, K = `weights.length − 1`. With σ²_Ω = 1 the spread grows layer by layer; with He’s σ²_Ω = 2/D it stays put.',
  check: {
    export: 'hiddenStds',
    cases: () => [
      initializationCase(
        'the notebook: K = 5, D = 8, sigma² = 1, 1000 inputs',
        5,
        8,
        1,
        1000,
        new RandomState(),
      ),
      initializationCase(
        'He initialization: K = 5, D = 8, sigma² = 2/8',
        5,
        8,
        2 / 8,
        1000,
        new RandomState(),
      ),
    ],
    property: {
      trials: 5,
      seed: 75,
      generate: (rng, t) => {
        const K = 2 + (t % 4);
        const D = 3 + rng.randint(0, 6);
        const s2 = 0.1 + 1.9 * rng.randomSample();
        const c = initializationCase(
          `K = ${K}, D = ${D}, sigma² = ${s2.toFixed(3)}`,
          K,
          D,
          s2,
          50,
          new RandomState(),
        );
        return c;
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Start at h_1 = ReLU(f_0) (h_0 is the input, not printed); the standard deviation pools every unit and every example of a layer, dividing by the count (not count − 1).',
    reference: { '@gradkit/nn': ['deepNetwork'] },
  },
};

/** The forward spread of the notebook's TODO network (K = 50 layers of D units) with weight variance s2. */
function lastOverFirst(D: number, s2: number): number {
  const std = forwardStd(50, D, s2, 200);
  return std[std.length - 1]! / std[0]!;
}

const heVarianceExercise: Exercise = {
  id: 'stable-variance',
  title: 'A weight variance that stops the explosion',
  prompt:
    'The notebook’s TODO: with 50 layers of `D` units, find the `sigma_sq_omega` (σ²_Ω) for which the spread of the hidden units neither explodes nor vanishes through depth. Write `stableSigmaSqOmega(D)` returning it as a function of the width `D` (UDL section 7.5: each ReLU layer multiplies the variance by about `D σ²_Ω / 2`).',
  check: {
    export: 'stableSigmaSqOmega',
    cases: () => [8, 80].map((D) => ({ name: `D = ${D} hidden units`, args: [D], expected: 2 / D })),
    property: {
      trials: 4,
      seed: 732,
      generate: (rng, t) => {
        const D = [16, 40, 120, 250][t]! + rng.randint(0, 8);
        return { name: `D = ${D} hidden units`, args: [D], expected: 2 / D };
      },
    },
    // Any variance within 5% of He's keeps 50 layers within a factor of about 10 of each other.
    compare: (received, expected, args) => {
      if (typeof received !== 'number' || !Number.isFinite(received))
        return `expected a finite number, received ${String(received)}`;
      const e = expected as number;
      if (Math.abs(received - e) <= 0.05 * e) return null;
      const ratio = lastOverFirst(args[0] as number, received);
      return `with sigma_sq_omega = ${received} the std of h_50 is ${ratio.toExponential(2)} times that of h_1 (expected about 1)`;
    },
    hint: 'Each ReLU layer multiplies the variance by D σ²_Ω / 2 (half the pre-activations are clipped): make that factor 1.',
    reference: { '@gradkit/nn': ['kaimingNormal', 'kaimingUniform', 'calculateGain', 'heInitialization'] },
  },
};

export default defineLesson({
  questions,
  id: '7-3-initialization',
  aliases: ['gradients-iii'],
  title: 'Initialization (UDL 7.5)',
  notebook: {
    collection: 'udlbook',
    file: '7_3_Initialization.md',
    title: 'Notebook 7.3: Initialization',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap07/7_3_Initialization.ipynb',
  },
  book: { section: '7.5', title: 'Parameter initialization' },
  packages: ['@gradkit/core', '@gradkit/nn'],
  summary:
    'How the variance of the weights controls exploding and vanishing activations and gradients in a deep ReLU network, and why He initialization (σ²_Ω = 2/D_h, UDL eq. 7.32) keeps them steady. The same code as the CM20315 practical Gradients III.',
  goals: [
    'Measure the spread of activations through depth',
    'Measure the spread of the gradients on the way back',
    'Relate both to the weight variance σ²_Ω = 2 / D_h',
  ],
  figures: ['gradients-iii-variance', 'initialization-gradients'],
  exercises: [gradientsIIIStds, heVarianceExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
