/**
 * UDL Notebook 20.1: Random Data (`udlbook/20_1_Random_Data.md`, book section 20.2.1, figure
 * 20.1), the notebook translated to library calls. MNIST-1D with the reference generator's default
 * arguments (`@gradkit/datasets`' `makeMnist1d`: 4000 training signals of length 40), a network of
 * four hidden layers of 300 ReLUs (`40 → 300 → 300 → 300 → 300 → 10`), He initialization
 * (`kaiming_uniform_`, zero biases), cross-entropy, SGD lr 0.02 momentum 0.9, StepLR(20, 0.5),
 * shuffled batches of 100, 60 epochs, and the loss on the whole training set after every epoch —
 * trained three times: on the true data, on inputs replaced by Gaussian noise of the same overall
 * mean and standard deviation, and on the true inputs with permuted labels. The network memorises
 * all three: the training loss falls towards zero even when there is nothing to learn.
 *
 * Seeds: the notebook seeds only numpy, through `worker_init_fn=np.random.seed(1)`, which runs
 * when each `DataLoader` is built; its two TODO cells run right after such a call, so both draw
 * from numpy's generator freshly seeded with 1 (`new RandomState(1)` here, the same numbers as
 * numpy's). PyTorch's initialization and shuffling are unseeded; here one `RandomState(1)` stands
 * for PyTorch's generator and draws them in the notebook's order: the default init of the five
 * layers when the model is built, then in each `train_model` call `model.apply(weights_init)` and
 * every epoch's shuffle.
 *
 * ```ts
 * import * as rd from '@gradkit/course/lessons/20-1-random-data/notebook';
 * const data = rd.randomDataData();                        // train_data_x [40, 4000], train_data_y [4000]
 * const x = rd.randomizeData(data.trainDataX, new RandomState(1)); // the first TODO
 * ```
 */
