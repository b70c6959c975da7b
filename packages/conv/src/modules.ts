/**
 * Convolution and pooling layers as `@gradkit/nn` modules (PyTorch's `nn.Conv1d`, `nn.Conv2d`,
 * `nn.ConvTranspose1d/2d`, `nn.MaxPool1d/2d`, `nn.AvgPool1d/2d`, `nn.AdaptiveAvgPool1d/2d`,
 * `nn.Dropout2d`, `nn.MaxUnpool1d/2d`, `nn.Upsample`, `nn.UpsamplingNearest2d`,
 * `nn.UpsamplingBilinear2d`), and the two networks of the course: figure 10.7's MNIST-1D
 * classifier (Convolution II) and the 2-D MNIST classifier (Convolution III).
 */
import { allocate, type DType, isGradEnabled, record, ShapeError, Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { getKernel, gradBuffer } from '@gradkit/core/kernels';
import { logSoftmax } from '@gradkit/losses';
import {
  Flatten,
  kaimingUniform_,
  Linear,
  Module,
  ReLU,
  type Rng,
  registerFusion,
  Sequential,
  uniform_,
  zeros_,
} from '@gradkit/nn';
import { conv1d, conv1dRelu, conv2d, conv2dRelu, convTranspose1d, convTranspose2d } from './functional.js';
import { type IntOrPair, pair } from './params.js';
import { adaptiveAvgPool1d, adaptiveAvgPool2d, avgPool1d, avgPool2d, maxPool1d, maxPool2d } from './pool.js';
import { type InterpolateOptions, interpolate, maxUnpool1d, maxUnpool2d } from './resample.js';

/** Options of {@link Conv1d} (PyTorch's `nn.Conv1d` keyword arguments, camelCased). */
export interface ConvModuleOptions {
  /** Step between output positions; default 1. */
  stride?: number;
  /** Zero padding on both ends, 'valid' (= 0) or 'same' (stride 1 only); default 0. */
  padding?: number | 'valid' | 'same';
  /** Spacing between kernel taps; default 1. */
  dilation?: number;
  /** Split channels into `groups` independent convolutions (must divide both channel counts); default 1. */
  groups?: number;
  /** Learn a bias per output channel (default true). */
  bias?: boolean;
  /** Random source for the default initialisation (default: core's default generator). */
  rng?: Rng;
  /** Parameter dtype (default 'float32', as PyTorch). */
  dtype?: DType;
}

function checkCount(op: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1)
    throw new ValueError(op, `${name} must be a positive integer, received ${show(v)}`);
}

/**
 * PyTorch's default convolution initialisation (`reset_parameters`): weight from
 * `kaiming_uniform_(a=√5)` = `U(-1/√fanIn, 1/√fanIn)` with `fanIn = C/groups · ∏kernel`, then the
 * bias from the same range. Draw order: weight (row-major), then bias.
 */
function initConv(
  m: Module,
  wShape: number[],
  fanIn: number,
  bias: boolean,
  options: ConvModuleOptions,
  biasSize: number,
): void {
  const dtype = options.dtype ?? 'float32';
  const bound = 1 / Math.sqrt(fanIn);
  const w = new Tensor(
    allocate(
      dtype,
      wShape.reduce((a, b) => a * b, 1),
    ),
    wShape,
    dtype,
  );
  uniform_(w, { rng: options.rng, low: -bound, high: bound });
  m.registerParameter('weight', w);
  if (bias) {
    const b = new Tensor(allocate(dtype, biasSize), [biasSize], dtype);
    uniform_(b, { rng: options.rng, low: -bound, high: bound });
    m.registerParameter('bias', b);
  } else m.registerParameter('bias', null);
}

/**
 * 1-D convolution layer (PyTorch `nn.Conv1d`): [N, Cin, L] → [N, Cout, LOut], weight
 * [Cout, Cin/groups, K], bias [Cout].
 *
 * ```ts
 * const conv = new Conv1d(1, 15, 3, { stride: 2, rng: new RandomState(0) });
 * conv.call(zeros([100, 1, 40], { dtype: 'float32' })).shape; // [100, 15, 19]
 * ```
 */
