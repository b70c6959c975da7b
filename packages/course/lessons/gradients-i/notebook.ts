/**
 * CM20315 Gradients I (`udl-cm20315-gradients_i.md`, UDL 7.3 "Toy example"), the notebook
 * translated to library calls: derivatives of a composed function by the chain rule (the backward
 * pass by hand), checked against the closed form and finite differences; `autogradDerivatives`
 * gets the same ten derivatives from `@gradkit/core`'s `grad`.
 *
 * The function (UDL chapter 7's toy example, written as intermediate quantities):
 * ```
 * f0 = β0 + ω0·x,  h1 = sin f0,  f1 = β1 + ω1·h1,  h2 = exp f1,  f2 = β2 + ω2·h2,
 * h3 = cos f2,     f3 = β3 + ω3·h3,  h4 = log f3,  y = β4 + ω4·h4
 * ```
 * Names follow the notebook (`fn`, `f0..h4`, `dydh4..dydf0`, `dydbeta0..dydomega4`). The TODOs
 * are `forwardPass` (step 1), `backwardPass` (step 2) and `parameterDerivatives` (step 3).
 *
 * ```ts
 * import * as gradientsI from '@gradkit/course/lessons/gradients-i/notebook';
 * const fwd = gradientsI.forwardPass(gradientsI.X, gradientsI.PARAMS); // fwd.y ≈ -0.732
 * const d = gradientsI.autogradDerivatives(gradientsI.X, gradientsI.PARAMS); // d.dydomega0 ≈ -1.486
 * ```
 */
import { grad, type Tensor } from '@gradkit/core';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The ten parameters β0..β4, ω0..ω4. */
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

/** The notebook's parameter values. */
export const PARAMS: Readonly<Params> = Object.freeze({
  beta0: 1.0,
  beta1: 2.0,
  beta2: -3.0,
  beta3: 0.4,
  beta4: -0.3,
  omega0: 0.1,
  omega1: -0.4,
  omega2: 2.0,
  omega3: 3.0,
  omega4: -0.5,
});

/** The notebook's input x = 2.3. */
export const X = 2.3;

/**
 * The function itself, with the notebook's signature:
 * `y = β4 + ω4·log[β3 + ω3·cos[β2 + ω2·exp[β1 + ω1·sin[β0 + ω0·x]]]]`.
 */
export function fn(
  x: number,
  beta0: number,
  beta1: number,
  beta2: number,
  beta3: number,
  beta4: number,
  omega0: number,
  omega1: number,
  omega2: number,
  omega3: number,
  omega4: number,
): number {
  return (
    beta4 +
    omega4 *
      Math.log(
        beta3 + omega3 * Math.cos(beta2 + omega2 * Math.exp(beta1 + omega1 * Math.sin(beta0 + omega0 * x))),
      )
  );
}

/** `fn` with the parameters as a record. */
export function fnParams(x: number, p: Params): number {
  return fn(x, p.beta0, p.beta1, p.beta2, p.beta3, p.beta4, p.omega0, p.omega1, p.omega2, p.omega3, p.omega4);
}

/** The intermediate quantities of the forward pass. */
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

/** Step 1, the forward pass: compute and store every f_k and h_k. */
export function forwardPass(x: number, p: Params): Forward {
  const f0 = p.beta0 + p.omega0 * x;
  const h1 = Math.sin(f0);
  const f1 = p.beta1 + p.omega1 * h1;
  const h2 = Math.exp(f1);
  const f2 = p.beta2 + p.omega2 * h2;
  const h3 = Math.cos(f2);
  const f3 = p.beta3 + p.omega3 * h3;
  const h4 = Math.log(f3);
  const y = p.beta4 + p.omega4 * h4;
  return { f0, h1, f1, h2, f2, h3, f3, h4, y };
}

/** dy/d(intermediate) for every intermediate quantity. */
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

/**
 * Step 2, the backward pass: dy/dh4 = ω4, then each derivative is the previous one times one
 * local derivative (d log z = 1/z, d cos z = -sin z, d exp z = exp z, d sin z = cos z).
 */
