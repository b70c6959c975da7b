import { RandomState } from '@gradkit/core';
import { DEEP_NOTEBOOK_NETWORKS, deepNetwork, shallowToMatrix } from '@gradkit/nn';

// The notebook's first network in matrix form (UDL eq. 4.15): beta_0, Omega_0 are [3, 1].
const m = shallowToMatrix(DEEP_NOTEBOOK_NETWORKS.n1);
console.log('Omega_0 =', m.omegas[0]!.toArray());
const single = deepNetwork([[-1, -0.5, 0, 0.5]], m.betas, m.omegas);
console.log('network 1 at four inputs:', single.output.toArray());

// A random network with D_i = 4 inputs, hidden layers of 5, 2 and 4 units, one output:
// every beta_k is [D_k+1, 1] and every Omega_k is [D_k+1, D_k]; the examples are columns.
const rng = new RandomState(0);
const sizes = [4, 5, 2, 4, 1];
const x = rng.normal(0, 1, [4, 4]);
const betas = [];
const omegas = [];
for (let k = 0; k + 1 < sizes.length; k++) {
  betas.push(rng.normal(0, 1, [sizes[k + 1]!, 1])); // beta_k, then Omega_k, as the notebook draws them
  omegas.push(rng.normal(0, 1, [sizes[k + 1]!, sizes[k]!]));
}
const { output, activations } = deepNetwork(x, betas, omegas);
console.log(
  'h1, h2, h3 shapes:',
  activations.map((h) => h.shape),
);
console.log('y =', output.toArray()); // the notebook's printed y with np.random.seed(0)
