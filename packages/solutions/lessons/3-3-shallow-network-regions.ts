import { comb } from '@gradkit/core';

export function numberRegions(Di: number, D: number): bigint {
  let N = 0n;
  for (let j = 0; j <= Di; j++) N += comb(D, j);
  return N;
}

export function numberParameters(Di: number, D: number): number {
  // Di·D input weights and D biases in the hidden layer, D weights and 1 bias at the output
  return Di * D + D + D + 1;
}
