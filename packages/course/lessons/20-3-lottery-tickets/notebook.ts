/**
 * UDL Notebook 20.3: Lottery tickets (`udlbook/20_3_Lottery_Tickets.md`, book section 20.2.7),
 * the notebook translated to library calls. Iterative magnitude pruning with rewinding (Frankle &
 * Carbin, 2018) on MNIST-1D: a residual MLP 40 → 500 → 500 → 10 whose three linear layers carry a
 * binary mask over their weights and biases, trained by MNIST-1D's `train_model` (Adam lr 2e-2, 1501
 * steps of 100 examples taken in order, evaluated every 100 steps, a checkpoint every 1000), then
 * pruned layer by layer (the `percent_sparse` smallest magnitudes of the step-1000 checkpoint set to
 * zero), rewound to the initial weights and retrained, for 100 sparsities `linspace(0, 1, 100)`.
 *
 * Seeds: the notebook calls `mnist1d.set_seed(42)` before building the network; PyTorch's stream
 * cannot be reproduced, so here `RandomState(42)` draws PyTorch's default `Linear` initialization
 * (`U(-1/√fan_in, 1/√fan_in)` for weights and biases) in the same order. Nothing else is random:
 * `train_model` walks the training set in order. The numbers therefore differ from a PyTorch run
 * by the initial weights only; `notebook.test.ts` checks them against PyTorch's seed-to-seed spread.
 */
