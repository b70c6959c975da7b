/**
 * D2L 3.7 weight decay (`d2l-3.7-weight-decay-exercises.md`), the notebook translated to library
 * calls: linear regression with 200 inputs and 20 training examples (D2L's `HighDimData`), trained
 * 10 epochs with minibatches of 5 and lr 0.01, by D2L's `WeightDecayScratch` (the loss plus
 * λ·`l2_penalty(w)`, UDL eq. 9.5 with `l2Penalty` of `@gradkit/losses`, plain SGD) and by its
 * `WeightDecay` (MSE, `@gradkit/optimizers`' `SGD` with `weightDecay` on the weights' parameter
 * group only). D2L's `Trainer` plots the training loss twice and the validation loss once per epoch
 * (`ProgressBoard`); `trainer.fit(model, data)` records those points.
 *
 * D2L draws with torch's unseeded generator; here every fit draws its data, its initial weights
 * N(0, 0.01²) and one shuffle of the 20 training examples per epoch from numpy's `RandomState(0)`,
 * as the PyTorch reference tests/fixtures/gen_optim_weight_decay.py does, so the numbers are
 * reproducible. Exercise 1 (the training and validation loss as functions of λ) is the loop at the
 * end: `lambdas`, `train_loss`, `val_loss`.
 */
import {
  add,
  full,
  indexSelect,
  matmul,
  mean,
  mul,
  noGrad,
  RandomState,
  sub,
  type Tensor,
  tensor,
} from '@gradkit/core';
import { l2Penalty, mseLoss } from '@gradkit/losses';
import { SGD } from '@gradkit/optimizers';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** `HighDimData(num_train=20, …)`: the training examples. */
export const NUM_TRAIN = 20;
/** `num_val=100`: the validation examples. */
export const NUM_VAL = 100;
/** `num_inputs=200`: the inputs (weights) of the linear model. */
export const NUM_INPUTS = 200;
/** `batch_size=5`: the minibatch size of the training and validation loaders. */
export const BATCH_SIZE = 5;

/** What {@link highDimData} draws. */
export interface HighDimData {
  /** Inputs, `[num_train + num_val, num_inputs]`: the training examples first. */
  X: Tensor;
  /** Targets `X w + b + noise`, w = 0.01·1, b = 0.05, noise 0.01·N(0, 1): `[n, 1]`. */
  y: Tensor;
  /** The model's initial weights N(0, 0.01²), `[num_inputs, 1]`. */
  w0: Tensor;
  /** One shuffle of the training examples per epoch. */
  perms: number[][];
}

/**
 * D2L's `HighDimData(num_train=20, num_val=100, num_inputs=200, batch_size=5)` with the model's
 * initial weights and the training loader's shuffles, all from `RandomState(0)` in this order: X,
 * the noise, the initial weights, one permutation per epoch.
 *
 * @example
 *   highDimData(10).X.shape; // [120, 200]
 */
export function highDimData(epochs: number): HighDimData {
  const rs = new RandomState(0);
  const n = NUM_TRAIN + NUM_VAL;
  const X = rs.randn(n, NUM_INPUTS);
  const noise = mul(rs.randn(n, 1), 0.01);
  const y = add(add(matmul(X, full([NUM_INPUTS, 1], 0.01)), 0.05), noise);
  const w0 = rs.normal(0, 0.01, [NUM_INPUTS, 1]);
  const perms = Array.from({ length: epochs }, () => rs.permutation(NUM_TRAIN).toList() as number[]);
  return { X, y, w0, perms };
}

/**
 * Which model: `scratch` is D2L's `WeightDecayScratch(lambd)` (loss `mean((ŷ − y)²/2) + λ·‖w‖²/2`,
 * SGD on w and b), `concise` its `WeightDecay(wd)` (MSE loss, SGD with weight decay λ on w only).
 */
export type WeightDecayModel = 'scratch' | 'concise';

/** What one `trainer.fit(model, data)` leaves: the weights and the board's plotted points. */
export interface FitResult {
  /** The data the model was fitted to. */
  data: HighDimData;
  /** The trained weights, `[num_inputs, 1]` (D2L's `model.w`, `model.net.weight` transposed). */
  w: Tensor;
  /** The trained bias, `[1]`. */
  b: Tensor;
  /** `(x, y)` points of the board: the training loss twice an epoch, the validation loss once. */
  board: { train_loss: [number, number][]; val_loss: [number, number][] };
}

/**
 * `trainer.fit(model, data)` with `d2l.Trainer(max_epochs=epochs)`: minibatch SGD (lr 0.01) over the
 * shuffled training examples, then the validation loss in batches of 5; the board averages the
 * training losses of every 2 batches (x: the mean of `batch index / 4`) and the 20 validation
 * batches of an epoch (x: epoch + 1), as D2L's `ProgressBoard` does.
 */
