/**
 * Notebook 3.3, Shallow network regions (UDL 3.3, figure 3.9): how many linear regions a shallow
 * network with D_i inputs and D hidden units can make (Zaslavsky's formula, exact integers) and
 * how many parameters it has. Exercises: the notebook's TODOs `number_regions` and
 * `number_parameters`, checked against `@gradkit/nn`'s `numberRegions` and `numberParameters`.
 */
import type { RandomState } from '@gradkit/core';
import { numberParameters, numberRegions } from '@gradkit/nn';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import questions from './questions.json' with { type: 'json' };

const int = (rng: RandomState, lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * rng.randomSample());

/** Exact comparison of counts: a bigint equal to the expected one. */
function exactCount(received: unknown, expected: unknown): string | null {
  if (typeof received !== 'bigint')
    return `expected a bigint (an exact integer such as ${expected}n), received ${typeof received} ${String(received)}`;
  return received === expected ? null : `expected ${expected}n, received ${received}n`;
}

const regionsExercise: Exercise = {
  id: 'number-regions',
  title: "Zaslavsky's formula: the number of linear regions",
  prompt:
    'Write `numberRegions(Di, D)`: the maximum number of linear regions of a shallow network with `Di` inputs and `D` hidden units, `N = Σ_{j=0}^{Di} C(D, j)` (Zaslavsky’s formula), exactly, as a `bigint`. `comb(n, k)` from `@gradkit/core` is Python’s `math.comb` (C(D, j) is 0 when j > D). The notebook’s true values: 7 for (2, 3), 13432735556 for (10, 50), 256 for (10, 8).',
  check: {
    export: 'numberRegions',
    cases: () =>
      [
        [2, 3],
        [10, 50],
        [10, 8],
        [8, 8],
        [1, 5],
        [0, 4],
        [100, 999],
      ].map(([Di, D]) => ({ name: `Di=${Di}, D=${D}`, args: [Di, D], expected: numberRegions(Di!, D!) })),
    property: {
      trials: 8,
      seed: 33,
      generate: (rng, t) => {
        const Di = int(rng, 0, 30);
        const D = int(rng, 0, 40 * (t + 1));
        return { name: `Di=${Di}, D=${D}`, args: [Di, D], expected: numberRegions(Di, D) };
      },
    },
    compare: exactCount,
    hint: 'Sum C(D, j) for j = 0, 1, …, Di with bigint arithmetic (comb returns a bigint; start the sum at 0n). A factorial formula in floating point loses digits past 2^53.',
  },
};

const parametersExercise: Exercise = {
  id: 'number-parameters',
  title: 'The number of parameters of a shallow network',
  prompt:
    'Write `numberParameters(Di, D)`: how many weights and biases a shallow network with `Di` inputs, `D` hidden units and one output has (the notebook’s true value: 97 for Di = 10, D = 8).',
  check: {
    export: 'numberParameters',
    cases: () =>
      [
        [10, 8],
        [1, 3],
        [2, 3],
        [100, 5],
      ].map(([Di, D]) => ({ name: `Di=${Di}, D=${D}`, args: [Di, D], expected: numberParameters(Di!, D!) })),
    property: {
      trials: 6,
      seed: 34,
      generate: (rng, t) => {
        const Di = int(rng, 1, 200);
        const D = int(rng, 0, 500 * (t + 1));
        return { name: `Di=${Di}, D=${D}`, args: [Di, D], expected: numberParameters(Di, D) };
      },
    },
    rtol: 0,
    atol: 0,
    hint: 'Each hidden unit has one weight per input and a bias; the output has one weight per hidden unit and a bias.',
  },
};

export default defineLesson({
  questions,
  id: '3-3-shallow-network-regions',
  title: 'Shallow network regions (UDL 3.3)',
  notebook: {
    collection: 'udlbook',
    file: '3_3_Shallow_Network_Regions.md',
    title: 'Notebook 3.3 -- Shallow network regions',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap03/3_3_Shallow_Network_Regions.ipynb',
  },
  book: { section: '3.3', title: 'Multivariate inputs and outputs' },
  packages: ['@gradkit/nn', '@gradkit/core', '@gradkit/plot'],
  summary:
    "How many linear regions can a shallow ReLU network carve its input space into? Zaslavsky's formula counts them exactly (13432735556 for 10 inputs and 50 hidden units), and the counts grow far faster with more inputs than the number of parameters does (UDL figure 3.9).",
  goals: [
    "Count linear regions with Zaslavsky's formula, in exact integers",
    'See why D ≤ D_i hidden units give 2^D regions',
    'Count the parameters of a shallow network',
    'Compare regions per parameter across input dimensions',
  ],
  figures: ['regions-by-hidden-units', 'regions-by-parameters'],
  exercises: [regionsExercise, parametersExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
