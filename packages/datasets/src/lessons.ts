/**
 * The lessons `@gradkit/datasets` serves (Coursework II and III on MNIST-1D), as data: goals,
 * figures and graded exercises. Types and the checker are in `@gradkit/core`.
 */
import { argmax, type Exercise, type Lesson, starterFile, tensor } from '@gradkit/core';
import { interpolate } from './transforms.js';

/** Percentage of rows of `logits` `[N, K]` whose argmax differs from the label (the courseworks' error). */
function percentError(logits: number[][], labels: number[]): number {
  const pred = argmax(tensor(logits), { axis: 1 }).toList() as number[];
  let wrong = 0;
  for (let i = 0; i < labels.length; i++) if (pred[i] !== labels[i]) wrong++;
  return (100 * wrong) / labels.length;
}

const errorExercise: Exercise = {
  id: 'percent-error',
  title: 'The classification error',
  prompt:
    'The courseworks measure a model by its validation error: the percentage of examples whose predicted class (the argmax of the model’s outputs) differs from the label. Write `percentError(logits, labels)` for outputs `[N, K]` and labels `[N]`.',
  starter: starterFile(
    'coursework-ii',
    `/** 100 · (number of rows whose argmax ≠ label) / N. */
export function percentError(logits: number[][], labels: number[]): number {
  throw new Error('TODO');
}`,
  ),
  check: {
    export: 'percentError',
    cases: () => {
      const logits = [
        [0.1, 2, -1],
        [3, 0, 0],
        [0, 0, 1],
        [-1, -2, -0.5],
      ];
      const labels = [1, 0, 0, 2];
      return [
        { name: '4 examples, 1 wrong', args: [logits, labels], expected: percentError(logits, labels) },
      ];
    },
    property: {
      trials: 5,
      seed: 40,
      generate: (rng, t) => {
        const n = 10 + 20 * t;
        const logits = rng.randn(n, 10).toArray() as number[][];
        const labels = Array.from({ length: n }, () => rng.randint(0, 10));
        return {
          name: `${n} random examples`,
          args: [logits, labels],
          expected: percentError(logits, labels),
        };
      },
    },
    rtol: 1e-12,
    hint: 'Predict with the index of the largest output in each row; report a percentage (0–100), not a fraction.',
  },
};

const resampleExercise: Exercise = {
  id: 'resample',
  title: 'Augmentation by stretching: resample a signal',
  prompt:
    'Data augmentation (UDL 9.3.7) regularizes by training on label-preserving transformations of the examples; MNIST-1D’s own generator stretches and squeezes its templates by resampling. Write `resample(x, n)`: treat the `L` values of `x` as samples at `L` equally spaced points of [0, 1] (`linspace(0, 1, L)`) and return the `n` values at `linspace(0, 1, n)` by linear interpolation (numpy’s `np.interp`, the MNIST-1D `interpolate`). The first and last values are kept.',
  starter: starterFile(
    'coursework-iii',
    `/** x (samples at linspace(0, 1, x.length)) linearly interpolated at linspace(0, 1, n). */
export function resample(x: number[], n: number): number[] {
  throw new Error('TODO: linear interpolation at n equally spaced points');
}`,
  ),
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
  },
};

/** The lessons served by `@gradkit/datasets`, in course order. */
export const datasetsLessons: Lesson[] = [
  {
    id: 'coursework-ii',
    title: 'Coursework II: training hyperparameters on MNIST-1D',
    package: '@gradkit/datasets',
    seed: 'udl-cm20315-coursework_ii.md',
    summary:
      'Improve a network’s validation error on MNIST-1D by changing only the training hyperparameters: optimizer, learning rate, schedule, batch size, epochs.',
    goals: ['Measure the validation error', 'Tune the training hyperparameters'],
    figures: ['errorCurves'],
    exercises: [errorExercise],
  },
  {
    id: 'coursework-iii',
    title: 'Coursework III: regularization on MNIST-1D',
    package: '@gradkit/datasets',
    seed: 'udl-cm20315-coursework_iii.md',
    summary:
      'Improve the validation error on MNIST-1D with regularization (UDL chapter 9): weight decay, dropout, data augmentation, ensembling; not early stopping.',
    goals: ['Add a regularizer', 'Compare training and validation error curves'],
    figures: ['errorCurves'],
    exercises: [resampleExercise],
  },
];
