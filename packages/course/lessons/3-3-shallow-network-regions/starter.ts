// gradkit lesson 3-3-shallow-network-regions: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 3-3-shallow-network-regions 3-3-shallow-network-regions.ts
// --- exercise number-regions: Zaslavsky's formula: the number of linear regions
/** N = Σ_{j=0}^{Di} C(D, j), exactly (you can use `comb` from '@gradkit/core', Python's math.comb). */
export function numberRegions(Di: number, D: number): bigint {
  throw new Error("TODO: implement Zaslavsky's formula");
}

// --- exercise number-parameters: The number of parameters of a shallow network
/** Weights and biases of a shallow network with Di inputs, D hidden units and one output. */
export function numberParameters(Di: number, D: number): number {
  throw new Error('TODO: replace this code with the proper calculation');
}
