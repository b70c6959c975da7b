/**
 * UDL Notebook 20.2: Full Batch Gradient Descent (`udlbook/20_2_Full_Batch_Gradient_Descent.md`,
 * book section 20.2.3, figure 20.2), the notebook translated to library calls. MNIST-1D with the
 * reference generator's default arguments (4000 training signals of length 40) and four ReLU
 * networks of about 15 000 parameters each: one hidden layer of 298 units, two of 100, three of 75
 * and four of 63 (the TODOs). Each is He-initialized and trained by plain gradient descent on the
 * whole training set at once (a `DataLoader` with `batch_size=4000`, no shuffling), cross-entropy,
 * learning rate 0.0025, no momentum: 200 000 epochs for the deeper three, 500 000 for the shallow
 * one, recording the training error of every epoch (from the forward pass before the update).
 * All four reach zero training error without any stochasticity; the deeper ones need fewer
 * epochs.
 *
 * Seeds: the notebook seeds nothing PyTorch uses. Here one `RandomState(1)` stands for PyTorch's
 * generator and draws in the notebook's order: the default init of the four models as their cell
 * builds them (1, 2, 3, 4 layers), then `model.apply(weights_init)` in each training cell, in the
 * cells' order (4, 3, 2, 1 layers). Full-batch training draws nothing else, so every model's
 * starting weights are known before any training starts: the four trainings are independent and
 * run on worker threads (`parallelMap` of `@gradkit/core/node`), the result the same as one after
 * another.
 *
 * ```ts
 * import * as fb from '@gradkit/course/lessons/20-2-full-batch-gradient-descent/notebook';
 * const r = fb.trainNetwork({ layers: 2, nEpoch: 100 });  // { errorsTrain: Float64Array(100), … }
 * ```
 */
