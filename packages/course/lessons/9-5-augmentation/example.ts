import { astype, PythonRandom, RandomState } from '@gradkit/core';
import { augmentSignals, DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { init, Linear, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';

// UDL notebook 9.5: 4000 more MNIST-1D examples, each a random original rolled by k ~ U{0..39}
// and scaled by s ~ U(0.8, 1.2), then the 40-200-200-10 network trained on all 8000.
const data = makeMnist1d(); // 4000 training and 1000 test signals of length 40
const python = new PythonRandom(0); // the notebook's random.randint picks the rows
const indices = Array.from({ length: 4000 }, () => python.randint(0, 3999));
const train = augmentSignals(data.x, data.y, 4000, new RandomState(1), { indices });
console.log(train.x.shape); // [8000, 40]

const rng = new RandomState(1);
const model = new Sequential(
  new Linear(40, 200, { rng }),
  new ReLU(),
  new Linear(200, 200, { rng }),
  new ReLU(),
  new Linear(200, 10, { rng }),
);
model.apply((m) => {
  if (m instanceof Linear) {
    init.kaimingUniform_(m.weight, { rng });
    if (m.bias) init.zeros_(m.bias);
  }
});
const trainer = new Trainer({
  model,
  loss: (out, y) => crossEntropy(out, y),
  optimizer: new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 }),
  epochs: 3,
  trainLoader: new DataLoader({
    dataset: new TensorDataset(astype(train.x, 'float32'), train.y),
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
