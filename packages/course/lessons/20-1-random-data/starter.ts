// gradkit lesson 20-1-random-data: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 20-1-random-data 20-1-random-data.ts

// --- exercise randomize-data: Random inputs with the data’s mean and variance
/**
 * Gaussian noise shaped like `x` `[rows, cols]` with the overall mean and (population) standard
 * deviation of `x`, drawn as `new RandomState(seed).normal(mean, std, [rows, cols])`.
 */
export function randomizeData(x: number[][], seed: number): number[][] {
  throw new Error('TODO: randomize the input data, but retain overall mean and variance');
}

// --- exercise permute-labels: Permuted labels
/** The labels `y` in a random order: `new RandomState(seed).permutation(y)`. */
export function permuteLabels(y: number[], seed: number): number[] {
  throw new Error('TODO: permute the labels');
}
