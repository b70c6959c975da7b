import { astype, RandomState } from '@gradkit/core';
import { makeMnist1d } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { fuseModules, init, Linear, type Module, ReLU, Sequential } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';

// UDL notebook 20.2: a ReLU network with three hidden layers of 75 units (15 235 parameters),
// trained by gradient descent on all 4000 MNIST-1D signals at once.
const data = makeMnist1d();
const x = astype(data.x, 'float32');
const y = data.y;
const rng = new RandomState(1);
const layers: Module[] = [new Linear(40, 75, { rng })];
for (let k = 0; k < 2; k++) layers.push(new ReLU(), new Linear(75, 75, { rng }));
layers.push(new ReLU(), new Linear(75, 10, { rng }));
const model = new Sequential(...layers);
model.apply((m) => {
  if (m instanceof Linear) {
    init.kaimingUniform_(m.weight, { rng }); // He initialization
    if (m.bias) init.zeros_(m.bias);
  }
});
const net = fuseModules(model); // each Linear → ReLU as one layer: the same numbers, faster
const optimizer = new SGD(net.parameters(), { lr: 0.0025, momentum: 0 });
for (let epoch = 0; epoch < 20; epoch++) {
  // the notebook: 200 000 epochs
  optimizer.zeroGrad();
  const pred = net.forward(x); // the whole training set: one step per epoch, nothing random
  const loss = crossEntropy(pred, y);
  const predicted = pred.argmax({ axis: 1 });
  let correct = 0;
  for (let i = 0; i < y.size; i++) if (predicted.data[i] === y.data[i]) correct++;
  if (epoch % 5 === 0)
    console.log(
      `epoch ${epoch}: loss ${(loss.item() as number).toFixed(4)}, error ${(100 - (100 * correct) / y.size).toFixed(2)}%`,
    );
  loss.backward();
  optimizer.step();
}