export function backwardPass(p: Params, fwd: Forward): Backward {
  const dydh4 = p.omega4;
  const dydf3 = dydh4 * (1 / fwd.f3);
  const dydh3 = dydf3 * p.omega3;
  const dydf2 = dydh3 * -Math.sin(fwd.f2);
  const dydh2 = dydf2 * p.omega2;
  const dydf1 = dydh2 * Math.exp(fwd.f1);
  const dydh1 = dydf1 * p.omega1;
  const dydf0 = dydh1 * Math.cos(fwd.f0);
  return { dydh4, dydf3, dydh3, dydf2, dydh2, dydf1, dydh1, dydf0 };
}

/** The ten parameter derivatives, named as in the notebook. */
export interface ParamDerivatives {
  dydbeta0: number;
  dydbeta1: number;
  dydbeta2: number;
  dydbeta3: number;
  dydbeta4: number;
  dydomega0: number;
  dydomega1: number;
  dydomega2: number;
  dydomega3: number;
  dydomega4: number;
}

/**
 * Step 3: dy/dβ_k = dy/df_k · 1 and dy/dω_k = dy/df_k · (input of layer k): x for k = 0, h_k
 * otherwise; dy/dβ4 = 1, dy/dω4 = h4.
 */
export function parameterDerivatives(x: number, fwd: Forward, bwd: Backward): ParamDerivatives {
  return {
    dydbeta4: 1,
    dydomega4: fwd.h4,
    dydbeta3: bwd.dydf3,
    dydomega3: bwd.dydf3 * fwd.h3,
    dydbeta2: bwd.dydf2,
    dydomega2: bwd.dydf2 * fwd.h2,
    dydbeta1: bwd.dydf1,
    dydomega1: bwd.dydf1 * fwd.h1,
    dydbeta0: bwd.dydf0,
    dydomega0: bwd.dydf0 * x,
  };
}

/** All ten derivatives by the manual chain rule (steps 1-3). */
export function chainRuleDerivatives(x: number, p: Params): ParamDerivatives {
  const fwd = forwardPass(x, p);
  return parameterDerivatives(x, fwd, backwardPass(p, fwd));
}

/** The notebook's closed-form dy/dω0 ("a bit of a nightmare"). */
export function dydomega0Func(x: number, p: Params): number {
  const { beta0, beta1, beta2, beta3, omega0, omega1, omega2, omega3, omega4 } = p;
  return (
    (-omega1 *
      omega2 *
      omega3 *
      omega4 *
      x *
      Math.cos(beta0 + omega0 * x) *
      Math.exp(omega1 * Math.sin(beta0 + omega0 * x) + beta1) *
      Math.sin(omega2 * Math.exp(omega1 * Math.sin(beta0 + omega0 * x) + beta1) + beta2)) /
    (omega3 * Math.cos(omega2 * Math.exp(omega1 * Math.sin(beta0 + omega0 * x) + beta1) + beta2) + beta3)
  );
}

/**
 * The notebook's forward finite difference for one parameter:
 * `(fn(..., θ + δ, ...) - fn(...)) / δ` with δ = 0.0001.
 */
export function finiteDifference(x: number, p: Params, name: keyof Params, delta = 0.0001): number {
  return (fnParams(x, { ...p, [name]: p[name] + delta }) - fnParams(x, p)) / delta;
}

/** The function written with tensor ops, so autograd can differentiate it. */
export function fnTensor(x: number, p: { [K in keyof Params]: Tensor }): Tensor {
  return p.omega4
    .mul(
      p.omega3
        .mul(
          p.omega2
            .mul(p.omega1.mul(p.omega0.mul(x).add(p.beta0).sin()).add(p.beta1).exp())
            .add(p.beta2)
            .cos(),
        )
        .add(p.beta3)
        .log(),
    )
    .add(p.beta4);
}