export class Conv1d extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    readonly options: ConvModuleOptions = {},
  ) {
    super();
    for (const [n, v] of Object.entries({ inChannels, outChannels, kernelSize, groups: options.groups ?? 1 }))
      checkCount('Conv1d', n, v);
    const g = options.groups ?? 1;
    if (inChannels % g || outChannels % g)
      throw new ValueError(
        'Conv1d',
        `groups=${g} must divide inChannels=${inChannels} and outChannels=${outChannels}`,
      );
    initConv(
      this,
      [outChannels, inChannels / g, kernelSize],
      (inChannels / g) * kernelSize,
      options.bias ?? true,
      options,
      outChannels,
    );
  }
  forward(x: Tensor): Tensor {
    return runConv1d(this, x, conv1d);
  }
  override describe(): string {
    return `Conv1d(${this.inChannels}→${this.outChannels}, k=${this.kernelSize}${this.options.stride ? `, stride=${this.options.stride}` : ''})`;
  }
}

/** Options of {@link Conv2d}: as `ConvModuleOptions`, with int-or-pair sizes. */
export interface Conv2dModuleOptions extends Omit<ConvModuleOptions, 'stride' | 'padding' | 'dilation'> {
  /** Step between output positions (int or [sh, sw]); default 1. */
  stride?: IntOrPair;
  /** Zero padding: int, [ph, pw], 'valid' (= 0) or 'same' (stride 1 only); default 0. */
  padding?: IntOrPair | 'valid' | 'same';
  /** Spacing between kernel taps (int or [dh, dw]); default 1. */
  dilation?: IntOrPair;
}

/**
 * 2-D convolution layer (PyTorch `nn.Conv2d`): [N, Cin, H, W] → [N, Cout, OH, OW], weight
 * [Cout, Cin/groups, KH, KW], bias [Cout], computed by `conv2d`; PyTorch's default
 * initialisation `U(-1/√fanIn, 1/√fanIn)`, `fanIn = Cin/groups · KH · KW`.
 *
 * ```ts
 * const conv = new Conv2d(1, 10, 5, { rng: new RandomState(0) }); // Convolution III's first layer
 * conv.call(zeros([8, 1, 28, 28], { dtype: 'float32' })).shape;   // [8, 10, 24, 24]
 * ```
 */
export class Conv2d extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  readonly kernel: [number, number];
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: IntOrPair,
    readonly options: Conv2dModuleOptions = {},
  ) {
    super();
    for (const [n, v] of Object.entries({ inChannels, outChannels, groups: options.groups ?? 1 }))
      checkCount('Conv2d', n, v);
    this.kernel = pair('Conv2d', 'kernelSize', kernelSize, 1);
    const g = options.groups ?? 1;
    if (inChannels % g || outChannels % g)
      throw new ValueError(
        'Conv2d',
        `groups=${g} must divide inChannels=${inChannels} and outChannels=${outChannels}`,
      );
    const [kh, kw] = this.kernel;
    initConv(
      this,
      [outChannels, inChannels / g, kh, kw],
      (inChannels / g) * kh * kw,
      options.bias ?? true,
      options as ConvModuleOptions,
      outChannels,
    );
  }
  forward(x: Tensor): Tensor {
    return runConv2d(this, x, conv2d);
  }
  override describe(): string {
    return `Conv2d(${this.inChannels}→${this.outChannels}, k=${this.kernel.join('x')})`;
  }
}

/** What a 1-D or 2-D convolution layer (plain or fused with its ReLU) computes with. */
interface ConvLayer<O> {
  readonly inChannels: number;
  readonly options: O;
  weight: Tensor;
  bias: Tensor | null;
  label(): string;
}

