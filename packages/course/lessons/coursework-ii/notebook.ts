/**
 * CM20315 Coursework II (`udl-cm20315-coursework_ii.md`), the notebook translated to library
 * calls — and the one home of the coursework pipeline that Coursework I and III, Convolution II,
 * `gradkit train` and its benchmarks share: the MNIST-1D data as float32 rows, the 40-100-100-10
 * ReLU network with He weights (`weights_init`) or the figure 10.7 CNN, cross-entropy, SGD lr 0.05
 * momentum 0.9 with StepLR(10, 0.5), shuffled batches of 100, 50 epochs after `set_seed(1)`, the
 * per-epoch statistics on the whole training and validation sets, and Coursework III's
 * regularizers (weight decay, dropout, augmentation, ensembles).
 *
 * The notebook reads the course's files (`train_data_x.npy` `[40, 4000]`, … `val_data_y.npy`):
 * `run` looks for them in the working directory, then in `../shared/data/udl-cm20315`; without
 * them it trains on MNIST-1D generated exactly (default arguments, seed 42), and says so.
 */
import { Conv1d, mnist1dConvNet } from '@gradkit/conv';
import {
  astype,
  fromData,
  noGrad,
  RandomState,
  reshape,
  ShapeError,
  Tensor,
  tensor,
  ValueError,
} from '@gradkit/core';
import {
  augmentMnist1d,
  type CourseworkData,
  DataLoader,
  makeMnist1d,
  TensorDataset,
} from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import {
  argmaxHits,
  Dropout,
  type EpochRecord,
  fuseModules,
  init,
  Linear,
  type Module,
  ReLU,
  Sequential,
  Trainer,
} from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { COURSEWORK_BASELINE, RECIPE, type Recipe } from './recipe.js';

export { COURSEWORK_BASELINE, RECIPE, type Recipe } from './recipe.js';

/** Training and validation examples as rows, float32 as the notebook (`astype('float32')`). */
export interface TrainData {
  /** `[N, 40]` training signals (the notebook's `x_train`). */
  x: Tensor;
  /** `[N]` labels (`y_train`). */
  y: Tensor;
  /** `[M, 40]` validation signals (`x_val`). */
  xVal: Tensor;
  /** `[M]` labels (`y_val`). */
  yVal: Tensor;
  /** Where the data came from, in words. */
  source: string;
}

/** MNIST-1D regenerated exactly (default arguments, seed 42: 4000 training and 1000 validation signals). */
export function mnist1dData(): TrainData {
  const d = makeMnist1d();
  return {
    x: astype(d.x, 'float32'),
    y: d.y,
    xVal: astype(d.xTest, 'float32'),
    yVal: d.yTest,
    source: 'MNIST-1D generated (default arguments, seed 42)',
  };
}

/**
 * The course's files as the notebook uses them: `x_train =
 * torch.tensor(train_data_x.transpose().astype('float32'))` (examples as rows), the labels as
 * they are. `d` is what `loadCourseworkData(dir)` of `@gradkit/datasets/node` returns.
 */
export function courseworkTrainData(d: CourseworkData, source: string): TrainData {
  return {
    x: astype(d.train.xRows(), 'float32'),
    y: d.train.y,
    xVal: astype(d.val.xRows(), 'float32'),
    yVal: d.val.y,
    source,
  };
}

/**
 * The first folder that holds every one of `files` (a file also counts gzipped, `<name>.gz`, when
 * `gz`): the folders `local` (relative to the working directory), then the folders `shared` under
 * `../shared/data` beside the working directory or beside this repository. `undefined` when none
 * does, or outside Node.
 */
