import { astype, RandomState } from '@gradkit/core';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { init, Linear, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';

// The coursework recipe on a small generated MNIST-1D (two epochs here; the course runs 50).
const d = makeMnist1d({ numSamples: 1000, seed: 0 });
const x = astype(d.x, 'float32');
const rng = new RandomState(1);
const model = new Sequential(
  new Linear(40, 100, { rng }),
  new ReLU(),
  new Linear(100, 100, { rng }),
  new ReLU(),
  new Linear(100, 10, { rng }),
);
model.apply((m) => {
  if (m instanceof Linear) init.kaimingUniform_(m.weight, { rng });
});
const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
const scheduler = new StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
const trainLoader = new DataLoader({
  dataset: new TensorDataset(x, d.y),
  batchSize: 100,
  shuffle: true,
  rng,
});
const trainer = new Trainer({
  model,
  loss: crossEntropy,
  optimizer,
  scheduler,
  epochs: 2,
  trainLoader,
  trainData: { x, y: d.y },
  valData: { x: astype(d.xTest, 'float32'), y: d.yTest },
});
trainer.on('epoch', (r) =>
  console.log(`epoch ${r.epoch}: train ${r.trainError.toFixed(1)}%, validation ${r.valError.toFixed(1)}%`),
);
await trainer.fit();
