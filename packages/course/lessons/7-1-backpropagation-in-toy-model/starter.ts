// gradkit lesson 7-1-backpropagation-in-toy-model: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 7-1-backpropagation-in-toy-model 7-1-backpropagation-in-toy-model.ts
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
  throw new Error('TODO: compute all the f_k and h_k terms and the loss');
}

// --- exercise backward-pass: Step 2: the backward pass
/** dldf3 = 2(f3 − y), dldh3 = ω3·dldf3, … back to dldf0. */
export function backwardPass(y: number, p: Params, fwd: Forward): Backward {
  throw new Error('TODO: run the backward pass');
}

// --- exercise parameter-derivatives: Step 3: the derivatives of the parameters
/** ∂ℓ/∂β_k = ∂ℓ/∂f_k, ∂ℓ/∂ω_k = ∂ℓ/∂f_k · h_k (x for k = 0). */
export function parameterDerivatives(x: number, fwd: Forward, bwd: Backward): ParamDerivatives {
  throw new Error('TODO: the derivatives with respect to the beta and omega terms');
}
