import { Adam, minimize } from '@gradkit/optimizers';

// Notebook 6.5's valley, 16 times steeper across (φ1) than along (φ0), with its finite-difference
// gradient, as an @gradkit/optimizers surface.
const loss = (p0: number, p1: number) =>
  1 - Math.exp(-0.5 * p1 * p1 * 4) * Math.exp((-0.5 * (p0 - 0.7) ** 2) / 4);
const d = 0.00001;
const surface = {
  name: 'valley',
  title: 'UDL 6.5',
  loss: (w: readonly number[]) => loss(w[0]!, w[1]!),
  grad: (w: readonly number[]) => [
    (loss(w[0]! + d / 2, w[1]!) - loss(w[0]! - d / 2, w[1]!)) / d,
    (loss(w[0]!, w[1]! + d / 2) - loss(w[0]!, w[1]! - d / 2)) / d,
  ],
  init: [-0.7, -0.9] as const,
  lr: 0.05,
  xRange: [-1, 1] as const,
  yRange: [-1, 1] as const,
  source: '6_5_Adam.md',
};

// UDL eqs. 6.15–6.17 with β = 0.9, γ = 0.99, ε = 1e-20 are torch.optim.Adam with these betas and eps.
const run = minimize(surface, [-0.7, -0.9], {
  optimizer: (params) => new Adam(params, { lr: 0.05, betas: [0.9, 0.99], eps: 1e-20 }),
  steps: 60,
});
console.log('Adam after 60 steps:', run.final.map((v) => v.toFixed(4)).join(', '));
const gd = minimize(surface, [-0.7, -0.9], { optimizer: 'gd', lr: 0.08, steps: 60 });
console.log('gradient descent after 60 steps:', gd.final.map((v) => v.toFixed(4)).join(', '));
