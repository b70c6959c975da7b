/**
 * Notebook 7.2, Backpropagation (UDL 7.4; also the CM20315 practical Gradients II, formerly the
 * lesson `gradients-ii`). Exercises: the notebook's two TODOs, the forward pass (eq. 7.17) and the
 * backward pass (eqs. 7.22, 7.23, 7.25), and ReLU's derivative, the indicator function of the
 * backward pass, checked against the lesson's `computeNetworkOutput`, `backwardPass` and
 * `indicatorFunction`.
 */
import { type RandomState, type Tensor, tensor } from '@gradkit/core';
import { defineLesson } from '../../src/lesson.js';
import type { CheckCase, Exercise } from '../../src/types.js';
import {
  backwardPass,
  computeNetworkOutput,
  indicatorFunction,
  initParams,
  netInput,
  target,
} from './notebook.js';
import questions from './questions.json' with { type: 'json' };

const lists = (ts: readonly Tensor[]) => ts.map((t) => t.toArray() as number[][]);

/** A random network: K+1 layers, widths D (hidden), Di (input), Do (output), standard normal parameters. */
function randomNetwork(rng: RandomState, K: number, D: number, Di: number, Do: number) {
  const allWeights: Tensor[] = [];
  const allBiases: Tensor[] = [];
  for (let k = 0; k <= K; k++) {
    const rows = k === K ? Do : D;
    allWeights.push(rng.normal(0, 1, [rows, k === 0 ? Di : D]));
    allBiases.push(rng.normal(0, 1, [rows, 1]));
  }
  return { allWeights, allBiases };
}

function forwardCase(name: string, x: Tensor, allWeights: Tensor[], allBiases: Tensor[]): CheckCase {
  const { netOutput, allF, allH } = computeNetworkOutput(x, allWeights, allBiases);
  return {
    name,
    args: [x.toArray(), lists(allWeights), lists(allBiases)],
    expected: { netOutput: netOutput.toArray(), allF: lists(allF), allH: lists(allH) },
  };
}

function backwardCase(
  name: string,
  x: Tensor,
  y: Tensor,
  allWeights: Tensor[],
  allBiases: Tensor[],
): CheckCase {
  const { allF, allH } = computeNetworkOutput(x, allWeights, allBiases);
  const { allDlDweights, allDlDbiases } = backwardPass(allWeights, allBiases, allF, allH, y);
  return {
    name,
    args: [lists(allWeights), lists(allBiases), lists(allF), lists(allH), y.toArray()],
    expected: { allDlDweights: lists(allDlDweights), allDlDbiases: lists(allDlDbiases) },
  };
}

