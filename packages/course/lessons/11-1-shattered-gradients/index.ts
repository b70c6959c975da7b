/**
 * Notebook 11.1, Shattered gradients (UDL 11.1.1). Exercises: the notebook's TODO `autocorr`
 * (the autocorrelation of the derivatives, numpy's `np.correlate(dydx, dydx, mode='same')`), and
 * the derivative dy/dx of a deep ReLU network's output with respect to its input, which the TODO
 * plots for 24 and 50 hidden layers (the backward pass from ∂y/∂f_K = 1).
 */
import { correlate, type RandomState, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { Exercise } from '../../src/types.js';
import { calcInputOutputGradient, derivatives, initParams } from './notebook.js';
import questions from './questions.json' with { type: 'json' };

/** Compare arrays at `rel` of the largest magnitude of the expected one (sums taken in another order). */
function closeToScale(rel: number) {
  return (received: unknown, expected: unknown): string | null => {
    const e = expected as number[];
    if (!Array.isArray(received))
      return `expected an array of ${e.length} numbers, received ${typeof received}`;
    if (received.length !== e.length) return `expected ${e.length} numbers, received ${received.length}`;
    const scale = e.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (let i = 0; i < e.length; i++) {
      const r = received[i];
      if (typeof r !== 'number' || !(Math.abs(r - e[i]!) <= rel * scale))
        return `entry ${i}: expected ${e[i]}, received ${String(r)}`;
    }
    return null;
  };
}

const autocorrRef = (x: number[]) => correlate(x, x, 'same').toList() as number[];
const dydxOf = (K: number) => Array.from(derivatives(K, 200).dydx.data);

const autocorrExercise: Exercise = {
  id: 'autocorr',
  title: 'The autocorrelation of the gradients',
  prompt:
    "The notebook's TODO: write `autocorr(dydx)`, numpy's `np.correlate(dydx, dydx, mode='same')` (the grader hides `@gradkit/core`'s `correlate`, so write the sum). For `N` values the result has `N` entries; entry `j` is the correlation at lag `k = j − ⌊N/2⌋`, `Σ_n dydx[n + k]·dydx[n]` over the `n` where both indices lie in `0..N−1`, so lag 0 (the sum of squares) sits at index `⌊N/2⌋`, 128 for the notebook's 256 inputs.",
  check: {
    export: 'autocorr',
    cases: () => [
      {
        name: 'dy/dx of the 1-layer network (256 inputs)',
        args: [dydxOf(1)],
        expected: autocorrRef(dydxOf(1)),
      },
      {
        name: 'dy/dx of the 50-layer network (256 inputs)',
        args: [dydxOf(50)],
        expected: autocorrRef(dydxOf(50)),
      },
      { name: 'a short odd-length signal', args: [[1, 2, 3]], expected: autocorrRef([1, 2, 3]) },
    ],
    property: {
      trials: 6,
      seed: 111,
      generate: (rng, t) => {
        const n = 1 + rng.randint(0, 40);
        const x = rng.normal(0, 1, [n]).toList() as number[];
        return { name: `random signal #${t + 1} (length ${n})`, args: [x], expected: autocorrRef(x) };
      },
    },
    compare: closeToScale(1e-9),
    hint: 'Loop over the output index j, set the lag k = j − floor(N/2), and sum dydx[n + k]·dydx[n] over every n with 0 ≤ n < N and 0 ≤ n + k < N.',
    reference: { '@gradkit/core': ['correlate', 'convolve'] },
  },
};

/** Glorot-initialized random network (as `init_params`, from `rng`): K layers of D units, one input and output. */
function randomNetwork(
  rng: RandomState,
  K: number,
  D: number,
): { weights: number[][][]; biases: number[][][] } {
  const s = Math.sqrt(1 / D);
  const sizes = [1, ...new Array<number>(K).fill(D), 1];
  const weights: number[][][] = [];
  const biases: number[][][] = [];
  for (let k = 0; k <= K; k++) {
    weights.push(rng.normal(0, s, [sizes[k + 1]!, sizes[k]!]).toArray() as number[][]);
    biases.push(rng.normal(0, s, [sizes[k + 1]!, 1]).toArray() as number[][]);
  }
  return { weights, biases };
}

function gradientRef(x: number[], weights: number[][][], biases: number[][][]): number[] {
  const { dydx } = calcInputOutputGradient(
    tensor([x]),
    weights.map((w) => tensor(w)),
    biases.map((b) => tensor(b)),
  );
  return Array.from(dydx.data);
}

function notebookCase(name: string, K: number, x: number[]) {
  const { allWeights, allBiases } = initParams(K, 200);
  const weights = allWeights.map((w) => w.toArray() as number[][]);
  const biases = allBiases.map((b) => b.toArray() as number[][]);
  return { name, args: [x, weights, biases], expected: gradientRef(x, weights, biases) };
}

const gradientExercise: Exercise = {
  id: 'input-output-gradient',
  title: 'The derivative of the output with respect to the input',
  prompt:
    "The TODO plots dy/dx for networks of 24 and 50 hidden layers. Write `inputOutputGradient(x, weights, biases)`: the derivative of the network's output with respect to its input at each of the inputs `x` (`[N]`), for the notebook's network `f_k = β_k + Ω_k h_k`, `h_{k+1} = ReLU(f_k)`, `y = f_K` with `h_0 = x` (UDL eq. 7.17; `weights[k]` is Ω_k `[D_{k+1}][D_k]`, `biases[k]` is β_k `[D_{k+1}][1]`, K = `weights.length − 1`, one input and one output). Backpropagate from ∂y/∂f_K = 1: ∂y/∂h_k = Ω_kᵀ ∂y/∂f_k and ∂y/∂f_{k−1} = I[f_{k−1} ≥ 0] ⊙ ∂y/∂h_k; dy/dx is ∂y/∂h_0.",
  check: {
    export: 'inputOutputGradient',
    cases: () => [
      notebookCase('the finite-difference cell: K = 3, D = 200, x = 1', 3, [1]),
      notebookCase(
        'the 1-layer network on the notebook’s 256 inputs',
        1,
        Array.from({ length: 256 }, (_, i) => -2 + (i * 4) / 256),
      ),
    ],
    property: {
      trials: 5,
      seed: 1111,
      generate: (rng, t) => {
        const K = 2 + rng.randint(0, 9);
        const D = 3 + rng.randint(0, 20);
        const n = 1 + rng.randint(0, 12);
        const { weights, biases } = randomNetwork(rng, K, D);
        const x = rng.uniform(-2, 2, [n]).toList() as number[];
        return {
          name: `random network #${t + 1} (K = ${K} layers of ${D}, ${n} inputs)`,
          args: [x, weights, biases],
          expected: gradientRef(x, weights, biases),
        };
      },
    },
    compare: closeToScale(1e-9),
    hint: 'Run the forward pass keeping every pre-activation f_k, then go back from a row of ones: multiply by Ω_kᵀ, and zero the entries whose f_{k−1} is negative, down to layer 0.',
  },
};

export default defineLesson({
  questions,
  id: '11-1-shattered-gradients',
  title: 'Shattered gradients (UDL 11.1.1)',
  notebook: {
    collection: 'udlbook',
    file: '11_1_Shattered_Gradients.md',
    title: 'Notebook 11.1: Shattered gradients',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap11/11_1_Shattered_Gradients.ipynb',
  },
  book: { section: '11.1.1', title: 'Limitations of sequential processing' },
  packages: ['@gradkit/core'],
  summary:
    'Differentiate the output of a deep ReLU network with respect to its input over 256 inputs and watch the derivative break up as the depth grows from 1 to 24 and 50 layers, then measure it with the autocorrelation (Balduzzi et al., 2017): the motivation for residual connections.',
  goals: [
    'Compute dy/dx of a deep network by backpropagation and check it by finite differences',
    'See the derivative become less smooth and smaller as the network deepens',
    'Measure the smoothness with the autocorrelation of the derivative',
  ],
  figures: [
    'shattered-gradients-derivatives-1',
    'shattered-gradients-derivatives-24',
    'shattered-gradients-derivatives-50',
    'shattered-gradients-autocorrelation',
  ],
  exercises: [autocorrExercise, gradientExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
});
