// gradkit lesson 6-4-momentum: the worked solution.
// --- exercise momentum-step: SGD with momentum
/** One step of UDL eq. 6.11: m ← βm + (1 − β)g, φ ← φ − αm. */
export function momentumStep(
  phi: number[],
  momentum: number[],
  gradient: number[],
  alpha: number,
  beta: number,
): { phi: number[]; momentum: number[] } {
  const newMomentum = momentum.map((m, k) => beta * m + (1 - beta) * gradient[k]!);
  const newPhi = phi.map((p, k) => p - alpha * newMomentum[k]!);
  return { phi: newPhi, momentum: newMomentum };
}

// --- exercise nesterov-step: Nesterov accelerated momentum
/** One step of UDL eq. 6.12: the gradient at φ − αβm, then the momentum step. */
export function nesterovStep(
  phi: number[],
  momentum: number[],
  computeGradient: (phi: number[]) => [number, number],
  alpha: number,
  beta: number,
): { phi: number[]; momentum: number[] } {
  const lookAhead = phi.map((p, k) => p - alpha * beta * momentum[k]!);
  const gradient = computeGradient(lookAhead);
  const newMomentum = momentum.map((m, k) => beta * m + (1 - beta) * gradient[k]!);
  const newPhi = phi.map((p, k) => p - alpha * newMomentum[k]!);
  return { phi: newPhi, momentum: newMomentum };
}
