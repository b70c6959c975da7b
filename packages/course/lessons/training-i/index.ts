/**
 * Training I: line search (CM20315 Training I, UDL 6.1). Exercise: the bracketing line search of
 * the notebook, checked against `@gradkit/optimizers`' `lineSearch` on the notebook's loss and on
 * random two-dip losses (handed to the student's code through the lesson's harness).
 */
import type { RandomState } from '@gradkit/core';
import { lineSearch } from '@gradkit/optimizers';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { lossFunction, trainingILoss, twoDips } from './harness.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();

/** The parameters of a random two-dip loss (see `twoDips` in the harness), drawn as before. */
function twoDipsParams(rng: RandomState): [number, number, number, number, number, number] {
  return [
    u(rng, 0.1, 0.9),
    u(rng, 0.1, 0.9),
    u(rng, 0.2, 0.6),
    u(rng, 0.2, 0.6),
    u(rng, 0.02, 0.2),
    u(rng, 0.02, 0.2),
  ];
}

const lineSearchExercise: Exercise = {
  id: 'line-search',
  title: 'Line search by bracketing',
  prompt: `Complete \`lineSearch(loss, threshold, maxIter)\` (Training I). Start with a = 0, b = 0.33, c = 0.66, d = 1. Repeat at most \`maxIter\` times, stopping when |b − c| <= threshold:
1. if loss(a) is less than loss(b), loss(c) and loss(d): halve b, c and d (bring them towards a);
2. else if loss(b) < loss(c): d ← c, b ← a + (d − a)/3, c ← a + 2(d − a)/3;
3. else: a ← b, b ← a + (d − a)/3, c ← a + 2(d − a)/3.
Return the average of b and c.`,
  check: {
    export: 'lineSearch',
    cases: () => [
      {
        name: 'the Training I loss',
        args: [harnessCall('trainingILoss'), 0.0001, 10],
        expected: lineSearch(lossFunction, { threshold: 0.0001, maxIter: 10 }).soln,
      },
    ],
    property: {
      trials: 8,
      seed: 1,
      generate: (rng, t) => {
        const params = twoDipsParams(rng);
        const maxIter = 5 + t;
        return {
          name: `random two-dip loss #${t + 1} (maxIter ${maxIter})`,
          args: [harnessCall('twoDips', ...params), 1e-4, maxIter],
          expected: lineSearch(twoDips(...params), { threshold: 1e-4, maxIter }).soln,
        };
      },
    },
    rtol: 1e-9,
    hint: 'Compute the four losses at the top of each iteration; after rules 2 and 3, b and c are one and two thirds of the way from the (new) a to the (new) d.',
    reference: { '@gradkit/optimizers': ['lineSearch'] },
  },
};

export default defineLesson({
  questions,
  id: 'training-i',
  title: 'Training I: line search',
  notebook: { collection: 'seeds', file: 'udl-training_i.md', title: 'CM20315 Training (part I)' },
  book: { section: '6.1', title: 'Gradient descent' },
  packages: ['@gradkit/optimizers', '@gradkit/core'],
  summary:
    'Minimising a 1-D function by repeatedly shrinking a bracket of four points: the building block of gradient descent with line search (UDL 6.1).',
  goals: ['Implement the three bracketing rules', 'See line search find a local minimum'],
  figures: ['training-i-function'],
  exercises: [lineSearchExercise],
  harness: { trainingILoss, twoDips },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
