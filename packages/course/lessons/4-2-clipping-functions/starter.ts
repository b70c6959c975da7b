// gradkit lesson 4-2-clipping-functions: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 4-2-clipping-functions 4-2-clipping-functions.ts
// --- exercise two-layer-network: A network with two hidden layers
export interface TwoLayerResult {
  /** The outputs y, one per input. */
  y: number[];
  /** The second layer's pre-activations, one list per unit (d = 1, 2, 3). */
  layer2Pre: number[][];
  /** The second layer's activations h'_d, one list per unit. */
  hPrime: number[][];
  /** The weighted activations phi_d h'_d, one list per unit. */
  phiHPrime: number[][];
}

/** The notebook's shallow_1_1_3_3 with ReLU activations (UDL eqs. 4.7–4.9). */
export function shallow1133(x: number[], phi: number[], psi: number[][], theta: number[][]): TwoLayerResult {
  throw new Error('TODO: write the network with two hidden layers');
}
