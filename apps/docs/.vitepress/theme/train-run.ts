// The coursework playground's training run (TrainDemo.vue → train-worker.ts): the coursework
// pipeline of @gradkit/course (coursework-ii's `buildModel`, `courseworkOptimizer`, the Trainer of
// @gradkit/nn, MNIST-1D) with the playground's knobs — the hidden layers' count, width and
// activation, and the learning-rate schedule (constant, the coursework's StepLR(10, 0.5), or
// PyTorch's CosineAnnealingLR) — and the validation set's confusion matrix after training.
// With ReLU and the step schedule it is the coursework's `courseworkTrainer`, bit for bit
// (apps/docs/test/train-run.test.ts).

import { noGrad, RandomState, ValueError } from '@gradkit/core';
import {
  buildModel,
  courseworkOptimizer,
  type TrainData,
} from '@gradkit/course/lessons/coursework-ii/notebook';
import { DataLoader, TensorDataset } from '@gradkit/datasets';
import { crossEntropy } from '@gradkit/losses';
import {
  ELU,
  fuseModules,
  GELU,
  LeakyReLU,
  type Module,
  ReLU,
  SELU,
  type Sequential,
  Sigmoid,
  SiLU,
  Softplus,
  Tanh,
  Trainer,
  type TrainerScheduler,
} from '@gradkit/nn';
import { CosineAnnealingLR, SGD } from '@gradkit/optimizers';

