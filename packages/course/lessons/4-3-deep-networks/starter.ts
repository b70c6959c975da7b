// gradkit lesson 4-3-deep-networks: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 4-3-deep-networks 4-3-deep-networks.ts
// --- exercise shallow-matrices: A shallow network in matrix form
export interface Shallow {
  phi0: number;
  phi1: number;
  phi2: number;
  phi3: number;
  theta10: number;
  theta11: number;
  theta20: number;
  theta21: number;
  theta30: number;
  theta31: number;
}

/** The matrices of the shallow network n1: betas[k] is [D_k+1][1], omegas[k] is [D_k+1][D_k]. */
export function shallowMatrices(n1: Shallow): { betas: number[][][]; omegas: number[][][] } {
  throw new Error('TODO: fill in beta_0, Omega_0, beta_1, Omega_1');
}

// --- exercise composed-matrices: Two composed shallow networks as one deep network
/** The matrices of n2(n1(x)) as a two-hidden-layer network: betas[k] is [D_k+1][1], omegas[k] is [D_k+1][D_k]. */
export function composedMatrices(n1: Shallow, n2: Shallow): { betas: number[][][]; omegas: number[][][] } {
  throw new Error('TODO: fill in beta_0, Omega_0, beta_1, Omega_1, beta_2, Omega_2');
}

// --- exercise parameter-shapes: The sizes of a deep network's parameters
/** The [rows, columns] of every beta_k and Omega_k of a network with layer widths sizes = [D_i, D_1, ..., D_o]. */
export function parameterShapes(sizes: number[]): { betas: number[][]; omegas: number[][] } {
  throw new Error('TODO: initialize the parameters with the correct sizes');
}
