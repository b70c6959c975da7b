/**
 * Notebook 20.3: Lottery tickets (UDL 20.2.7). Exercise: the TODO `get_mask`, the magnitude-pruning
 * mask that zeroes the `percent_sparse` smallest absolute weights of a layer.
 */

import { RandomState, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { getMask } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

/** Reference: the lesson's `getMask` on a plain array. */
function referenceMask(absoluteWeights: number[], percentSparse: number): number[] {
  return Array.from(getMask(tensor(absoluteWeights, { dtype: 'float64' }), percentSparse).data);
}

/** `n` distinct absolute weights in a shuffled order (no ties, so the mask is unambiguous). */
function distinctMagnitudes(rng: RandomState, n: number): number[] {
  const v = Array.from({ length: n }, (_, i) => (i + rng.uniform(0.05, 0.95)) / n);
  const order = rng.permutation(n).toArray() as number[];
  return order.map((i) => v[i]!);
}

const mask: Exercise = {
  id: 'get-mask',
  title: 'The magnitude-pruning mask',
  prompt:
    "The notebook's TODO: write `getMask(absoluteWeights, percentSparse)` that returns an array of the same length, **1** everywhere except a **0** at each of the lowest `percentSparse` of the absolute weights. Drop `int(percentSparse · n)` entries (Python's `int` truncates: `Math.trunc`), the smallest ones: `[5, 6, 0, 1, 7]` at 40 % gives `[1, 1, 0, 0, 1]`. `percentSparse` runs from 0 (keep everything) to 1 (drop everything).",
  check: {
    export: 'getMask',
    cases: () => [
      {
        name: "the notebook's example: [5, 6, 0, 1, 7] at 40 %",
        args: [[5, 6, 0, 1, 7], 0.4],
        expected: [1, 1, 0, 0, 1],
      },
      { name: 'sparsity 0 keeps every weight', args: [[3, 1, 2], 0], expected: referenceMask([3, 1, 2], 0) },
      { name: 'sparsity 1 drops every weight', args: [[3, 1, 2], 1], expected: referenceMask([3, 1, 2], 1) },
      {
        name: '10 weights at 29 % (2.9 → 2 dropped)',
        args: [[0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 1.0], 0.29],
        expected: referenceMask([0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 1.0], 0.29),
      },
      {
        name: 'one of the notebook’s sparsities, 30/99, on 100 weights',
        args: [distinctMagnitudes(new RandomState(203), 100), 30 / 99],
        expected: referenceMask(distinctMagnitudes(new RandomState(203), 100), 30 / 99),
      },
    ],
    property: {
      trials: 8,
      seed: 2003,
      generate: (rng, t) => {
        const n = 1 + rng.randint(0, 60);
        const w = distinctMagnitudes(rng, n);
        const p = t === 0 ? 1 : rng.randint(0, 100) / 99;
        return {
          name: `random layer #${t + 1} (${n} weights, sparsity ${p.toFixed(3)})`,
          args: [w, p],
          expected: referenceMask(w, p),
        };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'Sort the indices by magnitude (argsort), and set the mask to zero at the first Math.trunc(percentSparse * n) of them.',
  },
};

export default defineLesson({
  questions,
  id: '20-3-lottery-tickets',
  title: 'Lottery tickets (UDL 20.3)',
  notebook: {
    collection: 'udlbook',
    file: '20_3_Lottery_Tickets.md',
    title: 'Notebook 20.3: Lottery tickets',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap20/20_3_Lottery_Tickets.ipynb',
  },
  book: { section: '20.2.7', title: 'Lottery tickets' },
  packages: ['@gradkit/datasets', '@gradkit/nn', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Find a lottery ticket on MNIST-1D: train a residual MLP, set the smallest weights of each layer to zero, rewind the rest to their initial values and retrain, for sparsities from 0 to 100 % (iterative magnitude pruning with rewinding, Frankle & Carbin 2018).',
  goals: [
    'Compute a magnitude-pruning mask',
    'Prune layer by layer and rewind the surviving weights to their initialization',
    'Compare the test loss and error of the sparse networks with the dense one',
  ],
  figures: ['lottery-tickets-loss', 'lottery-tickets-error'],
  exercises: [mask],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
