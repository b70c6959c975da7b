// gradkit lesson 7-1-backpropagation-in-toy-model: the worked solution.
export interface Params {
  beta0: number;
  beta1: number;
  beta2: number;
  beta3: number;
  omega0: number;
  omega1: number;
  omega2: number;
  omega3: number;
}
export interface Forward {
  f0: number;
  h1: number;
  f1: number;
  h2: number;
  f2: number;
  h3: number;
  f3: number;
  l_i: number;
}
export interface Backward {
  dldf3: number;
  dldh3: number;
  dldf2: number;
  dldh2: number;
  dldf1: number;
  dldh1: number;
  dldf0: number;
}
export interface ParamDerivatives {
  dldbeta3: number;
  dldomega3: number;
  dldbeta2: number;
  dldomega2: number;
  dldbeta1: number;
  dldomega1: number;
  dldbeta0: number;
  dldomega0: number;
}

// --- exercise forward-pass: Step 1: the forward pass
/** f0 = β0 + ω0x, h1 = sin f0, …, f3 = β3 + ω3h3, l_i = (f3 − y)². */
export function forwardPass(x: number, y: number, p: Params): Forward {
  const f0 = p.beta0 + p.omega0 * x;
  const h1 = Math.sin(f0);
  const f1 = p.beta1 + p.omega1 * h1;
  const h2 = Math.exp(f1);
  const f2 = p.beta2 + p.omega2 * h2;
  const h3 = Math.cos(f2);
  const f3 = p.beta3 + p.omega3 * h3;
  const l_i = (f3 - y) * (f3 - y);
  return { f0, h1, f1, h2, f2, h3, f3, l_i };
}

// --- exercise backward-pass: Step 2: the backward pass
/** dldf3 = 2(f3 − y), dldh3 = ω3·dldf3, … back to dldf0. */
export function backwardPass(y: number, p: Params, fwd: Forward): Backward {
  const dldf3 = 2 * (fwd.f3 - y);
  const dldh3 = p.omega3 * dldf3;
  const dldf2 = -Math.sin(fwd.f2) * dldh3;
  const dldh2 = p.omega2 * dldf2;
  const dldf1 = Math.exp(fwd.f1) * dldh2;
  const dldh1 = p.omega1 * dldf1;
  const dldf0 = Math.cos(fwd.f0) * dldh1;
  return { dldf3, dldh3, dldf2, dldh2, dldf1, dldh1, dldf0 };
}

// --- exercise parameter-derivatives: Step 3: the derivatives of the parameters
/** ∂ℓ/∂β_k = ∂ℓ/∂f_k, ∂ℓ/∂ω_k = ∂ℓ/∂f_k · h_k (x for k = 0). */
export function parameterDerivatives(x: number, fwd: Forward, bwd: Backward): ParamDerivatives {
  return {
    dldbeta3: bwd.dldf3,
    dldomega3: bwd.dldf3 * fwd.h3,
    dldbeta2: bwd.dldf2,
    dldomega2: bwd.dldf2 * fwd.h2,
    dldbeta1: bwd.dldf1,
    dldomega1: bwd.dldf1 * fwd.h1,
    dldbeta0: bwd.dldf0,
    dldomega0: bwd.dldf0 * x,
  };
}
