// gradkit lesson 6-4-momentum: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 6-4-momentum 6-4-momentum.ts
// --- exercise momentum-step: SGD with momentum
/** One step of UDL eq. 6.11: m ← βm + (1 − β)g, φ ← φ − αm. */
export function momentumStep(
  phi: number[],
  momentum: number[],
  gradient: number[],
  alpha: number,
  beta: number,
): { phi: number[]; momentum: number[] } {
  throw new Error('TODO: update the momentum, then the parameters');
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
  throw new Error('TODO: measure the gradient at the look-ahead point, then update');
}
