import { RandomState } from '@gradkit/core';

/** One affine layer on rows: x Wᵀ + b. */
function affine(x: number[][], w: number[][], b: number[]): number[][] {
  return x.map((row) => w.map((wRow, o) => wRow.reduce((s, wij, i) => s + wij * row[i]!, b[o]!)));
}

const reluRows = (x: number[][]) => x.map((row) => row.map((v) => Math.max(0, v)));

export function model(
  x: number[][],
  params: { w1: number[][]; b1: number[]; w2: number[][]; b2: number[]; w3: number[][]; b3: number[] },
): number[][] {
  const h1 = reluRows(affine(x, params.w1, params.b1));
  const h2 = reluRows(affine(h1, params.w2, params.b2));
  return affine(h2, params.w3, params.b3);
}

export function weightsInit(
  fanOut: number,
  fanIn: number,
  seed: number,
): { weight: number[][]; bias: number[] } {
  // He: Var[w] = 2 / fanIn, and U(-b, b) has variance b² / 3
  const b = Math.sqrt(6 / fanIn);
  const weight = new RandomState(seed).uniform(-b, b, [fanOut, fanIn]).toArray() as number[][];
  return { weight, bias: new Array<number>(fanOut).fill(0) };
}
