/**
 * Parameter initialisation with PyTorch's formulas (`torch.nn.init`), drawing from a
 * numpy-compatible `RandomState` (so the same seed gives the same numbers as numpy's
 * `np.random.RandomState(seed).uniform(...)`, not PyTorch's generator).
 *
 * Each initialiser comes in two forms: `kaimingUniform(shape, options)` returns a new tensor;
 * `kaimingUniform_(tensor, options)` fills an existing tensor in place (PyTorch's trailing `_`)
 * and returns it. Values are drawn in row-major order of the shape.
 *
 * Fans (PyTorch `_calculate_fan_in_and_fan_out`): for a weight `[out, in, k...]`,
 * `fanIn = in · ∏k`, `fanOut = out · ∏k`.
 */
import { allocate, type DType, noGrad, Tensor, ValueError } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { drawNormal, drawUniform, type Rng, resolveRng } from './rng.js';

/** Nonlinearities `calculateGain` knows (PyTorch's names). */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

/**
 * The recommended gain for a nonlinearity (PyTorch `calculate_gain`): 1 for linear/conv/sigmoid,
 * 5/3 for tanh, √2 for ReLU, √(2 / (1 + slope²)) for leaky ReLU (slope `param`, default 0.01),
 * 3/4 for SELU.
 *
 * ```ts
 * calculateGain('relu'); // 1.4142135623730951
 * ```
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'conv_transpose1d':
    case 'conv_transpose2d':
    case 'conv_transpose3d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      if (typeof slope !== 'number' || !Number.isFinite(slope))
        throw new ValueError('calculateGain', `negative slope ${show(slope)} is not a valid number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new ValueError(
        'calculateGain',
        `unsupported nonlinearity ${show(nonlinearity)}; expected one of linear, conv1d..3d, sigmoid, tanh, relu, leaky_relu, selu`,
      );
  }
}

/** PyTorch's fans of a weight shape `[out, in, ...kernel]` (at least 2-D). */
export function calculateFans(
  shape: readonly number[],
  op = 'calculateFans',
): { fanIn: number; fanOut: number } {
  if (shape.length < 2)
    throw new ValueError(
      op,
      `fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, received shape ${showShape(shape)}`,
    );
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

/** Options shared by the initialisers. */
export interface InitOptions {
  /** The random source (default: core's process-wide generator). */
  rng?: Rng;
  /** dtype of a new tensor (default 'float32', PyTorch's default). */
  dtype?: DType;
}

/** Options of the Kaiming (He) initialisers. */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky ReLU after this layer (only with 'leaky_relu'); default 0. */
  a?: number;
  /** 'fanIn' (default) preserves the forward variance, 'fanOut' the backward. */
  mode?: 'fanIn' | 'fanOut';
  /** Default 'leaky_relu' (with a = 0 that is ReLU's gain √2), as PyTorch. */
  nonlinearity?: Nonlinearity;
}

function fill(op: string, t: Tensor, values: Float64Array): Tensor {
  if (t.dtype !== 'float64' && t.dtype !== 'float32')
    throw new ValueError(op, `tensor must be float64 or float32, received dtype ${t.dtype}`);
  noGrad(() => t.data.set(values));
  return t;
}

function fresh(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return new Tensor(
    allocate(
      dtype,
      shape.reduce((a, b) => a * b, 1),
    ),
    shape,
    dtype,
  );
}

function kaimingStd(op: string, shape: readonly number[], o: KaimingOptions): number {
  const { fanIn, fanOut } = calculateFans(shape, op);
  const mode = o.mode ?? 'fanIn';
  if (mode !== 'fanIn' && mode !== 'fanOut')
    throw new ValueError(op, `mode must be 'fanIn' or 'fanOut', received ${show(mode)}`);
  const fan = mode === 'fanIn' ? fanIn : fanOut;
  if (fan === 0)
    throw new ValueError(op, `cannot initialise a tensor with zero ${mode} (shape ${showShape(shape)})`);
  return calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0) / Math.sqrt(fan);
}

/**
 * He/Kaiming uniform (PyTorch `kaiming_uniform_`): `U(-b, b)` with
 * `b = gain · √(3 / fan)`, `gain = calculateGain(nonlinearity, a)`. With the defaults
 * (a = 0, leaky_relu, fanIn) that is `√(6 / fanIn)`, the coursework notebooks' He init.
 *
 * ```ts
 * const w = kaimingUniform([100, 40], { rng: new RandomState(0) }); // U(-√(6/40), √(6/40))
 * ```
 */
export function kaimingUniform(shape: readonly number[], options: KaimingOptions = {}): Tensor {
  return kaimingUniform_(fresh(shape, options.dtype), options);
}
/** In-place `kaimingUniform`. */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd('kaimingUniform', t.shape, options);
  return fill('kaimingUniform', t, drawUniform(resolveRng(options.rng), -bound, bound, t.shape));
}

