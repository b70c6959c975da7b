/**
 * Coursework IV: the geometry of high-dimensional spaces (CM20315 Coursework IV, UDL chapter 8).
 * Exercises: the ratio of the largest to the smallest pairwise distance (part a), the volume of a
 * hypersphere (part b) and the share of its volume in the outer 1% of the radius (part c), checked
 * against `@gradkit/core`'s `distanceRatio`, `hypersphereVolume` and `outerShellVolumeFraction`.
 */
import { distanceRatio, hypersphereVolume, outerShellVolumeFraction, tensor, transpose } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';

const distanceRatioExercise: Exercise = {
  id: 'distance-ratio',
  title: 'The ratio of the largest to the smallest distance',
  prompt:
    'Write `distanceRatio(x)` for points `x` `[N, D]`: the largest Euclidean distance between two distinct points divided by the smallest (Coursework IV, part a). In high dimensions the ratio tends to 1.',
  check: {
    export: 'distanceRatio',
    cases: () => {
      const x = [
        [0, 0],
        [3, 4],
        [1, 0],
      ];
      return [
        { name: 'three points in the plane', args: [x], expected: distanceRatio(transpose(tensor(x))) },
      ];
    },
    property: {
      trials: 5,
      seed: 0,
      generate: (rng, t) => {
        const d = [2, 10, 100, 5, 50][t]!;
        const x = rng.normal(0, 1, [20, d]).toArray() as number[][];
        return {
          name: `20 normal points in ${d}-D`,
          args: [x],
          expected: distanceRatio(transpose(tensor(x))),
        };
      },
    },
    rtol: 1e-8,
    hint: 'Loop over pairs i < j only (the distance of a point to itself is 0).',
    reference: { '@gradkit/core': ['distanceRatio'] },
  },
};

const hypersphereExercise: Exercise = {
  id: 'hypersphere-volume',
  title: 'The volume of a hypersphere',
  prompt:
    'Write `volumeOfHypersphere(diameter, dimensions)` = `π^{D/2} / Γ(D/2 + 1) · r^D` with `r = diameter / 2` (Coursework IV, part b). `gammaScalar` and `lgammaScalar` from `@gradkit/core` give Γ.',
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
    'Write `propOfVolumeInOuter1Percent(dimension)`: the fraction of a hypersphere’s volume that lies between 0.99 r and r (Coursework IV, part c).',
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
  id: 'coursework-iv',
  title: 'Coursework IV: high-dimensional spaces',
  notebook: { collection: 'seeds', file: 'udl-cm20315-coursework_iv.md', title: 'CM20315 Coursework IV' },
  book: { section: '8.4', title: 'Double descent: high-dimensional spaces (the curse of dimensionality)' },
  packages: ['@gradkit/core', '@gradkit/datasets'],
  summary:
    'In high dimensions random points are almost equidistant and a hypersphere’s volume vanishes and concentrates in a thin outer shell.',
  goals: [
    'Compute pairwise distance ratios',
    'Compute hypersphere volumes with the gamma function',
    'See where the volume of a ball lives',
  ],
  figures: ['coursework-iv-distances', 'coursework-iv-volume'],
  exercises: [distanceRatioExercise, hypersphereExercise, outerShellExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
