export function normalPdf(y: number, mu: number, sigma: number): number {
  return Math.exp(-((y - mu) ** 2) / (2 * sigma * sigma)) / Math.sqrt(2 * Math.PI * sigma * sigma);
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  let nll = 0;
  for (let i = 0; i < y.length; i++)
    nll += 0.5 * Math.log(2 * Math.PI * sigma * sigma) + (y[i]! - mu[i]!) ** 2 / (2 * sigma * sigma);
  return nll;
}
