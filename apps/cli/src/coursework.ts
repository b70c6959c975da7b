/**
 * The recipe behind `gradkit train` (loaded lazily by commands/train.ts): the CM20315 coursework pipeline (Coursework I–III, Convolution II) on
 * MNIST-1D. Defaults are the notebooks' recipe: a 40-100-100-10 ReLU MLP with He (kaiming-uniform)
 * weights and zero biases, cross-entropy, SGD lr 0.05 momentum 0.9, StepLR(10, 0.5), batch 100
 * shuffled, 50 epochs; `--model cnn` is the figure 10.7 network (Convolution II).
 *
 * Data: `--dataset mnist1d` generates MNIST-1D (default arguments, seed 42: 4000 train / 1000
 * validation); `--dataset course --data DIR` reads the coursework's `train_data_x.npy` `[40, N]`,
 * `train_data_y.npy`, `val_data_x.npy`, `val_data_y.npy` (default DIR `../shared/data/udl-cm20315`).
 *
 * Output: on a TTY a progress bar, otherwise one JSON line per epoch on stderr; stdout gets the
 * history and the final errors; with `--json` the last stdout line is
 * `{"trainError", "valError", "seconds", "epochs"}`. `--plot FILE.svg` writes the coursework's
 * figure (train red, validation blue, the 37.45 % baseline dotted).
 *
 * The improvement recipes of Coursework I–III are options: `--hidden` (widths/depth),
 * `--lr`/`--momentum`/`--step-size`/`--gamma`, `--weight-decay` (L2), `--dropout`, `--augment`
 * (MNIST-1D's translate + noise transforms), `--ensemble K` (average of K models' softmax).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Conv1d, mnist1dConvNet } from '@gradkit/conv';
import { astype, noGrad, RandomState, reshape, type Tensor, ValueError } from '@gradkit/core';
import { augmentMnist1d, DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { loadCourseworkData } from '@gradkit/datasets/node';
import { crossEntropy } from '@gradkit/losses';
import { Dropout, type EpochRecord, init, Linear, type Module, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD, StepLR } from '@gradkit/optimizers';
import { attachProgress } from './progress.js';
import { type CommonOptions, log, UsageError } from './util.js';

/** The coursework's augmentation (`--augment`): `@gradkit/datasets`' `augmentMnist1d`. */
export { augmentMnist1d as augment } from '@gradkit/datasets';
export { COURSEWORK_BASELINE, RECIPE } from './recipe.js';

/** Options of `gradkit train` (also the recipe for the benchmark and the docs). */
export interface TrainOptions extends CommonOptions {
  dataset: 'mnist1d' | 'course';
  data?: string;
  model: 'mlp' | 'cnn';
  epochs: number;
  seed: number;
  lr: number;
  momentum: number;
  batchSize: number;
  stepSize: number;
  gamma: number;
  hidden: number[];
  weightDecay: number;
  dropout: number;
  augment: number;
  ensemble: number;
  init: 'notebook' | 'all';
  plot?: string;
  /** Force the progress display: true = bar, false = JSON lines (default: stderr is a TTY). */
  tty?: boolean;
  /** No progress output at all (benchmarks). */
  quiet?: boolean;
}

/** Training and validation examples as rows, float32 as the notebook (`astype('float32')`). */
export interface TrainData {
  x: Tensor;
  y: Tensor;
  xVal: Tensor;
  yVal: Tensor;
  source: string;
}

/** `../shared/data/udl-cm20315` next to the repository (from the working directory or this file). */
export function defaultCourseDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [
    resolve('../shared/data/udl-cm20315'),
    resolve(here, '../../../../shared/data/udl-cm20315'),
  ])
    if (existsSync(c)) return c;
  return undefined;
}

/** Inputs must be finite: a NaN would only surface later as a NaN loss. `x` is `[N, 40]` rows of a `[40, N]` file. */
function checkFinite(x: Tensor, file: string): void {
  const [n, d] = x.shape as [number, number];
  for (let i = 0; i < x.size; i++) {
    const v = x.data[i]!;
    if (!Number.isFinite(v))
      throw new ValueError(
        'gradkit train',
        `${file} [${d}, ${n}] holds ${v} at [${i % d}, ${Math.floor(i / d)}] (feature ${i % d} of example ${Math.floor(i / d)}); expected finite numbers`,
      );
  }
}

/** Load or generate the data of `--dataset`. */
export function loadTrainData(o: Pick<TrainOptions, 'dataset' | 'data'>): TrainData {
  if (o.dataset === 'mnist1d') {
    if (o.data !== undefined) throw new UsageError('--data applies to --dataset course only');
    const d = makeMnist1d();
    return {
      x: astype(d.x, 'float32'),
      y: d.y,
      xVal: astype(d.xTest, 'float32'),
      yVal: d.yTest,
      source: 'MNIST-1D generated (default arguments, seed 42)',
    };
  }
  const dir = o.data ?? defaultCourseDir();
  if (dir === undefined)
    throw new UsageError(
      '--dataset course needs --data DIR (the default ../shared/data/udl-cm20315 does not exist)',
    );
  if (!existsSync(dir)) throw new UsageError(`--data ${JSON.stringify(dir)}: no such directory`);
  const d = loadCourseworkData(dir);
  checkFinite(d.train.xRows(), join(dir, 'train_data_x.npy'));
  checkFinite(d.val.xRows(), join(dir, 'val_data_x.npy'));
  return {
    x: astype(d.train.xRows(), 'float32'),
    y: d.train.y,
    xVal: astype(d.val.xRows(), 'float32'),
    yVal: d.val.y,
    source: `course data ${dir}`,
  };
}

