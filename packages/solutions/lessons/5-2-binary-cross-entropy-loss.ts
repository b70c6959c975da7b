export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function bernoulliDistribution(y: number, lambda: number): number {
  return lambda ** y * (1 - lambda) ** (1 - y);
}

export function computeLikelihood(y: number[], lambda: number[]): number {
  let likelihood = 1;
  for (let i = 0; i < y.length; i++) likelihood *= bernoulliDistribution(y[i]!, lambda[i]!);
  return likelihood;
}

export function bernoulliNll(y: number[], lambda: number[]): number {
  let nll = 0;
  for (let i = 0; i < y.length; i++) nll -= y[i] === 1 ? Math.log(lambda[i]!) : Math.log(1 - lambda[i]!);
  return nll;
}