export function fit(kind: WeightDecayModel, lambda: number, epochs: number): FitResult {
  const d = highDimData(epochs);
  const w = d.w0.requiresGrad_();
  const b = tensor([0]).requiresGrad_();
  const opt =
    kind === 'scratch'
      ? new SGD([w, b], { lr: 0.01 })
      : new SGD([{ params: { weight: w }, weightDecay: lambda }, { params: { bias: b } }], { lr: 0.01 });
  const loss = (rows: number[]) => {
    const pred = add(matmul(indexSelect(d.X, 0, rows), w), b);
    const y = indexSelect(d.y, 0, rows);
    if (kind === 'concise') return mseLoss(pred, y);
    const r = sub(pred, y);
    return add(mean(mul(mul(r, r), 0.5)), mul(l2Penalty(w), lambda));
  };
  const nTrainBatches = NUM_TRAIN / BATCH_SIZE;
  const board: FitResult['board'] = { train_loss: [], val_loss: [] };
  const average = (points: [number, number][]): [number, number] => [
    points.reduce((s, p) => s + p[0], 0) / points.length,
    points.reduce((s, p) => s + p[1], 0) / points.length,
  ];
  let trainBatchIdx = 0;
  let pending: [number, number][] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = 0; k < NUM_TRAIN; k += BATCH_SIZE) {
      const l = loss(d.perms[epoch]!.slice(k, k + BATCH_SIZE));
      pending.push([trainBatchIdx / nTrainBatches, l.item()]);
      if (pending.length === nTrainBatches / 2) {
        board.train_loss.push(average(pending));
        pending = [];
      }
      opt.zeroGrad();
      l.backward();
      opt.step();
      trainBatchIdx++;
    }
    const val: [number, number][] = [];
    for (let k = 0; k < NUM_VAL; k += BATCH_SIZE) {
      const rows = Array.from({ length: BATCH_SIZE }, (_, i) => NUM_TRAIN + k + i);
      val.push([epoch + 1, noGrad(() => loss(rows).item())]); // model.eval(), torch.no_grad()
    }
    board.val_loss.push(average(val));
  }
  return { data: d, w, b, board };
}

/** The mean squared error of the fitted line on the examples `from` to `to` (D2L's MSE). */
export function meanSquaredError(r: FitResult, from: number, to: number): number {
  const d = r.data;
  const rows = Array.from({ length: to - from }, (_, i) => from + i);
  return noGrad(() =>
    mseLoss(add(matmul(indexSelect(d.X, 0, rows), r.w), r.b), indexSelect(d.y, 0, rows)).item(),
  );
}

/** Run the notebook top to bottom: the scratch model with λ 0 and 3, the concise one, exercise 1. */
export function run(nb: Notebook): void {
  const epochs = nb.steps(10); // d2l.Trainer(max_epochs=10)

  // train_strach(lambd, trainer, data): prints l2 norm of w (D2L's l2_penalty, ‖w‖²/2)
  for (const lambd of [0, 3]) {
    const model = fit('scratch', lambd, epochs);
    nb.show('trainer.fit(model, data)', model.board);
    const l2 = l2Penalty(model.w).item();
    nb.show('d2l.l2_penalty(model.w)', l2);
    nb.print(pyFormat('l2 norm of w:%.2g', l2));
  }

  // model = WeightDecay(wd=3, lr=0.01); trainer.fit(model, data)
  let model = fit('concise', 3, epochs);
  nb.show('trainer.fit(model, data)', model.board);
  const l2 = l2Penalty(model.w).item();
  nb.show('d2l.l2_penalty(model.net.weight)', l2);
  nb.print(pyFormat('l2 norm of w: %.4g', l2));

  // Exercise 1: data = HighDimData(...); model = WeightDecay(wd=3, lr=0.01); trainer.fit(model, data)
  model = fit('concise', 3, epochs);
  nb.show('trainer.fit(model, data)', model.board);
  // ... then the training and validation loss (MSE) as functions of λ.
  const lambdas = [0, 1, 3, 10];
  const train_loss: number[] = [];
  const val_loss: number[] = [];
  for (const wd of lambdas) {
    const m = fit('concise', wd, epochs);
    train_loss.push(meanSquaredError(m, 0, NUM_TRAIN));
    val_loss.push(meanSquaredError(m, NUM_TRAIN, NUM_TRAIN + NUM_VAL));
  }
  nb.setAll({ lambdas, train_loss, val_loss });
}