const forwardPassExercise: Exercise = {
  id: 'forward-pass',
  title: 'The forward pass, keeping every pre-activation and activation',
  prompt:
    'Write `computeNetworkOutput(netInput, allWeights, allBiases)` (UDL eq. 7.17): with `h_0 = netInput` (`[D_i][N]`, one example per column) compute `f_k = β_k + Ω_k h_k` and `h_{k+1} = ReLU[f_k]` for k = 0..K−1, then the output `f_K = β_K + Ω_K h_K`, where K = `allWeights.length − 1`, `allWeights[k]` is `[D_out][D_in]` and `allBiases[k]` is `[D_out][1]`. Return `{ netOutput: f_K, allF: [f_0..f_K], allH: [h_0..h_K] }`, every entry a 2-D array.',
  check: {
    export: 'computeNetworkOutput',
    cases: () => {
      const { allWeights, allBiases } = initParams();
      return [forwardCase('the notebook: K = 5, D = 6, input 1.2', netInput(), allWeights, allBiases)];
    },
    property: {
      trials: 6,
      seed: 72,
      generate: (rng, t) => {
        const K = 1 + (t % 4);
        const D = 2 + rng.randint(0, 6);
        const Di = 1 + rng.randint(0, 3);
        const Do = 1 + rng.randint(0, 3);
        const N = 1 + rng.randint(0, 4);
        const { allWeights, allBiases } = randomNetwork(rng, K, D, Di, Do);
        const x = rng.normal(0, 1, [Di, N]);
        return forwardCase(
          `K = ${K}, D = ${D}, D_i = ${Di}, D_o = ${Do}, ${N} examples`,
          x,
          allWeights,
          allBiases,
        );
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'f_k = β_k + Ω_k h_k is a matrix product of Ω_k `[D_out][D_in]` with h_k `[D_in][N]`, plus β_k added to every column; the last layer has no ReLU.',
    reference: { '@gradkit/nn': ['deepNetwork'] },
  },
};

const backwardPassExercise: Exercise = {
  id: 'backward-pass',
  title: 'The backward pass',
  prompt:
    'Write `backwardPass(allWeights, allBiases, allF, allH, y)` for the least-squares loss `ℓ = Σ (f_K − y)²`: start from `∂ℓ/∂f_K = 2 (f_K − y)` and for k = K down to 0 compute `∂ℓ/∂β_k = ∂ℓ/∂f_k` (UDL eq. 7.22), `∂ℓ/∂Ω_k = ∂ℓ/∂f_k h_kᵀ` (eq. 7.23) and, for k > 0, `∂ℓ/∂f_{k−1} = I[f_{k−1} > 0] ⊙ (Ω_kᵀ ∂ℓ/∂f_k)` (last line of eq. 7.25). `allF` and `allH` are the forward pass’s lists (`h_0` is the input). Return `{ allDlDweights, allDlDbiases }`, with the shapes of `allWeights` and `allBiases`.',
  check: {
    export: 'backwardPass',
    cases: () => {
      const { allWeights, allBiases } = initParams();
      return [
        backwardCase(
          'the notebook: K = 5, D = 6, x = 1.2, y = 20',
          netInput(),
          target(),
          allWeights,
          allBiases,
        ),
      ];
    },
    property: {
      trials: 6,
      seed: 73,
      generate: (rng, t) => {
        const K = 1 + (t % 4);
        const D = 2 + rng.randint(0, 6);
        const Di = 1 + rng.randint(0, 3);
        const Do = 1 + rng.randint(0, 3);
        const { allWeights, allBiases } = randomNetwork(rng, K, D, Di, Do);
        const x = rng.normal(0, 1, [Di, 1]);
        const y = rng.normal(0, 3, [Do, 1]);
        return backwardCase(`K = ${K}, D = ${D}, D_i = ${Di}, D_o = ${Do}`, x, y, allWeights, allBiases);
      },
    },
    rtol: 1e-9,
    atol: 1e-12,
    hint: 'Work from the output back: ∂ℓ/∂Ω_k is the outer product of ∂ℓ/∂f_k with h_k; to go one layer down multiply by Ω_kᵀ, then zero the entries whose pre-activation f_{k−1} was not positive.',
    reference: { '@gradkit/core': ['grad', 'valueAndGrad', 'vjp', 'backward', 'gradients'] },
  },
};

const indicatorExercise: Exercise = {
  id: 'indicator',
  title: "ReLU's derivative (the indicator function)",
  prompt:
    'The backward pass through a ReLU multiplies by its derivative, the indicator `I[f > 0]` (UDL eq. 7.25). Write `indicatorFunction(f)` returning 1 where `f > 0` and 0 elsewhere (zero included), for a list of pre-activations.',
  check: {
    export: 'indicatorFunction',
    cases: () => {
      const f = [-1.5, -0.0, 0, 1e-12, 2];
      return [{ name: 'signs and zeros', args: [f], expected: indicatorFunction(tensor(f)).toList() }];
    },
    property: {
      trials: 6,
      seed: 7,
      generate: (rng, t) => {
        const f = (rng.randn(10 + t).toList() as number[]).map((v, i) => (i % 4 === 0 ? 0 : v));
        return {
          name: `random pre-activations with zeros #${t + 1}`,
          args: [f],
          expected: indicatorFunction(tensor(f)).toList(),
        };
      },
    },
    hint: 'Zero counts as inactive: the book notebook uses `x > 0` (the CM20315 practical used `x >= 0`).',
    reference: { '@gradkit/core': ['greater', 'greaterEqual'] },
  },
};

export default defineLesson({
  questions,
  id: '7-2-backpropagation',
  aliases: ['gradients-ii'],
  title: 'Backpropagation (UDL 7.4)',
  notebook: {
    collection: 'udlbook',
    file: '7_2_Backpropagation.md',
    title: 'Notebook 7.2: Backpropagation',
    url: 'https://github.com/udlbook/udlbook/blob/main/Notebooks/Chap07/7_2_Backpropagation.ipynb',
  },
  book: { section: '7.4', title: 'Backpropagation algorithm' },
  packages: ['@gradkit/core'],
  summary:
    'The backward pass of a deep ReLU network in matrix form (UDL eqs. 7.22–7.25), checked layer by layer against finite differences with `allclose`. The same code as the CM20315 practical Gradients II.',
  goals: [
    'Store every pre-activation and activation in the forward pass',
    'Backpropagate through matrix layers',
    'Use the indicator function as the ReLU derivative',
    'Check derivatives against finite differences',
  ],
  figures: ['gradients-ii-check'],
  exercises: [forwardPassExercise, backwardPassExercise, indicatorExercise],
  notebookModule: () => import('./notebook.js'),
  figureModule: () => import('./figures.js'),
  demoModule: () => import('./demo.js'),
});
