/**
 * The course notebooks' small datasets, as named exports. Literal data is copied from the
 * notebooks (the seeds in `../shared/seeds/`); generated data is drawn from `RandomState` in the
 * notebook's order, so it equals what numpy produces. Every function returns fresh tensors.
 */
import { fromData, RandomState, type Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';

/** The 20 inputs x ∈ [0, 1] shared by Loss I, II and III (`x_train`). */
export const LOSS_X: readonly number[] = Object.freeze([
  0.09291784, 0.46809093, 0.93089486, 0.67612654, 0.73441752, 0.86847339, 0.49873225, 0.51083168, 0.18343972,
  0.99380898, 0.27840809, 0.38028817, 0.12055708, 0.56715537, 0.92005746, 0.7707227, 0.85278176, 0.0531595,
  0.87168699, 0.58858043,
]);

/** Loss I's regression targets (`y_train`), one per `LOSS_X`. */
export const LOSS_I_Y: readonly number[] = Object.freeze([
  -0.25934537, 0.18195445, 0.65127015, 0.13921448, 0.09366691, 0.30567674, 0.37229117, 0.20716968,
  -0.08131792, 0.51187806, 0.16943738, 0.3994327, 0.01906257, 0.5582041, 0.45256496, -0.1183121, 0.02957665,
  -1.24354444, 0.24803884, 0.2682497,
]);

/** Loss II's binary labels (`y_train`), one per `LOSS_X`. */
export const LOSS_II_Y: readonly number[] = Object.freeze([
  0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1,
]);

/** Loss III's three-class labels (`y_train`), one per `LOSS_X`. */
export const LOSS_III_Y: readonly number[] = Object.freeze([
  2, 0, 1, 2, 1, 0, 0, 2, 2, 0, 2, 0, 2, 0, 1, 2, 1, 2, 1, 0,
]);

/** Training II's 12 (x, y) pairs for the straight-line model (`data`, rows x and y). */
export const TRAINING_II_DATA: readonly (readonly number[])[] = Object.freeze([
  Object.freeze([0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.6, 1.65, 1.9]),
  Object.freeze([0.67, 0.85, 1.05, 1.0, 1.4, 1.5, 1.3, 1.54, 1.55, 1.68, 1.73, 1.6]),
]);

/** Training III's 30 (x, y) pairs for the Gabor model (`data`, rows x and y). */
export const TRAINING_III_DATA: readonly (readonly number[])[] = Object.freeze([
  Object.freeze([
    -1.92, -14.22, 1.49, -1.94, -2.389, -5.09, -8.861, 3.578, -6.01, -6.995, 3.634, 0.8743, -10.96, 0.4073,
    -9.467, 8.56, 10.62, -0.1729, 10.4, -12.61, 0.1574, -13.04, -2.156, -12.1, -11.19, 2.902, -8.22, -11.79,
    -8.391, -4.505,
  ]),
  Object.freeze([
    -1.051, -0.02482, 0.8896, -0.4943, -0.9371, 0.4306, 0.009577, -0.07944, 0.1624, -0.2682, -0.3129, 0.8303,
    -0.02365, 0.5098, -0.2777, 0.3367, 0.1927, -0.2222, 0.06352, 0.006888, 0.03224, 0.01091, -0.5706,
    -0.05258, -0.03666, 0.1709, -0.04805, 0.2008, -0.1904, 0.5952,
  ]),
]);

/** A 1-D dataset of `[N]` inputs and `[N]` targets or labels. */
export interface XYData {
  /** `[N]` float64 inputs. */
  x: Tensor;
  /** `[N]` targets (float64) or labels (int32). */
  y: Tensor;
}

const f64 = (v: readonly number[]) => fromData(Float64Array.from(v), [v.length]);
const i32 = (v: readonly number[]) => fromData(Int32Array.from(v), [v.length]);

/**
 * Loss I (univariate regression, UDL section 5.3): 20 points `x` `[20]`, real targets `y` `[20]`,
 * fitted in the notebook by a 1-3-1 ReLU network under a Gaussian likelihood (eq. 5.7).
 * Source: udl-cm20315 "Loss" notebook, `x_train` / `y_train`.
 *
 * @example
 *   const { x, y } = lossIData(); // x.shape [20]
 */
export function lossIData(): XYData {
  return { x: f64(LOSS_X), y: f64(LOSS_I_Y) };
}

/**
 * Loss II (binary classification, UDL section 5.4): the same 20 inputs with labels y ∈ {0, 1}
 * (int32 `[20]`), modelled by a Bernoulli likelihood with λ = sigmoid(f(x)) (eq. 5.8).
 * Source: udl-cm20315 "Loss II" notebook, `x_train` / `y_train`.
 */
export function lossIIData(): XYData {
  return { x: f64(LOSS_X), y: i32(LOSS_II_Y) };
}

/**
 * Loss III (multiclass classification, UDL section 5.5): the same 20 inputs with labels
 * y ∈ {0, 1, 2} (int32 `[20]`), modelled by a categorical likelihood with softmax outputs (eq. 5.10).
 * Source: udl-cm20315 "Loss III" notebook, `x_train` / `y_train`.
 */
export function lossIIIData(): XYData {
  return { x: f64(LOSS_X), y: i32(LOSS_III_Y) };
}

/** A dataset in the notebooks' `data` layout: row 0 the inputs, row 1 the targets. */
export interface RowData extends XYData {
  /** `[2, N]`: `data[0]` = x, `data[1]` = y (the notebook's `data` array). */
  data: Tensor;
}

function rowData(rows: readonly (readonly number[])[]): RowData {
  const n = rows[0]!.length;
  const data = new Float64Array(2 * n);
  data.set(rows[0]!, 0);
  data.set(rows[1]!, n);
  return { data: fromData(data, [2, n]), x: f64(rows[0]!), y: f64(rows[1]!) };
}

/**
 * Training II: 12 points for the line model y = φ0 + φ1·x (UDL section 6.1, fig. 6.1); the
 * least-squares loss at φ = (0.6, -0.2) is 12.367. Source: udl-cm20315 "Training II", `data`.
 *
 * @example
 *   trainingIIData().data.shape; // [2, 12]
 */
export function trainingIIData(): RowData {
  return rowData(TRAINING_II_DATA);
}

/**
 * Training III: 30 points for the Gabor model y = sin(φ0 + 0.06·φ1·x)·exp(-(φ0 + 0.06·φ1·x)²/32)
 * (UDL section 6.1.2, fig. 6.4); the least-squares loss at φ = (0.6, -0.2) is 16.419.
 * Source: udl-cm20315 "Training III", `data`.
 */
export function trainingIIIData(): RowData {
  return rowData(TRAINING_III_DATA);
}

/** A toy regression dataset with the parameters that generated it. */
export interface ToyRegressionData {
  /** `[N, D]` inputs. */
  x: Tensor;
  /** `[N]` targets. */
  y: Tensor;
  /** Noise standard deviation σ. */
  sigma: number;
}

function drawToyX(rng: RandomState, n: number, d: number): Float64Array {
  return (rng.uniform(-5, 5, [n, d]) as Tensor).data as Float64Array;
}

/**
 * The autograd introduction's linear toy data (Tufts "intro to autograd", linear regression):
 * with `rng = RandomState(0)`, `x = rng.uniform(-5, 5, [300, 2])`, then
 * `y = x·w + b + σ·rng.randn(300)` with w = (4.2, -4.2), b = 0.1, σ = 0.1 — the notebook's
 * `train_prng` draws in its order, so the values equal numpy's.
 *
 * @example
 *   const { x, y, trueW, trueBias } = autogradLinearData(); // x [300, 2], y [300]
 */
export function autogradLinearData(): ToyRegressionData & { trueW: [number, number]; trueBias: number } {
  const n = 300;
  const sigma = 0.1;
  const w: [number, number] = [4.2, -4.2];
  const b = 0.1;
  const rng = new RandomState(0);
  const x = drawToyX(rng, n, 2);
  const noise = rng.randn(n).data;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = x[2 * i]! * w[0] + x[2 * i + 1]! * w[1] + b + sigma * noise[i]!;
  return { x: fromData(x, [n, 2]), y: fromData(y, [n]), sigma, trueW: w, trueBias: b };
}

/**
 * The autograd introduction's nonlinear toy data (for its small neural network): with
 * `RandomState(0)`, `x = uniform(-5, 5, [300, 2])`, then
 * `y = x²·wsq + x·w + σ·randn(300)` with wsq = (-2, 2), w = (4.2, -4.2), σ = 0.1.
 *
 * @example
 *   autogradQuadraticData().y.shape; // [300]
 */
export function autogradQuadraticData(): ToyRegressionData & {
  trueW: [number, number];
  trueWsq: [number, number];
} {
  const n = 300;
  const sigma = 0.1;
  const wsq: [number, number] = [-2, 2];
  const w: [number, number] = [4.2, -4.2];
  const rng = new RandomState(0);
  const x = drawToyX(rng, n, 2);
  const noise = rng.randn(n).data;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = x[2 * i]!;
    const c = x[2 * i + 1]!;
    y[i] = a * a * wsq[0] + c * c * wsq[1] + (a * w[0] + c * w[1]) + sigma * noise[i]!;
  }
  return { x: fromData(x, [n, 2]), y: fromData(y, [n]), sigma, trueW: w, trueWsq: wsq };
}