/** PyTorch's `kaiming_uniform_` weights and zero biases (the notebooks' `weights_init`). */
function heInit(layer: Linear | Conv1d, rng: RandomState): void {
  init.kaimingUniform_(layer.weight, { rng });
  if (layer.bias) init.zeros_(layer.bias);
}

/**
 * The coursework's network. MLP: `D → hidden… → 10` with ReLU (and Dropout(p) after each hidden
 * ReLU when `dropout > 0`). CNN: figure 10.7 (`mnist1dConvNet`). He init as the notebooks'
 * `weights_init`, which only touches `nn.Linear`: with `init: 'notebook'` the Conv1d layers keep
 * PyTorch's default init (Convolution II's code), with `init: 'all'` they get He init too.
 */
export function buildModel(
  o: Pick<TrainOptions, 'model' | 'hidden' | 'dropout' | 'init'>,
  inputDim: number,
  rng: RandomState,
): { model: Module; inputTransform?: (x: Tensor) => Tensor } {
  if (o.model === 'cnn') {
    if (inputDim !== 40)
      throw new UsageError(
        `--model cnn expects signals of length 40 (figure 10.7), the data has ${inputDim} features`,
      );
    const model = mnist1dConvNet({ rng });
    model.apply((m) => {
      if (m instanceof Linear || (o.init === 'all' && m instanceof Conv1d)) heInit(m, rng);
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
    if (m instanceof Linear) heInit(m, rng);
  });
  return { model };
}

/** Softmax probabilities `[N, 10]` of a model on `x` (eval mode, no gradients). */
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

function errorOf(p: Float64Array, y: Tensor): number {
  const n = y.shape[0]!;
  const c = p.length / n;
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (p[i * c + j]! > p[i * c + best]!) best = j;
    if (best !== y.data[i]) wrong++;
  }
  return (100 * wrong) / n;
}

/** One training run of the recipe with `seed`; returns the history and the trained model. */
export async function trainOnce(
  data: TrainData,
  o: Omit<TrainOptions, 'dataset' | 'data'>,
  seed: number,
  label?: string,
): Promise<{
  history: EpochRecord[];
  model: Module;
  inputTransform?: (x: Tensor) => Tensor;
  seconds: number;
}> {
  const rng = new RandomState(seed);
  const { model, inputTransform } = buildModel(o, data.x.shape[1]!, rng);
  const train = augmentMnist1d(data.x, data.y, o.augment, rng);
  const optimizer = new SGD(model.parameters(), {
    lr: o.lr,
    momentum: o.momentum,
    weightDecay: o.weightDecay,
  });
  const scheduler = new StepLR(optimizer, { stepSize: o.stepSize, gamma: o.gamma });
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
  });
  const done = o.quiet
    ? () => {}
    : attachProgress(trainer, {
        epochs: o.epochs,
        ...(label ? { label } : {}),
        ...(o.tty !== undefined ? { tty: o.tty } : {}),
      });
  const onSigint = () => {
    done();
    log('interrupted');
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
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
    process.off('SIGINT', onSigint);
    done();
  }
}

/** Result of `gradkit train` (the `--json` object is its first four fields). */
export interface TrainResult {
  trainError: number;
  valError: number;
  seconds: number;
  epochs: number;
  history: EpochRecord[];
  members?: { seed: number; trainError: number; valError: number }[];
}

/** Run the whole command: one model, or `ensemble` models averaged. */
export async function runTrain(o: TrainOptions): Promise<TrainResult> {
  if (!Number.isInteger(o.ensemble) || o.ensemble < 1)
    throw new ValueError('gradkit train', `--ensemble must be a positive integer, received ${o.ensemble}`);
  const data = loadTrainData(o);
  log(
    `data: ${data.source}: train ${data.x.shape[0]}×${data.x.shape[1]}, validation ${data.xVal.shape[0]}×${data.xVal.shape[1]}`,
  );
  const t0 = performance.now();
  if (o.ensemble === 1) {
    const r = await trainOnce(data, o, o.seed);
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
    const r = await trainOnce(data, o, seed, `model ${k + 1}/${o.ensemble}`);
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
  return {
    trainError: errorOf(pTrain!, data.y),
    valError: errorOf(pVal!, data.yVal),
    seconds: (performance.now() - t0) / 1000,
    epochs: o.epochs,
    history,
    members,
  };
}
