/**
 * UDL Notebook 8.1: MNIST-1D Performance (`udlbook/8_1_MNIST_1D_Performance.md`, book section 8.1,
 * figure 8.2a), the notebook translated to library calls. MNIST-1D with the reference generator's
 * default arguments (`@gradkit/datasets`' `makeMnist1d`, equal to `mnist1d.data.get_dataset(args)`:
 * 4000 training and 1000 test signals of length 40), the TODO network — two hidden layers of 100
 * ReLUs, He initialization (`kaiming_uniform_`, zero biases) — cross-entropy, SGD lr 0.05 momentum
 * 0.9, StepLR(10, 0.5), shuffled batches of 100, 50 epochs, with the loss and error on the whole
 * training and test sets after every epoch. The pipeline is CM20315 Coursework II's
 * (`../coursework-ii/notebook.ts`: `buildModel`, `weightsInit`, `courseworkOptimizer`,
 * `mnist1dData`), on MNIST-1D itself rather than the course's files.
 *
 * Seeds: the notebook seeds nothing but numpy (`worker_init_fn=np.random.seed(1)` runs once, when
 * the DataLoader is built); PyTorch's initialization and shuffling are unseeded, so its numbers
 * change from run to run. Here one `RandomState(1)` draws everything, in the notebook's order:
 * PyTorch's default init of the three layers, `model.apply(weights_init)` in the model cell, again
 * in the training cell, then each epoch's shuffle.
 */
import { RandomState, type Tensor, tensor } from '@gradkit/core';
import { DataLoader, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { type EpochRecord, fuseModules, Linear, type Module, Trainer } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import {
  buildModel,
  courseworkOptimizer,
  mnist1dData,
  type TrainData,
  weightsInit,
} from '../coursework-ii/notebook.js';

/** The notebook's sizes: `D_i = 40` inputs, `D_k = 100` hidden units per layer, `D_o = 10` outputs. */
export const D_I = 40;
export const D_K = 100;
export const D_O = 10;

/** The notebook's training settings. */
export const SETTINGS = {
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  stepSize: 10,
  gamma: 0.5,
  batchSize: 100,
  epochs: 50,
  seed: 1,
} as const;

/**
 * The TODO network with its He weights: `Sequential(Linear(40, 100), ReLU(), Linear(100, 100),
 * ReLU(), Linear(100, 10))`, PyTorch's default init at construction, then `model.apply(weights_init)`
 * twice (the model cell and the training cell), every draw from `rng`.
 */
export function makeModel(rng: RandomState): Module {
  const { model } = buildModel({ model: 'mlp', hidden: [D_K, D_K], dropout: 0, init: 'notebook' }, D_I, rng);
  model.apply((m) => {
    if (m instanceof Linear) weightsInit(m, rng);
  });
  return model;
}

/** The notebook's training cell as a ready `Trainer` (`await trainer.fit()` runs it) for `epochs` epochs. */
export function makeTrainer(data: TrainData, epochs: number, seed: number = SETTINGS.seed): Trainer {
  const rng = new RandomState(seed);
  const model = fuseModules(makeModel(rng)); // Linear → ReLU pairs as one layer: the same numbers, faster
  const { optimizer, scheduler } = courseworkOptimizer(model.parameters(), SETTINGS);
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(data.x, data.y),
    batchSize: SETTINGS.batchSize,
    shuffle: true,
    rng,
  });
  return new Trainer({
    model,
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    scheduler,
    epochs,
    trainLoader,
    trainData: { x: data.x, y: data.y },
    valData: { x: data.xVal, y: data.yVal },
  });
}

/** The per-epoch line the notebook prints (note its two spaces before "test loss"). */
export function epochLine(r: EpochRecord): string {
  return pyFormat(
    'Epoch %5d, train loss %.6f, train error %3.2f,  test loss %.6f, test error %3.2f',
    r.epoch,
    r.trainLoss,
    r.trainError,
    r.valLoss,
    r.valError,
  );
}