/** Options of {@link highDimData} (d2l's `HighDimData` arguments). */
export interface HighDimDataOptions {
  /** Default 20. */
  numTrain?: number;
  /** Default 100. */
  numVal?: number;
  /** Default 200. */
  numInputs?: number;
  /** The generator (default `new RandomState(0)`). */
  rng?: RandomState;
}

/** d2l's HighDimData: the full arrays and the train/validation split. */
export interface HighDimData {
  /** `[n, d]` inputs, n = numTrain + numVal. */
  X: Tensor;
  /** `[n, 1]` targets. */
  y: Tensor;
  /** `[d, 1]` true weights (all 0.01). */
  w: Tensor;
  /** True bias 0.05. */
  b: number;
  train: { X: Tensor; y: Tensor };
  val: { X: Tensor; y: Tensor };
}

/**
 * D2L section 3.7 (weight decay) `HighDimData`: `X ~ N(0, 1)` `[n, d]`, `y = X·w + b + ε` with
 * w = 0.01·1 `[d, 1]`, b = 0.05, ε ~ N(0, 0.01²) `[n, 1]`; the first `numTrain` rows train, the
 * rest validate (defaults 20 / 100 / 200 as in the book). d2l draws with `torch.randn`; here the
 * draws come from `RandomState` (`X = rng.randn(n, d)`, then `rng.randn(n, 1) * 0.01`), so they
 * equal numpy's `np.random.RandomState(seed)` stream, not PyTorch's.
 *
 * @example
 *   const data = highDimData();   // train.X [20, 200], val.X [100, 200]
 */
