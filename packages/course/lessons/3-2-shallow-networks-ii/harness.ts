/**
 * Notebook 3.2's harness: the activation function the exercises hand to the student's networks
 * (the notebook's `activation_fn`), rebuilt by the grader inside its sandbox from `@gradkit/nn`
 * alone, on grids given as lists of rows.
 */

import { sigmoid } from '@gradkit/core';
import { relu } from '@gradkit/nn';

/** An activation on a grid of pre-activations (a list of rows). */
export type GridActivation = (z: number[][]) => number[][];

/** nn's `relu` on a grid (the notebook's `ReLU`). */
export function reluGrid(): GridActivation {
  return (z) => relu(z).toArray() as number[][];
}

/** nn's `sigmoid` on a grid. */
export function sigmoidGrid(): GridActivation {
  return (z) => sigmoid(z).toArray() as number[][];
}
