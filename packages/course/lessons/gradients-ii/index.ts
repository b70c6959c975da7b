/**
 * Gradients II: backpropagation in a deep network (CM20315 Gradients II, UDL 7.4). Exercise:
 * ReLU's derivative, the indicator function of the backward pass (eq. 7.13), checked against the
 * lesson's `indicatorFunction`.
 */
import { tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { indicatorFunction } from './notebook.js';

const gradientsIIIndicator: Exercise = {
  id: 'indicator',
  title: "ReLU's derivative (the indicator function)",
  prompt:
    'The backward pass through a ReLU multiplies by its derivative, the indicator `I[f >= 0]` (UDL eq. 7.13). Write `indicatorFunction(f)` returning 1 where `f >= 0` and 0 elsewhere, for a list of pre-activations.',
  check: {
    export: 'indicatorFunction',
    cases: () => {
      const f = [-1.5, -0.0, 0, 1e-12, 2];
      return [{ name: 'signs and zeros', args: [f], expected: indicatorFunction(tensor(f)).toList() }];
    },
    property: {
      trials: 6,
      seed: 7,
      generate: (rng, t) => {
        const f = rng.randn(10 + t).toList() as number[];
        return {
          name: `random pre-activations #${t + 1}`,
          args: [f],
          expected: indicatorFunction(tensor(f)).toList(),
        };
      },
    },
    hint: 'Zero counts as active: the notebook uses `x >= 0`.',
    reference: { '@gradkit/core': ['greaterEqual'] },
  },
};

export default defineLesson({
  id: 'gradients-ii',
  title: 'Gradients II: backpropagation in a deep network',
  notebook: {
    collection: 'seeds',
    file: 'udl-cm20315-gradients_ii.md',
    title: 'Gradients II: Backpropagation algorithm',
  },
  book: { section: '7.4', title: 'Backpropagation algorithm' },
  packages: ['@gradkit/core'],
  summary:
    'The backward pass of a deep ReLU network in matrix form (UDL eq. 7.13), checked against finite differences.',
  goals: ['Backpropagate through matrix layers', 'Use the indicator function as the ReLU derivative'],
  figures: ['gradients-ii-check'],
  exercises: [gradientsIIIndicator],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
