import type { PythonRandom } from '@gradkit/core';

export function addLabelNoise(labels: number[], rng: PythonRandom, p: number): number[] {
  const y = [...labels];
  for (let c = 0; c < y.length; c++) {
    const randomNumber = rng.random();
    if (randomNumber < p) y[c] = Math.trunc(rng.random() * 10);
  }
  return y;
}

export function totalWeights(nHidden: number): number {
  const layer = (nIn: number, nOut: number) => nIn * nOut + nOut; // weights + biases
  return layer(40, nHidden) + layer(nHidden, nHidden) + layer(nHidden, 10);
}

export function closestIndex(totalWeightsAll: number[], n: number): number {
  let best = 0;
  for (let i = 1; i < totalWeightsAll.length; i++)
    if (Math.abs(totalWeightsAll[i]! - n) < Math.abs(totalWeightsAll[best]! - n)) best = i;
  return best;
}
