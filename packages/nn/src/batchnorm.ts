/**
 * Batch normalization (UDL section 11.4; PyTorch's `nn.BatchNorm1d`, `nn.BatchNorm2d` and
 * `F.batch_norm`), written with core's differentiable ops so autograd gives the full backward,
 * through the batch statistics. In the book's notation, for each channel (hidden unit) `h` over
 * the batch (and, for sequences and images, the positions):
 *
 *   m_h = mean(h),  s_h² = mean((h − m_h)²),  h ← γ (h − m_h) / √(s_h² + ε) + δ
 *
 * with `γ = weight`, `δ = bias`. In training mode the batch's statistics are used (the biased
 * variance) and the running estimates are updated with the unbiased one, in eval mode the
 * running estimates replace them (PyTorch's semantics, exactly).
 */
import {
  add,
  allocate,
  asTensor,
  type DType,
  div,
  mean,
  mul,
  noGrad,
  reshape,
  ShapeError,
  sqrt,
  sub,
  Tensor,
  ValueError,
  variance,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { Module } from './module.js';

/** Options of the functional {@link batchNorm} (PyTorch's `F.batch_norm` keyword arguments). */
export interface BatchNormFunctionalOptions {
  /** γ, shape `[C]`, or null/undefined for none (PyTorch's `weight=None`). */
  weight?: Tensor | null;
  /** δ, shape `[C]`, or null/undefined for none. */
  bias?: Tensor | null;
  /** Normalise with the batch's statistics and update the running ones (default false, as PyTorch). */
  training?: boolean;
  /** Weight of the batch's statistics in the running averages (default 0.1). */
  momentum?: number;
  /** ε added to the variance (default 1e-5). */
  eps?: number;
}

/**
 * Batch normalization of `input` `[N, C, *]` over every dimension but the channel dimension 1
 * (PyTorch's `torch.nn.functional.batch_norm`), returning a tensor of `input`'s shape.
 *
 * - `training: true`: the batch's mean `m_h` and biased variance `s_h²` normalise the input, and
 *   when `runningMean`/`runningVar` are given they are updated in place,
 *   `running ← (1 − momentum) · running + momentum · batch`, with the unbiased variance
 *   `s_h² · n / (n − 1)` (`n` values per channel). Throws when `n = 1` (PyTorch's check).
 * - `training: false`: `runningMean` and `runningVar` normalise (both required).
 *
 * Autograd differentiates through `m_h` and `s_h²` (the full batch-norm backward).
 *
 * ```ts
 * const x = tensor([[1, 2], [3, 6]]);
 * batchNorm(x, null, null, { training: true }).toArray(); // ≈ [[-1, -1], [1, 1]]
 * ```
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: BatchNormFunctionalOptions = {},
): Tensor {
  return batchNormImpl('batchNorm', input, runningMean ?? null, runningVar ?? null, options);
}

function batchNormImpl(
  op: string,
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: BatchNormFunctionalOptions,
): Tensor {
  if (options === null || typeof options !== 'object')
    throw new ValueError(op, `options must be an object, received ${show(options)}`);
  const { weight = null, bias = null, training = false, momentum = 0.1, eps = 1e-5 } = options;
  const h = asTensor(input);
  if (h.ndim < 2)
    throw new ShapeError(
      op,
      `input must have at least 2 dimensions [N, C, *], received shape ${showShape(h.shape)}`,
    );
  if (typeof eps !== 'number' || !(eps >= 0) || !Number.isFinite(eps))
    throw new ValueError(op, `eps must be a finite non-negative number, received ${show(eps)}`);
  if (typeof momentum !== 'number' || !Number.isFinite(momentum))
    throw new ValueError(op, `momentum must be a finite number, received ${show(momentum)}`);
  const C = h.shape[1]!;
  for (const [name, t] of [
    ['runningMean', runningMean],
    ['runningVar', runningVar],
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t === null) continue;
    if (!(t instanceof Tensor))
      throw new ValueError(op, `${name} must be a Tensor or null, received ${show(t)}`);
    if (t.ndim !== 1 || t.shape[0] !== C)
      throw new ShapeError(
        op,
        `${name} must have shape [${C}] (one value per channel of input ${showShape(h.shape)}), received shape ${showShape(t.shape)}`,
      );
  }
  // the channel statistics are taken over the batch and every position: axes 0, 2, 3, ...
  const axes = [0, ...h.shape.slice(2).map((_, i) => i + 2)];
  const n = axes.reduce((a, ax) => a * h.shape[ax]!, 1);
  const perChannel = [1, C, ...h.shape.slice(2).map(() => 1)]; // [1, C, 1, ...]: broadcasts against h

  let m_h: Tensor;
  let s2_h: Tensor;
  if (training) {
    if (n === 1)
      throw new ValueError(
        op,
        `Expected more than 1 value per channel when training, got input size ${showShape(h.shape)}; expected a batch (times positions) of at least 2`,
      );
    m_h = mean(h, { axis: axes, keepdims: true }); // m_h, recorded: gradients flow through it
    s2_h = variance(h, { axis: axes, keepdims: true }); // s_h², the biased variance (ddof 0)
    if (runningMean !== null || runningVar !== null)
      updateRunningStats(m_h, s2_h, n, runningMean, runningVar, momentum);
  } else {
    if (runningMean === null || runningVar === null)
      throw new ValueError(
        op,
        `runningMean and runningVar must be given in eval mode (training: false), received ${runningMean === null ? 'runningMean null' : 'runningVar null'}`,
      );
    m_h = reshape(runningMean, perChannel);
    s2_h = reshape(runningVar, perChannel);
  }
  // h ← (h − m_h) / √(s_h² + ε), then γ h + δ
  let out = div(sub(h, m_h), sqrt(add(s2_h, eps)));
  if (weight !== null) out = mul(out, reshape(weight, perChannel));
  if (bias !== null) out = add(out, reshape(bias, perChannel));
  return out;
}

/**
 * `running ← (1 − momentum) · running + momentum · batch` in place, in float64 arithmetic (the
 * buffer's dtype rounds on store), the variance made unbiased: `s_h² · n / (n − 1)`.
 */
function updateRunningStats(
  m_h: Tensor,
  s2_h: Tensor,
  n: number,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  momentum: number,
): void {
  noGrad(() => {
    const m = m_h.data;
    const s2 = s2_h.data;
    if (runningMean !== null) {
      const r = runningMean.data;
      for (let c = 0; c < r.length; c++) r[c] = momentum * m[c]! + (1 - momentum) * r[c]!;
    }
    if (runningVar !== null) {
      const r = runningVar.data;
      for (let c = 0; c < r.length; c++) r[c] = momentum * ((s2[c]! * n) / (n - 1)) + (1 - momentum) * r[c]!;
    }
  });
}

/** Options of {@link BatchNorm1d} and {@link BatchNorm2d} (PyTorch's keyword arguments). */
export interface BatchNormOptions {
  /** ε added to the variance (default 1e-5). */
  eps?: number;
  /**
   * Weight of each batch in the running averages (default 0.1); `null` gives the cumulative
   * moving average, the weight `1 / numBatchesTracked` (PyTorch's `momentum=None`).
   */
  momentum?: number | null;
  /** Learn a per-channel scale `weight` (γ, ones) and shift `bias` (δ, zeros) (default true). */
  affine?: boolean;
  /**
   * Keep `running_mean`, `running_var` and `num_batches_tracked` buffers and use them in eval
   * mode (default true); false normalises with the batch's statistics in both modes.
   */
  trackRunningStats?: boolean;
  /** dtype of the parameters and the running statistics (default 'float32', PyTorch's default). */
  dtype?: DType;
}

/**
 * Shared by {@link BatchNorm1d} and {@link BatchNorm2d} (PyTorch's `_BatchNorm`). State, under
 * PyTorch's names so a `state_dict()` saved by PyTorch loads: parameters `weight` (ones) and
 * `bias` (zeros) when `affine`, buffers `running_mean` (zeros), `running_var` (ones) and
 * `num_batches_tracked` (a scalar `[]` when tracking; **int32** here, int64 in PyTorch: a
 * PyTorch file's I64 value loads when it fits int32, as core's safetensors reader converts).
 */
export abstract class BatchNorm extends Module {
  declare weight: Tensor | null;
  declare bias: Tensor | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super();
    const op = new.target.name;
    if (options === null || typeof options !== 'object')
      throw new ValueError(op, `options must be an object, received ${show(options)}`);
    if (!Number.isInteger(numFeatures) || numFeatures < 1)
      throw new ValueError(op, `numFeatures must be a positive integer, received ${show(numFeatures)}`);
    const {
      eps = 1e-5,
      momentum = 0.1,
      affine = true,
      trackRunningStats = true,
      dtype = 'float32',
    } = options;
    if (typeof eps !== 'number' || !(eps >= 0) || !Number.isFinite(eps))
      throw new ValueError(op, `eps must be a finite non-negative number, received ${show(eps)}`);
    if (momentum !== null && (typeof momentum !== 'number' || !Number.isFinite(momentum)))
      throw new ValueError(op, `momentum must be a finite number or null, received ${show(momentum)}`);
    if (dtype !== 'float32' && dtype !== 'float64')
      throw new ValueError(op, `dtype must be 'float32' or 'float64', received ${show(dtype)}`);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = Boolean(affine);
    this.trackRunningStats = Boolean(trackRunningStats);
    const vector = () => new Tensor(allocate(dtype, numFeatures), [numFeatures], dtype);
    this.registerParameter('weight', this.affine ? vector() : null);
    this.registerParameter('bias', this.affine ? vector() : null);
    this.registerBuffer('running_mean', this.trackRunningStats ? vector() : null);
    this.registerBuffer('running_var', this.trackRunningStats ? vector() : null);
    this.registerBuffer(
      'num_batches_tracked',
      this.trackRunningStats ? new Tensor(allocate('int32', 1), [], 'int32') : null,
    );
    this.resetParameters();
  }

  /** Throw a `ShapeError` naming the layer unless `x` has the rank this layer takes. */
  protected abstract checkInputDim(x: Tensor): void;

  /** running_mean ← 0, running_var ← 1, num_batches_tracked ← 0 (PyTorch's `reset_running_stats`). */
  resetRunningStats(): void {
    noGrad(() => {
      this.running_mean?.data.fill(0);
      this.running_var?.data.fill(1);
      this.num_batches_tracked?.data.fill(0);
    });
  }

  /** The running statistics reset, `weight` ← 1, `bias` ← 0 (PyTorch's `reset_parameters`). */
  resetParameters(): void {
    this.resetRunningStats();
    noGrad(() => {
      this.weight?.data.fill(1);
      this.bias?.data.fill(0);
    });
  }

  forward(input: Tensor): Tensor {
    const x = asTensor(input);
    this.checkInputDim(x);
    if (x.shape[1] !== this.numFeatures)
      throw new ShapeError(
        this.label(),
        `expected input with ${this.numFeatures} channels (dim 1), received shape ${showShape(x.shape)}`,
      );
    // the statistics come from the batch in training mode, and in eval mode without running stats
    const bnTraining = this.training || (this.running_mean === null && this.running_var === null);
    if (bnTraining) {
      let n = x.shape[0]!;
      for (const d of x.shape.slice(2)) n *= d;
      // checked before num_batches_tracked moves, so a rejected batch leaves the state as it was
      if (n === 1)
        throw new ValueError(
          this.label(),
          `Expected more than 1 value per channel when training, got input size ${showShape(x.shape)}; expected a batch (times positions) of at least 2`,
        );
    }
    let factor = this.momentum ?? 0; // PyTorch's exponential_average_factor
    if (this.training && this.trackRunningStats && this.num_batches_tracked !== null) {
      const tracked = this.num_batches_tracked;
      noGrad(() => {
        tracked.data[0] = tracked.data[0]! + 1;
      });
      factor = this.momentum === null ? 1 / tracked.data[0]! : this.momentum;
    }
    // in training mode without tracking, no running statistics are passed (so none is updated)
    const useRunning = !this.training || this.trackRunningStats;
    return batchNormImpl(
      this.label(),
      x,
      useRunning ? this.running_mean : null,
      useRunning ? this.running_var : null,
      { weight: this.weight, bias: this.bias, training: bnTraining, momentum: factor, eps: this.eps },
    );
  }

  override describe(): string {
    return `${this.constructor.name}(${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats})`;
  }
}

