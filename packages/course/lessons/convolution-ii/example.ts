import { Conv1d } from '@gradkit/conv';
import { astype, RandomState } from '@gradkit/core';
import { Flatten, Linear, ReLU, Sequential } from '@gradkit/nn';

// The network of UDL figure 10.7 for MNIST-1D: three convolutions (15 channels, kernel 3,
// stride 2), ReLU, flatten, linear to the 10 classes.
const rng = new RandomState(0);
const model = new Sequential(
  new Conv1d(1, 15, 3, { stride: 2, rng }),
  new ReLU(),
  new Conv1d(15, 15, 3, { stride: 2, rng }),
  new ReLU(),
  new Conv1d(15, 15, 3, { stride: 2, rng }),
  new ReLU(),
  new Flatten(),
  new Linear(60, 10, { rng }),
);
const logits = model.forward(astype(rng.normal(0, 1, [5, 1, 40]), 'float32')); // a batch of 5 signals [N, C, L]
const count = model.parameters().reduce((s, p) => s + p.size, 0);
console.log('logits', logits.shape, 'parameters', count);
