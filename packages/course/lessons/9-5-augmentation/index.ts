/**
 * Notebook 9.5: Augmentation (UDL 9.3.8). Exercises: the two TODOs of `augment` — shift a signal
 * by a random offset, rotating (`np.roll`), and scale it by a random factor from U(0.8, 1.2) —
 * each drawing from the `RandomState` handed to it (`harness.ts`), in the notebook's order.
 */

import { RandomState, tensor } from '@gradkit/core';
import { augmentSignals } from '@gradkit/datasets';
import { harnessCall } from '../../src/check.js';
import { defineLesson } from '../../src/lesson.js';
import type { CheckCase, Exercise } from '../../src/types.js';
import { numpyRandom } from './harness.js';
import questions from './questions.json' with { type: 'json' };

/** Reference of the shift: `np.roll(x, rng.randint(0, len(x)))`, `augmentSignals` with gain 1. */
function shiftReference(x: number[], seed: number): number[] {
  const out = augmentSignals(tensor([x], { dtype: 'float64' }), tensor([0]), 1, new RandomState(seed), {
    indices: [0],
    scale: [1, 1],
  });
  return Array.from(out.x.data.subarray(x.length));
}

/** Reference of the gain: `x * rng.uniform(0.8, 1.2)` (the book's equation written out). */
function scaleReference(x: number[], seed: number): number[] {
  const s = new RandomState(seed).uniform(0.8, 1.2);
  return x.map((v) => v * s);
}

/**
 * MNIST-1D's first training signal `data['x'][0]` (label 2), as `makeMnist1d()` generates it
 * (notebook.test.ts checks these digits against the generator).
 */
export const SIGNAL_0: readonly number[] = [
  -0.3320056673693902, -0.4719103656557236, -0.778697076293495, -1.0097408265367047, -0.8823525654053074,
  0.10393481264623418, 1.643284346437359, 1.6525071095153063, 0.6830780818315106, -0.3426375154685016,
  -1.521430874860797, -1.103984045148588, -0.017093907298869573, 1.0146680081220367, 0.6235863180667376,
  -0.023913669562378465, 0.25410828809924846, 0.8673925837312527, 0.9354100555166474, 1.0358740294925417,
  1.5934880211319844, 1.2368416586427937, 0.4101984957624668, -0.2197929919438747, 0.0980555892363494,
  0.5301636813569663, 0.5202781860417783, 0.18998056723533166, 0.07043655205902072, 0.32433058303075085,
  0.26860834624669466, -0.5790773496801285, -1.093485710822378, -0.8645804426674562, -0.1135296255987257,
  0.019500918020389224, -0.3282141545404554, -0.7167304978134463, -0.9619582524619624, -0.8901663884753127,
];

function cases(reference: (x: number[], seed: number) => number[], what: string): () => CheckCase[] {
  return () => {
    const x0 = [...SIGNAL_0];
    const ramp = Array.from({ length: 8 }, (_, i) => i);
    return [
      {
        name: "the notebook's first training signal data['x'][0], np.random.seed(1)",
        args: [x0, harnessCall('numpyRandom', 1)],
        expected: reference(x0, 1),
      },
      {
        name: `the ramp 0..7, seed 5 (${what})`,
        args: [ramp, harnessCall('numpyRandom', 5)],
        expected: reference(ramp, 5),
      },
    ];
  };
}

function property(
  reference: (x: number[], seed: number) => number[],
  seed: number,
): NonNullable<Exercise['check']['property']> {
  return {
    trials: 8,
    seed,
    generate: (rng, t) => {
      const n = 1 + rng.randint(0, 60);
      const x = rng.standardNormal([n]).toList() as number[];
      const s = rng.randint(0, 100000);
      return {
        name: `random signal #${t + 1} (length ${n}, seed ${s})`,
        args: [x, harnessCall('numpyRandom', s)],
        expected: reference(x, s),
      };
    },
  };
}

const shift: Exercise = {
  id: 'random-shift',
  title: 'Shift by a random offset',
  prompt:
    "The first TODO of `augment`: shift the signal by a random offset, rotating, so that points that would go off the end come back at the beginning. Write `randomShift(inputVector, rng)`: draw the offset `k = rng.randint(0, inputVector.length)` (numpy's `np.random.randint(0, len(x))`) and return `np.roll(inputVector, k)`: `out[(i + k) % L] = x[i]`.",
  check: {
    export: 'randomShift',
    cases: cases(shiftReference, 'every offset 0..7 is possible'),
    property: property(shiftReference, 951),
    rtol: 0,
    atol: 0,
    hint: 'np.roll moves every element k places to the right: out[(i + k) % L] = x[i], i.e. out[j] = x[(j − k + L) % L]. Draw k with rng.randint(0, L), not L − 1.',
    reference: { '@gradkit/datasets': ['augmentSignals', 'augmentMnist1d', 'mnist1dTransforms'] },
  },
};

const scale: Exercise = {
  id: 'random-scale',
  title: 'Scale by a random factor',
  prompt:
    "The second TODO: scale the (shifted) signal by one factor drawn from a uniform distribution over [0.8, 1.2]. Write `randomScale(inputVector, rng)`: draw `s = rng.uniform(0.8, 1.2)` (numpy's `np.random.uniform(0.8, 1.2)`, one number for the whole signal) and return `s · inputVector`. The notebook's `augment(x)` is `randomScale(randomShift(x, rng), rng)`.",
  check: {
    export: 'randomScale',
    cases: cases(scaleReference, 'one gain for every point'),
    property: property(scaleReference, 952),
    rtol: 1e-12,
    atol: 1e-15,
    hint: 'One draw of rng.uniform(0.8, 1.2) for the whole signal (not one per point), multiplied into every element.',
    reference: { '@gradkit/datasets': ['augmentSignals', 'augmentMnist1d'] },
  },
};

export default defineLesson({
  questions,
  id: '9-5-augmentation',
  title: 'Augmentation (UDL 9.5)',
  notebook: {
    collection: 'udlbook',
    file: '9_5_Augmentation.md',
    title: 'Notebook 9.5: Augmentation',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap09/9_5_Augmentation.ipynb',
  },
  book: { section: '9.3.8', title: 'Augmentation' },
  packages: ['@gradkit/datasets', '@gradkit/nn', '@gradkit/optimizers', '@gradkit/losses'],
  summary:
    'Make 4000 more MNIST-1D training examples by shifting each signal circularly and scaling it by a random gain, train the same 40-200-200-10 network on the original and on the augmented set, and compare the test errors.',
  goals: [
    'Write the two label-preserving transforms: a random circular shift and a random gain',
    'Build an augmented training set from randomly chosen originals',
    'Compare the test error with and without augmentation',
  ],
  figures: ['augmentation-examples', 'augmentation-errors'],
  exercises: [shift, scale],
  harness: { numpyRandom },
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
