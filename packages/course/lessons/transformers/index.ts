/**
 * Transformers: decoding strategies with GPT-2 (CM20315 Transformers, UDL 12.7). Exercises:
 * the greedy token and the top-k filter, checked against the decoding processors of
 * `@gradkit/transformers`. The notebook runs on the package's offline tiny GPT-2 (GPT-2's
 * tokenizer, a 2-layer model trained on Shakespeare): `gradkit run transformers`.
 */
import type { RandomState } from '@gradkit/core';
import { argmaxRow, softmaxRow, TopKWarper } from '@gradkit/transformers';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

/** `n` next-token probabilities: the softmax of normal logits with standard deviation 3. */
function randomProbs(rng: RandomState, n: number): number[] {
  const logits = Array.from({ length: n }, () => 3 * rng.standardNormal());
  return Array.from(softmaxRow(logits));
}

/** The top-k filter of the library (`TopKWarper`) on a copy of `probs`. */
function topKRef(probs: number[], k: number): number[] {
  const p = Float64Array.from(probs);
  new TopKWarper(k).apply(p);
  return Array.from(p);
}

const greedyExercise: Exercise = {
  id: 'greedy',
  title: 'Greedy decoding',
  prompt:
    'Write `greedyToken(probs)`: the index of the most probable next token (the first one on ties, like numpy’s argmax).',
  check: {
    export: 'greedyToken',
    cases: () => [
      { name: 'a clear winner', args: [[0.1, 0.6, 0.3]], expected: argmaxRow([0.1, 0.6, 0.3]) },
      { name: 'a tie (first wins)', args: [[0.4, 0.2, 0.4]], expected: argmaxRow([0.4, 0.2, 0.4]) },
    ],
    property: {
      trials: 8,
      seed: 50,
      generate: (rng, t) => {
        const p = randomProbs(rng, 5 + 10 * t);
        return { name: `${p.length} random probabilities`, args: [p], expected: argmaxRow(p) };
      },
    },
    hint: 'Scan once, keeping the index of the largest value seen so far; only replace it on a strictly larger value.',
    reference: {
      '@gradkit/transformers': ['argmaxRow', 'kthMostLikely', 'topIndices', 'argsortDescending'],
      '@gradkit/core': ['argmax'],
    },
  },
};

const topKExercise: Exercise = {
  id: 'top-k',
  title: 'Top-k filtering',
  prompt:
    'Top-k sampling (Fan et al. 2018; the notebook’s `get_top_k_token`) keeps the k most probable tokens. Write `topKFilter(probs, k)`: set every probability smaller than the k-th largest to 0 (ties with the k-th are kept) and renormalise so the result sums to 1. Sampling from the result is then top-k sampling.',
  check: {
    export: 'topKFilter',
    cases: () => [
      { name: 'k = 2 of 4', args: [[0.1, 0.4, 0.2, 0.3], 2], expected: topKRef([0.1, 0.4, 0.2, 0.3], 2) },
      {
        name: 'k = 1 is greedy',
        args: [[0.1, 0.4, 0.2, 0.3], 1],
        expected: topKRef([0.1, 0.4, 0.2, 0.3], 1),
      },
      { name: 'k larger than the vocabulary', args: [[0.5, 0.5], 5], expected: topKRef([0.5, 0.5], 5) },
    ],
    property: {
      trials: 8,
      seed: 51,
      generate: (rng, t) => {
        const p = randomProbs(rng, 10 + 5 * t);
        const k = 1 + rng.randint(0, p.length);
        return { name: `${p.length} probabilities, k = ${k}`, args: [p, k], expected: topKRef(p, k) };
      },
    },
    rtol: 1e-9,
    atol: 1e-15,
    hint: 'Find the k-th largest value (sort a copy in decreasing order), zero everything below it, divide by the new sum.',
    reference: {
      '@gradkit/transformers': ['TopKWarper', 'topIndices', 'argsortDescending', 'kthMostLikely'],
    },
  },
};

export default defineLesson({
  questions,
  id: 'transformers',
  title: 'Transformers: decoding strategies with GPT-2',
  notebook: { collection: 'seeds', file: 'udl-cm20315-transformers.md', title: 'CM20315 Transformers' },
  book: { section: '12.7', title: 'Decoder model example: GPT3' },
  packages: ['@gradkit/transformers'],
  summary:
    'Generating text from GPT-2 one token at a time: greedy decoding, sampling, top-k, nucleus sampling and beam search (UDL 12.7).',
  goals: [
    'Pick the greedy token',
    'Filter the distribution for top-k sampling',
    'Compare decoding strategies',
  ],
  figures: ['beam-tree'],
  exercises: [greedyExercise, topKExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