import { astype, RandomState, StepBuffers, type Tensor, transpose, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { makeMnist1d } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { fuseModules, init, Linear, type Module, ReLU, Sequential } from '@gradkit/nn';
import { SGD } from '@gradkit/optimizers';
import { importNodeModule } from '../../src/node-import.js';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's sizes: `D_i = 40` inputs, `D_o = 10` classes. */
export const D_I = 40;
export const D_O = 10;

/** Hidden units per layer of the networks with 1, 2, 3 and 4 hidden layers (the notebook and its TODOs). */
export const HIDDEN_UNITS: Readonly<Record<1 | 2 | 3 | 4, number>> = Object.freeze({
  1: 298,
  2: 100,
  3: 75,
  4: 63,
});

/** The notebook's epochs per network (`n_epoch` of its training cells). */
export const N_EPOCH: Readonly<Record<1 | 2 | 3 | 4, number>> = Object.freeze({
  1: 500000,
  2: 200000,
  3: 200000,
  4: 200000,
});

/** The notebook's `lr = 0.0025`, `momentum = 0.0`. */
export const LR = 0.0025;

/** The seed of the generator standing for PyTorch's. */
export const SEED = 1;

/** The training cells' order: four layers first, one layer last. */
export const TRAINING_ORDER: readonly (1 | 2 | 3 | 4)[] = Object.freeze([4, 3, 2, 1]);

/** The networks' depths. */
export type Depth = 1 | 2 | 3 | 4;

function checkDepth(op: string, layers: unknown): asserts layers is Depth {
  if (layers !== 1 && layers !== 2 && layers !== 3 && layers !== 4)
    throw new ValueError(op, `layers must be 1, 2, 3 or 4 hidden layers, received ${show(layers)}`);
}

/** The widths of a network: `[40, D, …, D, 10]` with `layers` hidden layers of `hidden` units. */
export function widthsOf(layers: number, hidden: number): number[] {
  return [D_I, ...new Array<number>(layers).fill(hidden), D_O];
}

/**
 * A ReLU network `Linear(40, D) → ReLU → … → Linear(D, 10)` with `layers` hidden layers of
 * `hidden` units, PyTorch's default init drawn from `rng`: the notebook's `model_1_layer` …
 * `model_4_layer` (the TODOs) for `hidden = HIDDEN_UNITS[layers]`.
 */
export function makeNetwork(layers: number, hidden: number, rng: RandomState): Sequential {
  if (!Number.isInteger(layers) || layers < 1)
    throw new ValueError('makeNetwork', `layers must be a positive integer, received ${show(layers)}`);
  if (!Number.isInteger(hidden) || hidden < 1)
    throw new ValueError('makeNetwork', `hidden must be a positive integer, received ${show(hidden)}`);
  const w = widthsOf(layers, hidden);
  const modules: Module[] = [];
  for (let i = 0; i + 1 < w.length; i++) {
    if (i > 0) modules.push(new ReLU());
    modules.push(new Linear(w[i]!, w[i + 1]!, { rng }));
  }
  return new Sequential(...modules);
}

/** The notebook's `weights_init` on every `nn.Linear` of `model`: `kaiming_uniform_` weights, zero biases. */
export function weightsInit(model: Module, rng: RandomState): void {
  model.apply((m) => {
    if (m instanceof Linear) {
      init.kaimingUniform_(m.weight, { rng });
      if (m.bias) init.zeros_(m.bias);
    }
  });
}

/**
 * The width `D` whose network of `layers` hidden layers has the parameter count closest to
 * `target` (the smaller on a tie): how the notebook chose 100, 75 and 63 units, to match the
 * 15 208 parameters of one hidden layer of 298.
 */
export function matchingWidth(layers: number, target: number): number {
  if (!Number.isInteger(layers) || layers < 1)
    throw new ValueError('matchingWidth', `layers must be a positive integer, received ${show(layers)}`);
  if (!(typeof target === 'number' && Number.isFinite(target) && target > 0))
    throw new ValueError('matchingWidth', `target must be a positive number, received ${show(target)}`);
  let best = 1;
  for (let d = 2; countParameters(layers, d - 1) < target; d++)
    if (Math.abs(countParameters(layers, d) - target) < Math.abs(countParameters(layers, best) - target))
      best = d;
  return best;
}

/** The number of weights and biases of a network with `layers` hidden layers of `hidden` units. */
export function countParameters(layers: number, hidden: number): number {
  const w = widthsOf(layers, hidden);
  let n = 0;
  for (let i = 0; i + 1 < w.length; i++) n += w[i]! * w[i + 1]! + w[i + 1]!;
  return n;
}

/**
 * The four networks as the notebook has them when each training cell starts: built in the model
 * cell's order (1, 2, 3, 4 layers, PyTorch's default init), then re-initialized by `weights_init`
 * in the training cells' order (4, 3, 2, 1), all from one `RandomState(seed)`.
 */
export function notebookModels(seed: number = SEED): Record<Depth, Sequential> {
  const rng = new RandomState(seed);
  const models = {} as Record<Depth, Sequential>;
  for (const d of [1, 2, 3, 4] as const) models[d] = makeNetwork(d, HIDDEN_UNITS[d], rng);
  for (const d of TRAINING_ORDER) weightsInit(models[d], rng);
  return models;
}

/** The notebook's training data: float32 rows (`x_train`) and labels (`y_train`). */
export interface FullBatchData {
  /** `[4000, 40]` float32. */
  x: Tensor;
  /** `[4000]` int32. */
  y: Tensor;
  /** The notebook's `train_data_x` shape, `[40, 4000]`. */
  trainDataXShape: [number, number];
}

let cached: FullBatchData | null = null;

/** MNIST-1D with default arguments (seed 42), the notebook's `x_train`, `y_train`. Computed once per thread. */
export function fullBatchData(): FullBatchData {
  if (cached) return cached;
  const d = makeMnist1d();
  const trainDataX = transpose(d.x); // the notebook's train_data_x = data['x'].transpose()
  cached = {
    x: astype(transpose(trainDataX), 'float32'),
    y: astype(d.y, 'int32'),
    trainDataXShape: [trainDataX.shape[0]!, trainDataX.shape[1]!],
  };
  return cached;
}

/**
 * The notebook's error line: `100 - 100 * (predicted == y).float().sum() / len(y)`, in float32 as
 * PyTorch computes it (`correct` of `n` examples).
 */
export function errorPercent(correct: number, n: number): number {
  const f = Math.fround;
  return f(100 - f(f(100 * correct) / n));
}

/** The notebook's progress line, `"Epoch %d, errors_train %3.3f"` (displayed every 10 epochs). */
export function epochLine(epoch: number, errorsTrain: number): string {
  return pyFormat('Epoch %d, errors_train %3.3f', epoch, errorsTrain);
}

/**
 * The notebook's `train_model(model, train_data_x, train_data_y, n_epoch)` after `weights_init`:
 * each epoch one full-batch step — forward, cross-entropy, the error of that forward pass
 * (`errors_train[epoch]`), backward, `SGD(lr=0.0025, momentum=0)` — on the float32 data. Returns
 * `errors_train` (percent, every epoch). `onStep` (optional) sees each epoch's loss and error.
 */
export function trainModel(
  model: Module,
  data: FullBatchData,
  nEpoch: number,
  onStep?: (epoch: number, loss: number, error: number) => void,
): Float64Array {
  if (!Number.isInteger(nEpoch) || nEpoch < 0)
    throw new ValueError('trainModel', `nEpoch must be a non-negative integer, received ${show(nEpoch)}`);
  const net = fuseModules(model); // Linear → ReLU pairs as one layer: the same numbers, faster
  const optimizer = new SGD(net.parameters(), { lr: LR, momentum: 0 });
  const { x, y } = data;
  const n = y.size;
  const k = D_O;
  const labels = y.data;
  const errors = new Float64Array(nEpoch);
  // each step's forward writes into the last step's memory (the same numbers; the full batch's
  // activations are megabytes, which fresh memory pays for in page faults)
  const steps = new StepBuffers();
  for (let epoch = 0; epoch < nEpoch; epoch++) {
    optimizer.zeroGrad();
    const [pred, loss] = steps.run(() => {
      const out = net.forward(x);
      return [out, crossEntropy(out, y)] as const;
    });
    // torch.max(pred.data, 1): the first maximum of each row
    const p = pred.data;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestValue = p[i * k]!;
      for (let j = 1; j < k; j++) {
        const v = p[i * k + j]!;
        if (v > bestValue) {
          bestValue = v;
          best = j;
        }
      }
      if (best === labels[i]) correct++;
    }
    errors[epoch] = errorPercent(correct, n);
    if (onStep) onStep(epoch, loss.item() as number, errors[epoch]!);
    loss.backward();
    optimizer.step();
  }
  return errors;
}

