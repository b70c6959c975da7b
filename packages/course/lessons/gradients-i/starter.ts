// gradkit lesson gradients-i: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson gradients-i gradients-i.ts
// --- exercise backward-pass: The backward pass
export interface Params {
  beta0: number;
  beta1: number;
  beta2: number;
  beta3: number;
  beta4: number;
  omega0: number;
  omega1: number;
  omega2: number;
  omega3: number;
  omega4: number;
}
export interface Forward {
  f0: number;
  h1: number;
  f1: number;
  h2: number;
  f2: number;
  h3: number;
  f3: number;
  h4: number;
  y: number;
}
export interface Backward {
  dydh4: number;
  dydf3: number;
  dydh3: number;
  dydf2: number;
  dydh2: number;
  dydf1: number;
  dydh1: number;
  dydf0: number;
}

/** dy/dh4 = ω4, then one chain-rule factor per step back to dy/df0. */
export function backwardPass(p: Params, fwd: Forward): Backward {
  throw new Error('TODO: compute dydh4, dydf3, ..., dydf0');
}
