export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function bernoulliNll(y: number[], lambda: number[]): number {
  let nll = 0;
  for (let i = 0; i < y.length; i++) nll -= y[i] === 1 ? Math.log(lambda[i]!) : Math.log(1 - lambda[i]!);
  return nll;
}
