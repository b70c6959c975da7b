import { mnist1dConvNet } from '@gradkit/conv';
import { astype, RandomState } from '@gradkit/core';
import { makeMnist1d } from '@gradkit/datasets';

// The network of UDL figure 10.7: three convolutions (15 channels, kernel 3, stride 2, 'valid'),
// each followed by ReLU, then flatten (15 × 4 = 60) and a linear layer to the 10 digits.
const net = mnist1dConvNet({ rng: new RandomState(1), heInit: true });
const { x, y } = makeMnist1d(); // MNIST-1D, default arguments: 4000 training signals of length 40
const batch = astype(x, 'float32').index(':5', null, ':'); // x_batch[:, None, :] for the first 5 signals
console.log('logits', net.call(batch).shape, 'labels', y.index(':5').toList());
console.log(
  'parameters',
  net.parameters().reduce((s, p) => s + p.size, 0),
);
let h = batch;
for (const layer of net.children()) {
  h = layer.call(h);
  console.log(layer.constructor.name.padEnd(8), h.shape);
}
