// gradkit lesson deep2: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson deep2 deep2.ts
// --- exercise composed-matrices: Two composed shallow networks as one deep network
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

/** The matrices of n2(n1(x)) as a two-hidden-layer network: betas[k] is [D_k+1][1], omegas[k] is [D_k+1][D_k]. */
export function composedMatrices(n1: Shallow, n2: Shallow): { betas: number[][][]; omegas: number[][][] } {
  throw new Error('TODO: fill in beta_0, Omega_0, beta_1, Omega_1, beta_2, Omega_2');
}

// --- exercise deep-network: A deep network in matrix form
/** y [D_o][N] of the network with biases betas[k] [D_k+1][1] and weights omegas[k] [D_k+1][D_k]; x is [D_i][N]. */
export function deepNetwork(x: number[][], betas: number[][][], omegas: number[][][]): number[][] {
  throw new Error('TODO: h1 = ReLU(beta_0 + Omega_0 x), ..., y = beta_K + Omega_K h_K');
}
