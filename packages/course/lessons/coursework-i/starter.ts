// gradkit lesson coursework-i: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson coursework-i coursework-i.ts
import { noGrad, tensor } from '@gradkit/core';
import type { Module } from '@gradkit/nn';

// --- exercise parameter-count: The parameters of a fully connected network
/**
 * The number of weights and biases of the fully connected network with layer sizes `sizes`
 * (`sizes[0]` inputs, the last entry outputs, a linear layer between consecutive sizes), e.g.
 * `[40, 100, 100, 10]` for the coursework's baseline.
 */
export function parameterCount(sizes: number[]): number {
  throw new Error('TODO: add up the weights and biases of each linear layer');
}

// --- exercise build-mlp: The network for any depth, widths and activation
/**
 * The coursework's network as a `Sequential` of `@gradkit/nn` (import what you use:
 * `Sequential`, `Linear`, `ReLU`, `Tanh`, `Sigmoid`): `Linear(sizes[i], sizes[i + 1])` for each
 * pair of consecutive sizes, the activation between consecutive linear layers, none after the last.
 */
export function buildMlp(sizes: number[], activation: 'relu' | 'tanh' | 'sigmoid'): Module {
  throw new Error('TODO: build the Sequential of Linear layers and activations');
}

/** What `runMlp` returns to the grader. */
export interface MlpRun {
  /** The shape of each parameter of your network, in the order of `parameters()`. */
  shapes: number[][];
  /** Its outputs on `x` with the grader's parameters loaded, or `null` when the shapes differ. */
  output: number[][] | null;
}

/**
 * Given — leave it as it is: the grader calls it. Builds your network, and when its parameter
 * shapes are those of `params` (in order), loads their values and runs it in evaluation mode on
 * the batch `x` `[N, sizes[0]]`.
 */
export function runMlp(
  sizes: number[],
  activation: 'relu' | 'tanh' | 'sigmoid',
  params: { shape: number[]; values: number[] }[],
  x: number[][],
): MlpRun {
  const net = buildMlp(sizes, activation);
  const ps = net.parameters();
  const shapes = ps.map((p) => [...p.shape]);
  const fits =
    ps.length === params.length && ps.every((p, i) => p.shape.join(',') === params[i]!.shape.join(','));
  if (!fits) return { shapes, output: null };
  noGrad(() => ps.forEach((p, i) => p.data.set(params[i]!.values)));
  const out = noGrad(() => net.eval().call(tensor(x, { dtype: ps[0]?.dtype ?? 'float32' })));
  return { shapes, output: out.toArray() as number[][] };
}
