/**
 * The lessons' 2-D test surfaces, each with its loss, its gradient, the start point and learning
 * rate the lesson uses, and the plotting window:
 *
 * - `pathological`: pathological curvature, `tanh(w1)² + 0.01|w1| + σ(w2)` (gradient-descent
 *   variants seed, dl4cv; init [5, 5], lr 10);
 * - `steep`: steep optima, minus three narrow bivariate Gaussians (same seed; init [0, 0], lr 0.05);
 * - `gabor`: Training III's Gabor model on its 30 points (sum of squares over [φ0, φ1]);
 * - `line`: Training II's straight-line fit to 12 points;
 * - `udl92`: the UDL 9.2 implicit-regularization loss (`udl92Loss`, gradient by the notebook's
 *   central finite differences).
 *
 * `withImplicitRegularization(surface, alpha)` gives any of them the modified loss of UDL eq. 9.8,
 * `L̃ = L + (α/4)‖∇L‖²`, whose gradient flow gradient descent with step α follows to first order.
 *
 * Gradients are written out by hand in the operation order of PyTorch's backward pass (so the
 * optimizer trajectories match PyTorch's to rounding); `lossTensor` gives the autograd version.
 */
import { abs, add, exp, fma, index, mul, sigmoid, sub, type Tensor, tanh, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { gaborObjective, lineObjective } from './training.js';

/** Names of the built-in surfaces. */
export type SurfaceName = 'pathological' | 'steep' | 'gabor' | 'line' | 'udl92';

/** A 2-D loss surface with its gradient, as the lessons use them. */
export interface Surface {
  readonly name: string;
  readonly title: string;
  /** The loss at w = [w1, w2]. */
  loss(w: readonly number[]): number;
  /** ∂L/∂w at w. */
  grad(w: readonly number[]): number[];
  /** The loss on a `[2]` tensor, differentiable with autograd (absent for finite-difference surfaces). */
  lossTensor?(w: Tensor): Tensor;
  /** The lesson's start point. */
  readonly init: readonly [number, number];
  /** The lesson's learning rate. */
  readonly lr: number;
  /** Plot window. */
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Where it comes from. */
  readonly source: string;
}

function check2(op: string, w: readonly number[]): void {
  if (w == null || w.length !== 2)
    throw new ValueError(op, `w must be two numbers [w1, w2], received ${show(w)}`);
}

/**
 * Pathological curvature (gradient-descent-variants seed, `pathological_curve_loss`):
 * `L(w1, w2) = tanh(w1)² + 0.01|w1| + σ(w2)`; steep across w1, a slow slope along w2.
 * ∂L/∂w1 = 2 tanh(w1)(1 − tanh²(w1)) + 0.01 sign(w1), ∂L/∂w2 = σ(w2)(1 − σ(w2)).
 */
export const pathological: Surface = Object.freeze({
  name: 'pathological',
  title: 'Pathological curvature',
  loss(w: readonly number[]): number {
    check2('pathological.loss', w);
    const t = Math.tanh(w[0]!);
    return t * t + 0.01 * Math.abs(w[0]!) + 1 / (1 + Math.exp(-w[1]!));
  },
  grad(w: readonly number[]): number[] {
    check2('pathological.grad', w);
    const t = Math.tanh(w[0]!);
    const s = 1 / (1 + Math.exp(-w[1]!));
    // PyTorch's tanh backward computes 1 − t² with a fused multiply-add
    return [2 * t * fma(-t, t, 1) + 0.01 * Math.sign(w[0]!), (1 - s) * s];
  },
  lossTensor(w: Tensor): Tensor {
    const w1 = index(w, 0);
    const w2 = index(w, 1);
    const t = tanh(w1);
    return add(add(mul(t, t), mul(abs(w1), 0.01)), sigmoid(w2));
  },
  init: [5, 5] as const,
  lr: 10,
  xRange: [-5, 5] as const,
  yRange: [-5, 5] as const,
  source: 'dl4cv-gradient-descent-variants.md: pathological_curve_loss',
});

const STEEP_CENTERS: readonly (readonly [number, number])[] = [
  [1.0, -0.5],
  [-1.0, 0.5],
  [-0.5, -0.8],
];
const STEEP_SIG = 0.2;

/**
 * Steep optima (gradient-descent-variants seed, `comb_func`): minus three bivariate Gaussians
 * `N(w; μ_k, 0.2² I)` at μ = (1, −0.5), (−1, 0.5), (−0.5, −0.8): almost flat away from the
 * optima, very steep near them.
 */
export const steep: Surface = Object.freeze({
  name: 'steep',
  title: 'Steep optima',
  loss(w: readonly number[]): number {
    check2('steep.loss', w);
    const norm = 1 / (2 * Math.PI * STEEP_SIG * STEEP_SIG);
    let z = 0;
    STEEP_CENTERS.forEach(([mx, my], k) => {
      const xe = (-1 * (w[0]! - mx) ** 2) / (2 * STEEP_SIG ** 2);
      const ye = (-1 * (w[1]! - my) ** 2) / (2 * STEEP_SIG ** 2);
      const g = norm * Math.exp(xe + ye);
      z = k === 0 ? -g : z - g;
    });
    return z;
  },
  grad(w: readonly number[]): number[] {
    check2('steep.grad', w);
    const norm = 1 / (2 * Math.PI * STEEP_SIG * STEEP_SIG);
    const two = 2 * STEEP_SIG ** 2;
    let g1 = 0;
    let g2 = 0;
    for (const [mx, my] of STEEP_CENTERS) {
      const dx = w[0]! - mx;
      const dy = w[1]! - my;
      const e = Math.exp((-1 * dx ** 2) / two + (-1 * dy ** 2) / two);
      // backward of -(norm * exp(xe + ye)): -norm * e, through xe = -(dx²)/two
      const ge = -1 * norm * e;
      g1 += (ge / two) * -1 * (2 * dx);
      g2 += (ge / two) * -1 * (2 * dy);
    }
    return [g1, g2];
  },
  lossTensor(w: Tensor): Tensor {
    const norm = 1 / (2 * Math.PI * STEEP_SIG * STEEP_SIG);
    let z: Tensor | null = null;
    for (const [mx, my] of STEEP_CENTERS) {
      const dx = sub(index(w, 0), mx);
      const dy = sub(index(w, 1), my);
      const g = mul(
        exp(add(mul(mul(dx, dx), -1 / (2 * STEEP_SIG ** 2)), mul(mul(dy, dy), -1 / (2 * STEEP_SIG ** 2)))),
        norm,
      );
      z = z === null ? mul(g, -1) : sub(z, g);
    }
    return z as Tensor;
  },
  init: [0, 0] as const,
  lr: 0.05,
  xRange: [-2, 2] as const,
  yRange: [-2, 2] as const,
  source: 'dl4cv-gradient-descent-variants.md: comb_func / bivar_gaussian',
});

/** Training III's Gabor least-squares loss over [offset φ0, frequency φ1]. */
export const gabor: Surface = Object.freeze({
  name: 'gabor',
  title: 'Gabor model (Training III)',
  loss: (w: readonly number[]) => gaborObjective.loss(w),
  grad: (w: readonly number[]) => [...gaborObjective.grad(w)],
  init: [-1.5, 8.5] as const,
  lr: 0.2,
  xRange: [-10, 10] as const,
  yRange: [2.5, 22.5] as const,
  source: 'udl-cm20315-training_iii.md',
});

/** Training II's straight-line least-squares loss over [intercept φ0, slope φ1]. */
export const line: Surface = Object.freeze({
  name: 'line',
  title: 'Line fitting (Training II)',
  loss: (w: readonly number[]) => lineObjective.loss(w),
  grad: (w: readonly number[]) => [...lineObjective.grad(w)],
  init: [1.6, -0.5] as const,
  lr: 0.01,
  xRange: [0, 2] as const,
  yRange: [-1, 1] as const,
  source: 'udl-cm20315-training_ii.md',
});

/**
 * The UDL 9.2 loss surface (book figure 9.3; the notebook's `loss(phi0, phi1)`):
 * `L[φ0, φ1] = 1 − exp(−0.5 φ1² / s²)`, `s = exp(−0.5 · 4 φ0²)` — a valley along φ1 = 0 that
 * narrows as |φ0| grows. Numbers in, number out, in the notebook's operation order.
 *
 * ```ts
 * udl92Loss(-0.7, -0.75); // the loss at the notebook's start position
 * ```
 */
export function udl92Loss(phi0: number, phi1: number): number {
  const phi1Std = Math.exp(-0.5 * (phi0 * phi0) * 4.0);
  return 1.0 - Math.exp((-0.5 * (phi1 * phi1)) / (phi1Std * phi1Std));
}

/**
 * `udl92Loss` on tensors (differentiable, broadcasting): `phi0`, `phi1` of any matching shapes,
 * e.g. a whole grid at once.
 *
 * ```ts
 * udl92LossTensor(tensor(-0.7), tensor(-0.75)).item() === udl92Loss(-0.7, -0.75);
 * ```
 */
export function udl92LossTensor(phi0: Tensor, phi1: Tensor): Tensor {
  const phi1Std = phi0.mul(phi0).mul(4.0).mul(-0.5).exp();
  return phi1.mul(phi1).mul(-0.5).div(phi1Std.mul(phi1Std)).exp().neg().add(1.0);
}

/** The UDL 9.2 notebook's finite-difference step δ = 0.00001 (its `get_loss_gradient`). */
const UDL92_DELTA = 0.00001;

/** The UDL 9.2 surface: `udl92Loss` with the notebook's central finite-difference gradient (δ = 1e-5). */
export const udl92: Surface = Object.freeze({
  name: 'udl92',
  title: 'Implicit regularization (UDL 9.2)',
  loss: (w: readonly number[]) => udl92Loss(w[0]!, w[1]!),
  grad: (w: readonly number[]) => {
    const [phi0, phi1] = [w[0]!, w[1]!];
    const d = UDL92_DELTA;
    return [
      (udl92Loss(phi0 + d / 2.0, phi1) - udl92Loss(phi0 - d / 2.0, phi1)) / d,
      (udl92Loss(phi0, phi1 + d / 2.0) - udl92Loss(phi0, phi1 - d / 2.0)) / d,
    ];
  },
  lossTensor: (w: Tensor) => udl92LossTensor(index(w, 0), index(w, 1)),
  init: [-0.7, -0.75] as const,
  lr: 0.05,
  xRange: [-0.8, 0.5] as const,
  yRange: [-0.8, 0.5] as const,
  source: 'udl-9.2-implicit-regularization.md',
});

/** The built-in surfaces by name. */
export const SURFACES: Readonly<Record<SurfaceName, Surface>> = Object.freeze({
  pathological,
  steep,
  gabor,
  line,
  udl92,
});

/** Look a surface up by name, with an error that lists the names. */
export function getSurface(name: string): Surface {
  const s = (SURFACES as Record<string, Surface>)[name];
  if (s === undefined)
    throw new ValueError(
      'getSurface',
      `unknown surface ${show(name)}; expected one of ${Object.keys(SURFACES).join(', ')}`,
    );
  return s;
}

/**
 * The implicit-regularization variant of a surface (UDL eq. 9.8):
 * `L̃[φ] = L[φ] + (α/4) ‖∂L/∂φ‖²`, with its gradient by central finite differences (δ = 1e-5),
 * as the UDL 9.2 notebook computes `get_loss_gradient_reg`. For `udl92` this is exactly the
 * notebook's `loss_reg`.
 */
export function withImplicitRegularization(surface: Surface, alpha: number, delta = 0.00001): Surface {
  if (typeof alpha !== 'number' || !(alpha >= 0))
    throw new ValueError(
      'withImplicitRegularization',
      `alpha must be a number >= 0, received ${show(alpha)}`,
    );
  const loss = (w: readonly number[]): number => {
    const g = surface.grad(w);
    return surface.loss(w) + (alpha / 4.0) * (g[0]! * g[0]! + g[1]! * g[1]!);
  };
  return Object.freeze({
    name: `${surface.name}+implicit(${alpha})`,
    title: `${surface.title}, implicitly regularized (α = ${alpha})`,
    loss,
    grad(w: readonly number[]): number[] {
      return [
        (loss([w[0]! + delta / 2.0, w[1]!]) - loss([w[0]! - delta / 2.0, w[1]!])) / delta,
        (loss([w[0]!, w[1]! + delta / 2.0]) - loss([w[0]!, w[1]! - delta / 2.0])) / delta,
      ];
    },
    init: surface.init,
    lr: surface.lr,
    xRange: surface.xRange,
    yRange: surface.yRange,
    source: `${surface.source}, UDL eq. 9.8`,
  });
}

/**
 * A surface's loss on an `n × n` grid over its plot window (row-major `[n_y, n_x]`, the layout
 * `lossContour` of `@gradkit/plot` draws): `x` and `y` are `n` evenly spaced points from the
 * window's first to its last edge, `values[j·n + i] = loss([x[i], y[j]])`.
 *
 * ```ts
 * const { x, y, values } = surfaceGrid(SURFACES.gabor, 80); // 6400 losses for a contour plot
 * ```
 */
export function surfaceGrid(
  surface: Pick<Surface, 'loss' | 'xRange' | 'yRange'>,
  n = 80,
): { x: number[]; y: number[]; values: number[] } {
  if (!Number.isInteger(n) || n < 2)
    throw new ValueError('surfaceGrid', `n must be an integer >= 2, received ${show(n)}`);
  const [x0, x1] = surface.xRange;
  const [y0, y1] = surface.yRange;
  const x = Array.from({ length: n }, (_, i) => x0 + ((x1 - x0) * i) / (n - 1));
  const y = Array.from({ length: n }, (_, j) => y0 + ((y1 - y0) * j) / (n - 1));
  const values = y.flatMap((b) => x.map((a) => surface.loss([a, b])));
  return { x, y, values };
}
