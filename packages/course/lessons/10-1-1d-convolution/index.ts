/**
 * Notebook 10.1, 1D Convolution (UDL 10.2). Exercises: the notebook's five TODOs — four
 * zero-padded convolutions written as loops (kernel 3; stride 2; kernel 5; dilation 2) and the
 * convolution as a matrix — checked against `@gradkit/conv`'s `conv1d` (PyTorch's semantics).
 */
import type { RandomState } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { conv3_1_1Zp, conv3_1_2Zp, conv3_2_1Zp, conv5_1_1Zp, getConvMat3_1_1Zp, x } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

/** The library code the grader hides while an exercise runs (it computes every answer). */
const reference = { '@gradkit/conv': ['conv1d', 'conv1dRelu', 'conv1dReference', 'Conv1d', 'ConvReLU1d'] };

type Conv = (xIn: readonly number[], omega: readonly number[]) => number[];

/** One convolution TODO: the notebook's call first, then random signals and kernels of size `k`. */
function convExercise(o: {
  id: string;
  name: string;
  title: string;
  k: number;
  prompt: string;
  omega: number[];
  ref: Conv;
  hint: string;
  seed: number;
}): Exercise {
  const random = (rng: RandomState, t: number) => {
    const n = 4 + rng.randint(0, 17);
    const xs = rng.normal(0, 3, [n]).toList() as number[];
    const omega = rng.normal(0, 1, [o.k]).toList() as number[];
    return { name: `random signal #${t + 1} (length ${n})`, args: [xs, omega], expected: o.ref(xs, omega) };
  };
  return {
    id: o.id,
    title: o.title,
    prompt: o.prompt,
    check: {
      export: o.name,
      cases: () => [
        {
          name: `the notebook's signal x, omega = [${o.omega.join(', ')}]`,
          args: [x, o.omega],
          expected: o.ref(x, o.omega),
        },
        {
          name: 'a single impulse (reads off the kernel)',
          args: [[0, 0, 0, 1, 0, 0, 0, 0], o.omega],
          expected: o.ref([0, 0, 0, 1, 0, 0, 0, 0], o.omega),
        },
      ],
      property: { trials: 6, seed: o.seed, generate: random },
      rtol: 1e-9,
      atol: 1e-12,
      hint: o.hint,
      reference,
    },
  };
}

const conv311 = convExercise({
  id: 'conv-3-1-1',
  name: 'conv3_1_1Zp',
  title: 'Kernel 3, stride 1, dilation 1',
  k: 3,
  omega: [0.33, 0.33, 0.33],
  prompt:
    'Write `conv3_1_1Zp(xIn, omega)`, the notebook’s `conv_3_1_1_zp` (figure 10.2a–c, eq. 10.3): `out[i] = omega[0]·x[i−1] + omega[1]·x[i] + omega[2]·x[i+1]`, with zero padding (a sample outside the signal is 0). The output has the input’s length. Don’t call a library routine.',
  ref: conv3_1_1Zp,
  hint: 'Python and TypeScript index from 0: the kernel’s centre omega[1] multiplies x[i]. At i = 0 the term omega[0]·x[−1] is zero.',
  seed: 101,
});

const conv321 = convExercise({
  id: 'conv-3-2-1',
  name: 'conv3_2_1Zp',
  title: 'Kernel 3, stride 2',
  k: 3,
  omega: [0.33, 0.33, 0.33],
  prompt:
    'Write `conv3_2_1Zp(xIn, omega)`, the notebook’s `conv_3_2_1_zp` (figure 10.3a–b): the zero-padded kernel-3 convolution evaluated at every other position, `out[i] = omega[0]·x[2i−1] + omega[1]·x[2i] + omega[2]·x[2i+1]`, for `i = 0 … ceil(n/2) − 1`.',
  ref: conv3_2_1Zp,
  hint: 'The output has ceil(n / 2) samples; output i is centred on input 2i, so it equals output 2i of the stride-1 convolution.',
  seed: 102,
});

