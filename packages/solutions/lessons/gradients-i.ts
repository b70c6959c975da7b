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

export function backwardPass(p: Params, fwd: Forward) {
  const dydh4 = p.omega4;
  const dydf3 = dydh4 / fwd.f3;
  const dydh3 = dydf3 * p.omega3;
  const dydf2 = -dydh3 * Math.sin(fwd.f2);
  const dydh2 = dydf2 * p.omega2;
  const dydf1 = dydh2 * Math.exp(fwd.f1);
  const dydh1 = dydf1 * p.omega1;
  const dydf0 = dydh1 * Math.cos(fwd.f0);
  return { dydh4, dydf3, dydh3, dydf2, dydh2, dydf1, dydh1, dydf0 };
}
