/**
 * Notebook 1.1, Background mathematics (the first lesson of the UDL curriculum): linear functions
 * of one, two and three inputs, the vector/matrix form, the exponential and the logarithm.
 * Exercises: the notebook's three TODOs (`linear_function_1D/2D/3D`) and its question 2, several
 * linear equations at once in matrix form (`β + Ωx`), checked against the lesson's code and
 * `@gradkit/core`'s `matmul`.
 */
import { matmul, type RandomState, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { linearFunction1D, linearFunction2D, linearFunction3D } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const u = (rng: RandomState, lo: number, hi: number) => lo + (hi - lo) * rng.randomSample();
const one = (x: number, beta: number, omega: number) => linearFunction1D([x], beta, omega).toList()[0]!;
const two = (x1: number, x2: number, beta: number, o1: number, o2: number) =>
  linearFunction2D([x1], [x2], beta, o1, o2).toList()[0]!;

const linear1D: Exercise = {
  id: 'linear-function-1d',
  title: 'A linear function of one input',
  prompt:
    'Write `linearFunction1D(x, beta, omega)` = `β + ωx`: the straight line with y-intercept `β` and slope `ω` (the notebook’s first TODO).',
  check: {
    export: 'linearFunction1D',
    cases: () =>
      [
        [5, 0, 1],
        [2.5, 10, -2],
        [0, 10, -2],
        [5, 10, -2],
        [-3, 0.5, 0.25],
      ].map(([x, b, o]) => ({
        name: `x=${x}, beta=${b}, omega=${o}`,
        args: [x, b, o],
        expected: one(x!, b!, o!),
      })),
    property: {
      trials: 8,
      seed: 11,
      generate: (rng, t) => {
        const args = [u(rng, -10, 10), u(rng, -5, 5), u(rng, -3, 3)] as [number, number, number];
        return { name: `random #${t + 1}`, args, expected: one(...args) };
      },
    },
    hint: 'β is where the line crosses the y-axis (x = 0) and ω is how much y grows when x grows by 1: y = β + ω·x.',
  },
};

const linear2D: Exercise = {
  id: 'linear-function-2d',
  title: 'A linear function of two inputs',
  prompt:
    'Write `linearFunction2D(x1, x2, beta, omega1, omega2)` = `β + ω1·x1 + ω2·x2` (the notebook’s second TODO): a plane over the (x1, x2) plane.',
  check: {
    export: 'linearFunction2D',
    cases: () =>
      [
        [3, 4, 0, 1, -0.5],
        [3, 4, 0, 0, -0.5],
        [3, 4, 0, 1, 0],
        [3, 4, -5, 1, -0.5],
      ].map(([x1, x2, b, o1, o2]) => ({
        name: `x1=${x1}, x2=${x2}, beta=${b}, omega1=${o1}, omega2=${o2}`,
        args: [x1, x2, b, o1, o2],
        expected: two(x1!, x2!, b!, o1!, o2!),
      })),
    property: {
      trials: 8,
      seed: 12,
      generate: (rng, t) => {
        const args = [u(rng, 0, 10), u(rng, 0, 10), u(rng, -5, 5), u(rng, -2, 2), u(rng, -2, 2)] as [
          number,
          number,
          number,
          number,
          number,
        ];
        return { name: `random #${t + 1}`, args, expected: two(...args) };
      },
    },
    hint: 'Each input has its own slope: add β, ω1 times x1 and ω2 times x2.',
  },
};

const linear3D: Exercise = {
  id: 'linear-function-3d',
  title: 'A linear function of three inputs',
  prompt:
    'Write `linearFunction3D(x1, x2, x3, beta, omega1, omega2, omega3)` = `β + ω1·x1 + ω2·x2 + ω3·x3` (the notebook’s third TODO). With the notebook’s values, y1 = −4.500 and y2 = 2.900.',
  check: {
    export: 'linearFunction3D',
    cases: () =>
      [
        [4, -1, 2, 0.5, -1.0, 0.4, -0.3],
        [4, -1, 2, 0.2, 0.1, 0.1, 1.2],
        [0, 0, 0, 0.7, 1, 2, 3],
      ].map((a) => ({
        name: `x=(${a.slice(0, 3).join(', ')}), beta=${a[3]}, omegas=(${a.slice(4).join(', ')})`,
        args: a,
        expected: linearFunction3D(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!),
      })),
    property: {
      trials: 8,
      seed: 13,
      generate: (rng, t) => {
        const a = Array.from({ length: 7 }, () => u(rng, -5, 5));
        return {
          name: `random #${t + 1}`,
          args: a,
          expected: linearFunction3D(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!),
        };
      },
    },
    hint: 'The same pattern as two inputs, with one more term: β + ω1·x1 + ω2·x2 + ω3·x3.',
  },
};

const matrixForm: Exercise = {
  id: 'matrix-form',
  title: 'Several linear equations at once: y = β + Ωx',
  prompt:
    'The notebook’s question 2: compute several linear equations of the same inputs in matrix form. Write `linearMatrixForm(beta, omega, x)` = `β + Ωx`, where `beta` has one offset per equation, `omega` one row of slopes per equation and `x` one value per input; return one `y` per equation.',
  check: {
    export: 'linearMatrixForm',
    cases: () => {
      const mk = (name: string, beta: number[], omega: number[][], x: number[]) => ({
        name,
        args: [beta, omega, x],
        expected: (
          tensor(beta)
            .reshape([beta.length, 1])
            .add(matmul(omega, tensor(x).reshape([x.length, 1])))
            .toArray() as number[][]
        ).map((r) => r[0]!),
      });
      return [
        mk(
          'the notebook’s two equations of three inputs',
          [0.5, 0.2],
          [
            [-1.0, 0.4, -0.3],
            [0.1, 0.1, 1.2],
          ],
          [4, -1, 2],
        ),
        mk(
          'three equations of two inputs (question 2)',
          [1, -2, 0.5],
          [
            [1, 2],
            [-0.5, 3],
            [0, 1],
          ],
          [2, -1],
        ),
      ];
    },
    property: {
      trials: 6,
      seed: 14,
      generate: (rng, t) => {
        const out = 1 + (t % 4);
        const inp = 1 + ((t * 3) % 5);
        const beta = Array.from({ length: out }, () => u(rng, -2, 2));
        const omega = Array.from({ length: out }, () => Array.from({ length: inp }, () => u(rng, -2, 2)));
        const x = Array.from({ length: inp }, () => u(rng, -5, 5));
        const y = beta.map((b, i) => b + omega[i]!.reduce((s, w, j) => s + w * x[j]!, 0));
        return { name: `${out} equations of ${inp} inputs #${t + 1}`, args: [beta, omega, x], expected: y };
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Row i of Ω holds the slopes of equation i: y_i = β_i + Σ_j Ω[i][j]·x_j.',
    reference: { '@gradkit/core': ['matmul', 'dot'] },
  },
};

export default defineLesson({
  questions,
  id: '1-1-background-mathematics',
  title: 'Background mathematics (UDL 1.1)',
  notebook: {
    collection: 'udlbook',
    file: '1_1_BackgroundMathematics.md',
    title: 'Notebook 1.1 -- Background Mathematics',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap01/1_1_BackgroundMathematics.ipynb',
  },
  book: { section: '1 and appendix B.1', title: 'Introduction; Functions' },
  packages: ['@gradkit/core', '@gradkit/plot'],
  summary:
    'The first lesson of the course: linear functions of one, two and three inputs, several of them at once as y = β + Ωx, and the exponential and logarithm that the rest of the book leans on.',
  goals: [
    'Run a lesson and grade an exercise',
    'Write linear functions of one, two and three inputs',
    'Compute several linear equations at once in vector/matrix form',
    'Know the shapes of exp and log',
  ],
  figures: ['background-linear-1d', 'background-linear-2d', 'background-exp', 'background-log'],
  exercises: [linear1D, linear2D, linear3D, matrixForm],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
