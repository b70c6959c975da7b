/**
 * Gradients III: initialization (CM20315 Gradients III, UDL 7.5). Exercise: the standard deviation
 * of the hidden units layer by layer on the forward pass, checked against the lesson's network.
 */
import { RandomState, type Tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { computeNetworkOutput } from '../gradients-ii/notebook.js';
import { initParams } from './notebook.js';

/** std of h_0..h_{K-1} (population std, as numpy's np.std) of the network's forward pass. */
function hiddenStdsRef(x: Tensor, weights: Tensor[], biases: Tensor[]): number[] {
  const { allH } = computeNetworkOutput(x, weights, biases);
  return allH.slice(0, weights.length - 1).map((h) => h.std().item());
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
    'Run the network forward (UDL eq. 7.5, examples in columns: `f_k = β_k + Ω_k h_k`, `h_{k+1} = ReLU(f_k)`, `h_0 = x`) and return the standard deviation of the hidden units at each layer, `std(h_0), …, std(h_{K−1})` over all units and examples (numpy’s `np.std`, dividing by the count), as the notebook prints them. `x` is `[1][N]`, `weights[k]` `[D_{k+1}][D_k]`, `biases[k]` `[D_{k+1}][1]`, K = `weights.length − 1`. With σ²_Ω = 1 the spread grows layer by layer; with He’s σ²_Ω = 2/D it stays put.',
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
    hint: 'h_0 is the input itself; the standard deviation pools every unit and every example of a layer, dividing by the count (not count − 1).',
    reference: { '@gradkit/nn': ['deepNetwork'] },
  },
};

export default defineLesson({
  id: 'gradients-iii',
  title: 'Gradients III: initialization',
  notebook: { collection: 'seeds', file: 'udl-cm20315-gradients_iii.md', title: 'Initialization' },
  book: { section: '7.5', title: 'Parameter initialization' },
  packages: ['@gradkit/core', '@gradkit/nn'],
  summary:
    'How the variance of the weights controls exploding and vanishing activations and gradients (He initialization, UDL 7.5).',
  goals: [
    'Measure the spread of activations through depth',
    'Relate it to the weight variance σ²_Ω = 2 / D_h',
  ],
  figures: ['gradients-iii-variance'],
  exercises: [gradientsIIIStds],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
