/**
 * Notebook 8.4, High-dimensional spaces (UDL chapter 8; also the CM20315 Coursework IV, formerly
 * the lesson `coursework-iv`). Exercises: the notebook's three TODOs, the ratio of the largest to
 * the smallest pairwise distance, the volume of a hypersphere (UDL problem 8.7) and the share of
 * its volume in the outer 1% of the radius, checked against `@gradkit/core`'s `distanceRatio`,
 * `hypersphereVolume` and `outerShellVolumeFraction`.
 */
import { distanceRatio, hypersphereVolume, outerShellVolumeFraction, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const distanceRatioExercise: Exercise = {
  id: 'distance-ratio',
  title: 'The ratio of the largest to the smallest distance',
  prompt:
    'Write `distanceRatio(x)` for data `x` `[D][N]` whose columns are the N points (as the notebook’s `x_2D`, `x_100D`, `x_1000D`): the largest Euclidean distance between two distinct points divided by the smallest. Do not count the distance of a point to itself. In high dimensions the ratio tends to 1.',
  check: {
    export: 'distanceRatio',
    cases: () => {
      // three points in the plane, (0, 0), (3, 4) and (1, 0), as columns
      const x = [
        [0, 3, 1],
        [0, 4, 0],
      ];
      return [{ name: 'three points in the plane', args: [x], expected: distanceRatio(tensor(x)) }];
    },
    property: {
      trials: 5,
      seed: 0,
      generate: (rng, t) => {
        const d = [2, 10, 100, 5, 50][t]!;
        const x = rng.normal(0, 1, [d, 20]).toArray() as number[][];
        return { name: `20 normal points in ${d}-D`, args: [x], expected: distanceRatio(tensor(x)) };
      },
    },
    rtol: 1e-8,
    hint: 'The points are the columns: x[k][i] is coordinate k of point i. Loop over pairs i < j only (the distance of a point to itself is 0).',
    reference: { '@gradkit/core': ['distanceRatio'] },
  },
};

const hypersphereExercise: Exercise = {
  id: 'hypersphere-volume',
  title: 'The volume of a hypersphere',
  prompt:
    'Write `volumeOfHypersphere(diameter, dimensions)` = `π^{D/2} / Γ(D/2 + 1) · r^D` with `r = diameter / 2` (UDL problem 8.7). In 2-D it is the area of a circle, `π r²`. `gammaScalar` and `lgammaScalar` from `@gradkit/core` give Γ.',
  check: {
    export: 'volumeOfHypersphere',
    cases: () =>
      [1, 2, 3, 5, 10, 20].map((d) => ({
        name: `diameter 1, ${d}-D`,
        args: [1, d],
        expected: hypersphereVolume(1, d),
      })),
    property: {
      trials: 6,
      seed: 3,
      generate: (rng, t) => {
        const diameter = 0.2 + 2 * rng.randomSample();
        const d = 1 + rng.randint(0, 30);
        return {
          name: `random sphere #${t + 1}`,
          args: [diameter, d],
          expected: hypersphereVolume(diameter, d),
        };
      },
    },
    rtol: 1e-9,
    atol: 1e-300,
    hint: 'Use the radius, not the diameter: r = diameter / 2. Γ(D/2 + 1) is gammaScalar(dimensions / 2 + 1).',
    reference: { '@gradkit/core': ['hypersphereVolume'] },
  },
};

const outerShellExercise: Exercise = {
  id: 'outer-shell',
  title: 'The proportion of volume in the outer 1%',
  prompt:
    'Write `propOfVolumeInOuter1Percent(dimension)`: the fraction of a hypersphere’s volume that lies between 0.99 r and r: compute the volume of the hypersphere and of one with 0.99 of its radius, and take the share of the difference.',
  check: {
    export: 'propOfVolumeInOuter1Percent',
    cases: () =>
      [1, 2, 10, 100, 300].map((d) => ({ name: `${d}-D`, args: [d], expected: outerShellVolumeFraction(d) })),
    rtol: 1e-9,
    hint: 'The volume scales as r^D, so the ratio V(0.99 r)/V(r) is 0.99^D.',
    reference: { '@gradkit/core': ['outerShellVolumeFraction', 'hypersphereVolume'] },
  },
};

export default defineLesson({
  questions,
  id: '8-4-high-dimensional-spaces',
  aliases: ['coursework-iv'],
  title: 'High-dimensional spaces (UDL 8.4)',
  notebook: {
    collection: 'udlbook',
    file: '8_4_High_Dimensional_Spaces.md',
    title: 'Notebook 8.4: High-dimensional spaces',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap08/8_4_High_Dimensional_Spaces.ipynb',
  },
  book: { section: '8.4', title: 'Double descent' },
  packages: ['@gradkit/core', '@gradkit/datasets'],
  summary:
    'In high dimensions random points are almost equidistant and a hypersphere’s volume vanishes and concentrates in a thin outer shell (the curse of dimensionality, UDL chapter 8). The same code as the CM20315 Coursework IV.',
  goals: [
    'Compute pairwise distance ratios',
    'Compute hypersphere volumes with the gamma function',
    'See where the volume of a ball lives',
  ],
  figures: ['coursework-iv-distances', 'coursework-iv-volume', 'coursework-iv-outer-shell'],
  exercises: [distanceRatioExercise, hypersphereExercise, outerShellExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
