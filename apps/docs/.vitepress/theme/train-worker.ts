// Web worker: the coursework recipe on generated MNIST-1D, posting one message per epoch.
import { astype, RandomState } from '@gradkit/core';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { init, Linear, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';

self.onmessage = async (e: MessageEvent<{ epochs: number; seed: number; weightDecay?: number }>) => {
  try {
    const { epochs, seed, weightDecay = 0 } = e.data;
    postMessage({ type: 'status', text: 'Generating MNIST-1D (4000 train / 1000 validation)…' });
    const d = makeMnist1d();
    const x = astype(d.x, 'float32');
    const xVal = astype(d.xTest, 'float32');
    const rng = new RandomState(seed);
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
    const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9, weightDecay });
    const scheduler = new StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
    const trainLoader = new DataLoader({
      dataset: new TensorDataset(x, d.y),
      batchSize: 100,
      shuffle: true,
      rng,
    });
    postMessage({ type: 'status', text: 'Training…' });
    const trainer = new Trainer({
      model,
      loss: (out, y) => crossEntropy(out, y),
      optimizer,
      scheduler,
      epochs,
      trainLoader,
      trainData: { x, y: d.y },
      valData: { x: xVal, y: d.yTest },
    });
    trainer.on('epoch', (r) =>
      postMessage({
        type: 'epoch',
        epoch: r.epoch,
        trainError: r.trainError,
        valError: r.valError,
        seconds: r.seconds,
      }),
    );
    await trainer.fit();
    postMessage({ type: 'done' });
  } catch (err) {
    postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

// The page sends the job only after this message: a module worker that is still evaluating its
// imports (@gradkit/core instantiates WebAssembly with a top-level await) would drop it.
postMessage({ type: 'ready' });