/**
 * The MNIST-1D notebooks' data cell (8.1, 9.5, 10.2, 11.2, 11.3): the sizes printed and recorded
 * under the notebook's expressions. `transposed` adds the next cell, which prints the sizes of the
 * examples-as-columns arrays (`train_data_x = data['x'].transpose()`; 10.2, 11.2, 11.3).
 */
export function printDataSizes(
  nb: Notebook,
  nTrain: number,
  nTest: number,
  length: number,
  options: { transposed?: boolean } = {},
): void {
  nb.show("len(data['y'])", nTrain);
  nb.print(`Examples in training set: ${nTrain}`);
  nb.show("len(data['y_test'])", nTest);
  nb.print(`Examples in test set: ${nTest}`);
  nb.show("data['x'].shape[-1]", length);
  nb.print(`Length of each example: ${length}`);
  if (!options.transposed) return;
  nb.show('(train_data_x.shape[1],train_data_x.shape[0])', [nTrain, length]);
  nb.print(
    pyFormat('Train data: %d examples (columns), each of which has %d dimensions (rows)', nTrain, length),
  );
  nb.show('(val_data_x.shape[1],val_data_x.shape[0])', [nTest, length]);
  nb.print(
    pyFormat('Validation data: %d examples (columns), each of which has %d dimensions (rows)', nTest, length),
  );
}

/**
 * The MNIST-1D notebooks' training cell (8.1, 10.2, 11.2): `trainer.fit()` printing `line(r)` after
 * each epoch, then the histories recorded under the notebook's names — `losses_train`,
 * `errors_train`, `losses_<split>`, `errors_<split>` (its validation set is `test` in 8.1, `val` in
 * 10.2 and 11.2), each `(n_epoch,)` float64 — and returned with the last value of each
 * (`NaN` after no epoch), as the plots' titles print them.
 */
export async function fitAndRecord(
  nb: Notebook,
  trainer: Trainer,
  line: (r: EpochRecord) => string,
  split: 'test' | 'val',
): Promise<{ histories: Record<string, Tensor>; last: Record<string, number> }> {
  trainer.on('epoch', (r) => {
    nb.show('epoch', r.epoch, { loop: true });
    nb.print(line(r));
  });
  const history = await trainer.fit();
  const column = (k: 'trainLoss' | 'trainError' | 'valLoss' | 'valError') =>
    tensor(
      history.map((h) => h[k]),
      { dtype: 'float64' },
    );
  const histories: Record<string, Tensor> = {
    losses_train: column('trainLoss'),
    errors_train: column('trainError'),
    [`losses_${split}`]: column('valLoss'),
    [`errors_${split}`]: column('valError'),
  };
  nb.setAll(histories);
  const last = Object.fromEntries(
    Object.entries(histories).map(([k, t]) => [k, history.length ? t.data[history.length - 1]! : Number.NaN]),
  );
  return { histories, last };
}

/**
 * The notebook, top to bottom: the data sizes, the network, 50 epochs with one line each, and the
 * two plots (error and loss per epoch, titled with the final values).
 */
export async function run(nb: Notebook): Promise<void> {
  const data = { ...mnist1dData(), source: 'MNIST-1D' };
  printDataSizes(nb, data.y.size, data.yVal.size, data.x.shape[1]!);
  nb.setAll({ D_i: D_I, D_k: D_K, D_o: D_O });

  const n_epoch = nb.steps(SETTINGS.epochs);
  nb.set('n_epoch', n_epoch);
  const trainer = makeTrainer(data, n_epoch);
  const { last } = await fitAndRecord(nb, trainer, epochLine, 'test');
  // the plots' titles: 'TrainError %3.2f, Test Error %3.2f' and 'Train loss %3.2f, Test loss %3.2f'
  nb.show('errors_train[-1]', last.errors_train!);
  nb.show('errors_test[-1]', last.errors_test!);
  nb.show('losses_train[-1]', last.losses_train!);
  nb.show('losses_test[-1]', last.losses_test!);
}
