/**
 * The book's networks in its own notation (UDL chapters 3 and 4; CM20315 Shallow, Deep and Deep2
 * notebooks): the shallow network with one input and three hidden units returning every
 * intermediate, network composition, counting linear regions, and deep networks in matrix form
 * with **examples in columns**: `h_k = a[β_{k-1} + Ω_{k-1} h_{k-1}]`, `y = β_K + Ω_K h_K`
 * (book eq. 4.15).
 */
import {
  add,
  asTensor,
  matmul,
  mul,
  ShapeError,
  type Tensor,
  type TensorLike,
  tensor,
  ValueError,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { relu } from './activations.js';

/** An element-wise activation function. */
export type ActivationFn = (z: Tensor) => Tensor;

/** Everything `shallow1_1_3` computes, named as the Shallow notebook's 3×3 plot grid. */
export interface Shallow113Result {
  /** Output `y = φ0 + φ1 h1 + φ2 h2 + φ3 h3` (book eq. 3.1). */
  y: Tensor;
  /** Pre-activations `θk0 + θk1 x`. */
  pre1: Tensor;
  pre2: Tensor;
  pre3: Tensor;
  /** Activations `hk = a[θk0 + θk1 x]` (book eq. 3.3). */
  act1: Tensor;
  act2: Tensor;
  act3: Tensor;
  /** Weighted activations `φk hk`. */
  wAct1: Tensor;
  wAct2: Tensor;
  wAct3: Tensor;
}

/**
 * The shallow network with one input, three hidden units and one output (book section 3.1,
 * eqs. 3.1 and 3.3; the notebooks' `shallow_1_1_3`), element-wise over `x` of any shape:
 * ```
 * pre_k = θ_k0 + θ_k1 x,   act_k = a[pre_k],   w_act_k = φ_k act_k,   y = φ_0 + Σ_k w_act_k
 * ```
 * Returns every intermediate, as the notebook plots them. Differentiable in `x` and in every
 * parameter passed as a tensor with `requiresGrad`.
 *
 * ```ts
 * const x = arange(-1, 1, 0.01);
 * const { y, pre1, act1 } = shallow1_1_3(x, relu, 1.0, -2.0, -3.0, 9.3, 0.0, -1.0, 0, 1.0, -0.67, 1.0);
 * ```
 */
export function shallow1_1_3(
  x: TensorLike,
  activationFn: ActivationFn,
  phi0: TensorLike,
  phi1: TensorLike,
  phi2: TensorLike,
  phi3: TensorLike,
  theta10: TensorLike,
  theta11: TensorLike,
  theta20: TensorLike,
  theta21: TensorLike,
  theta30: TensorLike,
  theta31: TensorLike,
): Shallow113Result {
  if (typeof activationFn !== 'function')
    throw new ValueError('shallow1_1_3', `activationFn must be a function, received ${show(activationFn)}`);
  const xt = asTensor(x);
  const pre1 = add(theta10, mul(theta11, xt));
  const pre2 = add(theta20, mul(theta21, xt));
  const pre3 = add(theta30, mul(theta31, xt));
  const act1 = activationFn(pre1);
  const act2 = activationFn(pre2);
  const act3 = activationFn(pre3);
  const wAct1 = mul(phi1, act1);
  const wAct2 = mul(phi2, act2);
  const wAct3 = mul(phi3, act3);
  const y = add(add(add(phi0, wAct1), wAct2), wAct3);
  return { y, pre1, pre2, pre3, act1, act2, act3, wAct1, wAct2, wAct3 };
}

/** The ten parameters of a 1-1-3 shallow network, named as in the notebooks (`n1_phi_0` → `phi0`). */
export interface Shallow113Params {
  phi0: number;
  phi1: number;
  phi2: number;
  phi3: number;
  theta10: number;
  theta11: number;
  theta20: number;
  theta21: number;
  theta30: number;
  theta31: number;
}

/**
 * The Deep notebook's two shallow networks (section 4.1: network 1 feeds network 2 in the
 * composition exercise), as `shallowNetwork` parameter objects. Frozen: copy before editing.
 *
 * @example
 *   const { n1, n2 } = DEEP_NOTEBOOK_NETWORKS;
 *   const y = shallowNetwork(shallowNetwork(linspace(-1, 1, 5), n1), n2);
 */
export const DEEP_NOTEBOOK_NETWORKS: {
  readonly n1: Readonly<Shallow113Params>;
  readonly n2: Readonly<Shallow113Params>;
} = Object.freeze({
  n1: Object.freeze({
    phi0: 1.0,
    phi1: -2.0,
    phi2: -3.0,
    phi3: 9.3,
    theta10: 0.0,
    theta11: -1.0,
    theta20: 0,
    theta21: 1.0,
    theta30: -0.67,
    theta31: 1.0,
  }),
  n2: Object.freeze({
    phi0: 0.5,
    phi1: -1.0,
    phi2: -1.5,
    phi3: 2.0,
    theta10: -0.6,
    theta11: -1.0,
    theta20: 0.2,
    theta21: 1.0,
    theta30: -0.5,
    theta31: 1.0,
  }),
});

/**
 * `shallow1_1_3` with the parameters as an object (`Shallow113Params`), returning every
 * intermediate the notebook plots (pre-activations, activations, weighted activations and `y`).
 *
 * @example
 *   const { y, pre1, act1 } = shallowNetworkParts(linspace(0, 1, 101), DEEP_NOTEBOOK_NETWORKS.n1);
 */
export function shallowNetworkParts(
  x: TensorLike,
  p: Shallow113Params,
  activationFn: ActivationFn = relu,
): Shallow113Result {
  return shallow1_1_3(
    x,
    activationFn,
    p.phi0,
    p.phi1,
    p.phi2,
    p.phi3,
    p.theta10,
    p.theta11,
    p.theta20,
    p.theta21,
    p.theta30,
    p.theta31,
  );
}

/** `shallow1_1_3` with the parameters as an object, returning the output only. */
export function shallowNetwork(
  x: TensorLike,
  p: Shallow113Params,
  activationFn: ActivationFn = relu,
): Tensor {
  return shallowNetworkParts(x, p, activationFn).y;
}

/**
 * Network composition (book section 4.1, the Deep notebook): feed the output of each network
 * into the next, `compose(f1, f2, f3)(x) = f3(f2(f1(x)))`.
 *
 * ```ts
 * const net12 = compose((x) => shallowNetwork(x, n1), (x) => shallowNetwork(x, n2));
 * ```
 */
export function compose(...fns: ((x: Tensor) => Tensor)[]): (x: TensorLike) => Tensor {
  if (fns.length === 0) throw new ValueError('compose', 'needs at least one function');
  return (x) => fns.reduce<Tensor>((h, f) => f(h), asTensor(x));
}

/** The matrix form of a network: biases `β_k` `[D_{k+1}, 1]` and weights `Ω_k` `[D_{k+1}, D_k]`. */
export interface MatrixNetwork {
  betas: Tensor[];
  omegas: Tensor[];
}

/**
 * A 1-1-3 shallow network in matrix form (the Deep2 notebook's first exercise):
 * `β_0 = [θ10, θ20, θ30]ᵀ`, `Ω_0 = [θ11, θ21, θ31]ᵀ`, `β_1 = [φ0]`, `Ω_1 = [φ1 φ2 φ3]`.
 */
export function shallowToMatrix(p: Shallow113Params): MatrixNetwork {
  return {
    betas: [tensor([[p.theta10], [p.theta20], [p.theta30]]), tensor([[p.phi0]])],
    omegas: [tensor([[p.theta11], [p.theta21], [p.theta31]]), tensor([[p.phi1, p.phi2, p.phi3]])],
  };
}

/**
 * The composition of two 1-1-3 shallow networks as one deep network with two hidden layers
 * (book eq. 4.5–4.7; the Deep2 notebook's second exercise). The first network's output layer
 * folds into the second's hidden layer:
 * ```
 * β_0 = θ·0,   Ω_0 = θ·1,   β_1 = θ'·0 + θ'·1 φ_0,   Ω_1 = θ'·1 [φ_1 φ_2 φ_3],   β_2 = φ'_0,   Ω_2 = [φ'_1 φ'_2 φ'_3]
 * ```
 * (θ, φ of the first network; θ', φ' of the second).
 */
export function composeShallowToMatrix(first: Shallow113Params, second: Shallow113Params): MatrixNetwork {
  const t0 = [second.theta10, second.theta20, second.theta30];
  const t1 = [second.theta11, second.theta21, second.theta31];
  const phi = [first.phi1, first.phi2, first.phi3];
  return {
    betas: [
      tensor([[first.theta10], [first.theta20], [first.theta30]]),
      tensor(t0.map((b, i) => [b + t1[i]! * first.phi0])),
      tensor([[second.phi0]]),
    ],
    omegas: [
      tensor([[first.theta11], [first.theta21], [first.theta31]]),
      tensor(t1.map((w) => phi.map((f) => w * f))),
      tensor([[second.phi1, second.phi2, second.phi3]]),
    ],
  };
}

/** Everything `deepNetwork` computes. */
export interface DeepNetworkResult {
  /** The output `[D_o, N]`. */
  output: Tensor;
  /** Pre-activations `f_k = β_k + Ω_k h_k` of every layer (the last is the output). */
  preactivations: Tensor[];
  /** Hidden activations `h_1 … h_K` (`h_0`, the input, not included). */
  activations: Tensor[];
}

/**
 * A deep network in the book's matrix form (eq. 4.15; the Deep2 notebook), **examples in
 * columns**: with `x` `[D_i, N]`, `betas[k]` `[D_{k+1}, 1]` (or `[D_{k+1}]`) and `omegas[k]`
 * `[D_{k+1}, D_k]`,
 * ```
 * h_1 = a[β_0 + Ω_0 x],   h_{k+1} = a[β_k + Ω_k h_k],   y = β_K + Ω_K h_K
 * ```
 * The notebook writes `β_k` times a row of ones; broadcasting a `[D, 1]` column is the same.
 *
 * ```ts
 * const { output } = deepNetwork(x, [beta0, beta1, beta2], [Omega0, Omega1, Omega2]); // two hidden layers
 * ```
 */
export function deepNetwork(
  x: TensorLike,
  betas: readonly TensorLike[],
  omegas: readonly TensorLike[],
  activationFn: ActivationFn = relu,
): DeepNetworkResult {
  const op = 'deepNetwork';
  if (betas.length !== omegas.length || betas.length === 0)
    throw new ValueError(
      op,
      `betas and omegas must be non-empty lists of the same length (one per layer), received ${betas.length} and ${omegas.length}`,
    );
  let h = asTensor(x);
  if (h.ndim === 1) h = h.reshape([1, h.shape[0]!]);
  if (h.ndim !== 2)
    throw new ShapeError(op, `x must be [D_i, N] (examples in columns), received ${showShape(h.shape)}`);
  const preactivations: Tensor[] = [];
  const activations: Tensor[] = [];
  for (let k = 0; k < betas.length; k++) {
    const omega = asTensor(omegas[k]!);
    let beta = asTensor(betas[k]!);
    if (omega.ndim !== 2 || omega.shape[1] !== h.shape[0])
      throw new ShapeError(
        op,
        `omegas[${k}] must be [D_${k + 1}, ${h.shape[0]}] to multiply the layer input ${showShape(h.shape)}, received ${showShape(omega.shape)}`,
      );
    if (beta.ndim === 1) beta = beta.reshape([beta.shape[0]!, 1]);
    if (beta.ndim !== 2 || beta.shape[0] !== omega.shape[0] || beta.shape[1] !== 1)
      throw new ShapeError(
        op,
        `betas[${k}] must be [${omega.shape[0]}, 1] to match omegas[${k}] ${showShape(omega.shape)}, received ${showShape(beta.shape)}`,
      );
    const f = add(beta, matmul(omega, h));
    preactivations.push(f);
    if (k < betas.length - 1) {
      h = activationFn(f);
      activations.push(h);
    } else h = f;
  }
  return { output: h, preactivations, activations };
}

/** Result of `countLinearRegions`. */
export interface LinearRegions {
  /** Number of linear pieces over the sampled interval. */
  count: number;
  /** Estimated x of each joint (where the adjacent pieces' lines meet). */
  breakpoints: number[];
}

/**
 * Count the linear regions of a piecewise-linear function of one input from samples on a fine
 * increasing grid (the Shallow/Deep notebooks' question "how many linear regions?"). A joint is
 * where the slope changes by more than `tol` (relative to the largest slope); a joint that falls
 * inside a grid cell changes the slope on two consecutive cells and is counted once. Joints
 * closer than two grid steps merge, so sample finely.
 *
 * ```ts
 * const x = arange(-1, 1, 0.001);
 * countLinearRegions(x, shallowNetwork(x, n1)).count; // 3 for the Deep notebook's first network (joints at 0 and 0.67)
 * ```
 */
export function countLinearRegions(
  x: TensorLike,
  y: TensorLike,
  options: { tol?: number } = {},
): LinearRegions {
  const op = 'countLinearRegions';
  const xs = asTensor(x).toList();
  const ys = asTensor(y).toList();
  if (xs.length !== ys.length)
    throw new ShapeError(
      op,
      `x and y must have the same number of samples, received ${xs.length} and ${ys.length}`,
    );
  if (xs.length < 2) throw new ValueError(op, `needs at least 2 samples, received ${xs.length}`);
  const slopes: number[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    const dx = xs[i + 1]! - xs[i]!;
    if (!(dx > 0))
      throw new ValueError(
        op,
        `x must be strictly increasing; x[${i + 1}] = ${xs[i + 1]} <= x[${i}] = ${xs[i]}`,
      );
    slopes.push((ys[i + 1]! - ys[i]!) / dx);
  }
  // a loop, not Math.max(...spread): the spread overflows the stack past ~100k samples
  let scale = 1;
  for (const m of slopes) scale = Math.max(scale, Math.abs(m));
  const tol = (options.tol ?? 1e-6) * scale;
  const breakpoints: number[] = [];
  let i = 1;
  while (i < slopes.length) {
    if (Math.abs(slopes[i]! - slopes[i - 1]!) <= tol) {
      i++;
      continue;
    }
    // a joint: the piece before ends at cell i-1; a joint inside cell i changes the slope twice
    let j = i;
    if (j + 1 < slopes.length && Math.abs(slopes[j + 1]! - slopes[j]!) > tol) j++;
    const a = slopes[i - 1]!;
    const b = slopes[j]!;
    // intersect the line through cell i-1 with the line through cell j
    const xa = xs[i - 1]!;
    const ya = ys[i - 1]!;
    const xb = xs[j]!;
    const yb = ys[j]!;
    breakpoints.push(Math.abs(a - b) > 0 ? (yb - ya + a * xa - b * xb) / (a - b) : xs[i]!);
    i = j + 1;
  }
  return { count: breakpoints.length + 1, breakpoints };
}