/** All ten derivatives by autograd: `grad(fnTensor)` over the parameter record. */
export function autogradDerivatives(x: number, p: Params): ParamDerivatives {
  const g = grad((q: { [K in keyof Params]: Tensor }) => fnTensor(x, q))(p) as Params;
  const out = {} as ParamDerivatives;
  for (const k of Object.keys(p) as (keyof Params)[]) out[`dyd${k}` as keyof ParamDerivatives] = g[k];
  return out;
}

/** The notebook, top to bottom: the closed form, then the forward, backward and parameter passes. */
export function run(nb: Notebook): void {
  const p = PARAMS;
  const x = X;
  nb.setAll({ ...p, x });
  const y_func = fnParams(x, p);
  nb.show('y_func', y_func);
  nb.print(pyFormat('y=%3.3f', y_func));

  // Derivatives by hand (closed form), checked with forward finite differences (δ = 0.0001).
  const dydbeta4_func = 1;
  const dydomega0_func = dydomega0Func(x, p);
  const dydbeta4_fd = finiteDifference(x, p, 'beta4');
  const dydomega0_fd = finiteDifference(x, p, 'omega0');
  nb.setAll({ dydbeta4_func, dydomega0_func, dydbeta4_fd, dydomega0_fd });
  nb.print(
    pyFormat('dydbeta4: Function value = %3.3f, Finite difference value = %3.3f', dydbeta4_func, dydbeta4_fd),
    pyFormat(
      'dydomega0: Function value = %3.3f, Finite difference value = %3.3f',
      dydomega0_func,
      dydomega0_fd,
    ),
  );

  // Step 1, the forward pass (TODO): every f_k and h_k.
  const fwd = forwardPass(x, p);
  nb.setAll({ ...fwd });
  const trueForward: [keyof Forward, number][] = [
    ['f0', 1.23],
    ['h1', 0.942],
    ['f1', 1.623],
    ['h2', 5.068],
    ['f2', 7.137],
    ['h3', 0.657],
    ['f3', 2.372],
    ['h4', 0.864],
  ];
  for (const [name, value] of trueForward)
    nb.print(pyFormat(`${name}: true value = %3.3f, your value = %3.3f`, value, fwd[name]));
  nb.print(pyFormat('y_func = %3.3f, y = %3.3f', y_func, fwd.y));

  // Step 2, the backward pass (TODO): dy/dh4 = ω4, then one chain-rule factor per step.
  const bwd = backwardPass(p, fwd);
  nb.setAll({ ...bwd });
  const trueBackward: [keyof Backward, number][] = [
    ['dydh3', -0.632],
    ['dydf2', 0.476],
    ['dydh2', 0.953],
    ['dydf1', 4.83],
    ['dydh1', -1.932],
    ['dydf0', -0.646],
  ];
  for (const [name, value] of trueBackward)
    nb.print(pyFormat(`${name}: true value = %3.3f, your value = %3.3f`, value, bwd[name]));

  // Step 3 (TODO): the derivatives with respect to the betas and omegas.
  const d = parameterDerivatives(x, fwd, bwd);
  nb.setAll({ ...d });
  nb.print(
    pyFormat(
      'dydbeta4: Your value = %3.3f, Function value = %3.3f, Finite difference value = %3.3f',
      d.dydbeta4,
      dydbeta4_func,
      dydbeta4_fd,
    ),
  );
  const trueParams: [keyof ParamDerivatives, number][] = [
    ['dydomega4', 0.864],
    ['dydbeta3', -0.211],
    ['dydomega3', -0.139],
    ['dydbeta2', 0.476],
    ['dydomega2', 2.415],
    ['dydbeta1', 4.83],
    ['dydomega1', 4.552],
    ['dydbeta0', -0.646],
  ];
  for (const [name, value] of trueParams)
    nb.print(pyFormat(`${name}: Your value = %3.3f, True value = %3.3f`, d[name], value));
  nb.print(
    pyFormat(
      'dydomega0: Your value = %3.3f, Function value = %3.3f, Finite difference value = %3.3f',
      d.dydomega0,
      dydomega0_func,
      dydomega0_fd,
    ),
  );
}
