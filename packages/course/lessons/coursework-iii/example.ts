import { RandomState, tensor } from '@gradkit/core';
import { crossEntropy, l2Penalty } from '@gradkit/losses';
import { Dropout, Linear, ReLU, Sequential } from '@gradkit/nn';

// Two regularizers on the coursework network: dropout between the layers and an L2 penalty
// λ Σ φ² (UDL eq. 9.5 = 2λ · l2Penalty) added to the loss.
const rng = new RandomState(0);
const model = new Sequential(
  new Linear(40, 100, { rng }),
  new ReLU(),
  new Dropout(0.2, { rng }),
  new Linear(100, 10, { rng }),
);
const x = rng.normal(0, 1, [8, 40]);
const y = tensor([0, 1, 2, 3, 4, 5, 6, 7], { dtype: 'int32' });
const lambda = 1e-3;
const data = crossEntropy(model.forward(x), y);
const penalty = l2Penalty(model.parameters()).mul(2 * lambda);
console.log('data term', data.item().toFixed(4), '+ penalty', penalty.item().toFixed(4));
data.add(penalty).backward();
console.log(
  'every parameter has a gradient:',
  model.parameters().every((p) => p.grad !== null),
);
model.eval(); // dropout is the identity at evaluation time