/** `f(x, weight, options)` for a 1-D convolution layer, after checking `x` is [N, inChannels, L]. */
function runConv1d(m: ConvLayer<ConvModuleOptions>, x: Tensor, f: typeof conv1d): Tensor {
  if (x.ndim !== 3 || x.shape[1] !== m.inChannels)
    throw new ShapeError(
      m.label(),
      `expected input [N, ${m.inChannels}, L], received shape ${showShape(x.shape)}`,
    );
  const o = m.options;
  return f(x, m.weight, {
    bias: m.bias,
    stride: o.stride ?? 1,
    padding: o.padding ?? 0,
    dilation: o.dilation ?? 1,
    groups: o.groups ?? 1,
  });
}

/** `f(x, weight, options)` for a 2-D convolution layer, after checking `x` is [N, inChannels, H, W]. */
function runConv2d(m: ConvLayer<Conv2dModuleOptions>, x: Tensor, f: typeof conv2d): Tensor {
  if (x.ndim !== 4 || x.shape[1] !== m.inChannels)
    throw new ShapeError(
      m.label(),
      `expected input [N, ${m.inChannels}, H, W], received shape ${showShape(x.shape)}`,
    );
  const o = m.options;
  return f(x, m.weight, {
    bias: m.bias,
    stride: o.stride ?? 1,
    padding: o.padding ?? 0,
    dilation: o.dilation ?? 1,
    groups: o.groups ?? 1,
  });
}

/**
 * A `Conv1d` layer and the `ReLU` after it as one module (PyTorch's
 * `torch.ao.nn.intrinsic.ConvReLU1d`): `relu(conv1d(x, w, …))` by `conv1dRelu`, the ReLU applied in
 * the convolution's output pass (no pre-activation tensor) — the same values and gradients as the
 * two modules, bit for bit. It shares the `Conv1d`'s `weight` and `bias`. `fuseModules` of
 * `@gradkit/nn` puts it in place of such pairs.
 *
 * ```ts
 * const layer = new ConvReLU1d(new Conv1d(1, 15, 3, { stride: 2, rng: new RandomState(0) }));
 * layer.call(zeros([100, 1, 40], { dtype: 'float32' })).shape; // [100, 15, 19]
 * ```
 */
export class ConvReLU1d extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly options: ConvModuleOptions;
  constructor(conv: Conv1d) {
    super();
    this.inChannels = conv.inChannels;
    this.outChannels = conv.outChannels;
    this.kernelSize = conv.kernelSize;
    this.options = conv.options;
    this.registerParameter('weight', conv.weight);
    this.registerParameter('bias', conv.bias);
  }
  forward(x: Tensor): Tensor {
    return runConv1d(this, x, conv1dRelu);
  }
  override describe(): string {
    return `ConvReLU1d(${this.inChannels}→${this.outChannels}, k=${this.kernelSize}${this.options.stride ? `, stride=${this.options.stride}` : ''})`;
  }
}

/**
 * A `Conv2d` layer and the `ReLU` after it as one module (PyTorch's
 * `torch.ao.nn.intrinsic.ConvReLU2d`), by `conv2dRelu`; as {@link ConvReLU1d}.
 *
 * ```ts
 * const layer = new ConvReLU2d(new Conv2d(1, 10, 5, { rng: new RandomState(0) }));
 * layer.call(zeros([8, 1, 28, 28], { dtype: 'float32' })).shape; // [8, 10, 24, 24]
 * ```
 */
export class ConvReLU2d extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: [number, number];
  readonly options: Conv2dModuleOptions;
  constructor(conv: Conv2d) {
    super();
    this.inChannels = conv.inChannels;
    this.outChannels = conv.outChannels;
    this.kernel = conv.kernel;
    this.options = conv.options;
    this.registerParameter('weight', conv.weight);
    this.registerParameter('bias', conv.bias);
  }
  forward(x: Tensor): Tensor {
    return runConv2d(this, x, conv2dRelu);
  }
  override describe(): string {
    return `ConvReLU2d(${this.inChannels}→${this.outChannels}, k=${this.kernel.join('x')})`;
  }
}

