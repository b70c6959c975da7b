import { Conv2d, Dropout2d, MaxPool2d } from '@gradkit/conv';
import { astype, RandomState } from '@gradkit/core';
import { logSoftmax } from '@gradkit/losses';
import { Flatten, Linear, ReLU, Sequential } from '@gradkit/nn';

// Convolution III's network for 28×28 digits, [N, 1, 28, 28] -> [N, 10] log-probabilities.
const rng = new RandomState(0);
const model = new Sequential(
  new Conv2d(1, 10, 5, { rng }), // 28 -> 24
  new MaxPool2d(2), // 24 -> 12
  new ReLU(),
  new Conv2d(10, 20, 5, { rng }), // 12 -> 8
  new Dropout2d(0.5, { rng }),
  new MaxPool2d(2), // 8 -> 4
  new ReLU(),
  new Flatten(),
  new Linear(320, 50, { rng }),
  new ReLU(),
  new Linear(50, 10, { rng }),
);
model.eval(); // dropout off for this forward pass
const images = astype(rng.uniform(0, 1, [2, 1, 28, 28]), 'float32');
const logp = logSoftmax(model.forward(images), { axis: 1 });
console.log('output', logp.shape, 'probabilities sum to', logp.exp().sum({ axis: 1 }).toArray());
console.log(
  'parameters',
  model.parameters().reduce((s, p) => s + p.size, 0),
);
