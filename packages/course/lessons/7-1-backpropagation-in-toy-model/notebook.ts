/**
 * Notebook 7.1: Backpropagation in Toy Model (`7_1_Backpropagation_in_Toy_Model.md`, UDL section
 * 7.3, Toy example), the notebook translated: the eight derivatives of the least-squares loss
 * `ℓ = (f[x, φ] − y)²` of the toy function
 * ```
 * f[x, φ] = β3 + ω3·cos[β2 + ω2·exp[β1 + ω1·sin[β0 + ω0·x]]]
 * ```
 * first by the closed form and finite differences, then by the forward pass (step 1, TODO), the
 * backward pass (step 2, TODO) and the parameter derivatives (step 3, TODO). Names follow the
 * notebook (`fn`, `loss`, `f0..f3`, `l_i`, `dldf3..dldf0`, `dldbeta0..dldomega3`).
 *
 * The CM20315 practical Gradients I (lesson `gradients-i`) differentiates a different function (a
 * fifth layer `β4 + ω4·log[…]` and the output itself instead of a loss, ten parameters); its first
 * seven intermediate quantities are this notebook's, so {@link forwardPass} takes them from
 * `gradients-i`'s `forwardPass`.
 *
 * ```ts
 * const fwd = forwardPass(X, Y, PARAMS); // fwd.l_i ≈ 0.139
 * const d = parameterDerivatives(X, fwd, backwardPass(Y, PARAMS, fwd)); // d.dldomega0 ≈ 5.246
 * ```
 */
import { grad, type Tensor } from '@gradkit/core';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { forwardPass as gradientsIForward } from '../gradients-i/notebook.js';

/** The eight parameters β0..β3, ω0..ω3. */
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

/** The notebook's parameter values. */
export const PARAMS: Readonly<Params> = Object.freeze({
  beta0: 1.0,
  beta1: 2.0,
  beta2: -3.0,
  beta3: 0.4,
  omega0: 0.1,
  omega1: -0.4,
  omega2: 2.0,
  omega3: 3.0,
});

/** The notebook's training pair: x = 2.3, y = 2.0. */
export const X = 2.3;
export const Y = 2.0;

/** The notebook's `fn`: `β3 + ω3·cos[β2 + ω2·exp[β1 + ω1·sin[β0 + ω0·x]]]`. */
export function fn(
  x: number,
  beta0: number,
  beta1: number,
  beta2: number,
  beta3: number,
  omega0: number,
  omega1: number,
  omega2: number,
  omega3: number,
): number {
  return beta3 + omega3 * Math.cos(beta2 + omega2 * Math.exp(beta1 + omega1 * Math.sin(beta0 + omega0 * x)));
}

/** The notebook's `loss`: `(fn(x, …) − y)²` (the diff multiplied by itself, as the notebook does). */
export function loss(x: number, y: number, p: Params): number {
  const diff = fn(x, p.beta0, p.beta1, p.beta2, p.beta3, p.omega0, p.omega1, p.omega2, p.omega3) - y;
  return diff * diff;
}

/** The notebook's closed-form `dldbeta3_func = 2(f − y)`. */
export function dldbeta3Func(x: number, y: number, p: Params): number {
  const { beta0, beta1, beta2, beta3, omega0, omega1, omega2, omega3 } = p;
  return (
    2 *
    (beta3 + omega3 * Math.cos(beta2 + omega2 * Math.exp(beta1 + omega1 * Math.sin(beta0 + omega0 * x))) - y)
  );
}

/** The notebook's closed-form `dldomega0_func` ("a bit of a nightmare"). */
export function dldomega0Func(x: number, y: number, p: Params): number {
  const { beta0, beta1, beta2, beta3, omega0, omega1, omega2, omega3 } = p;
  return (
    -2 *
    (beta3 +
      omega3 * Math.cos(beta2 + omega2 * Math.exp(beta1 + omega1 * Math.sin(beta0 + omega0 * x))) -
      y) *
    omega1 *
    omega2 *
    omega3 *
    x *
    Math.cos(beta0 + omega0 * x) *
    Math.exp(beta1 + omega1 * Math.sin(beta0 + omega0 * x)) *
    Math.sin(beta2 + omega2 * Math.exp(beta1 + omega1 * Math.sin(beta0 + omega0 * x)))
  );
}

/** The notebook's forward finite difference in one parameter, δ = 0.00001. */
export function finiteDifference(
  x: number,
  y: number,
  p: Params,
  name: keyof Params,
  delta = 0.00001,
): number {
  return (loss(x, y, { ...p, [name]: p[name] + delta }) - loss(x, y, p)) / delta;
}

/** The intermediate quantities of the forward pass, and the loss. */
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

/**
 * Step 1, the forward pass: `f0 = β0 + ω0x`, `h1 = sin f0`, `f1 = β1 + ω1h1`, `h2 = exp f1`,
 * `f2 = β2 + ω2h2`, `h3 = cos f2`, `f3 = β3 + ω3h3`, `l_i = (f3 − y)²` (f0..f3 are the first
 * seven lines of Gradients I's forward pass, imported from that lesson).
 */
