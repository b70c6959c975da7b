import { RandomState, tensor } from '@gradkit/core';
import { SGD } from '@gradkit/optimizers';

// D2L 3.7: 200 weights, 20 examples; minibatch SGD with and without weight decay.
const rng = new RandomState(0);
const X = rng.normal(0, 1, [20, 200]);
const y = X.sum({ axis: 1 })
  .mul(0.01)
  .add(0.05)
  .add(rng.normal(0, 0.01, [20]));
const Xval = rng.normal(0, 1, [100, 200]);
const yval = Xval.sum({ axis: 1 }).mul(0.01).add(0.05);
for (const weightDecay of [0, 3]) {
  const w = rng.normal(0, 0.01, [200]).requiresGrad_();
  const b = tensor(0).requiresGrad_();
  const opt = new SGD([w, b], { lr: 0.003, weightDecay });
  for (let epoch = 0; epoch < 100; epoch++) {
    opt.zeroGrad();
    X.matmul(w).add(b).sub(y).square().mean().mul(0.5).backward();
    opt.step();
  }
  const val = Xval.matmul(w).add(b).sub(yval).square().mean().mul(0.5).item();
  console.log(
    `weight decay ${weightDecay}: ‖w‖ = ${w.square().sum().sqrt().item().toFixed(4)}, validation loss ${val.toFixed(5)}`,
  );
}
