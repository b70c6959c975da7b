/**
 * Notebook 6.1: Line search (UDL 6.1, figure 6.10). Exercise: the notebook's bracketing line
 * search with the book's rule 1 (b, c, d half as far from a), checked against the lesson's
 * `lineSearch` on the notebook's loss, on a loss where rule 1 fires with a ≠ 0, and on random
 * two-dip losses (handed to the student's code through the lesson's harness).
 */
import type { RandomState } from '@gradkit/core';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { dips, notebookLoss } from './harness.js';
import { lineSearch } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();

/** The designed case: a narrow dip where c starts and a wide one near 0.3 (see `dips`). */
const TRAP = [0.66, 0.6, 0.0005, 0.3, 0.3, 0.05] as const;

/** Random two-dip parameters: even trials a trap like {@link TRAP}, odd ones any two dips on [0, 1]. */
function dipParams(rng: RandomState, t: number): [number, number, number, number, number, number] {
  if (t % 2 === 0)
    return [
      0.66 + u(rng, -0.004, 0.004),
      u(rng, 0.5, 0.7),
      u(rng, 0.0003, 0.0015),
      u(rng, 0.2, 0.4),
      u(rng, 0.2, 0.4),
      u(rng, 0.02, 0.1),
    ];
  return [
    u(rng, 0.1, 0.9),
    u(rng, 0.2, 0.6),
    u(rng, 0.02, 0.2),
    u(rng, 0.1, 0.9),
    u(rng, 0.2, 0.6),
    u(rng, 0.02, 0.2),
  ];
}

const lineSearchExercise: Exercise = {
  id: 'line-search',
  title: 'Line search by bracketing',
  prompt: `Complete \`lineSearch(lossFunction, thresh, maxIter)\` (Notebook 6.1). Start with a = 0, b = 0.33, c = 0.66, d = 1. While |b − c| > thresh and fewer than \`maxIter\` iterations, compute the four losses and apply the first rule that holds:
1. if the loss at a is less than (or equal to) the losses at b, c and d: move b, c and d so that they are half as far from a as they were (b ← a + (b − a)/2, and the same for c and d);
2. else if the loss at b is less than the loss at c: d ← c, and b, c become 1/3 and 2/3 of the way from a to the new d;
3. otherwise: a ← b, and b, c become 1/3 and 2/3 of the way from the new a to d.
Return the average of b and c.`,
  check: {
    export: 'lineSearch',
    cases: () => [
      {
        name: "the notebook's loss_function (thresh 0.0001, max_iter 10)",
        args: [harnessCall('notebookLoss'), 0.0001, 10],
        expected: lineSearch(notebookLoss(), { threshold: 0.0001, maxIter: 10 }).soln,
      },
      {
        name: 'a narrow dip at 0.66 and a wide one at 0.3: rule 1 fires with a = 0.33',
        args: [harnessCall('dips', ...TRAP), 0.0001, 12],
        expected: lineSearch(dips(...TRAP), { threshold: 0.0001, maxIter: 12 }).soln,
      },
    ],
    property: {
      trials: 8,
      seed: 61,
      generate: (rng, t) => {
        const params = dipParams(rng, t);
        const maxIter = 8 + t;
        const thresh = t < 4 ? 0.0001 : 0.001;
        return {
          name: `random two-dip loss #${t + 1} (thresh ${thresh}, max_iter ${maxIter})`,
          args: [harnessCall('dips', ...params), thresh, maxIter],
          expected: lineSearch(dips(...params), { threshold: thresh, maxIter }).soln,
        };
      },
    },
    rtol: 1e-9,
    hint: 'Rule 1 is relative to a: b = a + (b − a)/2, not b/2 (the two agree only while a = 0). After rules 2 and 3, b and c are one and two thirds of the way from the (new) a to the (new) d; each rule ends the iteration.',
  },
};

export default defineLesson({
  questions,
  id: '6-1-line-search',
  title: 'Line search (UDL 6.1)',
  notebook: {
    collection: 'udlbook',
    file: '6_1_Line_Search.md',
    title: 'Notebook 6.1: Line search',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap06/6_1_Line_Search.ipynb',
  },
  book: { section: '6.1', title: 'Gradient descent' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'Minimising a 1-D loss by shrinking a bracket of four points (UDL figure 6.10): the line search that gradient descent uses to choose its step. The CM20315 practical Training I (`training-i`) teaches the same search with a different rule 1.',
  goals: [
    'Implement the three bracketing rules of the book',
    'See line search find a local minimum, and which one',
  ],
  figures: ['line-search-6-1-start', 'line-search-6-1-end'],
  exercises: [lineSearchExercise],
  harness: { notebookLoss, dips },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
