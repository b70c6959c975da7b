// gradkit lesson 9-3-ensembling: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 9-3-ensembling 9-3-ensembling.ts
import type { RandomState } from '@gradkit/core';

// --- exercise resample-data: Resample the data with replacement
/**
 * Draw `n = xData.length` indices in `0..n-1` with replacement from `rng` (numpy's
 * `np.random.choice(n, n, replace=True)`) and return `[xResampled, yResampled]`.
 */
export function resampleData(xData: number[], yData: number[], rng: RandomState): [number[], number[]] {
  throw new Error('TODO: draw n indices with replacement and gather the points at them');
}

// --- exercise ensemble-median: The median of the models
/** At each input j, the median of `allYModel[m][j]` over the models m (`np.median(…, axis=0)`). */
export function ensembleMedian(allYModel: number[][]): number[] {
  throw new Error('TODO: the median over the models at each input');
}

// --- exercise ensemble-mean: The mean of the models
/** At each input j, the mean of `allYModel[m][j]` over the models m (`np.mean(…, axis=0)`). */
export function ensembleMean(allYModel: number[][]): number[] {
  throw new Error('TODO: the mean over the models at each input');
}