const conv511 = convExercise({
  id: 'conv-5-1-1',
  name: 'conv5_1_1Zp',
  title: 'Kernel 5',
  k: 5,
  omega: [0.2, 0.2, 0.2, 0.2, 0.2],
  prompt:
    'Write `conv5_1_1Zp(xIn, omega)`, the notebook’s `conv_5_1_1_zp` (figure 10.3c): a kernel of five weights centred on each sample, `out[i] = Σ_{k=0}^{4} omega[k]·x[i + k − 2]`, zero padded, output of the input’s length.',
  ref: conv5_1_1Zp,
  hint: 'Offsets −2 … 2 around i; skip (or count as zero) the offsets that fall outside 0 … n − 1.',
  seed: 103,
});

const conv312 = convExercise({
  id: 'conv-3-1-2',
  name: 'conv3_1_2Zp',
  title: 'Kernel 3, dilation 2',
  k: 3,
  omega: [0.33, 0.33, 0.33],
  prompt:
    'Write `conv3_1_2Zp(xIn, omega)`, the notebook’s `conv_3_1_2_zp` (figure 10.3d): three weights with one gap between them (dilation 2 — the notebook’s note: dilation 1 means no gaps), `out[i] = omega[0]·x[i−2] + omega[1]·x[i] + omega[2]·x[i+2]`, zero padded, output of the input’s length.',
  ref: conv3_1_2Zp,
  hint: 'The taps are two samples apart: i − 2, i and i + 2.',
  seed: 104,
});

const convMat: Exercise = {
  id: 'conv-matrix',
  title: 'Convolution as a matrix',
  prompt:
    'Write `getConvMat3_1_1Zp(nOut, omega)`, the notebook’s `get_conv_mat_3_1_1_zp` (figure 10.4d): the `nOut × nOut` matrix Ω with `Ω x` equal to `conv3_1_1Zp(x, omega)` — `omega[1]` on the diagonal, `omega[0]` just left of it, `omega[2]` just right of it, zeros elsewhere.',
  check: {
    export: 'getConvMat3_1_1Zp',
    cases: () => [
      {
        name: "the notebook's omega = [-1, 0.5, -0.2], 12 × 12",
        args: [12, [-1.0, 0.5, -0.2]],
        expected: getConvMat3_1_1Zp(12, [-1.0, 0.5, -0.2]),
      },
      { name: '1 × 1', args: [1, [1, 2, 3]], expected: getConvMat3_1_1Zp(1, [1, 2, 3]) },
    ],
    property: {
      trials: 5,
      seed: 105,
      generate: (rng, t) => {
        const n = 2 + rng.randint(0, 10);
        const omega = rng.normal(0, 1, [3]).toList() as number[];
        return {
          name: `random kernel #${t + 1} (${n} × ${n})`,
          args: [n, omega],
          expected: getConvMat3_1_1Zp(n, omega),
        };
      },
    },
    rtol: 0,
    atol: 1e-15,
    hint: 'Row i holds the weights that output i gives to each input: column i − 1 gets omega[0], column i gets omega[1], column i + 1 gets omega[2] (when those columns exist).',
    reference,
  },
};

export default defineLesson({
  questions,
  id: '10-1-1d-convolution',
  title: '1D convolution (UDL 10.1)',
  notebook: {
    collection: 'udlbook',
    file: '10_1_1D_Convolution.md',
    title: 'Notebook 10.1: 1D Convolution',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap10/10_1_1D_Convolution.ipynb',
  },
  book: { section: '10.2', title: 'Convolutional networks for 1D inputs' },
  packages: ['@gradkit/conv', '@gradkit/core'],
  summary:
    'A 12-sample signal through hand-written 1-D convolutions: a smoothing kernel and a derivative-like kernel, then stride 2, kernel size 5 and dilation 2 (figures 10.2–10.3), and the same convolution as a band matrix (figure 10.4d).',
  goals: [
    'Write zero-padded convolution loops',
    'See how stride, kernel size and dilation change the output',
    'Write a convolution as a matrix',
  ],
  figures: [
    '1d-convolution-smoothing',
    '1d-convolution-derivative',
    '1d-convolution-kernel-5',
    '1d-convolution-dilation-2',
  ],
  exercises: [conv311, conv321, conv511, conv312, convMat],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
