/**
 * UDL Notebook 8.3: Double Descent (`udlbook/8_3_Double_Descent.md`, book section 8.4), the
 * notebook translated to library calls. MNIST-1D with 8000 examples (4000 training, 4000 test),
 * 15% of the training labels replaced by `int(random.random() * 10)` from Python's `random`
 * seeded with 0 (`PythonRandom`), then two-hidden-layer ReLU networks `40 → D → D → 10` of 28
 * widths D, each trained 1000 epochs with SGD (lr 0.01, momentum 0.9) on shuffled batches of 100,
 * cross-entropy loss. The test error first falls, rises to a peak near the width where the
 * network can just memorise the 4000 noisy labels (its weights ≈ the training examples), then
 * falls again: double descent.
 *
 * The widths are independent, so the sweep runs on a pool of worker threads (`parallelMap` of
 * `@gradkit/core/node`), the widest networks first; each width draws its weights and batch order
 * from its own `RandomState(1)`, so the result does not depend on the schedule or the thread
 * count. (The notebook does not seed PyTorch: its weights and batches differ from run to run;
 * `np.random.seed(1)`, called where it builds each DataLoader, seeds nothing PyTorch uses.)
 *
 * ```ts
 * import * as dd from '@gradkit/course/lessons/8-3-double-descent/notebook';
 * const data = dd.doubleDescentData();                    // 4000 + 4000 examples, noisy training labels
 * const r = dd.trainWidth({ nHidden: 50, nEpoch: 20 });    // { totalWeights: 5110, errorsTrain, errorsTest, … }
 * ```
 */
