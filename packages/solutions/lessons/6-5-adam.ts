// gradkit lesson 6-5-adam: the worked solution.
// --- exercise normalized-gradients: Normalized gradients
/** UDL eqs. 6.13–6.14: the path [φ0 values, φ1 values] of nSteps normalized-gradient steps. */
export function normalizedGradients(
  startPosn: number[],
  nSteps: number,
  alpha: number,
  epsilon: number,
  getLossGradient: (phi0: number, phi1: number) => [number, number],
): [number[], number[]] {
  const path0 = [startPosn[0]!];
  const path1 = [startPosn[1]!];
  for (let step = 0; step < nSteps; step++) {
    const m = getLossGradient(path0[step]!, path1[step]!);
    const v = [m[0] * m[0], m[1] * m[1]];
    path0.push(path0[step]! - (alpha * m[0]) / (Math.sqrt(v[0]!) + epsilon));
    path1.push(path1[step]! - (alpha * m[1]) / (Math.sqrt(v[1]!) + epsilon));
  }
  return [path0, path1];
}

// --- exercise adam: Adam
/** UDL eqs. 6.15–6.17: the path [φ0 values, φ1 values] of nSteps Adam steps. */
export function adam(
  startPosn: number[],
  nSteps: number,
  alpha: number,
  beta: number,
  gamma: number,
  epsilon: number,
  getLossGradient: (phi0: number, phi1: number) => [number, number],
): [number[], number[]] {
  const path = [[startPosn[0]!], [startPosn[1]!]];
  const m = [0, 0];
  const v = [0, 0];
  for (let step = 0; step < nSteps; step++) {
    const grad = getLossGradient(path[0]![step]!, path[1]![step]!);
    for (let k = 0; k < 2; k++) {
      m[k] = beta * m[k]! + (1 - beta) * grad[k]!;
      v[k] = gamma * v[k]! + (1 - gamma) * grad[k]! * grad[k]!;
      const mTilde = m[k]! / (1 - beta ** (step + 1));
      const vTilde = v[k]! / (1 - gamma ** (step + 1));
      path[k]!.push(path[k]![step]! - (alpha * mTilde) / (Math.sqrt(vTilde) + epsilon));
    }
  }
  return [path[0]!, path[1]!];
}
