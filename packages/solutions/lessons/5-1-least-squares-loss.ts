export function normalPdf(y: number, mu: number, sigma: number): number {
  return Math.exp(-((y - mu) ** 2) / (2 * sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma);
}

export function normalLikelihood(y: number[], mu: number[], sigma: number): number {
  let likelihood = 1;
  for (let i = 0; i < y.length; i++) likelihood *= normalPdf(y[i]!, mu[i]!, sigma);
  return likelihood;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  let nll = 0;
  for (let i = 0; i < y.length; i++)
    nll += 0.5 * Math.log(2 * Math.PI * sigma * sigma) + (y[i]! - mu[i]!) ** 2 / (2 * sigma * sigma);
  return nll;
}

export function sumOfSquares(y: number[], yPred: number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - yPred[i]!) ** 2;
  return s;
}
