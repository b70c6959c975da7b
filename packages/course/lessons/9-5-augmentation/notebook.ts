/**
 * UDL Notebook 9.5: Augmentation (`udlbook/9_5_Augmentation.md`, book section 9.3.8), the notebook
 * translated to library calls. MNIST-1D with the reference generator's default arguments
 * (`makeMnist1d` of `@gradkit/datasets`, equal to `mnist1d.data.get_dataset(args)`: 4000 training
 * and 1000 test signals of length 40); the 40-200-200-10 ReLU network with He initialization
 * (`kaiming_uniform_`, zero biases; the pieces of `../coursework-ii/notebook.ts`), cross-entropy,
 * SGD lr 0.05 momentum 0.9, shuffled batches of 100, 50 epochs, the train and test error after
 * every epoch; then 4000 augmented copies (`augmentSignals`: a random circular shift, then a random
 * gain from U(0.8, 1.2)) and the same training again on the 8000 examples.
 *
 * The notebook builds `StepLR(optimizer, step_size=10, gamma=0.5)` in both training cells but
 * never calls `scheduler.step()`, so its learning rate stays 0.05 for all 50 epochs: this follows
 * the code (no schedule). Its second run reports the training error on the augmented set
 * (`x_train` is rebound to the 8000 examples).
 *
 * Seeds. numpy: `worker_init_fn=np.random.seed(1)` runs when each DataLoader is built, and nothing
 * draws from numpy between the first one and the augmentation cell, so the shifts and gains are
 * numpy's after `np.random.seed(1)`, exactly. Python's `random` (the rows to copy) is unseeded in
 * the notebook: here `random.seed(0)` (`PythonRandom(0)`). PyTorch is unseeded too: one
 * `RandomState(1)` draws what PyTorch draws, in the notebook's order (the layers' default init,
 * `model.apply(weights_init)` and the shuffles of the first run, `model.apply(weights_init)` and
 * the shuffles of the second).
 *
 * `augmented_x` (8000 × 40) and `augmented_y` are not recorded in the values (the `--json` output
 * would be megabytes); their shapes are (`augmented_x.shape`).
 */