export async function findDataDir(
  local: readonly string[],
  shared: readonly string[],
  files: readonly string[],
  gz = false,
): Promise<string | undefined> {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  const { existsSync } = await importNodeModule<typeof import('node:fs')>('node:fs');
  const { dirname, join, resolve } = await importNodeModule<typeof import('node:path')>('node:path');
  const { fileURLToPath } = await importNodeModule<typeof import('node:url')>('node:url');
  const here = dirname(fileURLToPath(import.meta.url));
  const roots = [
    resolve('../shared/data'),
    resolve(here, '../../../../../shared/data'), // sources: packages/course/lessons/<id>
    resolve(here, '../../../../../../shared/data'), // built: packages/course/dist/lessons/<id>
  ];
  const candidates = [
    ...local.map((d) => resolve(d)),
    ...roots.flatMap((r) => shared.map((d) => join(r, d))),
  ];
  const has = (dir: string, f: string) =>
    existsSync(join(dir, f)) || (gz && existsSync(join(dir, `${f}.gz`)));
  return candidates.find((dir) => files.every((f) => has(dir, f)));
}

/**
 * The folder holding the course's four `.npy` files, as the notebook looks for them: the working
 * directory (where its download cell puts them), then `../shared/data/udl-cm20315`.
 */
export function courseworkDataDir(): Promise<string | undefined> {
  return findDataDir(
    ['.'],
    ['udl-cm20315'],
    ['train_data_x.npy', 'train_data_y.npy', 'val_data_x.npy', 'val_data_y.npy'],
  );
}

/** PyTorch's `kaiming_uniform_` weights and zero biases: the notebooks' `weights_init` (He initialization, UDL 7.5). */
export function weightsInit(layer: Linear | Conv1d, rng: RandomState): void {
  init.kaimingUniform_(layer.weight, { rng });
  if (layer.bias) init.zeros_(layer.bias);
}

/** The options {@link buildModel} reads. */
export type ModelOptions = Pick<Recipe, 'model' | 'hidden' | 'dropout' | 'init'>;

/** A coursework network and the reshape its input needs (the CNN's `x_batch[:, None, :]`). */
export interface CourseworkModel {
  model: Module;
  inputTransform?: (x: Tensor) => Tensor;
}

/**
 * The coursework's network. MLP: `D → hidden… → 10` with ReLU (and Dropout(p) after each hidden
 * ReLU when `dropout > 0`), the notebook's `nn.Sequential(nn.Linear(D_i, D_1), nn.ReLU(), …)`.
 * CNN: figure 10.7 (`mnist1dConvNet`, Convolution II). Then `model.apply(weights_init)`, which
 * only touches `nn.Linear`: with `init: 'notebook'` the Conv1d layers keep PyTorch's default
 * init (Convolution II's code), with `init: 'all'` they get He init too. Every draw comes from
 * `rng`, in PyTorch's order (default init at construction, then `weights_init`).
 */
export function buildModel(o: ModelOptions, inputDim: number, rng: RandomState): CourseworkModel {
  if (o.model === 'cnn') {
    if (inputDim !== 40)
      throw new ShapeError(
        'buildModel',
        `the figure 10.7 network expects signals of length 40, the data has ${inputDim} features`,
      );
    const model = mnist1dConvNet({ rng });
    model.apply((m) => {
      if (m instanceof Linear || (o.init === 'all' && m instanceof Conv1d)) weightsInit(m, rng);
    });
    return { model, inputTransform: (x) => reshape(x, [-1, 1, inputDim]) };
  }
  const widths = [inputDim, ...o.hidden, 10];
  const layers: Module[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    if (i > 0) {
      layers.push(new ReLU());
      if (o.dropout > 0) layers.push(new Dropout(o.dropout, { rng }));
    }
    layers.push(new Linear(widths[i]!, widths[i + 1]!, { rng }));
  }
  const model = new Sequential(...layers);
  model.apply((m) => {
    if (m instanceof Linear) weightsInit(m, rng);
  });
  return { model };
}

/**
 * The notebook's optimizer and schedule: `torch.optim.SGD(model.parameters(), lr=0.05,
 * momentum=0.9)` (with Coursework III's weight decay) and `StepLR(optimizer, step_size=10,
 * gamma=0.5)`, which halves the learning rate every 10 epochs.
 */
