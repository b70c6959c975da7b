import { mnistConvNet } from '@gradkit/conv';
import { add, argmax, astype, mul, RandomState, sign, tensor } from '@gradkit/core';
import { nllLoss } from '@gradkit/losses';

// Notebook 10.5's MNIST network (untrained here; the lesson trains it for three epochs).
const rng = new RandomState(0);
const model = mnistConvNet({ rng, heInit: true }).eval(); // eval: Dropout2d off
const x = astype(rng.uniform(0, 1, [1, 1, 28, 28]), 'float32').requiresGrad_();
const y = tensor([7], { dtype: 'int32' });

// The gradient of the loss with respect to the INPUT, not the weights
const output = model.call(x);
nllLoss(output, y).backward();
const dLdx = x.grad!; // [1, 1, 28, 28]

// Fast gradient sign method: every pixel moves by ±epsilon, uphill in the loss
const epsilon = 0.5;
const xPrime = add(x.detach(), mul(sign(dLdx), epsilon));
const outputPrime = model.call(xPrime);
console.log(
  'loss before',
  nllLoss(output, y).item().toFixed(4),
  'after',
  nllLoss(outputPrime, y).item().toFixed(4),
);
console.log(
  'prediction before',
  argmax(output, { axis: 1 }).item(),
  'after',
  argmax(outputPrime, { axis: 1 }).item(),
);