/**
 * Batch normalization over `[N, C]` (features) or `[N, C, L]` (sequences) inputs, per channel C
 * (PyTorch's `nn.BatchNorm1d`; UDL section 11.4). See {@link BatchNorm} for the state.
 *
 * ```ts
 * const bn = new BatchNorm1d(3);
 * bn.call(x);          // training: batch statistics, running averages updated
 * bn.eval().call(x);   // eval: running_mean / running_var
 * ```
 */
export class BatchNorm1d extends BatchNorm {
  protected checkInputDim(x: Tensor): void {
    if (x.ndim !== 2 && x.ndim !== 3)
      throw new ShapeError(
        this.label(),
        `expected 2D or 3D input [N, C] or [N, C, L] (got ${x.ndim}D input), received shape ${showShape(x.shape)}`,
      );
  }
}

/**
 * Batch normalization over `[N, C, H, W]` images, per channel C, the statistics over the batch
 * and every pixel (PyTorch's `nn.BatchNorm2d`). See {@link BatchNorm} for the state.
 *
 * ```ts
 * const bn = new BatchNorm2d(16);
 * bn.call(images).shape; // [N, 16, H, W]
 * ```
 */
export class BatchNorm2d extends BatchNorm {
  protected checkInputDim(x: Tensor): void {
    if (x.ndim !== 4)
      throw new ShapeError(
        this.label(),
        `expected 4D input [N, C, H, W] (got ${x.ndim}D input), received shape ${showShape(x.shape)}`,
      );
  }
}
