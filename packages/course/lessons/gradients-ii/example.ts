import { grad, RandomState, type Tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';

// A deep ReLU network in matrix form (K = 5 hidden layers of 6 units), least-squares loss,
// and every gradient from one backward pass.
const rng = new RandomState(0);
const K = 5;
const D = 6;
const omegas = Array.from({ length: K + 1 }, (_, k) => rng.normal(0, 1, [k === K ? 1 : D, k === 0 ? 1 : D]));
const betas = Array.from({ length: K + 1 }, (_, k) => rng.normal(0, 1, [k === K ? 1 : D, 1]));
const loss = (p: { omegas: Tensor[]; betas: Tensor[] }) => {
  let h: Tensor = p.betas[0]!.add(p.omegas[0]!.mul(1.2));
  for (let k = 1; k <= K; k++) h = p.betas[k]!.add(p.omegas[k]!.matmul(relu(h)));
  return h.sub(0.5).square().sum();
};
const g = grad(loss)({ omegas, betas }) as { omegas: Tensor[]; betas: Tensor[] };
console.log('loss', loss({ omegas, betas }).item().toFixed(4));
console.log('∂L/∂Ω shapes:', g.omegas.map((t) => t.shape.join('x')).join(' '));
console.log('∂L/∂β_K:', g.betas[K]!.toArray());
