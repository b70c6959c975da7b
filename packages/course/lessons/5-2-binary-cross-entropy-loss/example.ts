import { sigmoid, tensor } from '@gradkit/core';
import { LOSS_II_Y, LOSS_X } from '@gradkit/datasets';
import { bernoulliNll, binaryCrossEntropyWithLogits } from '@gradkit/losses';

// Network outputs for the 20 training inputs, then λ = sig[f]; the NLL two ways.
const f = LOSS_X.map(
  (x) =>
    2.6 +
    [-24.0, -8.0, 50.0].reduce(
      (s, w, d) =>
        s + w * Math.max(0, ([0.3, -1.0, -0.5][d] as number) + ([-1.0, 1.8, 0.65][d] as number) * x),
      0,
    ),
);
const y = tensor([...LOSS_II_Y]);
console.log(
  'Bernoulli NLL:',
  bernoulliNll(y, sigmoid(tensor(f)))
    .item()
    .toFixed(4),
);
console.log(
  'BCE on logits (sum):',
  binaryCrossEntropyWithLogits(tensor(f), y, { reduction: 'sum' }).item().toFixed(4),
);