registerFusion({ pattern: [Conv1d, ReLU], fuse: (conv: Conv1d) => new ConvReLU1d(conv) });
registerFusion({ pattern: [Conv2d, ReLU], fuse: (conv: Conv2d) => new ConvReLU2d(conv) });

/**
 * Transposed 1-D convolution layer (PyTorch `nn.ConvTranspose1d`), computed by
 * `convTranspose1d`: [N, Cin, L] → [N, Cout, LOut], weight [Cin, Cout/groups, K], bias [Cout].
 *
 * ```ts
 * new ConvTranspose1d(15, 1, 3, { stride: 2 }).call(h).shape; // [N, 15, 19] → [N, 1, 39]
 * ```
 */
export class ConvTranspose1d extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    readonly options: Omit<ConvModuleOptions, 'padding'> & { padding?: number; outputPadding?: number } = {},
  ) {
    super();
    const g = options.groups ?? 1;
    for (const [n, v] of Object.entries({ inChannels, outChannels, kernelSize, groups: g }))
      checkCount('ConvTranspose1d', n, v);
    // PyTorch computes the fan-in of the transposed weight [Cin, Cout/g, K] as (Cout/g)·K.
    initConv(
      this,
      [inChannels, outChannels / g, kernelSize],
      (outChannels / g) * kernelSize,
      options.bias ?? true,
      options,
      outChannels,
    );
  }
  forward(x: Tensor): Tensor {
    const o = this.options;
    return convTranspose1d(x, this.weight, {
      bias: this.bias,
      stride: o.stride ?? 1,
      padding: o.padding ?? 0,
      outputPadding: o.outputPadding ?? 0,
      dilation: o.dilation ?? 1,
      groups: o.groups ?? 1,
    });
  }
}

/**
 * Transposed 2-D convolution layer (PyTorch `nn.ConvTranspose2d`), the book's learned
 * upsampling, computed by `convTranspose2d`: [N, Cin, H, W] → [N, Cout, HOut, WOut], weight
 * [Cin, Cout/groups, KH, KW], bias [Cout].
 *
 * ```ts
 * new ConvTranspose2d(16, 8, 2, { stride: 2 }).call(h).shape; // [N, 16, 8, 8] → [N, 8, 16, 16]
 * ```
 */
export class ConvTranspose2d extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: IntOrPair,
    readonly options: Omit<Conv2dModuleOptions, 'padding'> & {
      padding?: IntOrPair;
      outputPadding?: IntOrPair;
    } = {},
  ) {
    super();
    const g = options.groups ?? 1;
    for (const [n, v] of Object.entries({ inChannels, outChannels, groups: g }))
      checkCount('ConvTranspose2d', n, v);
    const [kh, kw] = pair('ConvTranspose2d', 'kernelSize', kernelSize, 1);
    initConv(
      this,
      [inChannels, outChannels / g, kh, kw],
      (outChannels / g) * kh * kw,
      options.bias ?? true,
      options as ConvModuleOptions,
      outChannels,
    );
  }
  forward(x: Tensor): Tensor {
    const o = this.options;
    return convTranspose2d(x, this.weight, {
      bias: this.bias,
      stride: o.stride ?? 1,
      padding: o.padding ?? 0,
      outputPadding: o.outputPadding ?? 0,
      dilation: o.dilation ?? 1,
      groups: o.groups ?? 1,
    });
  }
}

/**
 * Max pooling layer (PyTorch `nn.MaxPool1d`), see `maxPool1d`: [N, C, L] → [N, C, LOut].
 *
 * ```ts
 * new MaxPool1d(2).call(x); // [N, C, 40] → [N, C, 20]
 * ```
 */
