// gradkit lesson 8-2-bias-variance-trade-off: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 8-2-bias-variance-trade-off 8-2-bias-variance-trade-off.ts
// --- exercise get-model-mean-variance: Refit the model on many data sets
/**
 * For each of `nDatasets` data sets: `[x, y] = generateData(nData, sigmaFunc)`, fit
 * `fitModelClosedForm(x, y, nHidden)`, run `network(xModel, beta, omega)`. Return
 * `[meanModel, stdModel]`, the mean and standard deviation (divisor N) at each x over the data sets.
 */
export function getModelMeanVariance(
  nData: number,
  nDatasets: number,
  nHidden: number,
  sigmaFunc: number,
  xModel: number[],
  generateData: (nData: number, sigmaY: number) => [number[], number[]],
  fitModelClosedForm: (x: number[], y: number[], nHidden: number) => { beta: number; omega: number[] },
  network: (x: number[], beta: number, omega: number[]) => number[],
): [number[], number[]] {
  throw new Error('TODO: generate, fit and run the model nDatasets times; return the mean and std at each x');
}

// --- exercise bias-variance: Estimate the bias and the variance
/** `variance` = mean over x of stdModel²; `bias` = mean over x of (meanModel − yFunc)². */
export function estimateBiasVariance(
  meanModel: number[],
  stdModel: number[],
  yFunc: number[],
): { bias: number; variance: number } {
  throw new Error('TODO: average the model variance and the squared bias over x');
}