export function forwardPass(x: number, y: number, p: Params): Forward {
  const { f0, h1, f1, h2, f2, h3, f3 } = gradientsIForward(x, { ...p, beta4: 0, omega4: 1 });
  const l_i = (f3 - y) ** 2;
  return { f0, h1, f1, h2, f2, h3, f3, l_i };
}

/** ∂ℓ/∂(intermediate) for every intermediate quantity. */
export interface Backward {
  dldf3: number;
  dldh3: number;
  dldf2: number;
  dldh2: number;
  dldf1: number;
  dldh1: number;
  dldf0: number;
}

/**
 * Step 2, the backward pass: `∂ℓ/∂f3 = 2(f3 − y)`, then each derivative is the previous one times
 * one local derivative (`∂f_k/∂h_k = ω_k`, `∂cos z = −sin z`, `∂exp z = exp z`, `∂sin z = cos z`).
 */
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

/** The eight parameter derivatives, named as in the notebook. */
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

/**
 * Step 3: `f_k = β_k + ω_k·(input of layer k)`, so `∂ℓ/∂β_k = ∂ℓ/∂f_k` and
 * `∂ℓ/∂ω_k = ∂ℓ/∂f_k · h_k` (`x` for k = 0).
 */
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

/** The loss written with tensor ops, so autograd can differentiate it. */
export function lossTensor(x: number, y: number, p: { [K in keyof Params]: Tensor }): Tensor {
  const f = p.omega3
    .mul(
      p.omega2
        .mul(p.omega1.mul(p.omega0.mul(x).add(p.beta0).sin()).add(p.beta1).exp())
        .add(p.beta2)
        .cos(),
    )
    .add(p.beta3);
  const diff = f.sub(y);
  return diff.mul(diff);
}

/** All eight derivatives by autograd (`@gradkit/core`'s `grad` of {@link lossTensor}). */
export function autogradDerivatives(x: number, y: number, p: Params): ParamDerivatives {
  const g = grad((q: { [K in keyof Params]: Tensor }) => lossTensor(x, y, q))(p) as Params;
  const out = {} as ParamDerivatives;
  for (const k of Object.keys(p) as (keyof Params)[]) out[`dld${k}` as keyof ParamDerivatives] = g[k];
  return out;
}

/** The notebook, top to bottom. */
export function run(nb: Notebook): void {
  const p = PARAMS;
  const x = X;
  const y = Y;
  nb.setAll({ ...p, x, y });
  const l_i_func = loss(x, y, p);
  nb.set('l_i_func', l_i_func);
  nb.print(pyFormat('l_i=%3.3f', l_i_func));

  // The derivatives by hand (closed form), checked by a forward finite difference (δ = 0.00001).
  const dldbeta3_func = dldbeta3Func(x, y, p);
  const dldomega0_func = dldomega0Func(x, y, p);
  const dldomega0_fd = finiteDifference(x, y, p, 'omega0');
  nb.setAll({ dldbeta3_func, dldomega0_func, dldomega0_fd });
  nb.print(
    pyFormat(
      'dydomega0: Function value = %3.3f, Finite difference value = %3.3f',
      dldomega0_func,
      dldomega0_fd,
    ),
  );

  // Step 1, the forward pass (TODO).
  const fwd = forwardPass(x, y, p);
  nb.setAll({ ...fwd });
  const trueForward: [keyof Forward, number][] = [
    ['f0', 1.23],
    ['h1', 0.942],
    ['f1', 1.623],
    ['h2', 5.068],
    ['f2', 7.137],
    ['h3', 0.657],
    ['f3', 2.372],
  ];
  for (const [name, value] of trueForward)
    nb.print(pyFormat(`${name}: true value = %3.3f, your value = %3.3f`, value, fwd[name]));
  nb.print(pyFormat('l_i original = %3.3f, l_i from forward pass = %3.3f', l_i_func, fwd.l_i));

  // Step 2, the backward pass (TODO; the notebook gives dldf3 and dldh3).
  const bwd = backwardPass(y, p, fwd);
  nb.setAll({ ...bwd });
  const trueBackward: [keyof Backward, number][] = [
    ['dldf3', 0.745],
    ['dldh3', 2.234],
    ['dldf2', -1.683],
    ['dldh2', -3.366],
    ['dldf1', -17.06],
    ['dldh1', 6.824],
    ['dldf0', 2.281],
  ];
  for (const [name, value] of trueBackward)
    nb.print(pyFormat(`${name}: true value = %3.3f, your value = %3.3f`, value, bwd[name]));

  // Step 3, the derivatives with respect to the betas and omegas (TODO).
  const d = parameterDerivatives(x, fwd, bwd);
  nb.setAll({ ...d });
  const trueParams: [keyof ParamDerivatives, number][] = [
    ['dldbeta3', 0.745],
    ['dldomega3', 0.489],
    ['dldbeta2', -1.683],
    ['dldomega2', -8.53],
    ['dldbeta1', -17.06],
    ['dldomega1', -16.079],
    ['dldbeta0', 2.281],
  ];
  for (const [name, value] of trueParams)
    nb.print(pyFormat(`${name}: Your value = %3.3f, True value = %3.3f`, d[name], value));
  nb.print(
    pyFormat(
      'dldomega0: Your value = %3.3f, Function value = %3.3f, Finite difference value = %3.3f',
      d.dldomega0,
      dldomega0_func,
      dldomega0_fd,
    ),
  );
}
