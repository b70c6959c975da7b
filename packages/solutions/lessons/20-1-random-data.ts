import { RandomState } from '@gradkit/core';

export function randomizeData(x: number[][], seed: number): number[][] {
  const values = x.flat();
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n; // np.std: ddof = 0
  const rows = x.length;
  const cols = x[0]?.length ?? 0;
  return new RandomState(seed).normal(mean, Math.sqrt(variance), [rows, cols]).toArray() as number[][];
}

export function permuteLabels(y: number[], seed: number): number[] {
  return Array.from(new RandomState(seed).permutation(y).data);
}
