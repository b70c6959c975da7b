// gradkit lesson 3-2-shallow-networks-ii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 3-2-shallow-networks-ii 3-2-shallow-networks-ii.ts
// --- exercise shallow-2-1-3: Two inputs, three hidden units, one output
/** A grid of values, one list per row (as `np.meshgrid` makes them). */
export type Grid = number[][];

/** Everything `shallow2_1_3` computes, each a grid like `x1`. */
export interface Shallow213Parts {
  y: Grid;
  pre1: Grid;
  pre2: Grid;
  pre3: Grid;
  act1: Grid;
  act2: Grid;
  act3: Grid;
  wAct1: Grid;
  wAct2: Grid;
  wAct3: Grid;
}

/** The notebook's `shallow_2_1_3` (figure 3.8), with the notebook's argument order. */
export function shallow2_1_3(
  x1: Grid,
  x2: Grid,
  activationFn: (z: Grid) => Grid,
  phi0: number,
  phi1: number,
  phi2: number,
  phi3: number,
  theta10: number,
  theta11: number,
  theta12: number,
  theta20: number,
  theta21: number,
  theta22: number,
  theta30: number,
  theta31: number,
  theta32: number,
): Shallow213Parts {
  throw new Error('TODO: compute the three preactivations, the activations, the weighted activations and y');
}

// --- exercise shallow-2-2-3: Two inputs, three hidden units, two outputs
/** Everything `shallow2_2_3` computes, each a grid like `x1`. */
export interface Shallow223Parts {
  y1: Grid;
  y2: Grid;
  pre1: Grid;
  pre2: Grid;
  pre3: Grid;
  act1: Grid;
  act2: Grid;
  act3: Grid;
  wAct11: Grid;
  wAct12: Grid;
  wAct13: Grid;
  wAct21: Grid;
  wAct22: Grid;
  wAct23: Grid;
}

/** The notebook's `shallow_2_2_3`: two outputs sharing the three hidden units. */
export function shallow2_2_3(
  x1: Grid,
  x2: Grid,
  activationFn: (z: Grid) => Grid,
  phi10: number,
  phi11: number,
  phi12: number,
  phi13: number,
  phi20: number,
  phi21: number,
  phi22: number,
  phi23: number,
  theta10: number,
  theta11: number,
  theta12: number,
  theta20: number,
  theta21: number,
  theta22: number,
  theta30: number,
  theta31: number,
  theta32: number,
): Shallow223Parts {
  throw new Error('TODO: write this function');
}