import { astype, PythonRandom, RandomState, type Tensor, tensor } from '@gradkit/core';
import { augmentSignals, DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { type EpochRecord, fuseModules, Linear, type Module, Trainer } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { printDataSizes } from '../8-1-mnist-1d-performance/notebook.js';
import { buildModel, weightsInit } from '../coursework-ii/notebook.js';

/** `D_i = 40` inputs, `D_k = 200` hidden units per layer, `D_o = 10` outputs. */
export const D_I = 40;
export const D_K = 200;
export const D_O = 10;

/** The notebook's settings (and the seeds it leaves open, see the module comment). */
export const SETTINGS = {
  lr: 0.05,
  momentum: 0.9,
  batchSize: 100,
  epochs: 50,
  /** Augmented examples added to the 4000 originals (`n_data_augment = n_data_orig + 4000`). */
  nAugment: 4000,
  /** The gain range of `augment`. */
  scale: [0.8, 1.2] as [number, number],
  numpySeed: 1,
  pythonSeed: 0,
  torchSeed: 1,
} as const;

/** The notebook's data: MNIST-1D generated exactly, cached (float64 signals, int32 labels). */
let cached: ReturnType<typeof makeMnist1d> | undefined;
export function notebookData(): ReturnType<typeof makeMnist1d> {
  cached ??= makeMnist1d();
  return cached;
}

/**
 * The augmentation cell: the originals, then `count` copies of rows chosen by Python's
 * `random.randint(0, n_data_orig - 1)` (`python`), each `augment`ed with numpy's draws (`numpy`:
 * the shift `randint(0, 40)`, then the gain `uniform(0.8, 1.2)`). Returns the rows chosen too.
 */
export function augmentCell(
  x: Tensor,
  y: Tensor,
  count: number,
  python: PythonRandom,
  numpy: RandomState,
  scale: readonly [number, number] = SETTINGS.scale,
): { x: Tensor; y: Tensor; indices: number[] } {
  const n = x.shape[0]!;
  const indices = Array.from({ length: count }, () => python.randint(0, n - 1));
  return { ...augmentSignals(x, y, count, numpy, { indices, scale: [scale[0], scale[1]] }), indices };
}

/** One of the notebook's training cells on `(x, y)`, evaluated on the test set after every epoch. */
export function makeTrainer(
  model: Module,
  x: Tensor,
  y: Tensor,
  test: { x: Tensor; y: Tensor },
  epochs: number,
  rng: RandomState,
): Trainer {
  const xs = astype(x, 'float32');
  const optimizer = new SGD(model.parameters(), { lr: SETTINGS.lr, momentum: SETTINGS.momentum });
  // StepLR(optimizer, step_size=10, gamma=0.5) is built but never stepped: no scheduler here
  return new Trainer({
    model,
    loss: (out, t) => crossEntropy(out, t),
    optimizer,
    epochs,
    trainLoader: new DataLoader({
      dataset: new TensorDataset(xs, y),
      batchSize: SETTINGS.batchSize,
      shuffle: true,
      rng,
    }),
    trainData: { x: xs, y },
    valData: { x: astype(test.x, 'float32'), y: test.y },
  });
}

/** What {@link trainBoth} returns: both runs' error histories (percent, one per epoch). */
export interface AugmentationRuns {
  errorsTrain: number[];
  errorsTest: number[];
  errorsTrainAug: number[];
  errorsTestAug: number[];
  /** The augmented training set. */
  augmented: { x: Tensor; y: Tensor; indices: number[] };
}

/**
 * The notebook's two experiments: the network trained `epochs` epochs on the 4000 originals, then
 * re-initialized and trained on the originals plus `nAugment` augmented copies. `onEpoch` sees
 * each epoch's record and which run it belongs to.
 */
export async function trainBoth(
  epochs: number,
  options: {
    nAugment?: number;
    scale?: readonly [number, number];
    onEpoch?: (r: EpochRecord, augmented: boolean) => void;
    onAugmented?: (a: { x: Tensor; y: Tensor; indices: number[] }) => void;
  } = {},
): Promise<AugmentationRuns> {
  const data = notebookData();
  const test = { x: data.xTest, y: data.yTest };
  const torch = new RandomState(SETTINGS.torchSeed);
  // nn.Sequential(...) with PyTorch's default init, then the first cell's model.apply(weights_init)
  const { model: net } = buildModel(
    { model: 'mlp', hidden: [D_K, D_K], dropout: 0, init: 'notebook' },
    D_I,
    torch,
  );
  const linears = [...net.modules()].filter((m): m is Linear => m instanceof Linear);
  const model = fuseModules(net); // Linear → ReLU pairs as one layer: the same tensors, faster
  const numpy = new RandomState(SETTINGS.numpySeed); // np.random.seed(1) of the DataLoader line
  const first = makeTrainer(model, data.x, data.y, test, epochs, torch);
  first.on('epoch', (r) => options.onEpoch?.(r, false));
  const h1 = await first.fit();

  const augmented = augmentCell(
    data.x,
    data.y,
    options.nAugment ?? SETTINGS.nAugment,
    new PythonRandom(SETTINGS.pythonSeed),
    numpy,
    options.scale,
  );
  options.onAugmented?.(augmented);
  for (const layer of linears) weightsInit(layer, torch); // model.apply(weights_init)
  const second = makeTrainer(model, augmented.x, augmented.y, test, epochs, torch);
  second.on('epoch', (r) => options.onEpoch?.(r, true));
  const h2 = await second.fit();
  return {
    errorsTrain: h1.map((r) => r.trainError),
    errorsTest: h1.map((r) => r.valError),
    errorsTrainAug: h2.map((r) => r.trainError),
    errorsTestAug: h2.map((r) => r.valError),
    augmented,
  };
}

/** The per-epoch line of both training cells. */
export function epochLine(r: EpochRecord): string {
  return pyFormat('Epoch %5d, train error %3.2f, test error %3.2f', r.epoch, r.trainError, r.valError);
}

/** The notebook, top to bottom. */
export async function run(nb: Notebook): Promise<void> {
  const data = notebookData();
  const nTrain = data.y.size;
  printDataSizes(nb, nTrain, data.yTest.size, data.x.shape[1]!);
  nb.setAll({ D_i: D_I, D_k: D_K, D_o: D_O });

  const n_epoch = nb.steps(SETTINGS.epochs);
  nb.set('n_epoch', n_epoch);
  const runs = await trainBoth(n_epoch, {
    onEpoch: (r) => {
      nb.show('epoch', r.epoch, { loop: true });
      nb.print(epochLine(r));
    },
    onAugmented: (a) => {
      const n_data_orig = nTrain;
      const n_data_augment = n_data_orig + SETTINGS.nAugment;
      nb.setAll({ n_data_orig, n_data_augment, random_data_index: a.indices.at(-1) });
      nb.show('augmented_x.shape', a.x.shape);
    },
  });
  const f64 = (v: number[]) => tensor(v, { dtype: 'float64' });
  const errors_train = f64(runs.errorsTrain);
  const errors_test = f64(runs.errorsTest);
  const errors_train_aug = f64(runs.errorsTrainAug);
  const errors_test_aug = f64(runs.errorsTestAug);
  nb.setAll({ errors_train, errors_test, errors_train_aug, errors_test_aug });
  // the plots' titles: 'Train Error %3.2f, Test Error %3.2f' of each run
  nb.show('errors_train[-1]', runs.errorsTrain.at(-1));
  nb.show('errors_test[-1]', runs.errorsTest.at(-1));
  nb.show('errors_train_aug[-1]', runs.errorsTrainAug.at(-1));
  nb.show('errors_test_aug[-1]', runs.errorsTestAug.at(-1));
}