import {
  astype,
  PythonRandom,
  RandomState,
  ShapeError,
  setNumThreads,
  Tensor,
  ValueError,
} from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { DataLoader, makeMnist1d, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { fuseModules, init, Linear, type Module, ReLU, Sequential, Trainer } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's 28 widths (`hidden_variables`). */
export const HIDDEN_VARIABLES: readonly number[] = Object.freeze([
  2, 4, 6, 8, 10, 14, 18, 22, 26, 30, 35, 40, 45, 50, 55, 60, 70, 80, 90, 100, 120, 140, 160, 180, 200, 250,
  300, 400,
]);

/** The notebook's `n_epoch`. */
export const N_EPOCH = 1000;

/** The fraction of training labels the notebook redraws (15%). */
export const LABEL_NOISE = 0.15;

/** The seed of each width's `RandomState` (weights, then batch order): the notebook's `np.random.seed(1)`. */
export const TRAIN_SEED = 1;

/** The notebook's data: float32 signals as rows, int32 labels; the training labels noisy. */
export interface DoubleDescentData {
  /** `[4000, 40]` training signals (`data['x']`). */
  x: Tensor;
  /** `[4000]` training labels after the label noise (`data['y']`). */
  y: Tensor;
  /** `[4000, 40]` test signals (`data['x_test']`). */
  xTest: Tensor;
  /** `[4000]` test labels, untouched (`data['y_test']`). */
  yTest: Tensor;
  /** `[4000]` training labels before the noise. */
  yClean: Tensor;
}

/**
 * The notebook's label-noise loop on a copy of `labels`: for each label in order,
 * `r = random.random()`; when `r < p`, the label becomes `int(random.random() * 10)` (which may be
 * the label it already had). `rng` is Python's `random` (`new PythonRandom(0)` for the notebook's
 * `random.seed(0)`); it is advanced exactly as the notebook advances it.
 */
export function addLabelNoise(labels: ArrayLike<number>, rng: PythonRandom, p = LABEL_NOISE): number[] {
  if (!(typeof p === 'number' && p >= 0 && p <= 1))
    throw new ValueError('addLabelNoise', `p must be a probability in [0, 1], received ${show(p)}`);
  const out = Array.from(labels);
  for (let c = 0; c < out.length; c++) {
    const randomNumber = rng.random();
    if (randomNumber < p) out[c] = Math.trunc(rng.random() * 10);
  }
  return out;
}

let cached: DoubleDescentData | null = null;

/**
 * The notebook's data cell: `get_dataset_args()` with `num_samples = 8000`, `train_split = 0.5`
 * (and the default noise scales it sets again), regenerated (seed 42), then `random.seed(0)` and
 * the 15% label noise on the 4000 training labels. Computed once per thread and shared.
 */
export function doubleDescentData(): DoubleDescentData {
  if (cached) return cached;
  const d = makeMnist1d({ numSamples: 8000, trainSplit: 0.5, corrNoiseScale: 0.25, iidNoiseScale: 2e-2 });
  const noisy = addLabelNoise(d.y.data, new PythonRandom(0));
  cached = {
    x: astype(d.x, 'float32'),
    y: new Tensor(Int32Array.from(noisy), [noisy.length], 'int32'),
    xTest: astype(d.xTest, 'float32'),
    yTest: d.yTest,
    yClean: d.y,
  };
  return cached;
}

/** The notebook's `get_model(n_hidden)`: `40 → D → D → 10` with ReLUs, then `weights_init` (He-uniform weights, zero biases). */
export function getModel(nHidden: number, rng: RandomState): Sequential {
  if (!Number.isInteger(nHidden) || nHidden < 1)
    throw new ValueError('getModel', `nHidden must be a positive integer, received ${show(nHidden)}`);
  const model = new Sequential(
    new Linear(40, nHidden, { rng }),
    new ReLU(),
    new Linear(nHidden, nHidden, { rng }),
    new ReLU(),
    new Linear(nHidden, 10, { rng }),
  );
  model.apply((m) => {
    if (m instanceof Linear) {
      init.kaimingUniform_(m.weight, { rng });
      if (m.bias) init.zeros_(m.bias);
    }
  });
  return model;
}

/** The notebook's `count_parameters(model)`: the number of trainable numbers. */
export function countParameters(model: Module): number {
  return model
    .parameters()
    .filter((p) => p.requiresGrad)
    .reduce((n, p) => n + p.size, 0);
}

/** One line the notebook prints every 100 epochs, as values. */
export interface EpochLine {
  epoch: number;
  lossesTrain: number;
  errorsTrain: number;
  lossesTest: number;
  errorsTest: number;
}

/** The notebook's epoch line, `f'Epoch {epoch:5d}, train loss {losses_train:.6f}, …'`. */
export function epochLine(r: EpochLine): string {
  return pyFormat(
    'Epoch %5d, train loss %.6f, train error %3.2f,  test loss %.6f, test error %3.2f',
    r.epoch,
    r.lossesTrain,
    r.errorsTrain,
    r.lossesTest,
    r.errorsTest,
  );
}

/** What one width's training gives back (plain data: it crosses threads). */
export interface WidthResult {
  nHidden: number;
  /** `count_parameters(model)`. */
  totalWeights: number;
  /** Final training error % (`errors_train` returned by `fit_model`). */
  errorsTrain: number;
  /** Final test error %. */
  errorsTest: number;
  /** The epochs the notebook prints (`epoch % 100 == 0`). */
  printed: EpochLine[];
  /** Test error % after every epoch. */
  testCurve: number[];
  /** Seconds of training. */
  seconds: number;
}

/**
 * The notebook's `fit_model(model, data, n_epoch)`: cross-entropy, `SGD(lr=0.01, momentum=0.9)`,
 * shuffled batches of 100 drawn from `rng`, and after every epoch the loss and error on the whole
 * training and test sets. Returns the final errors, the printed epochs and the test curve.
 */
export async function fitModel(
  model: Module,
  data: DoubleDescentData,
  nEpoch: number,
  rng: RandomState,
): Promise<Omit<WidthResult, 'nHidden' | 'totalWeights'>> {
  if (!Number.isInteger(nEpoch) || nEpoch < 0)
    throw new ValueError('fitModel', `nEpoch must be a non-negative integer, received ${show(nEpoch)}`);
  if (data.x.ndim !== 2 || data.x.shape[1] !== 40)
    throw new ShapeError('fitModel', `data.x must be [N, 40], received [${data.x.shape.join(', ')}]`);
  const net = fuseModules(model); // Linear → ReLU pairs as one layer: the same numbers, faster
  const optimizer = new SGD(net.parameters(), { lr: 0.01, momentum: 0.9 });
  const trainer = new Trainer({
    model: net,
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    epochs: nEpoch,
    trainLoader: new DataLoader({
      dataset: new TensorDataset(data.x, data.y),
      batchSize: 100,
      shuffle: true,
      rng,
      reuseBuffers: true, // each batch is used within its step only
    }),
    trainData: { x: data.x, y: data.y },
    valData: { x: data.xTest, y: data.yTest },
    // each step writes into the last step's memory: the same numbers, less allocation
    reuseActivations: true,
  });
  const printed: EpochLine[] = [];
  const testCurve: number[] = [];
  trainer.on('epoch', (r) => {
    testCurve.push(r.valError);
    if (r.epoch % 100 === 0)
      printed.push({
        epoch: r.epoch,
        lossesTrain: r.trainLoss,
        errorsTrain: r.trainError,
        lossesTest: r.valLoss,
        errorsTest: r.valError,
      });
  });
  const t0 = performance.now();
  const history = await trainer.fit();
  const last = history[history.length - 1];
  return {
    errorsTrain: last?.trainError ?? Number.NaN,
    errorsTest: last?.valError ?? Number.NaN,
    printed,
    testCurve,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** One job of the sweep: a width and the epochs. */
export interface WidthJob {
  nHidden: number;
  nEpoch: number;
  /** Default {@link TRAIN_SEED}. */
  seed?: number;
  /**
   * Threads for this job's large matrix products (`setNumThreads`; default 1): lets the widest
   * networks, the sweep's longest jobs, use the cores the others have finished with. The
   * numbers do not change (each product's elements are summed in the same order).
   */
  gemmThreads?: number;
}

/**
 * One iteration of the notebook's sweep: `get_model(n_hidden)`, `count_parameters`, `fit_model`
 * — with its own `RandomState(seed)`, on the notebook's data. The job `parallelMap` runs in
 * worker threads (exported for it: plain data in, plain data out).
 */
export async function trainWidth(job: WidthJob): Promise<WidthResult> {
  const rng = new RandomState(job.seed ?? TRAIN_SEED);
  const model = getModel(job.nHidden, rng);
  const totalWeights = countParameters(model);
  const gemm = job.gemmThreads ?? 1;
  if (gemm > 1) await setNumThreads(gemm);
  try {
    const r = await fitModel(model, doubleDescentData(), job.nEpoch, rng);
    return { nHidden: job.nHidden, totalWeights, ...r };
  } finally {
    if (gemm > 1) await setNumThreads(1);
  }
}

/** The cost of a width, for scheduling: multiply-adds per example, `40D + D² + 10D` (plus a constant for the per-batch overhead). */
export function widthCost(nHidden: number): number {
  return nHidden * nHidden + 50 * nHidden + 2000;
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** Worker threads (default: every core, when this module can be loaded in a worker; else 1). */
  threads?: number;
  /** Threads for the large matrix products of a width's job (default 1: see {@link WidthJob.gemmThreads}). */
  gemmThreads?: (nHidden: number) => number;
  /** Called with each width's result in the notebook's order, as soon as it and the ones before it are done. */
  onWidth?: (r: WidthResult, index: number) => void;
}

/** Whether worker threads can load this module: Node, and built JavaScript or a TypeScript loader (tsx). */
async function workerThreads(): Promise<number> {
  if (typeof process === 'undefined' || !process.versions?.node) return 1;
  const fromTs = import.meta.url.endsWith('.ts');
  const tsx = process.execArgv.some(
    (a, i, all) => a === '--import=tsx' || (a === '--import' && all[i + 1] === 'tsx'),
  );
  if (fromTs && !tsx) return 1; // e.g. vitest: workers could not load TypeScript
  const os = await importNodeModule<typeof import('node:os')>('node:os');
  return os.availableParallelism();
}

/**
 * The notebook's sweep over `widths` with `nEpoch` epochs each, on worker threads (the widest
 * first); results in the order of `widths`.
 */
export async function sweep(
  widths: readonly number[],
  nEpoch: number,
  options: SweepOptions = {},
): Promise<WidthResult[]> {
  const threads = Math.min(options.threads ?? (await workerThreads()), widths.length);
  const jobs: WidthJob[] = widths.map((nHidden) => ({
    nHidden,
    nEpoch,
    ...(options.gemmThreads ? { gemmThreads: options.gemmThreads(nHidden) } : {}),
  }));
  const results: (WidthResult | undefined)[] = new Array(widths.length);
  let flushed = 0;
  const flush = () => {
    while (flushed < results.length && results[flushed]) {
      options.onWidth?.(results[flushed]!, flushed);
      flushed++;
    }
  };
  if (threads <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      results[i] = await trainWidth(jobs[i]!);
      flush();
    }
    return results as WidthResult[];
  }
  const { parallelMap } = await importNodeModule<typeof import('@gradkit/core/node')>('@gradkit/core/node');
  await parallelMap<WidthJob, WidthResult>(import.meta.url, 'trainWidth', jobs, {
    threads,
    priority: (j) => widthCost(j.nHidden),
    onResult: (i, r) => {
      results[i] = r as WidthResult;
      flush();
    },
  });
  return results as WidthResult[];
}

/** A recorded sweep (the full run's file). */
export interface DoubleDescentRun {
  nEpoch: number;
  hiddenVariables: number[];
  totalWeightsAll: number[];
  /** Final training error % per width. */
  errorsTrain: number[];
  /** Final test error % per width. */
  errorsTest: number[];
  hiddenVariableAtNumTrainingExamples: number;
  seconds: number;
  /** Worker threads of the sweep. */
  threads: number;
  /** Extra matrix-product threads given to some widths (`{ 400: 4 }`), if any. */
  gemmThreads?: Record<string, number>;
  /** Where it ran. */
  machine: string;
}

/**
 * The index of the entry of `totalWeights` closest to `n` (the first on a tie, as `np.argmin`):
 * the notebook's `closest_index`, where the network's weights equal the training examples.
 */
export function closestIndex(totalWeights: ArrayLike<number>, n: number): number {
  let best = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < totalWeights.length; i++) {
    const d = Math.abs(totalWeights[i]! - n);
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

/** Options of {@link run} beyond the notebook's (the CLI passes none). */
export interface RunOptions {
  /** The widths (default: the notebook's 28). */
  widths?: readonly number[];
  /** Worker threads (default: every core where possible). */
  threads?: number;
}

/**
 * The notebook, top to bottom: the data and its label noise, the sweep (each width prints
 * "Training model with … hidden variables" and its epoch lines every 100 epochs), then the plot's
 * values: `errors_train_all`, `errors_test_all` (integers: the notebook stores them in
 * `np.zeros_like(hidden_variables)`, an integer array, so the percentages are truncated),
 * `total_weights_all` and the width whose weights are closest to the 4000 training examples.
 */
export async function run(nb: Notebook, options: RunOptions = {}): Promise<void> {
  nb.show('DEVICE', 'cpu');
  nb.print('Using: cpu');
  const data = doubleDescentData();
  nb.show("len(data['y'])", data.y.size);
  nb.show("len(data['y_test'])", data.yTest.size);
  nb.show("data['x'].shape[-1]", data.x.shape[1]);
  nb.print(`Examples in training set: ${data.y.size}`);
  nb.print(`Examples in test set: ${data.yTest.size}`);
  nb.print(`Dimensionality of each example: ${data.x.shape[1]}`);

  const hidden_variables = [...(options.widths ?? HIDDEN_VARIABLES)];
  const n_epoch = nb.steps(N_EPOCH);
  nb.setAll({ hidden_variables, n_epoch });
  const errors_train_all: number[] = [];
  const errors_test_all: number[] = [];
  const total_weights_all: number[] = [];
  await sweep(hidden_variables, n_epoch, {
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    onWidth: (r) => {
      nb.show('hidden_variables[c_hidden]', r.nHidden, { loop: true });
      nb.print(pyFormat('Training model with %3d hidden variables', r.nHidden));
      for (const line of r.printed) {
        nb.show('epoch', line.epoch, { loop: true });
        nb.show('losses_train', line.lossesTrain, { loop: true });
        nb.show('losses_test', line.lossesTest, { loop: true });
        nb.print(epochLine(line));
      }
      // errors_train, errors_test = fit_model(...); stored into the integer arrays (truncated)
      nb.setAll({ errors_train: r.errorsTrain, errors_test: r.errorsTest });
      total_weights_all.push(r.totalWeights);
      errors_train_all.push(Math.trunc(r.errorsTrain));
      errors_test_all.push(Math.trunc(r.errorsTest));
    },
  });
  nb.setAll({ errors_train_all, errors_test_all, total_weights_all });

  const num_training_examples = data.y.size;
  const closest_index = closestIndex(total_weights_all, num_training_examples);
  const hidden_variable_at_num_training_examples = hidden_variables[closest_index];
  nb.setAll({ num_training_examples, closest_index, hidden_variable_at_num_training_examples });
}