export class MaxPool1d extends Module {
  constructor(
    readonly kernelSize: number,
    readonly options: { stride?: number; padding?: number; dilation?: number; ceilMode?: boolean } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return maxPool1d(x, this.kernelSize, this.options);
  }
}
/**
 * Max pooling layer (PyTorch `nn.MaxPool2d`), see `maxPool2d`: [N, C, H, W] → [N, C, OH, OW].
 *
 * ```ts
 * new MaxPool2d(2).call(x); // [N, 10, 24, 24] → [N, 10, 12, 12] (Convolution III)
 * ```
 */
export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: IntOrPair,
    readonly options: {
      stride?: IntOrPair;
      padding?: IntOrPair;
      dilation?: IntOrPair;
      ceilMode?: boolean;
    } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, this.options);
  }
}
/**
 * Average pooling layer (PyTorch `nn.AvgPool1d`), see `avgPool1d`: [N, C, L] → [N, C, LOut].
 *
 * ```ts
 * new AvgPool1d(2).call(x); // [N, C, 40] → [N, C, 20]
 * ```
 */
export class AvgPool1d extends Module {
  constructor(
    readonly kernelSize: number,
    readonly options: {
      stride?: number;
      padding?: number;
      ceilMode?: boolean;
      countIncludePad?: boolean;
    } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return avgPool1d(x, this.kernelSize, this.options);
  }
}
/**
 * Average pooling layer (PyTorch `nn.AvgPool2d`), see `avgPool2d`: [N, C, H, W] → [N, C, OH, OW].
 *
 * ```ts
 * new AvgPool2d(2).call(x); // [N, C, 8, 8] → [N, C, 4, 4]
 * ```
 */
export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: IntOrPair,
    readonly options: {
      stride?: IntOrPair;
      padding?: IntOrPair;
      ceilMode?: boolean;
      countIncludePad?: boolean;
      divisorOverride?: number;
    } = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, this.options);
  }
}
/**
 * Adaptive average pooling layer (PyTorch `nn.AdaptiveAvgPool1d`), see `adaptiveAvgPool1d`:
 * [N, C, L] → [N, C, outputSize] for any L.
 *
 * ```ts
 * new AdaptiveAvgPool1d(1).call(x); // global average: [N, C, 1]
 * ```
 */
export class AdaptiveAvgPool1d extends Module {
  constructor(readonly outputSize: number) {
    super();
  }
  forward(x: Tensor): Tensor {
    return adaptiveAvgPool1d(x, this.outputSize);
  }
}
/**
 * Adaptive average pooling layer (PyTorch `nn.AdaptiveAvgPool2d`), see `adaptiveAvgPool2d`:
 * [N, C, H, W] → [N, C, OH, OW] for any H, W.
 *
 * ```ts
 * new AdaptiveAvgPool2d(1).call(x); // global average: [N, C, 1, 1]
 * ```
 */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: IntOrPair) {
    super();
  }
  forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize);
  }
}

/**
 * Channel dropout (PyTorch `nn.Dropout2d`): in training, each whole channel of an
 * [N, C, H, W] (or [N, C, L]) input is zeroed with probability p and the survivors are scaled by
 * 1/(1-p); in eval mode it is the identity. Masks are drawn with `rng.uniform(0, 1, [N, C])`
 * (a channel survives when its draw is >= p).
 *
 * ```ts
 * const drop = new Dropout2d(0.5, { rng: new RandomState(0) });
 * drop.call(x);        // about half the [H, W] planes zeroed, the rest doubled
 * drop.eval().call(x); // x
 * ```
 */
