import { astype, RandomState } from '@gradkit/core';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { init, Linear, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';

// UDL notebook 8.1: a 40-100-100-10 ReLU network on MNIST-1D (generated exactly, seed 42),
// He-initialised, SGD with momentum and a learning rate halved every 10 epochs.
const data = makeMnist1d(); // 4000 training and 1000 test signals of length 40
const rng = new RandomState(1);
const model = new Sequential(
  new Linear(40, 100, { rng }),
  new ReLU(),
  new Linear(100, 100, { rng }),
  new ReLU(),
  new Linear(100, 10, { rng }),
);
model.apply((m) => {
  if (m instanceof Linear) {
    init.kaimingUniform_(m.weight, { rng });
    if (m.bias) init.zeros_(m.bias);
  }
});
const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
const trainer = new Trainer({
  model,
  loss: (out, y) => crossEntropy(out, y),
  optimizer,
  scheduler: new StepLR(optimizer, { stepSize: 10, gamma: 0.5 }),
  epochs: 5,
  trainLoader: new DataLoader({
    dataset: new TensorDataset(astype(data.x, 'float32'), data.y),
    batchSize: 100,
    shuffle: true,
    rng,
  }),
  valData: { x: astype(data.xTest, 'float32'), y: data.yTest },
});
trainer.on('epoch', (r) =>
  console.log(
    `epoch ${r.epoch}: train error ${r.trainError.toFixed(2)}%, test error ${r.valError.toFixed(2)}%`,
  ),
);
await trainer.fit();
