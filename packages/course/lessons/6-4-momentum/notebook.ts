/**
 * Notebook 6.4: Momentum (`6_4_Momentum.md`, UDL section 6.3, figure 6.7), the notebook translated
 * to library calls: minibatch SGD, SGD with momentum (UDL eq. 6.11) and Nesterov accelerated
 * momentum (eq. 6.12) fitting the Gabor model to 30 points — the data, model, sum-of-squares loss
 * and hand-derived gradient of CM20315 Training III, `@gradkit/optimizers`' `GABOR_DATA`,
 * `gaborModel`, `computeLoss` and `gaborGradient`. Each run reseeds with `np.random.seed(1)`, takes
 * 81 steps from (−1.5, 6.5) with α = 0.6 (β = 0.6) on batches of 5 (the first five of a permutation
 * of the 30 indices).
 *
 * Momentum as the book writes it, `m ← βm + (1 − β)g`, `φ ← φ − αm`, is PyTorch's
 * `SGD(lr = α(1 − β), momentum = β)` (dampening 0): with `b = m/(1 − β)` the rule reads
 * `b ← βb + g`, `φ ← φ − α(1 − β) b`, and PyTorch's first buffer `b = g` is the book's
 * `m = (1 − β)g` from `m = 0`. {@link momentumStep} therefore runs `@gradkit/optimizers`'
 * `sgdUpdate` kernel. Nesterov momentum differs: the book evaluates the gradient at the look-ahead
 * point `φ − αβm` (eq. 6.12), PyTorch's `nesterov=True` steps along `g + μb` at the current point;
 * {@link nesterovStep} is the book's rule.
 */
import { RandomState, type Tensor, tensor } from '@gradkit/core';
import {
  computeLoss,
  GABOR_DATA,
  gaborGradient,
  gaborModel,
  gradientDescentStepFixedLearningRate,
  type Phi,
  sgdUpdate,
  type XYData,
} from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';

/** The notebook's settings (the same in its three runs). */
export const N_STEPS = 81;
export const BATCH_SIZE = 5;
export const ALPHA = 0.6;
export const BETA = 0.6;
/** `phi_all[:, 0]`: the start (offset −1.5, frequency 6.5). */
export const START: readonly [number, number] = [-1.5, 6.5];

/** The three descents of the notebook, in its order. */
export type Method = 'sgd' | 'momentum' | 'nesterov';
export const METHODS: readonly Method[] = ['sgd', 'momentum', 'nesterov'];

/** Parameters `[φ0, φ1]` as the notebook's `(2, 1)` column. */
const column = (phi: readonly number[]): Tensor => tensor(phi.map((p) => [p]));

/** `data[:, batch_index]`: the batch's x and y values in the permutation's order. */
export function batchOf(batchIndex: readonly number[], data: XYData = GABOR_DATA): XYData {
  return { x: batchIndex.map((i) => data.x[i]!), y: batchIndex.map((i) => data.y[i]!) };
}

/** The notebook's `compute_loss(data[0,:], data[1,:], model, phi)` on all 30 points. */
export function gaborLoss(phi: Phi): number {
  return computeLoss(GABOR_DATA, gaborModel, phi);
}

/** One update: the new parameters and the new momentum `m`. */
export interface MomentumState {
  phi: number[];
  momentum: number[];
}

/**
 * One step of SGD with momentum, UDL eq. 6.11: `m ← βm + (1 − β)g`, `φ ← φ − αm`, where `g` is
 * the batch gradient at φ. Computed by `@gradkit/optimizers`' `sgdUpdate` (PyTorch's SGD rule)
 * with `lr = α(1 − β)`, `momentum = β` on the buffer `b = m/(1 − β)`.
 *
 * @example
 *   momentumStep([0, 1], [0, 0], [1, 2], 0.6, 0.6); // { phi: [-0.24, 0.52], momentum: [0.4, 0.8] }
 */
export function momentumStep(
  phi: readonly number[],
  momentum: readonly number[],
  gradient: readonly number[],
  alpha: number,
  beta: number,
): MomentumState {
  const param = Float64Array.from(phi);
  const buf = Float64Array.from(momentum, (m) => m / (1 - beta));
  sgdUpdate(param, Float64Array.from(gradient), buf, false, {
    lr: alpha * (1 - beta),
    momentum: beta,
    dampening: 0,
    nesterov: false,
    weightDecay: 0,
    maximize: false,
  });
  return { phi: Array.from(param), momentum: Array.from(buf, (b) => b * (1 - beta)) };
}