/** He/Kaiming normal (PyTorch `kaiming_normal_`): `N(0, std²)`, `std = gain / √fan`. */
export function kaimingNormal(shape: readonly number[], options: KaimingOptions = {}): Tensor {
  return kaimingNormal_(fresh(shape, options.dtype), options);
}
/** In-place `kaimingNormal`. */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = kaimingStd('kaimingNormal', t.shape, options);
  return fill('kaimingNormal', t, drawNormal(resolveRng(options.rng), 0, std, t.shape));
}

/** Options of the Xavier initialisers. */
export interface XavierOptions extends InitOptions {
  /** Scale factor (default 1). */
  gain?: number;
}

/** Glorot/Xavier uniform (PyTorch `xavier_uniform_`): `U(-b, b)`, `b = gain · √(6 / (fanIn + fanOut))`. */
export function xavierUniform(shape: readonly number[], options: XavierOptions = {}): Tensor {
  return xavierUniform_(fresh(shape, options.dtype), options);
}
/** In-place `xavierUniform`. */
export function xavierUniform_(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = calculateFans(t.shape, 'xavierUniform');
  const b = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return fill('xavierUniform', t, drawUniform(resolveRng(options.rng), -b, b, t.shape));
}

/** Glorot/Xavier normal (PyTorch `xavier_normal_`): `N(0, std²)`, `std = gain · √(2 / (fanIn + fanOut))`. */
export function xavierNormal(shape: readonly number[], options: XavierOptions = {}): Tensor {
  return xavierNormal_(fresh(shape, options.dtype), options);
}
/** In-place `xavierNormal`. */
export function xavierNormal_(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = calculateFans(t.shape, 'xavierNormal');
  const std = (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut));
  return fill('xavierNormal', t, drawNormal(resolveRng(options.rng), 0, std, t.shape));
}

/** `U(low, high)` (PyTorch `uniform_`, defaults 0 and 1). */
export function uniform(
  shape: readonly number[],
  options: InitOptions & { low?: number; high?: number } = {},
): Tensor {
  return uniform_(fresh(shape, options.dtype), options);
}
/** In-place `uniform`. */
export function uniform_(t: Tensor, options: InitOptions & { low?: number; high?: number } = {}): Tensor {
  return fill(
    'uniform',
    t,
    drawUniform(resolveRng(options.rng), options.low ?? 0, options.high ?? 1, t.shape),
  );
}

/** `N(mean, std²)` (PyTorch `normal_`, defaults 0 and 1). */
export function normal(
  shape: readonly number[],
  options: InitOptions & { mean?: number; std?: number } = {},
): Tensor {
  return normal_(fresh(shape, options.dtype), options);
}
/** In-place `normal`. */
export function normal_(t: Tensor, options: InitOptions & { mean?: number; std?: number } = {}): Tensor {
  return fill('normal', t, drawNormal(resolveRng(options.rng), options.mean ?? 0, options.std ?? 1, t.shape));
}

/** A tensor of `value` (PyTorch `constant_`). */
export function constant(shape: readonly number[], value: number, options: { dtype?: DType } = {}): Tensor {
  return constant_(fresh(shape, options.dtype), value);
}
/** In-place `constant`. */
export function constant_(t: Tensor, value: number): Tensor {
  return fill('constant', t, new Float64Array(t.size).fill(value));
}
/** Zeros (PyTorch `zeros_`; the coursework's `layer.bias.data.fill_(0.0)`). */
export function zeros(shape: readonly number[], options: { dtype?: DType } = {}): Tensor {
  return constant(shape, 0, options);
}
/** In-place zeros. */
export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}
/** Ones (PyTorch `ones_`). */
export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/**
 * The book's He initialization (UDL section 7.5; the Gradients III notebook's
 * `init_params` with `sigma_sq_omega = 2/D`): weights `Ω ~ N(0, 2/D_in)` of shape
 * `[D_out, D_in]`, drawn as `rng.normal(size=(D_out, D_in)) * √(2/D_in)` (the notebook's order),
 * biases zero. Returns float64 tensors in the book's orientation (examples in columns).
 *
 * ```ts
 * const { omega, beta } = heInitialization(100, 40, new RandomState(0)); // omega [100, 40], beta [100, 1]
 * ```
 */
export function heInitialization(dOut: number, dIn: number, rng?: Rng): { omega: Tensor; beta: Tensor } {
  for (const [n, v] of [
    ['dOut', dOut],
    ['dIn', dIn],
  ] as const)
    if (!Number.isInteger(v) || v <= 0)
      throw new ValueError('heInitialization', `${n} must be a positive integer, received ${show(v)}`);
  const z = drawNormal(resolveRng(rng), 0, 1, [dOut, dIn]);
  const s = Math.sqrt(2 / dIn);
  for (let i = 0; i < z.length; i++) z[i] = z[i]! * s;
  return {
    omega: new Tensor(z, [dOut, dIn], 'float64'),
    beta: new Tensor(new Float64Array(dOut), [dOut, 1], 'float64'),
  };
}
