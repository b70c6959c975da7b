import { RandomState } from '@gradkit/core';
import { computeLoss, GABOR_DATA, gaborGradient, gaborModel } from '@gradkit/optimizers';

// SGD with momentum as UDL eq. 6.11 writes it, on Training III's Gabor model: 81 steps on
// minibatches of 5 (np.random.seed(1)), alpha = 0.6, beta = 0.6, from (-1.5, 6.5).
const rng = new RandomState(1);
let phi = [-1.5, 6.5];
let m = [0, 0];
for (let step = 0; step < 81; step++) {
  const idx = Array.from(rng.permutation(30).data).slice(0, 5);
  const batch = { x: idx.map((i) => GABOR_DATA.x[i]!), y: idx.map((i) => GABOR_DATA.y[i]!) };
  const g = gaborGradient(batch, phi);
  m = m.map((mk, k) => 0.6 * mk + (1 - 0.6) * g[k]!);
  phi = phi.map((p, k) => p - 0.6 * m[k]!);
}
console.log('phi =', phi.map((v) => v.toFixed(4)).join(', '));
console.log('loss =', computeLoss(GABOR_DATA, gaborModel, phi).toFixed(6)); // 0.745915
