export function softmax(modelOut: number[][]): number[][] {
  const k = modelOut.length;
  const n = modelOut[0]!.length;
  const out = modelOut.map((row) => row.slice());
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, modelOut[c]![i]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      out[c]![i] = Math.exp(modelOut[c]![i]! - max);
      sum += out[c]![i]!;
    }
    for (let c = 0; c < k; c++) out[c]![i]! /= sum;
  }
  return out;
}

export function computeLikelihood(y: number[], lambda: number[][]): number {
  let likelihood = 1;
  for (let i = 0; i < y.length; i++) likelihood *= lambda[y[i]!]![i]!;
  return likelihood;
}

export function categoricalNll(y: number[], lambda: number[][]): number {
  let nll = 0;
  for (let i = 0; i < y.length; i++) nll -= Math.log(lambda[y[i]!]![i]!);
  return nll;
}
