/**
 * CM20315 Convolution III (2-D convolution on MNIST). Its text is not among the seeds; the seeds'
 * README summarises it, and this file follows that summary with the CM20315 courseworks' loop: a
 * 28×28 grayscale digit classifier — valid conv k5 1→10, 2×2 max pool, ReLU, valid conv k5 10→20,
 * 2-D dropout, 2×2 max pool, ReLU, flatten (320), linear to 50, ReLU, linear to 10,
 * log-softmax (`mnistConvNet` of `@gradkit/conv`) — with He init on the linear layers
 * (`weights_init`), SGD on the negative log-likelihood, the train and test error after every
 * epoch, and some training images drawn.
 *
 * MNIST is downloaded in the notebook (torchvision), which cannot happen offline. `run` reads the
 * IDX files when they are on disk — `data/mnist` or `data/MNIST/raw` in the working directory
 * (where `downloadMnist('data/mnist')` of `@gradkit/datasets/node` puts them), or `mnist/`,
 * `MNIST/raw/`, `mnist/MNIST/raw/` under `../shared/data` — and otherwise trains on a generated
 * stand-in, said in the report: seven-segment digits drawn as 28×28 images at random offsets
 * with noise ({@link sevenSegmentDigits}), 600 for training and 200 for testing, read as
 * `loadMnist` reads the files (pixel / 255). The stand-in's settings (batches of 30, SGD lr 0.1
 * momentum 0.9, 3 epochs) are those that `tests/test/conv-mnist.test.ts` checks.
 */
import { mnistConvNet } from '@gradkit/conv';
import { argmax, fromData, noGrad, RandomState, type Tensor, take } from '@gradkit/core';
import { DataLoader, MNIST_FILES, type MnistData, mnistFromIdx, TensorDataset } from '@gradkit/datasets';
import { nllLoss } from '@gradkit/losses';
import { Trainer } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { findDataDir } from '../coursework-ii/notebook.js';

// Seven-segment digits: segments a (top), b (top right), c (bottom right), d (bottom),
// e (bottom left), f (top left), g (middle), in a 10 x 18 box with strokes 2 pixels wide.
const SEGMENTS = ['abcdef', 'bc', 'abged', 'abgcd', 'fgbc', 'afgcd', 'afgedc', 'abc', 'abcdefg', 'abcdfg'];
const RECTS: Record<string, [number, number, number, number]> = {
  // [top, left, height, width] inside the box
  a: [0, 0, 2, 10],
  b: [0, 8, 10, 2],
  c: [8, 8, 10, 2],
  d: [16, 0, 2, 10],
  e: [8, 0, 10, 2],
  f: [0, 0, 10, 2],
  g: [8, 0, 2, 10],
};

/**
 * `n` generated digit images `[n, 28, 28]` (int32 pixel values 0..255, as MNIST's IDX files hold
 * them) and labels `[n]`, drawn with `rng`: for each image a digit 0–9, a seven-segment glyph in a
 * 10×18 box at a random offset (±3 pixels) and ink level (160–255), plus Gaussian noise of
 * standard deviation 30, clipped to 0..255. An offline stand-in for MNIST.
 */
export function sevenSegmentDigits(n: number, rng: RandomState): { images: Tensor; labels: Tensor } {
  const px = new Int32Array(n * 784);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const digit = rng.randint(0, 10);
    labels[i] = digit;
    const top = 5 + rng.randint(-3, 4);
    const left = 9 + rng.randint(-3, 4);
    const ink = 160 + rng.randint(0, 96);
    const img = new Float64Array(784);
    for (const s of SEGMENTS[digit]!) {
      const [t, l, h, w] = RECTS[s]!;
      for (let y = top + t; y < top + t + h; y++)
        for (let x = left + l; x < left + l + w; x++) img[y * 28 + x] = ink;
    }
    for (let p = 0; p < 784; p++) {
      const v = Math.round(img[p]! + 30 * (rng.randn() as number));
      px[i * 784 + p] = Math.min(255, Math.max(0, v));
    }
  }
  return { images: fromData(px, [n, 28, 28]), labels: fromData(labels, [n]) };
}

/**
 * The stand-in data set: 600 training and 200 test digits from `RandomState(0)`
 * ({@link sevenSegmentDigits}), as `loadMnist` returns files (images `[N, 1, 28, 28]` float32 / 255).
 */
export function standInMnist(): { train: MnistData; test: MnistData } {
  const rng = new RandomState(0);
  const train = sevenSegmentDigits(600, rng);
  const test = sevenSegmentDigits(200, rng);
  return { train: mnistFromIdx(train.images, train.labels), test: mnistFromIdx(test.images, test.labels) };
}

/**
 * The folder holding MNIST's IDX files (`train-images-idx3-ubyte[.gz]`, …), if any: `data/mnist`,
 * `data/MNIST/raw` in the working directory, then `mnist/`, `MNIST/raw/`, `mnist/MNIST/raw/`
 * under `../shared/data` (Node only).
 */
export function mnistDataDir(): Promise<string | undefined> {
  const files = Object.values(MNIST_FILES).flatMap((f) => [f.images, f.labels]);
  return findDataDir(
    ['data/mnist', 'data/MNIST/raw'],
    ['mnist', 'MNIST/raw', 'mnist/MNIST/raw'],
    files,
    true,
  );
}

/** The first `n` examples of a data set. */
function head(d: MnistData, n: number): MnistData {
  const idx = fromData(
    Int32Array.from({ length: Math.min(n, d.labels.size) }, (_, i) => i),
    [Math.min(n, d.labels.size)],
  );
  return { images: take(d.images, idx, 0), labels: take(d.labels, idx, 0) };
}

/** Runs the notebook: the data (MNIST on disk, else the stand-in), six examples, the network trained epoch by epoch, its predictions. */
export async function run(nb: Notebook): Promise<void> {
  const dir = await mnistDataDir();
  let train: MnistData;
  let test: MnistData;
  if (dir) {
    const { loadMnist } =
      await importNodeModule<typeof import('@gradkit/datasets/node')>('@gradkit/datasets/node');
    train = loadMnist(dir, { split: 'train' });
    test = loadMnist(dir, { split: 'test' });
    nb.print(`MNIST from ${dir}: ${train.labels.size} training and ${test.labels.size} test images`);
  } else {
    ({ train, test } = standInMnist());
    nb.print(
      `(MNIST is not on disk and this run does not download it — downloadMnist('data/mnist') of @gradkit/datasets/node does, online: training on ${train.labels.size} generated seven-segment digits, testing on ${test.labels.size})`,
    );
  }

  // Let's draw some of the training data
  const examples = head(train, 6);
  nb.setAll({ example_data: examples.images, example_targets: examples.labels });

  // The network, its He-initialised linear layers (weights_init), SGD on the NLL of the log-softmax
  const batch_size_train = 30;
  const model = mnistConvNet({ rng: new RandomState(1), heInit: true });
  const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const n_epoch = nb.steps(3);
  nb.setAll({ batch_size_train, n_epoch });
  const trainer = new Trainer({
    model,
    loss: (out, y) => nllLoss(out, y),
    optimizer,
    epochs: n_epoch,
    trainLoader: new DataLoader({
      dataset: new TensorDataset(train.images, train.labels),
      batchSize: batch_size_train,
      shuffle: true,
      rng: new RandomState(2),
    }),
    trainData: { x: train.images, y: train.labels },
    valData: { x: test.images, y: test.labels },
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
  const output = noGrad(() => model.call(examples.images));
  nb.set('predictions', argmax(output, { axis: 1 }));
}
