import type { RandomState } from '@gradkit/core';

export function resampleData(xData: number[], yData: number[], rng: RandomState): [number[], number[]] {
  const n = xData.length;
  // n indices drawn with replacement, like np.random.choice(n_data, n_data, replace=True)
  const indices = rng.choice(n, { size: n }).toList() as number[];
  return [indices.map((i) => xData[i]!), indices.map((i) => yData[i]!)];
}

export function ensembleMedian(allYModel: number[][]): number[] {
  const nModel = allYModel.length;
  return allYModel[0]!.map((_, j) => {
    const column = allYModel.map((row) => row[j]!).sort((a, b) => a - b);
    const mid = Math.floor(nModel / 2);
    return nModel % 2 === 1 ? column[mid]! : (column[mid - 1]! + column[mid]!) / 2;
  });
}

export function ensembleMean(allYModel: number[][]): number[] {
  return allYModel[0]!.map((_, j) => {
    let s = 0;
    for (const row of allYModel) s += row[j]!;
    return s / allYModel.length;
  });
}
