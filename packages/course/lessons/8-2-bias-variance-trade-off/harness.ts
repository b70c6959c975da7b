/**
 * Notebook 8.2's given code (not its TODOs), written with library calls only so that the grader
 * can rebuild the function arguments of the `get-model-mean-variance` exercise inside its sandbox;
 * `notebook.ts` uses the same functions (one copy). The chapter-8 toy model (UDL figure 8.4):
 * data around `exp(sin(2π x))` on [0, 1] with x drawn quasi-uniformly (one per bin), fitted in closed
 * form by a shallow network whose hidden units are ReLUs with fixed joints at `c / n_hidden`.
 */
import { lstsq, RandomState, ValueError } from '@gradkit/core';

/** The notebook's `true_function(x)`: `exp(sin(2 · 3.1413 · x))` (its π is 3.1413). */
export function trueFunction(x: number): number {
  return Math.exp(Math.sin(x * (2 * 3.1413)));
}

/**
 * The notebook's `generate_data(n_data, sigma_y)` with the random stream `rng` (the notebook's
 * global `np.random`): `x[i] = uniform(i/n, (i+1)/n)` for every i first, then
 * `y[i] = true_function(x[i]) + normal(0, sigma_y)`.
 */
export function generateToyData(rng: RandomState, nData: number, sigmaY = 0.3): [number[], number[]] {
  if (!Number.isInteger(nData) || nData < 1)
    throw new ValueError('generateData', `n_data must be a positive integer, received ${nData}`);
  const x: number[] = [];
  for (let i = 0; i < nData; i++) x.push(rng.uniform(i / nData, (i + 1) / nData));
  const y: number[] = [];
  for (let i = 0; i < nData; i++) y.push(trueFunction(x[i]!) + rng.normal(0, sigmaY));
  return [x, y];
}

/** The fitted parameters of the toy network: bias β and the `n_hidden` slopes ω. */
export interface ToyModel {
  beta: number;
  omega: number[];
}

/**
 * The notebook's `network(x, beta, omega)`: `β + Σ_c ω_c · ReLU(x − c/n_hidden)` (UDL figure 8.4),
 * at every x, summed in the notebook's order.
 */
export function toyNetwork(x: readonly number[], beta: number, omega: readonly number[]): number[] {
  const nHidden = omega.length;
  return x.map((xi) => {
    let y = 0;
    for (let c = 0; c < nHidden; c++) {
      const line = xi - c / nHidden;
      y = y + omega[c]! * (line > 0 ? line : 0);
    }
    return y + beta;
  });
}

/**
 * The notebook's `fit_model_closed_form(x, y, n_hidden)`: the least-squares β, ω by
 * `np.linalg.lstsq` on the design matrix `A[i] = [1, ReLU(x_i − 0/n), …, ReLU(x_i − (n−1)/n)]`
 * (`@gradkit/core`'s `lstsq`).
 */
export function fitToyModel(x: readonly number[], y: readonly number[], nHidden: number): ToyModel {
  const A = x.map((xi) => [1, ...Array.from({ length: nHidden }, (_, j) => Math.max(xi - j / nHidden, 0))]);
  const sol = Array.from(lstsq(A, [...y]).x.data as Float64Array);
  return { beta: sol[0]!, omega: sol.slice(1) };
}

/** Grader factory: `generateData(nData, sigmaY)` drawing from a fresh `RandomState(seed)`. */
export function generateData(seed: number): (nData: number, sigmaY: number) => [number[], number[]] {
  const rng = new RandomState(seed);
  return (nData, sigmaY) => generateToyData(rng, nData, sigmaY);
}

/** Grader factory: the notebook's `fit_model_closed_form`. */
export function fitModelClosedForm(): (x: number[], y: number[], nHidden: number) => ToyModel {
  return (x, y, nHidden) => fitToyModel(x, y, nHidden);
}

/** Grader factory: the notebook's `network`. */
export function network(): (x: number[], beta: number, omega: number[]) => number[] {
  return (x, beta, omega) => toyNetwork(x, beta, omega);
}