export function highDimData(options: HighDimDataOptions = {}): HighDimData {
  const op = 'highDimData';
  const numTrain = options.numTrain ?? 20;
  const numVal = options.numVal ?? 100;
  const d = options.numInputs ?? 200;
  for (const [k, v] of [
    ['numTrain', numTrain],
    ['numVal', numVal],
    ['numInputs', d],
  ] as const)
    if (!Number.isInteger(v) || v < 0 || (k === 'numInputs' && v < 1))
      throw new ValueError(
        op,
        `options.${k} must be a ${k === 'numInputs' ? 'positive' : 'non-negative'} integer, received ${show(v)}`,
      );
  const rng = options.rng ?? new RandomState(0);
  const n = numTrain + numVal;
  const X = rng.randn(n, d).data as Float64Array;
  const z = rng.randn(n, 1).data;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += X[i * d + j]! * 0.01;
    y[i] = s + 0.05 + z[i]! * 0.01;
  }
  const w = fromData(new Float64Array(d).fill(0.01), [d, 1]);
  const rows = (a: Float64Array, from: number, to: number, cols: number) =>
    fromData(a.slice(from * cols, to * cols), [to - from, cols]);
  return {
    X: fromData(X, [n, d]),
    y: fromData(y, [n, 1]),
    w,
    b: 0.05,
    train: { X: rows(X, 0, numTrain, d), y: rows(y, 0, numTrain, 1) },
    val: { X: rows(X, numTrain, n, d), y: rows(y, numTrain, n, 1) },
  };
}

/** Coursework IV's point clouds: examples as columns. */
export interface CourseworkIVData {
  /** `[2, nData]`. */
  x2D: Tensor;
  /** `[100, nData]`. */
  x100D: Tensor;
  /** `[1000, nData]`. */
  x1000D: Tensor;
}

/**
 * Coursework IV part (a) (high-dimensional spaces, UDL section 8.5): `np.random.seed(0)`, then
 * `normal(size=(2, 1000))`, `normal(size=(100, 1000))`, `normal(size=(1000, 1000))` in that order,
 * each `[D, N]` with examples as columns. The notebook checks `sum(x1000D) = 1036.321`.
 *
 * @example
 *   const { x1000D } = courseworkIVData(); // [1000, 1000]
 */
export function courseworkIVData(options: { seed?: number; nData?: number } = {}): CourseworkIVData {
  const nData = options.nData ?? 1000;
  if (!Number.isInteger(nData) || nData < 0)
    throw new ValueError(
      'courseworkIVData',
      `options.nData must be a non-negative integer, received ${show(nData)}`,
    );
  const rng = new RandomState(options.seed ?? 0);
  return {
    x2D: rng.normal(0, 1, [2, nData]),
    x100D: rng.normal(0, 1, [100, nData]),
    x1000D: rng.normal(0, 1, [1000, nData]),
  };
}
