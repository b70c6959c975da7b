/**
 * `Trainer`: the coursework's training loop (CM20315 Coursework I–III, Convolution II) as a small
 * reusable object, after d2l's `Trainer.fit` and PyTorch's loop. Per step: `optimizer.zeroGrad()`,
 * forward, loss, `backward()`, `optimizer.step()`; per epoch: evaluation of the loss and the
 * error % on the training and validation data under `noGrad` in eval mode, then
 * `scheduler.step()`. Metrics are events (`on('batch')`, `on('epoch')`) that a progress bar or a
 * plot subscribes to; callbacks (`EarlyStopping`, `BestCheckpoint`) can stop training or keep
 * the best weights. Browser-safe: no Node imports.
 *
 * The optimizer and scheduler are duck-typed (`{ step(); zeroGrad() }`, `{ step() }`), so
 * `@gradkit/optimizers`' `SGD` and `StepLR` plug in without nn depending on them.
 */
import {
  backward,
  fromData,
  isGradEnabled,
  noGrad,
  ShapeError,
  StepBuffers,
  Tensor,
  ValueError,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { Module } from './module.js';

/** What the Trainer needs from an optimizer (PyTorch's `step()` / `zero_grad()`). */
export interface TrainerOptimizer {
  step(): unknown;
  /** Called as `zeroGrad({ setToNone: false })`: the gradient buffers are zeroed in place and reused across steps. */
  zeroGrad(options?: { setToNone?: boolean }): void;
  /** Read for the learning rate in the history (group 0), when present. */
  paramGroups?: readonly { lr?: unknown }[];
}

/** What the Trainer needs from a learning-rate scheduler: `step()` once per epoch. */
export interface TrainerScheduler {
  step(): void;
}

/** A loss on (model output, target), e.g. `crossEntropy` from `@gradkit/losses` (mean over the batch). */
export type LossFn = (output: Tensor, target: Tensor) => Tensor;

/** A whole evaluation set: inputs `[N, ...]` and targets `[N]`. */
export interface EvalData {
  x: Tensor;
  y: Tensor;
}

/** Batches `[x, y]`, e.g. a `DataLoader` from `@gradkit/datasets` (a new pass per epoch). */
export type BatchSource = Iterable<readonly Tensor[]>;

/** One epoch of the history. Errors are percentages (100 − accuracy %), as in the coursework. */
export interface EpochRecord {
  /** Epoch index, from 0 (the notebook's `epoch`). */
  epoch: number;
  /** Training loss: mean over the whole training set after the epoch (or the running mean of the batches). */
  trainLoss: number;
  /** Training error %. */
  trainError: number;
  /** Validation loss (NaN without validation data). */
  valLoss: number;
  /** Validation error % (NaN without validation data). */
  valError: number;
  /** Learning rate used during the epoch (group 0; NaN when the optimizer has no `paramGroups`). */
  lr: number;
  /** Wall-clock seconds of the epoch (training and evaluation). */
  seconds: number;
}

/** The `batch` event: after each optimizer step. */
export interface BatchEvent {
  epoch: number;
  /** Batch index within the epoch, from 0. */
  batch: number;
  /** Number of batches per epoch when the source has a `length`, else NaN. */
  batches: number;
  /** This batch's loss. */
  loss: number;
  /** Running mean of the batch losses in this epoch. */
  runningLoss: number;
}

/** Events of a Trainer and their payloads. */
export interface TrainerEvents {
  /** Before the first epoch. */
  start: { epochs: number };
  batch: BatchEvent;
  epoch: EpochRecord;
  /** After the last epoch (or an early stop): the history and why it ended. */
  end: { history: EpochRecord[]; stopReason: string | null };
}

/**
 * A training callback (Keras/Lightning style). Each hook may call `trainer.stop(reason)`.
 */
export interface Callback {
  onTrainBegin?(trainer: Trainer): void;
  onEpochEnd?(trainer: Trainer, record: EpochRecord): void;
  onTrainEnd?(trainer: Trainer, history: EpochRecord[]): void;
}

/** Options of {@link Trainer}. */
export interface TrainerOptions {
  /** The network. Put in train mode for steps and eval mode for evaluation. */
  model: Module | ((x: Tensor) => Tensor);
  /** Loss on (output, target) with mean reduction, e.g. `crossEntropy`. */
  loss: LossFn;
  /** `{ step(); zeroGrad() }`, e.g. `new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 })`. */
  optimizer: TrainerOptimizer;
  /** Stepped once at the end of every epoch, e.g. `new StepLR(opt, { stepSize: 10, gamma: 0.5 })`. */
  scheduler?: TrainerScheduler;
  /** Number of passes over `trainLoader` (a non-negative integer). */
  epochs: number;
  /** Training batches `[x, y]` (a `DataLoader`; shuffle it with a seeded `RandomState`). */
  trainLoader: BatchSource;
  /** Validation set, evaluated after every epoch: `{x, y}` or batches. */
  valData?: EvalData | BatchSource;
  /**
   * The full training set for the per-epoch evaluation (the notebook's "run whole dataset to get
   * statistics"). Default: `trainLoader.dataset.tensors` when the loader exposes it.
   */
  trainData?: EvalData;
  /**
   * Evaluate the loss/error on the whole training set after each epoch, as the coursework does
   * (default true). When false — or when no training set is available — the running mean of the
   * batch losses and the error of the batch predictions are reported instead.
   */
  evalTrainEveryEpoch?: boolean;
  /** Examples per evaluation forward pass (default 4096). */
  evalBatchSize?: number;
  /** Callbacks, run in order after the `epoch` event. */
  callbacks?: Callback[];
  /** Abort training: checked before every batch; `fit()` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Reshape inputs before the model (e.g. `x => x.reshape([-1, 1, 40])` for the Conv1d network,
   * the notebook's `x_batch[:, None, :]`). Applied to training batches and evaluation inputs.
   */
  inputTransform?: (x: Tensor) => Tensor;
  /**
   * Reuse the storage of each step's forward and loss tensors in the next step (`StepBuffers`
   * of `@gradkit/core`), and of each evaluation batch's in the next, instead of fresh memory
   * (default false). The values are the same bits; what changes is the memory: in Chromium a fresh
   * typed array's pages are faulted in on first write (about 14 µs per 4 KB page on this project's
   * machine), which made the coursework MLP's forward three times slower in the page than in
   * Node. Safe when nothing keeps a step's tensors past the step: the trainer keeps none, and
   * modules that update state in place (batch norm) are fine; a model whose forward stores a
   * tensor it computed for later steps must leave this off.
   */
  reuseActivations?: boolean;
}

type Listener<K extends keyof TrainerEvents> = (payload: TrainerEvents[K]) => void;

/** `fn()`, inside `buffers.run` when there are step buffers (`reuseActivations`). */
const within = <T>(buffers: StepBuffers | null, fn: () => T): T => (buffers ? buffers.run(fn) : fn());

const now = (): number => (globalThis.performance ?? Date).now();

/**
 * Let timers (progress bars), messages and abort handlers run: a macrotask turn, browser and Node.
 * Node's `setImmediate`; in browsers a `MessageChannel` message, since a browser clamps nested
 * `setTimeout(0)` to 4 ms (measured: 0.24 s of a 50-epoch run of the coursework MLP in Chromium
 * idle in the clamp).
 */
function macrotask(): Promise<void> {
  const g = globalThis as {
    setImmediate?: (f: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  if (g.setImmediate) return new Promise((resolve) => g.setImmediate!(resolve));
  if (g.MessageChannel) {
    const { port1, port2 } = new g.MessageChannel();
    return new Promise((resolve) => {
      port1.onmessage = () => {
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Row-wise argmax of `[N, C]` logits compared with integer targets: number correct. */
function countCorrect(op: string, out: Tensor, y: Tensor): number {
  if (out.ndim !== 2)
    throw new ShapeError(
      op,
      `the model output must be [N, C] class scores to compute the error, received ${showShape(out.shape)}`,
    );
  const [n, c] = out.shape as [number, number];
  if (y.ndim !== 1 || y.shape[0] !== n)
    throw new ShapeError(
      op,
      `targets must be [N] class indices matching the output ${showShape(out.shape)}, received ${showShape(y.shape)}`,
    );
  return hits(out.data, y.data, n, c);
}

/**
 * Rows of `d` `[n, c]` whose first maximum (a NaN counts as the maximum) is at `t[i]`. One loop
 * for every dtype: fed float32 (training) and float64 (reports) it stays as fast as a copy per
 * dtype (both ~30 µs on 4000 × 10 scores); `argmaxHits` turns plain-array labels into a typed
 * array so the loop never sees more than typed-array element kinds.
 */
function hits(d: ArrayLike<number>, t: ArrayLike<number>, n: number, c: number): number {
  let correct = 0;
  for (let i = 0, b = 0; i < n; i++, b += c) {
    let best = 0;
    let bv = d[b]!;
    for (let j = 1; j < c; j++) {
      const v = d[b + j]!;
      if (v > bv || (v !== v && bv === bv)) {
        bv = v;
        best = j;
      }
    }
    if (best === t[i]) correct++;
  }
  return correct;
}

/**
 * The number of rows of `scores` `[N, C]` whose argmax equals the label: `(scores.argmax(1) ==
 * labels).sum()` in PyTorch, numpy's `argmax` semantics (the first maximum wins, a NaN counts as
 * the maximum). What `Trainer` counts for its error %, and the courseworks' `percentError`.
 *
 * ```ts
 * argmaxHits(tensor([[0.1, 2], [3, -1], [0, 0]]), [1, 1, 0]); // 2 (rows 0 and 2)
 * ```
 */
export function argmaxHits(scores: Tensor, labels: Tensor | ArrayLike<number>): number {
  const op = 'argmaxHits';
  if (!(scores instanceof Tensor))
    throw new ValueError(op, `scores must be a Tensor [N, C], received ${show(scores)}`);
  if (labels instanceof Tensor) return countCorrect(op, scores, labels);
  if (
    labels === null ||
    typeof labels !== 'object' ||
    typeof (labels as ArrayLike<number>).length !== 'number'
  )
    throw new ValueError(
      op,
      `labels must be a Tensor [N] or an array of N class indices, received ${show(labels)}`,
    );
  const y =
    labels instanceof Int32Array || labels instanceof Float64Array ? labels : Float64Array.from(labels);
  return countCorrect(op, scores, fromData(y, [y.length]));
}

/** Rows `[start, end)` of `t` without copying. */
function rows(t: Tensor, start: number, end: number): Tensor {
  const row = t.shape[0] ? t.size / t.shape[0] : 0;
  return fromData(t.data.subarray(start * row, end * row) as typeof t.data, [
    end - start,
    ...t.shape.slice(1),
  ]);
}

function isEvalData(v: unknown): v is EvalData {
  return v != null && typeof v === 'object' && 'x' in v && 'y' in v;
}

/**
 * Trains a model for a number of epochs and records the coursework's metrics per epoch.
 *
 * Per batch (PyTorch's loop): `optimizer.zeroGrad({ setToNone: false })` (gradient buffers reused), `out = model(x)`, `l = loss(out, y)`,
 * `l.backward()`, `optimizer.step()` — a NaN or infinite loss stops training with a `ValueError`
 * naming the epoch and batch. Per epoch: evaluate under `noGrad` in eval mode on the training
 * set (if `evalTrainEveryEpoch`) and the validation set — loss = mean of `loss`, error % =
 * `100 − 100·(#argmax(out) = y)/N` — emit `epoch`, run the callbacks, then `scheduler.step()`.
 * Deterministic given the seeds of the model's init and the loader's `RandomState`.
 *
 * @example
 *   const model = new Sequential(new Linear(40, 100), new ReLU(), new Linear(100, 100), new ReLU(), new Linear(100, 10));
 *   const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
 *   const trainer = new Trainer({
 *     model, loss: crossEntropy, optimizer, scheduler: new StepLR(optimizer, { stepSize: 10, gamma: 0.5 }),
 *     epochs: 50, trainLoader: new DataLoader({ dataset: new TensorDataset(x, y), batchSize: 100, shuffle: true, rng: new RandomState(1) }),
 *     valData: { x: xVal, y: yVal },
 *   });
 *   trainer.on('epoch', (r) => console.log(r.epoch, r.valError));
 *   const history = await trainer.fit(); // [{ epoch, trainLoss, trainError, valLoss, valError, lr, seconds }, ...]
 */
export class Trainer {
  readonly options: Readonly<TrainerOptions>;
  /** One record per finished epoch (filled by `fit`). */
  history: EpochRecord[] = [];
  /** Why training stopped early (set by `stop`), or null. */
  stopReason: string | null = null;
  private readonly listeners: { [K in keyof TrainerEvents]?: Listener<K>[] } = {};
  private stopRequested = false;
  /** With `reuseActivations`: the evaluation batches' storage, reused batch to batch. */
  private readonly evalBuffers: StepBuffers | null;

  constructor(options: TrainerOptions) {
    const op = 'Trainer';
    if (options == null || typeof options !== 'object')
      throw new ValueError(op, `options must be an object, received ${show(options)}`);
    const { model, loss, optimizer, scheduler, epochs, trainLoader } = options;
    if (!(model instanceof Module) && typeof model !== 'function')
      throw new ValueError(op, `options.model must be a Module or a function, received ${show(model)}`);
    if (typeof loss !== 'function')
      throw new ValueError(
        op,
        `options.loss must be a function (output, target) => Tensor, received ${show(loss)}`,
      );
    if (optimizer == null || typeof optimizer.step !== 'function' || typeof optimizer.zeroGrad !== 'function')
      throw new ValueError(
        op,
        `options.optimizer must have step() and zeroGrad() methods, received ${show(optimizer)}`,
      );
    if (scheduler !== undefined && (scheduler == null || typeof scheduler.step !== 'function'))
      throw new ValueError(op, `options.scheduler must have a step() method, received ${show(scheduler)}`);
    if (!Number.isInteger(epochs) || epochs < 0)
      throw new ValueError(op, `options.epochs must be a non-negative integer, received ${show(epochs)}`);
    if (trainLoader == null || typeof (trainLoader as Iterable<unknown>)[Symbol.iterator] !== 'function')
      throw new ValueError(
        op,
        `options.trainLoader must be an iterable of [x, y] batches (a DataLoader), received ${show(trainLoader)}`,
      );
    const ebs = options.evalBatchSize ?? 4096;
    if (!Number.isInteger(ebs) || ebs < 1)
      throw new ValueError(
        op,
        `options.evalBatchSize must be a positive integer, received ${show(options.evalBatchSize)}`,
      );
    const reuse = options.reuseActivations ?? false;
    if (typeof reuse !== 'boolean')
      throw new ValueError(
        op,
        `options.reuseActivations must be true or false, received ${show(options.reuseActivations)}`,
      );
    this.options = { ...options };
    this.evalBuffers = reuse ? new StepBuffers() : null;
  }

  /** Subscribe to an event (`'start' | 'batch' | 'epoch' | 'end'`). Returns an unsubscribe function. */
  on<K extends keyof TrainerEvents>(event: K, fn: Listener<K>): () => void {
    const list = (this.listeners[event] ??= []) as Listener<K>[];
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  private emit<K extends keyof TrainerEvents>(event: K, payload: TrainerEvents[K]): void {
    for (const fn of (this.listeners[event] ?? []) as Listener<K>[]) fn(payload);
  }

  /** Ask training to stop after the current epoch (callbacks call this), recording why. */
  stop(reason: string): void {
    this.stopRequested = true;
    this.stopReason = reason;
  }

  /** The model as a function, in train or eval mode. */
  private forward(x: Tensor): Tensor {
    const m = this.options.model;
    const input = this.options.inputTransform ? this.options.inputTransform(x) : x;
    return m instanceof Module ? m.call(input) : m(input);
  }

  private setMode(training: boolean): void {
    const m = this.options.model;
    if (m instanceof Module) m.train(training);
  }

  /**
   * Mean loss and error % of the model on a dataset, under `noGrad` in eval mode (restores the
   * previous mode). Targets must be class indices `[N]` for the error.
   */
  evaluate(data: EvalData | BatchSource): { loss: number; error: number; n: number } {
    const op = 'Trainer.evaluate';
    const wasTraining = this.options.model instanceof Module ? this.options.model.training : false;
    this.setMode(false);
    try {
      return noGrad(() => {
        let lossSum = 0;
        let correct = 0;
        let n = 0;
        const step = (x: Tensor, y: Tensor) =>
          within(this.evalBuffers, () => {
            const out = this.forward(x);
            const l = this.options.loss(out, y).item();
            const b = y.shape[0] ?? 0;
            lossSum += l * b;
            correct += countCorrect(op, out, y);
            n += b;
          });
        if (isEvalData(data)) {
          const { x, y } = data;
          if (x.shape[0] !== y.shape[0])
            throw new ShapeError(
              op,
              `x ${showShape(x.shape)} and y ${showShape(y.shape)} must have the same number of examples`,
            );
          const bs = this.options.evalBatchSize ?? 4096;
          const total = y.shape[0] ?? 0;
          for (let s = 0; s < total; s += bs)
            step(rows(x, s, Math.min(total, s + bs)), rows(y, s, Math.min(total, s + bs)));
        } else for (const [x, y] of data) step(x!, y!);
        return { loss: n ? lossSum / n : Number.NaN, error: n ? 100 - (100 * correct) / n : Number.NaN, n };
      });
    } finally {
      this.setMode(wasTraining);
    }
  }

  private trainSet(): EvalData | undefined {
    if (this.options.trainData) return this.options.trainData;
    const ds = (this.options.trainLoader as { dataset?: { tensors?: Tensor[] } }).dataset;
    const t = ds?.tensors;
    return t && t.length >= 2 ? { x: t[0]!, y: t[1]! } : undefined;
  }

  private currentLr(): number {
    const g = this.options.optimizer.paramGroups?.[0];
    return typeof g?.lr === 'number' ? g.lr : Number.NaN;
  }

  /**
   * Train for `epochs` epochs (or until a callback stops it) and return the history. Rejects
   * with the signal's reason when aborted, and with a `ValueError` naming the epoch and batch
   * when the loss becomes NaN or infinite.
   */
  async fit(): Promise<EpochRecord[]> {
    const op = 'Trainer.fit';
    const o = this.options;
    const callbacks = o.callbacks ?? [];
    this.history = [];
    this.stopRequested = false;
    this.stopReason = null;
    if (!isGradEnabled())
      throw new ValueError(op, 'gradients are disabled (fit was called inside noGrad); training needs them');
    const checkAbort = () => {
      if (o.signal?.aborted) throw o.signal.reason ?? new ValueError(op, 'training was aborted');
    };
    const len = (o.trainLoader as { length?: unknown }).length;
    const batches = typeof len === 'number' ? len : Number.NaN;
    const trainSet = (o.evalTrainEveryEpoch ?? true) ? this.trainSet() : undefined;
    const steps = o.reuseActivations ? new StepBuffers() : null;
    this.emit('start', { epochs: o.epochs });
    for (const cb of callbacks) cb.onTrainBegin?.(this);
    let lastYield = now();
    for (let epoch = 0; epoch < o.epochs && !this.stopRequested; epoch++) {
      const t0 = now();
      const lr = this.currentLr();
      this.setMode(true);
      let lossSum = 0;
      let count = 0;
      let correct = 0;
      let batch = 0;
      for (const item of o.trainLoader) {
        checkAbort();
        const [x, y] = item as [Tensor, Tensor];
        // zero in place: backward() then accumulates into the same gradient buffers every step
        o.optimizer.zeroGrad({ setToNone: false });
        // with reuseActivations, this step's forward and loss tensors take the last step's
        // storage: they are dead by now (backward and the optimizer step read them last time)
        const [out, l] = within(steps, () => {
          const f = this.forward(x);
          return [f, o.loss(f, y)] as const;
        });
        const value = l.item();
        if (!Number.isFinite(value))
          throw new ValueError(
            op,
            `the loss is ${value} at epoch ${epoch}, batch ${batch} (of ${Number.isNaN(batches) ? '?' : batches}); training diverged — lower the learning rate or check the inputs for NaN`,
          );
        backward(l);
        o.optimizer.step();
        const b = y.shape[0] ?? 1;
        lossSum += value * b;
        count += b;
        if (!trainSet && y.ndim === 1 && out.ndim === 2) correct += countCorrect(op, out, y);
        this.emit('batch', { epoch, batch, batches, loss: value, runningLoss: lossSum / count });
        batch++;
        if (now() - lastYield > 50) {
          await macrotask();
          lastYield = now();
        }
      }
      let trainLoss: number;
      let trainError: number;
      if (trainSet) ({ loss: trainLoss, error: trainError } = this.evaluate(trainSet));
      else {
        trainLoss = count ? lossSum / count : Number.NaN;
        trainError = count ? 100 - (100 * correct) / count : Number.NaN;
      }
      const val = o.valData ? this.evaluate(o.valData) : { loss: Number.NaN, error: Number.NaN };
      const record: EpochRecord = {
        epoch,
        trainLoss,
        trainError,
        valLoss: val.loss,
        valError: val.error,
        lr,
        seconds: (now() - t0) / 1000,
      };
      this.history.push(record);
      this.emit('epoch', record);
      for (const cb of callbacks) cb.onEpochEnd?.(this, record);
      o.scheduler?.step();
      await macrotask();
      lastYield = now();
      checkAbort();
    }
    for (const cb of callbacks) cb.onTrainEnd?.(this, this.history);
    this.emit('end', { history: this.history, stopReason: this.stopReason });
    return this.history;
  }
}
