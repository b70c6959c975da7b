export function linearFunction1D(x: number, beta: number, omega: number): number {
  return beta + omega * x;
}

export function linearFunction2D(
  x1: number,
  x2: number,
  beta: number,
  omega1: number,
  omega2: number,
): number {
  return beta + omega1 * x1 + omega2 * x2;
}

export function linearFunction3D(
  x1: number,
  x2: number,
  x3: number,
  beta: number,
  omega1: number,
  omega2: number,
  omega3: number,
): number {
  return beta + omega1 * x1 + omega2 * x2 + omega3 * x3;
}

export function linearMatrixForm(beta: number[], omega: number[][], x: number[]): number[] {
  const y: number[] = [];
  for (let i = 0; i < beta.length; i++) {
    let sum = beta[i]!;
    for (let j = 0; j < x.length; j++) sum += omega[i]![j]! * x[j]!;
    y.push(sum);
  }
  return y;
}
