export function negLikelihoodLinreg(w: number[], x: number[][], y: number[], sigma: number): number {
  let total = 0;
  for (let n = 0; n < x.length; n++) {
    let pred = 0;
    for (let d = 0; d < w.length; d++) pred += x[n]![d]! * w[d]!;
    total += (pred - y[n]!) ** 2;
  }
  return (0.5 / (sigma * sigma)) * total;
}