import { astype, mean, RandomState, std, Tensor, transpose, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { fuseModules, init, Linear, LinearReLU, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { printDataSizes } from '../8-1-mnist-1d-performance/notebook.js';

/** The notebook's sizes: `D_i = 40` inputs, `D_k = 300` hidden units per layer, `D_o = 10` outputs. */
export const D_I = 40;
export const D_K = 300;
export const D_O = 10;

/** The notebook's training settings (`train_model`) and its `n_epoch`. */
export const SETTINGS = {
  lr: 0.02,
  momentum: 0.9,
  stepSize: 20,
  gamma: 0.5,
  batchSize: 100,
  epochs: 60,
  /** The seed of the generator standing for PyTorch's (initialization and shuffles). */
  seed: 1,
  /** numpy's seed, `np.random.seed(1)` in `worker_init_fn`. */
  numpySeed: 1,
} as const;

/** The notebook's data in its layout: examples as columns. */
export interface RandomDataData {
  /** `[40, 4000]` float64 (`train_data_x = data['x'].transpose()`). */
  trainDataX: Tensor;
  /** `[4000]` int32 labels (`train_data_y = data['y']`). */
  trainDataY: Tensor;
  /** Test examples in the data set (`len(data['y_test'])`, printed, not used). */
  nTest: number;
}

let cached: RandomDataData | null = null;

/** MNIST-1D with default arguments (seed 42), as `mnist1d.data.get_dataset(args)` makes it. Computed once. */
export function randomDataData(): RandomDataData {
  if (cached) return cached;
  const d = makeMnist1d();
  cached = { trainDataX: transpose(astype(d.x, 'float64')), trainDataY: d.y, nTest: d.yTest.size };
  return cached;
}

/**
 * The notebook's `model`: `Sequential(Linear(40, 300), ReLU(), Linear(300, 300), ReLU(),
 * Linear(300, 300), ReLU(), Linear(300, 300), ReLU(), Linear(300, 10))` with PyTorch's default
 * init drawn from `rng` (`train_model` re-initializes it with `weights_init` every time).
 */
export function makeModel(rng: RandomState): Sequential {
  return new Sequential(
    new Linear(D_I, D_K, { rng }),
    new ReLU(),
    new Linear(D_K, D_K, { rng }),
    new ReLU(),
    new Linear(D_K, D_K, { rng }),
    new ReLU(),
    new Linear(D_K, D_K, { rng }),
    new ReLU(),
    new Linear(D_K, D_O, { rng }),
  );
}

/**
 * The first TODO: inputs replaced by noise that keeps the data's overall mean and variance,
 * `np.random.normal(np.mean(x), np.std(x), x.shape)` (population standard deviation), drawn from
 * `rng` (numpy's generator; `new RandomState(1)` in the notebook's order). float64, `x`'s shape.
 */
export function randomizeData(x: Tensor, rng: RandomState): Tensor {
  if (!(x instanceof Tensor) || x.size === 0)
    throw new ValueError('randomizeData', `x must be a non-empty Tensor, received ${show(x)}`);
  const m = mean(astype(x, 'float64')).item() as number;
  const s = std(astype(x, 'float64')).item() as number;
  return rng.normal(m, s, [...x.shape]);
}

/**
 * The second TODO: the labels in a random order, `np.random.permutation(y)` drawn from `rng`
 * (numpy's generator): the same label counts, no relation left between input and label.
 */
export function permuteLabels(y: Tensor, rng: RandomState): Tensor {
  if (!(y instanceof Tensor) || y.ndim !== 1)
    throw new ValueError('permuteLabels', `y must be a 1-D Tensor of labels, received ${show(y)}`);
  return rng.permutation(y);
}

/** The notebook's progress line, `"Epoch %d, train loss %3.3f"` (displayed every 5 epochs). */
export function epochLine(epoch: number, loss: number): string {
  return pyFormat('Epoch %d, train loss %3.3f', epoch, loss);
}

/**
 * The notebook's `train_model(train_data_x, train_data_y, n_epoch)` on `model`: cross-entropy,
 * `SGD(lr=0.02, momentum=0.9)`, `StepLR(20, 0.5)`, shuffled batches of 100, He weights
 * (`model.apply(weights_init)`) drawn from `rng`, then the shuffles from `rng`. `trainDataX` is in
 * the notebook's layout `[40, N]` (cast to float32 rows as `x_train`). Returns `losses_train`,
 * the loss on the whole training set after every epoch; `onEpoch` sees each one.
 */
export async function trainModel(
  model: Sequential,
  trainDataX: Tensor,
  trainDataY: Tensor,
  nEpoch: number,
  rng: RandomState,
  onEpoch?: (epoch: number, loss: number) => void,
): Promise<Float64Array> {
  if (!Number.isInteger(nEpoch) || nEpoch < 0)
    throw new ValueError('trainModel', `nEpoch must be a non-negative integer, received ${show(nEpoch)}`);
  if (trainDataX.ndim !== 2 || trainDataX.shape[1] !== trainDataY.size)
    throw new ValueError(
      'trainModel',
      `trainDataX must be [D, N] with N = ${trainDataY.size} labels, received [${trainDataX.shape.join(', ')}]`,
    );
  const net = fuseModules(model); // Linear → ReLU pairs as one layer: the same numbers, faster
  const optimizer = new SGD(net.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });
  const scheduler = new StepLR(optimizer, { stepSize: SETTINGS.stepSize, gamma: SETTINGS.gamma });
  const xTrain = astype(transpose(trainDataX), 'float32');
  const yTrain = astype(trainDataY, 'int32');
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(xTrain, yTrain),
    batchSize: SETTINGS.batchSize,
    shuffle: true,
    rng,
  });
  // weights_init touches every nn.Linear: here also the fused Linear → ReLU layers (fuseModules
  // works in place, so from the second call on the model holds them)
  model.apply((m) => {
    if (m instanceof Linear || m instanceof LinearReLU) {
      init.kaimingUniform_(m.weight, { rng });
      if (m.bias) init.zeros_(m.bias);
    }
  });
  const trainer = new Trainer({
    model: net,
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    scheduler,
    epochs: nEpoch,
    trainLoader,
    trainData: { x: xTrain, y: yTrain },
  });
  const lossesTrain = new Float64Array(nEpoch);
  trainer.on('epoch', (r) => {
    lossesTrain[r.epoch] = r.trainLoss;
    onEpoch?.(r.epoch, r.trainLoss);
  });
  await trainer.fit();
  return lossesTrain;
}

/** The three loss curves of the notebook's plots, and the two TODOs' data. */
export interface RandomDataRun {
  lossTrueLabels: Float64Array;
  lossRandomizedData: Float64Array;
  lossPermutedLabels: Float64Array;
  /** `[40, 4000]` float64: the first TODO's noise. */
  trainDataXRandomized: Tensor;
  /** `[4000]`: the second TODO's labels. */
  trainDataYPermuted: Tensor;
}