export function courseworkOptimizer(
  parameters: Tensor[],
  o: Pick<Recipe, 'lr' | 'momentum' | 'weightDecay' | 'stepSize' | 'gamma'>,
): { optimizer: SGD; scheduler: StepLR } {
  const optimizer = new SGD(parameters, { lr: o.lr, momentum: o.momentum, weightDecay: o.weightDecay });
  const scheduler = new StepLR(optimizer, { stepSize: o.stepSize, gamma: o.gamma });
  return { optimizer, scheduler };
}

/** The settings of one training run (the recipe without the seed and the ensemble size). */
export type TrainSettings = Omit<Recipe, 'seed' | 'ensemble'>;

/** A ready-to-fit coursework run: `await trainer.fit()` trains it. */
export interface CourseworkTrainer extends CourseworkModel {
  trainer: Trainer;
}

/**
 * The notebook's training cell up to the loop: `set_seed(seed)`, the network and its He weights,
 * Coursework III's augmented copies (`augment`), cross-entropy, SGD + StepLR, the shuffled
 * `DataLoader` of batches of 100, and the per-epoch statistics on the whole (original) training
 * set and the validation set. One `RandomState(seed)` draws everything, in this order. The
 * network trains fused (`fuseModules`: each Linear → ReLU or Conv1d → ReLU pair as one layer, the
 * same numbers, faster).
 */
export function courseworkTrainer(data: TrainData, o: TrainSettings, seed: number): CourseworkTrainer {
  const rng = new RandomState(seed);
  const { model: layers, inputTransform } = buildModel(o, data.x.shape[1]!, rng);
  const model = fuseModules(layers);
  const train = augmentMnist1d(data.x, data.y, o.augment, rng);
  const { optimizer, scheduler } = courseworkOptimizer(model.parameters(), o);
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(train.x, train.y),
    batchSize: o.batchSize,
    shuffle: true,
    rng,
  });
  const trainer = new Trainer({
    model,
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    scheduler,
    epochs: o.epochs,
    trainLoader,
    // the notebook's statistics are on the original training set, not the augmented copies
    trainData: { x: data.x, y: data.y },
    valData: { x: data.xVal, y: data.yVal },
    ...(inputTransform ? { inputTransform } : {}),
    // each step writes into the last step's memory (same bits; 4-7 % faster in Node, more in a page)
    reuseActivations: true,
  });
  return { trainer, model, ...(inputTransform ? { inputTransform } : {}) };
}

/**
 * Watches a trainer while it runs (a progress display): called before `fit`, returns what to call
 * after it. `label` names the model of an ensemble (`model 2/5`).
 */
export type AttachTrainer = (trainer: Trainer, label?: string) => () => void;

/** One trained model, its history and the seconds its training loop took. */
export interface TrainedModel extends CourseworkModel {
  history: EpochRecord[];
  seconds: number;
}