export class Dropout2d extends Module {
  constructor(
    readonly p = 0.5,
    readonly options: { rng?: Rng } = {},
  ) {
    super();
    if (!(p >= 0 && p <= 1)) throw new ValueError('Dropout2d', `p must be in [0, 1], received ${show(p)}`);
  }
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    if (x.ndim < 3)
      throw new ShapeError(this.label(), `expected input [N, C, ...], received shape ${showShape(x.shape)}`);
    const [n, c] = [x.shape[0]!, x.shape[1]!];
    // one factor per channel: 1 / (1 − p) where the channel is kept, 0 where it is dropped (as the
    // x's dtype stores it, so the products are those of x times a full mask of that dtype)
    const keep = allocate(x.dtype, n * c);
    if (this.p < 1) {
      const u = new Tensor(allocate('float64', n * c), [n * c], 'float64');
      uniform_(u, { rng: this.options.rng, low: 0, high: 1 });
      const scale = 1 / (1 - this.p);
      for (let i = 0; i < n * c; i++) if (u.data[i]! >= this.p) keep[i] = scale;
    }
    return scaleChannels(x, keep, x.size / (n * c));
  }
}

/**
 * `y[i, c, …] = x[i, c, …] · keep[i·C + c]`, recorded with its backward `g ↦ g · keep` (the same
 * per-channel factors): Dropout2d's multiply without a full-size mask tensor.
 */
function scaleChannels(
  x: Tensor,
  keep: ArrayLike<number>,
  plane: number,
  gradOf: Tensor | null = null,
): Tensor {
  // as the backward of the dropout of `gradOf`: its gradient, into an engine buffer when allowed
  const dt = x.dtype;
  const buf =
    gradOf !== null && !isGradEnabled() && (dt === 'float32' || dt === 'float64')
      ? gradBuffer(gradOf, dt, x.size)
      : null;
  const out = buf ?? allocate(dt, x.size);
  // the current backend's loop (the same products on both)
  getKernel('scalePlanes')(x.data, keep, out, plane);
  // the backward reads the gradient once (one multiply pass) and keeps nothing of it
  return record(
    new Tensor(out, x.shape, x.dtype),
    'dropout2d',
    [x],
    (g) => [scaleChannels(g, keep, plane, x)],
    {
      readsGradOnce: true,
    },
  );
}

/**
 * Log-softmax over the class dimension (PyTorch `nn.LogSoftmax(dim=1)`):
 * `out[n, k] = x[n, k] - log Σ_j exp(x[n, j])`, the last layer of Convolution III's network.
 *
 * ```ts
 * new LogSoftmax().call(logits); // [N, 10] log-probabilities, exp sums to 1 per row
 * ```
 */
export class LogSoftmax extends Module {
  constructor(readonly axis = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return logSoftmax(x, { axis: this.axis });
  }
}

/**
 * Max-unpooling layer (PyTorch `nn.MaxUnpool2d`), see `maxUnpool2d`: `call(x, indices)` with the
 * pooled values and the indices of `maxPool2dWithIndices` → [N, C, OH, OW];
 * `unpool(x, indices, outputSize)` picks the output size as PyTorch's `output_size` argument.
 *
 * ```ts
 * const { y, indices } = maxPool2dWithIndices(x, 2);
 * new MaxUnpool2d(2).call(y, indices);             // maxima back in place, zeros elsewhere
 * new MaxUnpool2d(2).unpool(y, indices, [5, 5]);   // undo the pooling of a 5x5 input
 * ```
 */
export class MaxUnpool2d extends Module {
  constructor(
    readonly kernelSize: IntOrPair,
    readonly options: { stride?: IntOrPair | null; padding?: IntOrPair } = {},
  ) {
    super();
  }
  forward(x: Tensor, indices: Tensor): Tensor {
    return maxUnpool2d(x, indices, this.kernelSize, this.options);
  }
  /** `forward` with PyTorch's `output_size` argument (the spatial size, or the full shape). */
  unpool(x: Tensor, indices: Tensor, outputSize?: readonly number[] | null): Tensor {
    return maxUnpool2d(x, indices, this.kernelSize, { ...this.options, outputSize });
  }
  override describe(): string {
    return `MaxUnpool2d(kernelSize=${show(this.kernelSize)}, stride=${show(this.options.stride ?? this.kernelSize)}, padding=${show(this.options.padding ?? 0)})`;
  }
}
/**
 * Max-unpooling layer (PyTorch `nn.MaxUnpool1d`), see `maxUnpool1d`: `call(x, indices)` with
 * the output of `maxPool1dWithIndices` → [N, C, LOut]; `unpool(x, indices, [LOut])` sets the size.
 *
 * ```ts
 * const { y, indices } = maxPool1dWithIndices(x, 2);
 * new MaxUnpool1d(2).call(y, indices); // [N, C, L/2] → [N, C, L]
 * ```
 */
