import { astype, RandomState, type Tensor } from '@gradkit/core';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { init, Linear, Module, relu, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';

// UDL notebook 11.2: the MNIST-1D network with two residual blocks (figure 11.5b), written as a
// Module: layers in fields (registered under their names, as in PyTorch), the skips in forward.
class ResidualNetwork extends Module {
  linear1: Linear;
  linear2: Linear;
  linear3: Linear;
  linear4: Linear;
  constructor(inputSize: number, outputSize: number, hiddenSize: number, rng: RandomState) {
    super();
    this.linear1 = new Linear(inputSize, hiddenSize, { rng });
    this.linear2 = new Linear(hiddenSize, hiddenSize, { rng });
    this.linear3 = new Linear(hiddenSize, hiddenSize, { rng });
    this.linear4 = new Linear(hiddenSize, outputSize, { rng });
  }
  forward(x: Tensor): Tensor {
    const h1 = this.linear1.call(x);
    const h2 = h1.add(this.linear2.call(relu(h1))); // residual block: ReLU, linear, add
    const h3 = h2.add(this.linear3.call(relu(h2)));
    return this.linear4.call(h3);
  }
}

const data = makeMnist1d(); // 4000 training and 1000 test signals of length 40
const rng = new RandomState(1);
const model = new ResidualNetwork(40, 10, 100, rng);
model.apply((m) => {
  if (m instanceof Linear) {
    init.kaimingUniform_(m.weight, { rng }); // He initialization
    if (m.bias) init.zeros_(m.bias);
  }
});
console.log(`${model.numParameters()} parameters`); // 25310
const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
const trainer = new Trainer({
  model,
  loss: (out, y) => crossEntropy(out, y),
  optimizer,
  scheduler: new StepLR(optimizer, { stepSize: 20, gamma: 0.5 }),
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