/** One training run of the recipe with `seed` ({@link courseworkTrainer}, then the loop). */
export async function trainModel(
  data: TrainData,
  o: TrainSettings,
  seed: number,
  attach?: AttachTrainer,
  label?: string,
): Promise<TrainedModel> {
  const { trainer, model, inputTransform } = courseworkTrainer(data, o, seed);
  const detach = attach?.(trainer, label);
  const t0 = performance.now();
  try {
    const history = await trainer.fit();
    return {
      history,
      model,
      ...(inputTransform ? { inputTransform } : {}),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    detach?.();
  }
}

/**
 * The courseworks' error: the percentage of rows of `scores` `[N, K]` whose largest entry (the
 * first on a tie) is not at the label — the notebook's `100 - 100 * (predicted_class ==
 * y).float().sum() / len(y)` with `predicted_class` the argmax. The rows are counted by
 * `argmaxHits` of `@gradkit/nn`, the Trainer's own counter.
 *
 * ```ts
 * percentError([[0.1, 2], [3, -1], [0, 0]], [1, 1, 0]); // 33.333333333333336 (row 1 is wrong)
 * ```
 */
export function percentError(
  scores: Tensor | readonly (readonly number[])[],
  labels: Tensor | ArrayLike<number>,
): number {
  const s = scores instanceof Tensor ? scores : tensor(scores as number[][]);
  const y = labels instanceof Tensor ? labels.data : labels;
  if (s.ndim !== 2 || s.shape[0] !== y.length)
    throw new ShapeError(
      'percentError',
      `expected scores [N, K] and N labels, received scores [${s.shape.join(', ')}] and ${y.length} labels`,
    );
  const wrong = y.length - argmaxHits(s, y);
  return (100 * wrong) / y.length;
}

/** Softmax probabilities `[N, C]` (float64) of a model on `x` (eval mode, no gradients). */
function probabilities(model: Module, x: Tensor, t?: (x: Tensor) => Tensor): Float64Array {
  model.eval();
  const out = noGrad(() => model.call(t ? t(x) : x));
  const [n, c] = out.shape as [number, number];
  const p = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    let m = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < c; j++) m = Math.max(m, out.data[i * c + j]!);
    let s = 0;
    for (let j = 0; j < c; j++) s += p[i * c + j] = Math.exp(out.data[i * c + j]! - m);
    for (let j = 0; j < c; j++) p[i * c + j]! /= s;
  }
  return p;
}

/** The result of a recipe run: the final errors (of the ensemble's average when there are several models). */
export interface RecipeResult {
  trainError: number;
  valError: number;
  /** Seconds of training (all models). */
  seconds: number;
  epochs: number;
  /** The (first) model's history. */
  history: EpochRecord[];
  /** Each ensemble member's seed and final errors (ensembles only). */
  members?: { seed: number; trainError: number; valError: number }[];
}

/**
 * The whole recipe: one model, or `ensemble` models (seeds `seed … seed + ensemble − 1`) whose
 * softmax outputs are averaged (Coursework III). `attach` watches each run (a progress display).
 */
export async function trainRecipe(data: TrainData, o: Recipe, attach?: AttachTrainer): Promise<RecipeResult> {
  if (!Number.isInteger(o.ensemble) || o.ensemble < 1)
    throw new ValueError('trainRecipe', `ensemble must be a positive integer, received ${o.ensemble}`);
  const t0 = performance.now();
  if (o.ensemble === 1) {
    const r = await trainModel(data, o, o.seed, attach);
    const last = r.history[r.history.length - 1];
    return {
      trainError: last?.trainError ?? Number.NaN,
      valError: last?.valError ?? Number.NaN,
      seconds: (performance.now() - t0) / 1000,
      epochs: r.history.length,
      history: r.history,
    };
  }
  const members: { seed: number; trainError: number; valError: number }[] = [];
  let pTrain: Float64Array | null = null;
  let pVal: Float64Array | null = null;
  let history: EpochRecord[] = [];
  for (let k = 0; k < o.ensemble; k++) {
    const seed = o.seed + k;
    const r = await trainModel(data, o, seed, attach, `model ${k + 1}/${o.ensemble}`);
    const last = r.history[r.history.length - 1]!;
    members.push({ seed, trainError: last.trainError, valError: last.valError });
    const pt = probabilities(r.model, data.x, r.inputTransform);
    const pv = probabilities(r.model, data.xVal, r.inputTransform);
    if (!pTrain || !pVal) [pTrain, pVal] = [pt, pv];
    else {
      for (let i = 0; i < pt.length; i++) pTrain[i]! += pt[i];
      for (let i = 0; i < pv.length; i++) pVal[i]! += pv[i];
    }
    if (k === 0) history = r.history;
  }
  const rows = (p: Float64Array, n: number) => fromData(p, [n, p.length / n]);
  return {
    trainError: percentError(rows(pTrain!, data.y.size), data.y),
    valError: percentError(rows(pVal!, data.yVal.size), data.yVal),
    seconds: (performance.now() - t0) / 1000,
    epochs: o.epochs,
    history,
    members,
  };
}