/** The hidden layers' activations on offer (PyTorch's modules of @gradkit/nn, default arguments). */
export const ACTIVATIONS = {
  relu: () => new ReLU(),
  'leaky-relu': () => new LeakyReLU(),
  elu: () => new ELU(),
  selu: () => new SELU(),
  gelu: () => new GELU(),
  silu: () => new SiLU(),
  softplus: () => new Softplus(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
} satisfies Record<string, () => Module>;
export type ActivationName = keyof typeof ACTIVATIONS;
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

/**
 * Learning-rate schedules: `constant`; `step`, the coursework's `StepLR(step_size=10,
 * gamma=0.5)` (halved every 10 epochs); `cosine`, `CosineAnnealingLR(T_max=epochs)` (from the
 * learning rate down to 0 over the run).
 */
export const SCHEDULES = ['constant', 'step', 'cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/** One run's settings (what the demo's controls set). */
export interface PlaygroundSettings {
  epochs: number;
  /** Hidden layers (0: a linear classifier). */
  depth: number;
  /** Units per hidden layer. */
  width: number;
  activation: ActivationName;
  lr: number;
  momentum: number;
  batchSize: number;
  schedule: ScheduleName;
  /**
   * λ of the L2 penalty λ Σⱼ φⱼ² added to the loss (UDL eq. 9.5, Coursework III). Its gradient is
   * 2λφ, so SGD's `weight_decay` is 2λ.
   */
  lambda: number;
  /** The seed of the one RandomState behind the initial weights and the batches' shuffling. */
  seed: number;
}

/** The coursework's settings: 2 × 100 ReLU, SGD lr 0.05 momentum 0.9, StepLR(10, 0.5), batches of 100, seed 1. */
export const PLAYGROUND_DEFAULTS: PlaygroundSettings = {
  epochs: 10,
  depth: 2,
  width: 100,
  activation: 'relu',
  lr: 0.05,
  momentum: 0.9,
  batchSize: 100,
  schedule: 'step',
  lambda: 0,
  seed: 1,
};

/** SGD's `weight_decay` for the penalty λ Σⱼ φⱼ² (its gradient is 2λφ). */
export function sgdWeightDecay(lambda: number): number {
  return 2 * lambda;
}

const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;

/** Checks `s` (a typed error naming the field, what came and what was expected). */
export function checkSettings(s: PlaygroundSettings): void {
  const op = 'playgroundTrainer';
  const bad = (field: string, expected: string) =>
    new ValueError(
      op,
      `settings.${field} must be ${expected}, received ${JSON.stringify(s[field as keyof PlaygroundSettings])}`,
    );
  if (!positiveInt(s.epochs)) throw bad('epochs', 'a positive integer');
  if (!Number.isInteger(s.depth) || s.depth < 0) throw bad('depth', 'a non-negative integer');
  if (!positiveInt(s.width)) throw bad('width', 'a positive integer');
  if (!(s.activation in ACTIVATIONS)) throw bad('activation', `one of ${ACTIVATION_NAMES.join(', ')}`);
  if (!(typeof s.lr === 'number' && s.lr > 0 && Number.isFinite(s.lr))) throw bad('lr', 'a number > 0');
  if (!(typeof s.momentum === 'number' && s.momentum >= 0 && s.momentum < 1))
    throw bad('momentum', 'a number in [0, 1)');
  if (!positiveInt(s.batchSize)) throw bad('batchSize', 'a positive integer');
  if (!SCHEDULES.includes(s.schedule)) throw bad('schedule', `one of ${SCHEDULES.join(', ')}`);
  if (!(typeof s.lambda === 'number' && s.lambda >= 0 && Number.isFinite(s.lambda)))
    throw bad('lambda', 'a number >= 0');
  if (!Number.isInteger(s.seed) || s.seed < 0) throw bad('seed', 'a non-negative integer');
}

/**
 * The coursework's `courseworkTrainer` with the playground's settings: one `RandomState(seed)`
 * draws the network's weights (coursework-ii's `buildModel`: `D → width × depth → 10`, He
 * weights, the chosen activation after each hidden layer) and then shuffles the batches; SGD with
 * momentum and `weight_decay = 2λ`; the schedule stepped once per epoch; the Trainer evaluates
 * the whole training and validation sets after every epoch.
 */
export function playgroundTrainer(
  data: TrainData,
  s: PlaygroundSettings,
): { trainer: Trainer; model: Module } {
  checkSettings(s);
  const rng = new RandomState(s.seed);
  const hidden = Array.from({ length: s.depth }, () => s.width);
  const { model: built } = buildModel(
    { model: 'mlp', hidden, dropout: 0, init: 'notebook' },
    data.x.shape[1]!,
    rng,
  );
  // buildModel puts a ReLU after each hidden layer; the others draw nothing, so swapping them
  // keeps every random draw where the coursework has it
  const seq = built as Sequential;
  if (s.activation !== 'relu')
    for (let i = 0; i < seq.length; i++)
      if (seq.get(i) instanceof ReLU) seq.set(i, ACTIVATIONS[s.activation]());
  const model = fuseModules(seq);
  const o = { lr: s.lr, momentum: s.momentum, weightDecay: sgdWeightDecay(s.lambda) };
  let optimizer: SGD;
  let scheduler: TrainerScheduler | undefined;
  if (s.schedule === 'step')
    ({ optimizer, scheduler } = courseworkOptimizer(model.parameters(), { ...o, stepSize: 10, gamma: 0.5 }));
  else {
    optimizer = new SGD(model.parameters(), o);
    if (s.schedule === 'cosine') scheduler = new CosineAnnealingLR(optimizer, { tMax: s.epochs });
  }
  const trainLoader = new DataLoader({
    dataset: new TensorDataset(data.x, data.y),
    batchSize: s.batchSize,
    shuffle: true,
    rng,
    // each batch is used within its step only: gathered into the same two buffers every step (a
    // fresh ArrayBuffer's memory costs about 14 µs per 4 KB page in Chromium, docs/performance.md)
    reuseBuffers: true,
  });
  const trainer = new Trainer({
    model,
    loss: (out, y) => crossEntropy(out, y),
    optimizer,
    ...(scheduler ? { scheduler } : {}),
    epochs: s.epochs,
    trainLoader,
    trainData: { x: data.x, y: data.y },
    valData: { x: data.xVal, y: data.yVal },
    // each step's forward and loss tensors are dead once the optimizer has stepped: the next
    // step writes into their memory instead of a fresh array's (same bits, no page faults)
    reuseActivations: true,
  });
  return { trainer, model };
}

/**
 * The confusion matrix of `model` on `x` `[N, D]` with labels `y` `[N]`: `counts[t · classes +
 * p]` is the number of examples of true class t predicted as p (the argmax of the scores, the
 * first on a tie, as the Trainer counts its errors), in eval mode without gradients.
 * scikit-learn's `confusion_matrix(y, scores.argmax(1))`, row-major.
 */
export function confusionMatrix(model: Module, x: TrainData['x'], y: TrainData['y'], classes = 10): number[] {
  model.eval();
  const out = noGrad(() => model.call(x));
  const [n, c] = out.shape as [number, number];
  if (n !== y.size || c !== classes)
    throw new ValueError(
      'confusionMatrix',
      `expected scores [${y.size}, ${classes}] for ${y.size} labels, received [${out.shape.join(', ')}]`,
    );
  const counts = new Array<number>(classes * classes).fill(0);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bv = out.data[i * c]!;
    for (let j = 1; j < c; j++) {
      const v = out.data[i * c + j]!;
      if (v > bv || (v !== v && bv === bv)) {
        bv = v;
        best = j;
      }
    }
    const t = y.data[i]!;
    if (!(Number.isInteger(t) && t >= 0 && t < classes))
      throw new ValueError(
        'confusionMatrix',
        `labels must be class indices in [0, ${classes}), received ${t} at ${i}`,
      );
    counts[t * classes + best]! += 1;
  }
  return counts;
}
