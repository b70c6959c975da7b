/**
 * Shallow networks (CM20315 Shallow, summarised in the seeds' README; UDL notebooks 3.1 and 3.2):
 * the network with one input, three hidden units and one output (UDL section 3.1), its
 * intermediates, other activation functions, two inputs and outputs, and linear regions.
 * Exercises: the notebook's TODOs, the ReLU and the 1-3-1 network returning every intermediate —
 * the same two exercises as notebook 3.1's lesson (`relu`, `shallow-1-1-3`), defined there and
 * graded here as they are (with 3.1's harness: `harness.ts` is its copy for the grader's sandbox,
 * which bundles each lesson's harness on its own).
 */
import { defineLesson } from '../../src/lesson.js';
import { reluExercise, shallowExercise, shallowHarness } from '../3-1-shallow-networks-i/index.js';
import questions from './questions.json' with { type: 'json' };

export default defineLesson({
  questions,
  id: 'shallow',
  title: 'Shallow networks',
  notebook: {
    collection: 'seeds',
    file: 'README.md',
    title: 'CM20315 Shallow neural networks',
  },
  book: {
    section: '3.1–3.3',
    title: 'Neural network example; Universal approximation theorem; Multivariate inputs and outputs',
  },
  packages: ['@gradkit/nn', '@gradkit/losses', '@gradkit/datasets'],
  summary:
    'A shallow network with one input, three ReLU hidden units and one output computes a piecewise-linear function: every intermediate (pre-activations, activations, weighted activations) drawn as a 3×3 grid, other activation functions, two inputs and outputs, and the linear regions they make (UDL 3.1).',
  goals: [
    'Write the ReLU and the 1-3-1 network',
    'Predict how each parameter changes the function',
    'Compare activation functions',
    'Count linear regions with one and two inputs',
  ],
  figures: ['shallow-grid'],
  exercises: [reluExercise, shallowExercise],
  harness: shallowHarness,
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
