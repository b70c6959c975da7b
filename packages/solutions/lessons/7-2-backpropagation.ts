type Matrix = number[][];

const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const transpose = (a: Matrix): Matrix => a[0]!.map((_, j) => a.map((row) => row[j]!));
const addColumn = (a: Matrix, beta: Matrix): Matrix => a.map((row, i) => row.map((v) => v + beta[i]![0]!));

export function computeNetworkOutput(
  netInput: Matrix,
  allWeights: Matrix[],
  allBiases: Matrix[],
): { netOutput: Matrix; allF: Matrix[]; allH: Matrix[] } {
  const K = allWeights.length - 1;
  const allF: Matrix[] = [];
  const allH: Matrix[] = [netInput];
  for (let layer = 0; layer < K; layer++) {
    allF[layer] = addColumn(matmul(allWeights[layer]!, allH[layer]!), allBiases[layer]!);
    allH[layer + 1] = allF[layer]!.map((row) => row.map((v) => Math.max(0, v)));
  }
  allF[K] = addColumn(matmul(allWeights[K]!, allH[K]!), allBiases[K]!);
  return { netOutput: allF[K]!, allF, allH };
}

export function indicatorFunction(f: number[]): number[] {
  return f.map((v) => (v > 0 ? 1 : 0));
}

export function backwardPass(
  allWeights: Matrix[],
  _allBiases: Matrix[],
  allF: Matrix[],
  allH: Matrix[],
  y: Matrix,
): { allDlDweights: Matrix[]; allDlDbiases: Matrix[] } {
  const K = allWeights.length - 1;
  const allDlDweights: Matrix[] = [];
  const allDlDbiases: Matrix[] = [];
  let dlDf: Matrix = allF[K]!.map((row, i) => row.map((v, j) => 2 * (v - y[i]![j]!)));
  for (let layer = K; layer >= 0; layer--) {
    allDlDbiases[layer] = dlDf.map((row) => [...row]);
    allDlDweights[layer] = matmul(dlDf, transpose(allH[layer]!));
    const dlDh = matmul(transpose(allWeights[layer]!), dlDf);
    if (layer > 0)
      dlDf = allF[layer - 1]!.map((row, i) => indicatorFunction(row).map((g, j) => g * dlDh[i]![j]!));
  }
  return { allDlDweights, allDlDbiases };
}