export class MaxUnpool1d extends Module {
  constructor(
    readonly kernelSize: number,
    readonly options: { stride?: number | null; padding?: number } = {},
  ) {
    super();
  }
  forward(x: Tensor, indices: Tensor): Tensor {
    return maxUnpool1d(x, indices, this.kernelSize, this.options);
  }
  /** `forward` with PyTorch's `output_size` argument (the spatial size, or the full shape). */
  unpool(x: Tensor, indices: Tensor, outputSize?: readonly number[] | null): Tensor {
    return maxUnpool1d(x, indices, this.kernelSize, { ...this.options, outputSize });
  }
  override describe(): string {
    return `MaxUnpool1d(kernelSize=${show(this.kernelSize)}, stride=${show(this.options.stride ?? this.kernelSize)}, padding=${show(this.options.padding ?? 0)})`;
  }
}
/**
 * Upsampling layer (PyTorch `nn.Upsample`), see `interpolate`: `size` or `scaleFactor`, mode
 * 'nearest' (default), 'nearest-exact', 'linear' or 'bilinear', `alignCorners` for the linear modes.
 *
 * ```ts
 * new Upsample({ scaleFactor: 2 }).call(x);                     // [N, C, H, W] → [N, C, 2H, 2W], duplicated
 * new Upsample({ size: [7, 7], mode: 'bilinear' }).call(x);     // [N, C, 7, 7]
 * ```
 */
export class Upsample extends Module {
  constructor(readonly options: InterpolateOptions) {
    super();
  }
  forward(x: Tensor): Tensor {
    return interpolate(x, this.options);
  }
  override describe(): string {
    const o = this.options;
    const mode = o.mode ?? 'nearest';
    const what = o.size != null ? `size=${show(o.size)}` : `scaleFactor=${show(o.scaleFactor)}`;
    const ac = mode === 'linear' || mode === 'bilinear' ? `, alignCorners=${o.alignCorners ?? false}` : '';
    return `Upsample(${what}, mode='${mode}'${ac})`;
  }
}
/**
 * PyTorch's `nn.UpsamplingNearest2d`: `Upsample` with mode 'nearest' on [N, C, H, W].
 *
 * ```ts
 * new UpsamplingNearest2d({ scaleFactor: 2 }).call(x); // each pixel duplicated into a 2x2 block
 * ```
 */
export class UpsamplingNearest2d extends Upsample {
  constructor(options: { size?: IntOrPair | null; scaleFactor?: number | readonly [number, number] | null }) {
    super({ ...options, mode: 'nearest' });
  }
}
/**
 * PyTorch's `nn.UpsamplingBilinear2d`: `Upsample` with mode 'bilinear' and `alignCorners: true`.
 *
 * ```ts
 * new UpsamplingBilinear2d({ scaleFactor: 2 }).call(x); // corners kept, the rest interpolated
 * ```
 */
export class UpsamplingBilinear2d extends Upsample {
  constructor(options: { size?: IntOrPair | null; scaleFactor?: number | readonly [number, number] | null }) {
    super({ ...options, mode: 'bilinear', alignCorners: true });
  }
}

/**
 * The notebooks' `weights_init` (Convolution II and III): He initialisation of every `Linear`
 * layer, `kaiming_uniform_` weights `U(-√(6/fanIn), √(6/fanIn))` and zero biases; convolution
 * layers keep PyTorch's default. Applied in place (as `model.apply(weights_init)`); returns `net`.
 *
 * ```ts
 * const net = heInitLinear(mnistConvNet(), new RandomState(0));
 * ```
 */
