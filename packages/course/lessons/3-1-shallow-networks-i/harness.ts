/**
 * Notebook 3.1's harness: the activation functions the `shallow_1_1_3` exercise hands to the
 * student's network (the notebook's `activation_fn` argument), rebuilt by the grader inside its
 * sandbox from `@gradkit/nn` alone, on plain lists.
 */

import { sigmoid as nnSigmoid, tanh as nnTanh } from '@gradkit/core';
import { relu as nnRelu } from '@gradkit/nn';

/** An activation on a list of pre-activations. */
export type ListActivation = (z: number[]) => number[];

/** nn's `relu` on a list (the notebook's `ReLU`). */
export function reluActivation(): ListActivation {
  return (z) => nnRelu(z).toList() as number[];
}

/** nn's `sigmoid` on a list. */
export function sigmoidActivation(): ListActivation {
  return (z) => nnSigmoid(z).toList() as number[];
}

/** nn's `tanh` on a list. */
export function tanhActivation(): ListActivation {
  return (z) => nnTanh(z).toList() as number[];
}
