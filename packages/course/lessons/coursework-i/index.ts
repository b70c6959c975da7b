/**
 * Coursework I: model hyperparameters on MNIST-1D (CM20315 Coursework I, summarised in the seeds'
 * README). The notebook is the coursework pipeline of Coursework II; the student changes only the
 * model (depth, widths, activations) to beat the 37.45 % validation error. No graded exercises.
 */
import { defineLesson } from '../../src/lesson.js';
import questions from './questions.json' with { type: 'json' };

export default defineLesson({
  questions,
  id: 'coursework-i',
  title: 'Coursework I: model hyperparameters on MNIST-1D',
  notebook: {
    collection: 'seeds',
    file: 'README.md',
    title: 'CM20315 Coursework I',
  },
  book: { section: '4.5', title: 'Shallow vs. deep neural networks' },
  packages: ['@gradkit/nn', '@gradkit/datasets', '@gradkit/optimizers'],
  summary:
    'The coursework pipeline on MNIST-1D with a fixed training recipe: beat the 37.45 % validation error by changing only the model — its depth, widths and activation functions.',
  goals: [
    'Count the parameters of a fully connected network',
    'Change depth, widths and activations',
    'Compare the validation error with the baseline',
  ],
  figures: ['coursework-i-activations'],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
