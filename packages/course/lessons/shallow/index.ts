/**
 * Shallow networks (CM20315 Shallow, summarised in the seeds' README; UDL notebooks 3.1 and 3.2):
 * the network with one input, three hidden units and one output (UDL section 3.1), its
 * intermediates, other activation functions, two inputs and outputs, and linear regions. No
 * graded exercises: the notebook's TODOs are the ReLU and the network itself, which Deep networks I
 * grades.
 */
import { defineLesson } from '../../src/lesson.js';
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
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
