/**
 * Notebook 9.4's given code (not its TODOs), written with library calls only so that the grader
 * can rebuild the function arguments of the exercises inside its sandbox; `notebook.ts` uses the
 * same functions (one copy). The chapter-8/9 toy problem: 15 points around `exp(sin(2π x))` on
 * [0, 1] (one x per bin), and a shallow network of `n_hidden` ReLUs with fixed joints at
 * `c / n_hidden` whose output weights φ = [ω₁ … ω_n, β] get a Bayesian treatment.
 */
import { RandomState, ValueError } from '@gradkit/core';

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

/**
 * The notebook's `compute_H(x_data, n_hidden)`: the `(n_hidden + 1) × n_data` matrix whose column j
 * holds the hidden activations `ReLU(x_j − i/n_hidden)` (the joints from
 * `np.linspace(0, 1, n_hidden, endpoint=False)`, i.e. `i · (1/n_hidden)`) with a 1 appended for
 * the bias β.
 */
export function computeHidden(xData: readonly number[], nHidden: number): number[][] {
  if (!Number.isInteger(nHidden) || nHidden < 1)
    throw new ValueError('computeH', `n_hidden must be a positive integer, received ${nHidden}`);
  const step = 1 / nHidden;
  const H: number[][] = [];
  for (let i = 0; i < nHidden; i++) {
    const psi0 = -(i * step);
    H.push(xData.map((x) => Math.max(1 * x + psi0, 0)));
  }
  H.push(xData.map(() => 1));
  return H;
}

/**
 * The notebook's `network(x, beta, omega)`: `β + Σ_c ω_c · ReLU(x − c/n_hidden)` at every x,
 * summed in the notebook's order.
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

/** Grader factory: the notebook's `compute_H`. */
export function computeH(): (xData: number[], nHidden: number) => number[][] {
  return (xData, nHidden) => computeHidden(xData, nHidden);
}

/** Grader factory: a fresh `RandomState(seed)` (the notebook's `np.random` after `np.random.seed`). */
export function randomState(seed: number): RandomState {
  return new RandomState(seed);
}