/** Which of the notebook's three trainings a progress callback reports. */
export type Condition = 'true_labels' | 'random_data' | 'random_labels';

/**
 * The notebook's three trainings in its order, `nEpoch` epochs each: one model, built once with
 * PyTorch's default init from the generator `RandomState(SETTINGS.seed)`, re-initialized by each
 * `train_model`; the TODOs drawn from numpy's generator freshly seeded with 1.
 */
export async function randomDataRun(
  nEpoch: number,
  onEpoch?: (condition: Condition, epoch: number, loss: number) => void,
): Promise<RandomDataRun> {
  const { trainDataX, trainDataY } = randomDataData();
  const torchRng = new RandomState(SETTINGS.seed);
  const model = makeModel(torchRng);
  const hook = (c: Condition) => (epoch: number, loss: number) => onEpoch?.(c, epoch, loss);
  const lossTrueLabels = await trainModel(
    model,
    trainDataX,
    trainDataY,
    nEpoch,
    torchRng,
    hook('true_labels'),
  );
  // the DataLoader of the call above ran np.random.seed(1): the TODO draws from it
  const trainDataXRandomized = randomizeData(trainDataX, new RandomState(SETTINGS.numpySeed));
  const lossRandomizedData = await trainModel(
    model,
    trainDataXRandomized,
    trainDataY,
    nEpoch,
    torchRng,
    hook('random_data'),
  );
  const trainDataYPermuted = permuteLabels(trainDataY, new RandomState(SETTINGS.numpySeed));
  const lossPermutedLabels = await trainModel(
    model,
    trainDataX,
    trainDataYPermuted,
    nEpoch,
    torchRng,
    hook('random_labels'),
  );
  return { lossTrueLabels, lossRandomizedData, lossPermutedLabels, trainDataXRandomized, trainDataYPermuted };
}

/**
 * The notebook, top to bottom: the data sizes, the three trainings (each printing its progress
 * line every 5 epochs), the two TODOs' data, and the three curves of the last plot.
 */
export async function run(nb: Notebook): Promise<void> {
  const data = randomDataData();
  printDataSizes(nb, data.trainDataY.size, data.nTest, data.trainDataX.shape[0]!);
  nb.setAll({ D_i: D_I, D_k: D_K, D_o: D_O });
  const train_data_x = data.trainDataX;
  nb.show('(train_data_x.shape[1],train_data_x.shape[0])', [train_data_x.shape[1], train_data_x.shape[0]]);
  nb.print(
    pyFormat(
      'Train data: %d examples (columns), each of which has %d dimensions (rows)',
      train_data_x.shape[1],
      train_data_x.shape[0],
    ),
  );
  const n_epoch = nb.steps(SETTINGS.epochs);
  nb.set('n_epoch', n_epoch);
  const r = await randomDataRun(n_epoch, (_c, epoch, loss) => {
    if (epoch % 5 !== 0) return;
    nb.show('epoch', epoch, { loop: true });
    nb.print(epochLine(epoch, loss));
  });
  const x = r.trainDataXRandomized;
  nb.show('np.mean(train_data_x)', mean(train_data_x).item());
  nb.show('np.std(train_data_x)', std(train_data_x).item());
  nb.show('np.mean(train_data_x_randomized)', mean(x).item());
  nb.show('np.std(train_data_x_randomized)', std(x).item());
  nb.show('train_data_x_randomized[0, :8]', Array.from(x.data.subarray(0, 8)));
  nb.show('train_data_x_randomized.shape', [...x.shape]);
  nb.set('train_data_y_permuted', r.trainDataYPermuted);
  nb.setAll({
    loss_true_labels: r.lossTrueLabels,
    loss_randomized_data: r.lossRandomizedData,
    loss_permuted_labels: r.lossPermutedLabels,
  });
  const last = (a: Float64Array) => a[n_epoch - 1] ?? Number.NaN;
  nb.show('loss_true_labels[-1]', last(r.lossTrueLabels));
  nb.show('loss_randomized_data[-1]', last(r.lossRandomizedData));
  nb.show('loss_permuted_labels[-1]', last(r.lossPermutedLabels));
}