/** One network's job (plain data: it crosses threads). */
export interface NetworkJob {
  /** Hidden layers, 1–4. */
  layers: Depth;
  /** Epochs (default: the notebook's, {@link N_EPOCH}). */
  nEpoch?: number;
  /** The generator's seed (default {@link SEED}). */
  seed?: number;
}

/** What one network's training gives back. */
export interface NetworkResult {
  layers: Depth;
  hidden: number;
  parameters: number;
  /** `errors_train`: the training error (%) of every epoch. */
  errorsTrain: Float64Array;
  /** Seconds of training. */
  seconds: number;
}

/** Trains one of the notebook's networks from the weights it has when its training cell starts. */
export function trainNetwork(job: NetworkJob): NetworkResult {
  checkDepth('trainNetwork', job.layers);
  const nEpoch = job.nEpoch ?? N_EPOCH[job.layers];
  const model = notebookModels(job.seed ?? SEED)[job.layers];
  const t0 = performance.now();
  const errorsTrain = trainModel(model, fullBatchData(), nEpoch);
  return {
    layers: job.layers,
    hidden: HIDDEN_UNITS[job.layers],
    parameters: countParameters(job.layers, HIDDEN_UNITS[job.layers]),
    errorsTrain,
    seconds: (performance.now() - t0) / 1000,
  };
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
 * The four trainings (`jobs`, in the notebook's order by default) on worker threads, the longest
 * first; results in the order of `jobs`. `threads` defaults to every core where workers can load
 * this module, else 1 (one after another in this thread).
 */
export async function trainAll(
  jobs: readonly NetworkJob[] = TRAINING_ORDER.map((layers) => ({ layers })),
  options: { threads?: number; onResult?: (r: NetworkResult, index: number) => void } = {},
): Promise<NetworkResult[]> {
  const threads = Math.min(options.threads ?? (await workerThreads()), jobs.length);
  const results: NetworkResult[] = new Array(jobs.length);
  if (threads <= 1) {
    for (let i = 0; i < jobs.length; i++) {
      results[i] = trainNetwork(jobs[i]!);
      options.onResult?.(results[i]!, i);
    }
    return results;
  }
  const { parallelMap } = await importNodeModule<typeof import('@gradkit/core/node')>('@gradkit/core/node');
  await parallelMap<NetworkJob, NetworkResult>(import.meta.url, 'trainNetwork', jobs, {
    threads,
    priority: (j) => (j.nEpoch ?? N_EPOCH[j.layers]) * countParameters(j.layers, HIDDEN_UNITS[j.layers]),
    onResult: (i, r) => {
      results[i] = r as NetworkResult;
      options.onResult?.(results[i]!, i);
    },
  });
  return results;
}

/** The notebook's names of the four error curves. */
export const ERRORS_NAME: Readonly<Record<Depth, string>> = Object.freeze({
  1: 'errors_one_layer',
  2: 'errors_two_layers',
  3: 'errors_three_layers',
  4: 'errors_four_layers',
});

/**
 * The notebook, top to bottom: the data sizes, the four training cells (each prints "This is
 * going to take a long time!" and displays its progress line every 10 epochs, each display
 * clearing the one before: the last stays), and the four error curves of the plot.
 */
export async function run(nb: Notebook, options: { threads?: number } = {}): Promise<void> {
  const data = fullBatchData();
  nb.show("len(data['y'])", data.y.size);
  nb.print(`Examples in training set: ${data.y.size}`);
  nb.show("data['x'].shape[-1]", data.x.shape[1]);
  nb.print(`Length of each example: ${data.x.shape[1]}`);
  nb.setAll({ D_i: D_I, D_o: D_O });
  const [rows, cols] = data.trainDataXShape;
  nb.show('(train_data_x.shape[1],train_data_x.shape[0])', [cols, rows]);
  nb.print(pyFormat('Train data: %d examples (columns), each of which has %d dimensions (rows)', cols, rows));
  for (const d of [1, 2, 3, 4] as const)
    nb.show(`count_parameters(model_${d}_layer)`, countParameters(d, HIDDEN_UNITS[d]));

  const jobs = TRAINING_ORDER.map((layers) => ({ layers, nEpoch: nb.steps(N_EPOCH[layers]) }));
  const results = await trainAll(jobs, options);
  for (const r of results) {
    const nEpoch = r.errorsTrain.length;
    nb.print('This is going to take a long time!');
    if (nEpoch > 0) {
      const shown = Math.floor((nEpoch - 1) / 10) * 10; // the last display left by clear_output
      nb.show('epoch', shown, { loop: true });
      nb.print(epochLine(shown, r.errorsTrain[shown]!));
    }
    nb.set(ERRORS_NAME[r.layers], r.errorsTrain);
    nb.show(`${ERRORS_NAME[r.layers]}[-1]`, r.errorsTrain[nEpoch - 1] ?? Number.NaN);
  }
}

/** A recorded run of the four trainings (the figure's data, `recorded-run.ts`). */
export interface RecordedRun {
  /** The fraction of the notebook's epochs that ran. */
  scale: number;
  /** Errors kept every `every` epochs (and the last). */
  every: number;
  seconds: number;
  threads: number;
  runs: { layers: Depth; nEpoch: number; errors: number[] }[];
}