export function heInitLinear<M extends Module>(net: M, rng?: Rng): M {
  net.apply((m) => {
    if (m instanceof Linear) {
      kaimingUniform_(m.weight, { rng });
      if (m.bias) zeros_(m.bias);
    }
  });
  return net;
}

/** Options of {@link mnist1dConvNet} and {@link mnistConvNet}. */
export interface ConvNetOptions {
  /** Random source for the initialisation and (mnistConvNet) the dropout masks. */
  rng?: Rng;
  /** Parameter dtype (default 'float32', as PyTorch). */
  dtype?: DType;
  /** Re-initialise the Linear layers as the notebooks' `weights_init` (see `heInitLinear`); default false. */
  heInit?: boolean;
}

/**
 * The network of figure 10.7 for MNIST-1D (Convolution II): three `Conv1d` (kernel 3, stride 2,
 * 'valid', 15 channels) each followed by ReLU, flatten (15·4 = 60) and a linear layer to 10
 * classes. Input [N, 1, 40] → logits [N, 10] (train with cross-entropy); lengths 40 → 19 → 9 → 4
 * by `LOut = floor((L - 3) / 2) + 1`. 2050 parameters. Weights use PyTorch's default init unless
 * `heInit` is set (the notebook's `weights_init`: kaiming-uniform Linear weights, zero biases).
 *
 * ```ts
 * const net = mnist1dConvNet({ rng: new RandomState(0), heInit: true });
 * net.call(zeros([100, 1, 40], { dtype: 'float32' })).shape; // [100, 10]
 * ```
 */
export function mnist1dConvNet(options: ConvNetOptions & { channels?: number } = {}): Sequential {
  const c = options.channels ?? 15;
  const o = { stride: 2, padding: 'valid' as const, rng: options.rng, dtype: options.dtype };
  const net = new Sequential(
    new Conv1d(1, c, 3, o),
    new ReLU(),
    new Conv1d(c, c, 3, o),
    new ReLU(),
    new Conv1d(c, c, 3, o),
    new ReLU(),
    new Flatten(),
    new Linear(4 * c, 10, { rng: options.rng, dtype: options.dtype }),
  );
  return options.heInit ? heInitLinear(net, options.rng) : net;
}

/**
 * The 2-D MNIST classifier of Convolution III: conv k5 1→10, max pool 2, ReLU, conv k5 10→20,
 * Dropout2d, max pool 2, ReLU, flatten (320), linear 50, ReLU, linear 10, log-softmax.
 * Input [N, 1, 28, 28] → log-probabilities [N, 10] (train with `nllLoss`); sizes
 * 28 → 24 → 12 → 8 → 4, so the flatten has 20·4·4 = 320 features; 21840 parameters.
 * `dropout` is the Dropout2d probability (default 0.5); `heInit` as in `mnist1dConvNet`.
 *
 * ```ts
 * const net = mnistConvNet({ rng: new RandomState(0), heInit: true });
 * const logp = net.call(zeros([8, 1, 28, 28], { dtype: 'float32' })); // [8, 10]
 * ```
 */
export function mnistConvNet(options: ConvNetOptions & { dropout?: number } = {}): Sequential {
  const { rng, dtype } = options;
  const net = new Sequential(
    new Conv2d(1, 10, 5, { rng, dtype }),
    new MaxPool2d(2),
    new ReLU(),
    new Conv2d(10, 20, 5, { rng, dtype }),
    new Dropout2d(options.dropout ?? 0.5, { rng }),
    new MaxPool2d(2),
    new ReLU(),
    new Flatten(),
    new Linear(320, 50, { rng, dtype }),
    new ReLU(),
    new Linear(50, 10, { rng, dtype }),
    new LogSoftmax(1),
  );
  return options.heInit ? heInitLinear(net, rng) : net;
}