/**
 * One step of Nesterov accelerated momentum as the book writes it (UDL eq. 6.12): the gradient is
 * taken at the look-ahead point `φ − αβm`, then `m ← βm + (1 − β)g`, `φ ← φ − αm`.
 * `computeGradient(φ)` is the batch gradient (the notebook's `compute_gradient` on
 * `data[:, batch_index]`).
 *
 * @example
 *   nesterovStep([0, 1], [0, 0], (p) => [p[0], p[1]], 0.6, 0.6); // the look-ahead is φ itself at m = 0
 */
export function nesterovStep(
  phi: readonly number[],
  momentum: readonly number[],
  computeGradient: (phi: number[]) => readonly number[],
  alpha: number,
  beta: number,
): MomentumState {
  const gradient = computeGradient(phi.map((p, k) => p - alpha * beta * momentum[k]!));
  const m = momentum.map((mk, k) => beta * mk + (1 - beta) * gradient[k]!);
  return { phi: phi.map((p, k) => p - alpha * m[k]!), momentum: m };
}

/** One run of the notebook: `phi_all` as columns, the last batch, gradient and momentum. */
export interface Descent {
  /** `phi_all[:, i]` for i = 0..n_steps. */
  path: number[][];
  batchIndex: number[];
  gradient: number[];
  momentum: number[];
}

/**
 * One of the notebook's three cells: `np.random.seed(1)`, then `nSteps` steps of `method` from
 * `start`, each on the batch `np.random.permutation(30)[0:batch_size]`.
 */
export function descent(
  method: Method,
  nSteps = N_STEPS,
  { alpha = ALPHA, beta = BETA, batchSize = BATCH_SIZE, start = START as Phi, seed = 1 } = {},
): Descent {
  const rng = new RandomState(seed);
  const path: number[][] = [[...start]];
  let momentum = [0, 0];
  let batchIndex: number[] = [];
  let gradient = [0, 0];
  for (let c_step = 0; c_step < nSteps; c_step++) {
    const phi = path[c_step]!;
    // batch_index = np.random.permutation(data.shape[1])[0:batch_size]
    batchIndex = Array.from(rng.permutation(GABOR_DATA.x.length).data).slice(0, batchSize);
    const batch = batchOf(batchIndex);
    if (method === 'sgd') {
      gradient = gaborGradient(batch, phi);
      // phi <- phi - alpha * gradient (Training III's fixed-step update, on the batch's gradient)
      path.push(gradientDescentStepFixedLearningRate(phi, { loss: gaborLoss, grad: () => gradient }, alpha));
      continue;
    }
    let next: MomentumState;
    if (method === 'momentum') {
      gradient = gaborGradient(batch, phi);
      next = momentumStep(phi, momentum, gradient, alpha, beta);
    } else {
      next = nesterovStep(
        phi,
        momentum,
        (p) => {
          gradient = gaborGradient(batch, p);
          return gradient;
        },
        alpha,
        beta,
      );
    }
    momentum = next.momentum;
    path.push(next.phi);
  }
  return { path, batchIndex, gradient, momentum };
}

/** Run the notebook top to bottom: the initial model, then SGD, momentum and Nesterov momentum. */
export function run(nb: Notebook): void {
  nb.set('data', tensor([[...GABOR_DATA.x], [...GABOR_DATA.y]]));
  nb.set('phi', column([-5, 25])); // horizontal offset, frequency: draw_model(data, model, phi, "Initial parameters")
  const n_steps = nb.steps(N_STEPS);
  for (const method of METHODS) {
    nb.setAll({ n_steps, batch_size: BATCH_SIZE, alpha: ALPHA });
    if (method !== 'sgd') nb.set('beta', BETA);
    const d = descent(method, n_steps);
    // draw_model(..., "Initial parameters, Loss = %f"%(loss)) and "Iteration %d, loss = %f"
    nb.show('loss', gaborLoss(d.path[0]!));
    nb.setAll({ batch_index: d.batchIndex, gradient: column(d.gradient), c_step: n_steps - 1 });
    if (method !== 'sgd') nb.set('momentum', column(d.momentum));
    nb.show('loss', gaborLoss(d.path[n_steps]!));
    // draw_loss_function(compute_loss, data, model, phi_all)
    nb.show('phi_all', tensor([d.path.map((p) => p[0]!), d.path.map((p) => p[1]!)]));
  }
}