import {
  argmax,
  argsort,
  linspace,
  noGrad,
  RandomState,
  type Tensor,
  tensor,
  ValueError,
} from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { mnist1dTemplates } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import { Linear, Module, relu } from '@gradkit/nn';
import { Adam } from '@gradkit/optimizers';
import { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';
import { mnist1dData, type TrainData } from '../coursework-ii/notebook.js';

/**
 * The notebook's `model_args`: MNIST-1D's `get_model_args()` with `total_steps = 1501`,
 * `hidden_size = 500`, `print_every = 5000`, `eval_every = 100`, `learning_rate = 2e-2`.
 */
export const MODEL_ARGS = {
  inputSize: 40,
  outputSize: 10,
  hiddenSize: 500,
  learningRate: 2e-2,
  weightDecay: 0,
  batchSize: 100,
  totalSteps: 1501,
  printEvery: 5000,
  evalEvery: 100,
  checkpointEvery: 1000,
  seed: 42,
} as const;

/** `num_retrains`: the number of sparsities in `sparsity_schedule = np.linspace(0, 1., num_retrains)`. */
export const NUM_RETRAINS = 100;

export type ModelArgs = { -readonly [K in keyof typeof MODEL_ARGS]: number };

/**
 * The TODO `get_mask(absolute_weights, percent_sparse)`: a mask of ones with a zero at each of the
 * `int(percent_sparse · n)` smallest scores (ties in index order, as a stable sort gives them).
 * `getMask([5, 6, 0, 1, 7], 0.4)` is `[1, 1, 0, 0, 1]`.
 */
export function getMask(absoluteWeights: Tensor, percentSparse: number): Tensor {
  if (!(percentSparse >= 0 && percentSparse <= 1))
    throw new ValueError('getMask', `percentSparse must be in [0, 1], received ${show(percentSparse)}`);
  const n = absoluteWeights.size;
  const numToDrop = Math.trunc(percentSparse * n); // Python's int() truncates
  const order = argsort(absoluteWeights.reshape([n])).data;
  const mask = new Float32Array(n).fill(1);
  for (let i = 0; i < numToDrop; i++) mask[order[i]!] = 0;
  return tensor(mask, { dtype: 'float32' });
}

/**
 * The notebook's `SparseLinear`: a `Linear` layer and a mask over its parameters flattened into one
 * vector (weight row by row, then bias). Every forward pass first zeroes the masked entries.
 */
export class SparseLinear extends Module {
  declare linear: Linear;
  mask: Float32Array;

  constructor(xSize: number, ySize: number, rng: RandomState) {
    super();
    this.registerModule('linear', new Linear(xSize, ySize, { rng }));
    this.mask = new Float32Array(xSize * ySize + ySize).fill(1);
  }

  forward(x: Tensor): Tensor {
    this.applyMask();
    return this.linear.call(x);
  }

  /** `update_mask`: take a new mask and apply it. */
  updateMask(newMask: Float32Array): void {
    this.mask = newMask;
    this.applyMask();
  }

  /** `apply_mask`: `vec2param(param2vec())`, in place. */
  applyMask(): void {
    let k = 0;
    for (const p of this.parameters()) {
      const d = p.data as Float32Array;
      for (let i = 0; i < d.length; i++, k++) if (this.mask[k] === 0) d[i] = 0;
    }
  }

  /** `param2vec`: the masked parameters as one vector (a copy). */
  param2vec(): Float32Array {
    const out = new Float32Array(this.mask.length);
    let k = 0;
    for (const p of this.parameters()) {
      const d = p.data as Float32Array;
      for (let i = 0; i < d.length; i++, k++) out[k] = this.mask[k]! * d[i]!;
    }
    return out;
  }

  /** `vec2param`: write a vector back into the parameters. */
  vec2param(vec: Float32Array): void {
    let k = 0;
    for (const p of this.parameters()) {
      (p.data as Float32Array).set(vec.subarray(k, k + p.size));
      k += p.size;
    }
  }
}

/** The notebook's `SparseMLP`: `h = relu(l1(x)); h = h + relu(l2(h)); l3(h)` with sparse layers. */
export class SparseMLP extends Module {
  declare linear1: SparseLinear;
  declare linear2: SparseLinear;
  declare linear3: SparseLinear;
  readonly sizes: readonly [number, number, number];

  constructor(inputSize: number, outputSize: number, hiddenSize: number, rng: RandomState) {
    super();
    this.sizes = [inputSize, outputSize, hiddenSize];
    this.registerModule('linear1', new SparseLinear(inputSize, hiddenSize, rng));
    this.registerModule('linear2', new SparseLinear(hiddenSize, hiddenSize, rng));
    this.registerModule('linear3', new SparseLinear(hiddenSize, outputSize, rng));
  }

  get layers(): SparseLinear[] {
    return [this.linear1, this.linear2, this.linear3];
  }

  forward(x: Tensor): Tensor {
    let h = relu(this.linear1.call(x));
    h = h.add(relu(this.linear2.call(h)));
    return this.linear3.call(h);
  }

  getLayerMasks(): Float32Array[] {
    return this.layers.map((l) => l.mask);
  }

  setLayerMasks(newMasks: Float32Array[]): void {
    this.layers.forEach((l, i) => l.updateMask(newMasks[i]!));
  }

  getLayerVecs(): Float32Array[] {
    return this.layers.map((l) => l.param2vec());
  }

  setLayerVecs(vecs: Float32Array[]): void {
    this.layers.forEach((l, i) => l.vec2param(vecs[i]!));
  }

  /** `copy.deepcopy(model)`: the same parameters and masks in a new network. */
  deepcopy(): SparseMLP {
    const [i, o, h] = this.sizes;
    const copy = new SparseMLP(i, o, h, new RandomState(0));
    const src = this.parameters();
    copy.parameters().forEach((p, k) => (p.data as Float32Array).set(src[k]!.data as Float32Array));
    copy.layers.forEach((l, k) => {
      l.mask = this.layers[k]!.mask.slice();
    });
    return copy;
  }
}

/** The data `train_model` takes: training signals and labels, test signals and labels. */
export type LotteryData = Pick<TrainData, 'x' | 'y' | 'xVal' | 'yVal'>;

/** What MNIST-1D's `train_model` returns. */
export interface TrainResults {
  checkpoints: SparseMLP[];
  trainLosses: number[];
  testLosses: number[];
  trainAcc: number[];
  testAcc: number[];
}

/** The percent of rows of `logits` whose argmax equals the target. */
function percentCorrect(logits: Tensor, targets: Tensor): number {
  const preds = argmax(logits, { axis: -1 }).data;
  let right = 0;
  for (let i = 0; i < targets.size; i++) if (preds[i] === targets.data[i]) right++;
  return (100 * right) / targets.size;
}

/** MNIST-1D's `accuracy(model, inputs, targets)`: percent of argmax predictions equal to the targets. */
export function accuracy(model: Module, inputs: Tensor, targets: Tensor): number {
  return percentCorrect(model.call(inputs), targets);
}

/**
 * MNIST-1D's `train_model(dataset, model, args)`: Adam, cross-entropy, `total_steps + 1` steps on
 * the batches `x_train[bix:bix+batch_size]`, `bix = step·batch_size mod N`; every `eval_every`
 * steps the test loss and the train and test accuracies; every `checkpoint_every` steps a copy.
 */
export function trainModel(data: LotteryData, model: SparseMLP, args: ModelArgs): TrainResults {
  const optimizer = new Adam(model.parameters(), { lr: args.learningRate, weightDecay: args.weightDecay });
  const n = data.y.size;
  const results: TrainResults = {
    checkpoints: [],
    trainLosses: [],
    testLosses: [],
    trainAcc: [],
    testAcc: [],
  };
  for (let step = 0; step < args.totalSteps + 1; step++) {
    const bix = (step * args.batchSize) % n;
    const end = Math.min(bix + args.batchSize, n);
    const x = data.x.index(`${bix}:${end}`);
    const y = data.y.index(`${bix}:${end}`);
    const loss = crossEntropy(model.call(x), y);
    results.trainLosses.push(loss.item());
    loss.backward();
    optimizer.step();
    optimizer.zeroGrad();
    if (args.evalEvery > 0 && step % args.evalEvery === 0)
      noGrad(() => {
        const testOut = model.call(data.xVal); // one forward pass for the test loss and accuracy
        results.testLosses.push(crossEntropy(testOut, data.yVal).item());
        results.trainAcc.push(accuracy(model, data.x, data.y));
        results.testAcc.push(percentCorrect(testOut, data.yVal));
      });
    if (args.checkpointEvery > 0 && step % args.checkpointEvery === 0)
      results.checkpoints.push(model.deepcopy());
  }
  return results;
}

/** `lott_stats`: per retrain (rows), the histories of `train_model`. */
export interface LotteryStats {
  trainLosses: number[][];
  testLosses: number[][];
  trainAccs: number[][];
  testAccs: number[][];
}

/** The progress line `find_lottery_ticket` prints after each retrain. */
export function retrainLine(i: number, percentSparse: number, r: TrainResults): string {
  const max = Math.max(...r.testAcc);
  const mean = r.testAcc.reduce((a, b) => a + b, 0) / r.testAcc.length;
  return pyFormat(
    '\tretrain #%d, sparsity %.2f, final_train_loss %.3e, max_acc %.1f, last_acc %.1f, mean_acc %.1f',
    i + 1,
    percentSparse,
    r.trainLosses[r.trainLosses.length - 1]!,
    max,
    r.testAcc[r.testAcc.length - 1]!,
    mean,
  );
}

/**
 * `find_lottery_ticket(model, dataset, args, sparsity_schedule)`: for each sparsity, score the
 * current (masked) parameters by magnitude, mask the smallest of each layer, rewind to the initial
 * parameters, retrain, and continue from the last checkpoint. `onRetrain` sees each retrain.
 */
export function findLotteryTicket(
  model: SparseMLP,
  dataset: LotteryData,
  args: ModelArgs,
  sparsitySchedule: number[],
  onRetrain?: (i: number, percentSparse: number, r: TrainResults) => void,
): { models: SparseMLP[]; stats: LotteryStats } {
  const criteriaFn = (_init: Float32Array, final: Float32Array) =>
    tensor(final.map(Math.abs), { dtype: 'float32' });
  const initParams = model.getLayerVecs();
  const stats: LotteryStats = { trainLosses: [], testLosses: [], trainAccs: [], testAccs: [] };
  const models: SparseMLP[] = [];
  sparsitySchedule.forEach((percentSparse, i) => {
    const finalParams = model.getLayerVecs();
    const scores = initParams.map((ip, k) => criteriaFn(ip, finalParams[k]!));
    const masks = scores.map((s) => getMask(s, percentSparse).data as Float32Array);
    model.setLayerVecs(initParams);
    model.setLayerMasks(masks);
    const results = trainModel(dataset, model, args);
    model = results.checkpoints[results.checkpoints.length - 1]!;
    stats.trainLosses.push(results.trainLosses);
    stats.testLosses.push(results.testLosses);
    stats.trainAccs.push(results.trainAcc);
    stats.testAccs.push(results.testAcc);
    onRetrain?.(i, percentSparse, results);
    models.push(model.deepcopy());
  });
  return { models, stats };
}

/** The fraction of masked parameters of a network (0 dense, 1 all pruned). */
export function maskSparsity(model: SparseMLP): number {
  let zeros = 0;
  let total = 0;
  for (const m of model.getLayerMasks()) {
    total += m.length;
    for (const v of m) if (v === 0) zeros++;
  }
  return zeros / total;
}

/**
 * The notebook's settings at `nb.steps` scale: `total_steps`, `eval_every`, `checkpoint_every` and
 * `num_retrains` shrink together, so a scaled run keeps the notebook's shape (evaluations through
 * training, the checkpoint two thirds of the way, a schedule from 0 to 1). `eval_every` and
 * `checkpoint_every` stay at least 10 steps: an evaluation (5000 signals) costs as much as ~8
 * training steps, and a tiny run would otherwise spend its time evaluating.
 */
export function scaledSettings(nb: Pick<Notebook, 'steps'>): { args: ModelArgs; numRetrains: number } {
  return {
    args: {
      ...MODEL_ARGS,
      totalSteps: nb.steps(MODEL_ARGS.totalSteps),
      evalEvery: nb.steps(MODEL_ARGS.evalEvery, 10),
      checkpointEvery: nb.steps(MODEL_ARGS.checkpointEvery, 10),
    },
    numRetrains: nb.steps(NUM_RETRAINS, 2),
  };
}

/** The data of the notebook's two plots: per sparsity, the test loss and accuracy after the last step. */
/** The scale of the notebook's settings the page's figures are drawn at (recorded-run.ts). */
export const FIGURE_SCALE = 0.1;

export interface LotteryCurves {
  sparsitySchedule: number[];
  testLosses: number[];
  testAccs: number[];
}

/**
 * The prune-and-retrain cycle at `scale` (the settings of {@link scaledSettings}), from
 * `RandomState(42)`, reduced to the plots' data; `onRetrain` sees each retrain.
 */
export function lotteryCurves(
  scale: number,
  data: LotteryData = mnist1dData(),
  onRetrain?: (i: number, percentSparse: number, r: TrainResults) => void,
): LotteryCurves & { models: SparseMLP[]; stats: LotteryStats; args: ModelArgs } {
  const { args, numRetrains } = scaledSettings(new Notebook({ scale }));
  const sparsitySchedule = Array.from(linspace(0, 1, numRetrains).data as Float64Array);
  const model = new SparseMLP(args.inputSize, args.outputSize, args.hiddenSize, new RandomState(args.seed));
  const { models, stats } = findLotteryTicket(model, data, args, sparsitySchedule, onRetrain);
  return {
    sparsitySchedule,
    testLosses: stats.testLosses.map((h) => h[h.length - 1]!),
    testAccs: stats.testAccs.map((h) => h[h.length - 1]!),
    models,
    stats,
    args,
  };
}

/** The notebook top to bottom: the data sizes, the prune-and-retrain cycle, the two plots' data. */
export function run(nb: Notebook): void {
  const data = mnist1dData();
  const templatesY = mnist1dTemplates().y.size; // len(data['templates']['y'])
  nb.show("len(data['y'])", data.y.size);
  nb.print(`Examples in training set: ${data.y.size}`);
  nb.show("len(data['y_test'])", data.yVal.size);
  nb.print(`Examples in test set: ${data.yVal.size}`);
  nb.show("data['x'].shape[-1]", data.x.shape[1]!);
  nb.print(`Length of each input: ${data.x.shape[1]}`);
  nb.show("len(data['templates']['y'])", templatesY);
  nb.print(`Number of classes: ${templatesY}`);

  const { args, numRetrains } = scaledSettings(nb);
  nb.show('model_args.total_steps', args.totalSteps);
  nb.show('model_args.hidden_size', args.hiddenSize);
  nb.show('model_args.eval_every', args.evalEvery);
  nb.show('model_args.checkpoint_every', args.checkpointEvery);
  nb.show('model_args.learning_rate', args.learningRate);
  nb.set('num_retrains', numRetrains);
  nb.print('Magnitude pruning');
  const { sparsitySchedule, testLosses, testAccs, models, stats } = lotteryCurves(
    nb.scale,
    data,
    (i, p, r) => {
      // the values of find_lottery_ticket's progress line
      nb.show('i+1', i + 1, { loop: true });
      nb.show('percent_sparse', p, { loop: true });
      nb.show("results['train_losses'][-1]", r.trainLosses[r.trainLosses.length - 1]!, { loop: true });
      nb.show("np.max(results['test_acc'])", Math.max(...r.testAcc), { loop: true });
      nb.show("results['test_acc'][-1]", r.testAcc[r.testAcc.length - 1]!, { loop: true });
      nb.show("np.mean(results['test_acc'])", r.testAcc.reduce((a, b) => a + b, 0) / r.testAcc.length, {
        loop: true,
      });
      nb.print(retrainLine(i, p, r));
    },
  );
  nb.set('sparsity_schedule', sparsitySchedule);
  nb.show(
    '[1 - m.mean() for m in masks of lott_models]',
    models.map((m) => maskSparsity(m)),
  );
  nb.setAll({ test_losses: testLosses, test_accs: testAccs });
  nb.show("lott_stats['train_losses'].shape", [stats.trainLosses.length, stats.trainLosses[0]?.length ?? 0]);
  nb.show("lott_stats['test_accs'].shape", [stats.testAccs.length, stats.testAccs[0]?.length ?? 0]);
}
