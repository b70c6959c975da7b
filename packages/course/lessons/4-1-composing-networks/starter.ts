// gradkit lesson 4-1-composing-networks: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 4-1-composing-networks 4-1-composing-networks.ts
// --- exercise relu: The rectified linear unit
/** max(0, z) elementwise. */
export function relu(z: number[]): number[] {
  throw new Error('TODO');
}

// --- exercise compose: Composing two shallow networks
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

/** n2(n1(x)) for each x, with ReLU activations. */
export function composedNetwork(x: number[], n1: Shallow, n2: Shallow): number[] {
  throw new Error('TODO: feed the output of the first network into the second');
}