/** The notebook's data: the course's files when they are found, else MNIST-1D generated (said in the report). */
async function notebookData(nb: Notebook): Promise<TrainData> {
  const dir = await courseworkDataDir();
  if (dir) {
    const { loadCourseworkData } =
      await importNodeModule<typeof import('@gradkit/datasets/node')>('@gradkit/datasets/node');
    return courseworkTrainData(loadCourseworkData(dir), `course data ${dir}`);
  }
  nb.print(
    "(train_data_x.npy ... val_data_y.npy are not in the working directory nor in ../shared/data/udl-cm20315, and this run does not download them: training on MNIST-1D generated with the reference generator's default arguments, seed 42)",
  );
  return mnist1dData();
}

/**
 * The coursework notebooks' code from loading the data to the plot (Coursework I–III with the
 * MLP, Convolution II with `model: 'cnn'`): prints the data sizes and one line per epoch as the
 * notebook does, and records `losses_train`, `errors_train`, `losses_val`, `errors_val` (`(n_epoch,)`),
 * `n_epoch`, the plot's `errors_val[-1]` and the baseline line `[37.45, 37.45]`.
 */
export async function runCourseworkNotebook(nb: Notebook, model: 'mlp' | 'cnn' = 'mlp'): Promise<void> {
  const data = await notebookData(nb);
  const [n, d] = data.x.shape as [number, number];
  const m = data.xVal.shape[0]!;
  nb.show('(train_data_x.shape[1],train_data_x.shape[0])', [n, d]);
  nb.print(pyFormat('Train data: %d examples (columns), each of which has %d dimensions (rows)', n, d));
  nb.show('(val_data_x.shape[1],val_data_x.shape[0])', [m, d]);
  nb.print(pyFormat('Validation data: %d examples (columns), each of which has %d dimensions (rows)', m, d));
  if (model === 'mlp') nb.setAll({ D_i: d, D_o: 10, D_1: RECIPE.hidden[0], D_2: RECIPE.hidden[1] });

  // set_seed(1); SGD lr 0.05 momentum 0.9; StepLR(10, 0.5); batches of 100; model.apply(weights_init)
  const n_epoch = nb.steps(RECIPE.epochs);
  nb.set('n_epoch', n_epoch);
  const { trainer } = courseworkTrainer(data, { ...RECIPE, model, epochs: n_epoch }, RECIPE.seed);
  trainer.on('epoch', (r) => {
    nb.show('epoch', r.epoch, { loop: true });
    nb.show('losses_train[epoch]', r.trainLoss, { loop: true });
    nb.show('errors_train[epoch]', r.trainError, { loop: true });
    nb.show('losses_val[epoch]', r.valLoss, { loop: true });
    nb.show('errors_val[epoch]', r.valError, { loop: true });
    nb.print(
      pyFormat(
        'Epoch %5d, train loss %.6f, train error %3.2f, val loss %.6f, percent error %3.2f',
        r.epoch,
        r.trainLoss,
        r.trainError,
        r.valLoss,
        r.valError,
      ),
    );
  });
  const history = await trainer.fit();
  const column = (k: 'trainLoss' | 'trainError' | 'valLoss' | 'valError') =>
    tensor(
      history.map((h) => h[k]),
      { dtype: 'float64' },
    );
  const errors_val = column('valError');
  nb.setAll({
    losses_train: column('trainLoss'),
    errors_train: column('trainError'),
    losses_val: column('valLoss'),
    errors_val,
  });
  // the plot: its title 'Validation Result %3.2f' % errors_val[-1], and the original result's dotted line
  nb.show('errors_val[-1]', history.length ? errors_val.data[history.length - 1] : Number.NaN);
  nb.show('[37.45, 37.45]', [COURSEWORK_BASELINE, COURSEWORK_BASELINE]);
}

/** Coursework II: the pipeline as given (students change only the training hyperparameters). */
export async function run(nb: Notebook): Promise<void> {
  await runCourseworkNotebook(nb);
}
