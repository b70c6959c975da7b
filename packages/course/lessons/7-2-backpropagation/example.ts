import { allclose, grad, RandomState, type Tensor, tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';

// Notebook 7.2's network: K = 5 hidden layers of D = 6 units, drawn with np.random.seed(0) in the
// notebook's order (Ω_0, Ω_K, β_0, β_K, then Ω_k, β_k for k = 1..K-1); input 1.2, target 20.
const rng = new RandomState(0);
const K = 5;
const D = 6;
const omegas = new Array<Tensor>(K + 1);
const betas = new Array<Tensor>(K + 1);
omegas[0] = rng.normal(0, 1, [D, 1]);
omegas[K] = rng.normal(0, 1, [1, D]);
betas[0] = rng.normal(0, 1, [D, 1]);
betas[K] = rng.normal(0, 1, [1, 1]);
for (let k = 1; k < K; k++) {
  omegas[k] = rng.normal(0, 1, [D, D]);
  betas[k] = rng.normal(0, 1, [D, 1]);
}
type Params = { omegas: Tensor[]; betas: Tensor[] };
const loss = (p: Params) => {
  let h: Tensor = tensor([[1.2]]);
  for (let k = 0; k < K; k++) h = relu(p.betas[k]!.add(p.omegas[k]!.matmul(h)));
  return p.betas[K]!.add(p.omegas[K]!.matmul(h)).sub(20).square().sum();
};
console.log('loss', loss({ omegas, betas }).item().toFixed(3)); // 327.371

// Every derivative from one backward pass (autograd runs eqs. 7.22-7.25 for us) ...
const g = grad(loss)({ omegas, betas }) as Params;
// ... checked, for the biases of layer 0, against forward finite differences as the notebook does.
const delta = 1e-6;
const base = loss({ omegas, betas }).item();
const fd = betas[0]!.toList().map((_, row) => {
  const nudged = betas.map((b, k) =>
    k === 0 ? b.add(tensor(Array.from({ length: D }, (_, i) => [i === row ? delta : 0]))) : b,
  );
  return [(loss({ omegas, betas: nudged }).item() - base) / delta];
});
console.log('dl/dbeta_0', g.betas[0]!.toList());
console.log(
  allclose(fd, g.betas[0]!, { rtol: 1e-5, atol: 1e-8 }) ? 'Success!  Derivatives match.' : 'Failure!',
);
