/**
 * Coursework III: regularization on MNIST-1D (CM20315 Coursework III). The notebook is Coursework
 * II's pipeline; the student improves the validation error by regularization alone (UDL chapter
 * 9). Exercise: resampling a signal by linear interpolation, MNIST-1D's stretching augmentation
 * (checked against `@gradkit/datasets`' MNIST-1D `interpolate`).
 */
import { mnist1dTransforms } from '@gradkit/datasets';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const { interpolate } = mnist1dTransforms;

const resampleExercise: Exercise = {
  id: 'resample',
  title: 'Augmentation by stretching: resample a signal',
  prompt:
    'Data augmentation (UDL 9.3.8) regularizes by training on label-preserving transformations of the examples; MNIST-1D’s own generator stretches and squeezes its templates by resampling. Write `resample(x, n)`: treat the `L` values of `x` as samples at `L` equally spaced points of [0, 1] (`linspace(0, 1, L)`) and return the `n` values at `linspace(0, 1, n)` by linear interpolation (numpy’s `np.interp`, the MNIST-1D `interpolate`). The first and last values are kept.',
  check: {
    export: 'resample',
    cases: () =>
      (
        [
          [[0, 1, 0, -1], 7],
          [[2, 4], 5],
          [[1, 3, 2, 5, 4], 3],
          [[0.5, -0.5, 1.5], 3],
        ] as [number[], number][]
      ).map(([x, n]) => ({
        name: `${x.length} values at ${n} points`,
        args: [x, n],
        expected: Array.from(interpolate(x, n)),
      })),
    property: {
      trials: 6,
      seed: 93,
      generate: (rng, t) => {
        const len = 2 + rng.randint(0, 40);
        const n = 2 + rng.randint(0, 60);
        const x = rng.randn(len).toList() as number[];
        return {
          name: `random signal #${t + 1}: ${len} values at ${n} points`,
          args: [x, n],
          expected: Array.from(interpolate(x, n)),
        };
      },
    },
    rtol: 1e-10,
    atol: 1e-12,
    hint: 'Output point i sits at t = i/(n − 1); in x it falls at position p = t·(L − 1): mix x[floor p] and x[floor p + 1] with weights 1 − frac(p) and frac(p) (clamp at the last value).',
    reference: { '@gradkit/datasets': ['mnist1dTransforms', 'interp'] },
  },
};

export default defineLesson({
  questions,
  id: 'coursework-iii',
  title: 'Coursework III: regularization on MNIST-1D',
  notebook: {
    collection: 'seeds',
    file: 'udl-cm20315-coursework_iii.md',
    title: 'CM20315 Coursework III -- Regularization',
  },
  book: { section: '9.1–9.3', title: 'Regularization' },
  packages: ['@gradkit/datasets', '@gradkit/nn', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Improve the validation error on MNIST-1D with regularization (UDL chapter 9): weight decay, dropout, data augmentation, ensembling; not early stopping.',
  goals: ['Add a regularizer', 'Compare training and validation error curves'],
  exercises: [resampleExercise],
  notebookModule: () => import('./notebook.js'),
});
