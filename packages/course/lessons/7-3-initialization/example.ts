import { RandomState, type Tensor } from '@gradkit/core';
import { init, relu } from '@gradkit/nn';

// Push 1000 inputs through 50 ReLU layers of width 100 with He (kaiming normal) weights:
// the variance of the activations stays of the same order from layer to layer.
const rng = new RandomState(0);
const D = 100;
let h: Tensor = rng.normal(0, 1, [D, 1000]);
for (let layer = 1; layer <= 50; layer++) {
  const omega = init.kaimingNormal([D, D], { rng });
  h = relu(omega.matmul(h));
  if (layer % 10 === 0) console.log(`layer ${layer}: mean square ${h.square().mean().item().toFixed(3)}`);
}
