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

export function shallowMatrices(n1: Shallow): { betas: number[][][]; omegas: number[][][] } {
  const beta_0 = [[n1.theta10], [n1.theta20], [n1.theta30]];
  const Omega_0 = [[n1.theta11], [n1.theta21], [n1.theta31]];
  const beta_1 = [[n1.phi0]];
  const Omega_1 = [[n1.phi1, n1.phi2, n1.phi3]];
  return { betas: [beta_0, beta_1], omegas: [Omega_0, Omega_1] };
}

export function composedMatrices(n1: Shallow, n2: Shallow): { betas: number[][][]; omegas: number[][][] } {
  const { betas, omegas } = shallowMatrices(n1);
  const theta0 = [n2.theta10, n2.theta20, n2.theta30];
  const theta1 = [n2.theta11, n2.theta21, n2.theta31];
  // the first network's output phi_0 + phi_1 h_1 + ... enters each hidden unit of the second network
  const beta_1 = theta0.map((t0, d) => [t0 + theta1[d]! * n1.phi0]);
  const Omega_1 = theta1.map((t1) => [t1 * n1.phi1, t1 * n1.phi2, t1 * n1.phi3]);
  return {
    betas: [betas[0]!, beta_1, [[n2.phi0]]],
    omegas: [omegas[0]!, Omega_1, [[n2.phi1, n2.phi2, n2.phi3]]],
  };
}

export function parameterShapes(sizes: number[]): { betas: number[][]; omegas: number[][] } {
  const betas: number[][] = [];
  const omegas: number[][] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    betas.push([sizes[k + 1]!, 1]);
    omegas.push([sizes[k + 1]!, sizes[k]!]);
  }
  return { betas, omegas };
}
