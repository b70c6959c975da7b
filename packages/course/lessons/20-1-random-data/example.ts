import { astype, RandomState, transpose } from '@gradkit/core';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { fuseModules, init, Linear, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';

// UDL notebook 20.1: can a 40-300-300-300-300-10 ReLU network fit MNIST-1D whose labels were
// shuffled, so that they say nothing about the signals?
const data = makeMnist1d(); // 4000 training signals of length 40
const x = astype(data.x, 'float32');
const yPermuted = new RandomState(1).permutation(data.y); // np.random.permutation after np.random.seed(1)
// the other TODO: Gaussian noise with the inputs' overall mean and standard deviation
const xRows = transpose(data.x); // the notebook's train_data_x, [40, 4000]
const xNoise = new RandomState(1).normal(xRows.mean().item(), xRows.std().item(), xRows.shape);
console.log('noise of shape', xNoise.shape, 'for inputs of shape', xRows.shape);

const rng = new RandomState(1);
const layers = [new Linear(40, 300, { rng })];
for (let i = 0; i < 3; i++) layers.push(new Linear(300, 300, { rng }));
const model = new Sequential(...layers.flatMap((l) => [l, new ReLU()]), new Linear(300, 10, { rng }));
model.apply((m) => {
  if (m instanceof Linear) {
    init.kaimingUniform_(m.weight, { rng }); // He initialization
    if (m.bias) init.zeros_(m.bias);
  }
});
const net = fuseModules(model); // each Linear → ReLU as one layer: the same numbers, faster
const optimizer = new SGD(net.parameters(), { lr: 0.02, momentum: 0.9 });
const trainer = new Trainer({
  model: net,
  loss: (out, y) => crossEntropy(out, y),
  optimizer,
  scheduler: new StepLR(optimizer, { stepSize: 20, gamma: 0.5 }),
  epochs: 3, // the notebook: 60, where the loss on random labels approaches zero
  trainLoader: new DataLoader({
    dataset: new TensorDataset(x, yPermuted),
    batchSize: 100,
    shuffle: true,
    rng,
  }),
  trainData: { x, y: yPermuted },
});
trainer.on('epoch', (r) =>
  console.log(`epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(3)} on random labels`),
);
await trainer.fit();
