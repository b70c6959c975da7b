// gradkit lesson shallow: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson shallow shallow.ts
// --- exercise relu: The rectified linear unit
/** The notebook's `ReLU`: max(0, z) for every element of `preactivation`. */
export function relu(preactivation: number[]): number[] {
  throw new Error('TODO: write code to implement the ReLU');
}

// --- exercise shallow-1-1-3: A shallow network with one input, three hidden units and one output
/** Everything the network computes, one list per quantity (one entry per input). */
export interface ShallowParts {
  y: number[];
  pre1: number[];
  pre2: number[];
  pre3: number[];
  act1: number[];
  act2: number[];
  act3: number[];
  wAct1: number[];
  wAct2: number[];
  wAct3: number[];
}

/** The notebook's `shallow_1_1_3` (UDL eq. 3.1), with the notebook's argument order. */
export function shallow1_1_3(
  x: number[],
  activationFn: (z: number[]) => number[],
  phi0: number,
  phi1: number,
  phi2: number,
  phi3: number,
  theta10: number,
  theta11: number,
  theta20: number,
  theta21: number,
  theta30: number,
  theta31: number,
): ShallowParts {
  throw new Error('TODO: compute the preactivations, activations, weighted activations and output');
}
