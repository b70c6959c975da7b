/**
 * Convolutions with PyTorch's layouts and semantics (NCHW / NCL inputs, OIHW / OIK weights),
 * differentiable through @gradkit/core's autograd. The three primitives — the convolution, the
 * gradient of its input and the gradient of its weight — are each other's adjoints, so every
 * backward rule is written with them and double backward works. A 1-D convolution is the 2-D one
 * with height 1 (same data layout): the primitives take the sizes (`ConvDims`) and the tensors'
 * own shapes, so conv1d records one node on its own tensors.
 *
 * The loops are in `reference.ts` (the readable definitions the fast path is tested against); the
 * number crunching runs in the kernels of `kernels.ts` (both backends).
 */
import {
  allocate,
  DTypeError,
  isGradEnabled,
  record,
  reluGradInBackward,
  ShapeError,
  Tensor,
  ValueError,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';
import { gradBuffer } from '@gradkit/core/kernels';
import {
  type ConvDims,
  canKeepColumns,
  columnsSize,
  conv2dBackward,
  conv2dBackwardBias,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dForward,
} from './kernels.js';
import {
  type Conv2dGeometry,
  checkConvShapes,
  convOutSize,
  type IntOrPair,
  type IntOrSingle,
  pair,
  resolvePadding,
  single,
} from './params.js';

/** Options of {@link conv2d} (PyTorch's `F.conv2d` keyword arguments). */
export interface Conv2dOptions {
  /** Bias [O] added to every output channel. */
  bias?: Tensor | null;
  /** Step between output positions (int or [sh, sw]); default 1. */
  stride?: IntOrPair;
  /** Zero padding: int, [ph, pw], 'valid' (= 0) or 'same' (stride 1 only); default 0. */
  padding?: IntOrPair | 'valid' | 'same';
  /** Spacing between kernel taps; default 1. */
  dilation?: IntOrPair;
  /** Split channels into `groups` independent convolutions; default 1. */
  groups?: number;
}

/** Options of {@link conv1d} (PyTorch's `F.conv1d` keyword arguments). */
export interface Conv1dOptions {
  /** Bias [O] added to every output channel. */
  bias?: Tensor | null;
  /** Step between output positions; default 1. */
  stride?: IntOrSingle;
  /** Zero padding on both ends, 'valid' (= 0) or 'same' (stride 1 only); default 0. */
  padding?: IntOrSingle | 'valid' | 'same';
  /** Spacing between kernel taps; default 1. */
  dilation?: IntOrSingle;
  /** Split channels into `groups` independent convolutions; default 1. */
  groups?: number;
}

/**
 * Reinterpret `t` with a new shape of the same size (no copy, like `torch.Tensor.view`),
 * recorded for autograd: the gradient is viewed back to `t`'s shape.
 *
 * ```ts
 * viewAs(x, [x.shape[0], x.shape[1], 1, x.shape[2]]); // [N, C, L] → [N, C, 1, L]
 * ```
 */
export function viewAs(t: Tensor, shape: readonly number[]): Tensor {
  const out = new Tensor(t.data, shape, t.dtype);
  const from = t.shape;
  return record(out, 'view', [t], (g) => [viewAs(g, from)]);
}

function checkFloat(op: string, arg: string, t: Tensor, dtype?: string): void {
  if (!(t instanceof Tensor)) throw new DTypeError(op, `${arg} must be a Tensor, received ${typeof t}`);
  if (t.dtype !== 'float64' && t.dtype !== 'float32')
    throw new DTypeError(op, `${arg} must be float32 or float64, received dtype ${t.dtype}`);
  if (dtype && t.dtype !== dtype)
    throw new DTypeError(
      op,
      `${arg} has dtype ${t.dtype} but input has dtype ${dtype}; expected equal dtypes`,
    );
}

/** The sizes of conv(x [N, C, H, W], w [O, C/groups, KH, KW]) → [N, O, OH, OW]. */
function dimsOf(x: readonly number[], w: readonly number[], oh: number, ow: number): ConvDims {
  return { n: x[0]!, c: x[1]!, h: x[2]!, w: x[3]!, o: w[0]!, kh: w[2]!, kw: w[3]!, oh, ow };
}

/**
 * `y = conv(x, w)` (+ bias) for validated inputs, `d` its sizes as a 2-D convolution and `yShape`
 * the output's shape; with `relu`, `relu(conv(x, w) + bias)` in the same kernel pass (no
 * pre-activation tensor). The bias [O] is added in the GEMM epilogue (the scatter of the GEMM's
 * [O, N·L] output into [N, O, L]) rather than by a separate pass.
 *
 * Backward, with `G = ∂L/∂y` (first `G · [y > 0]` with `relu`): `∂L/∂x = convᵀ(G, w)` (the
 * transposed convolution), `∂L/∂w = Σ_n G ⋆ x` (the correlation of `G` with the input),
 * `∂L/∂b = Σ_{n, positions} G` — the other two primitives, so double backward works.
 */
function convPrimitive(
  x: Tensor,
  w: Tensor,
  d: ConvDims,
  g: Conv2dGeometry,
  yShape: readonly number[],
  bias: Tensor | null = null,
  relu = false,
): Tensor {
  const out = allocate(x.dtype, d.n * d.o * d.oh * d.ow);
  // the weight gradient needs im2col(x): keep the forward's columns rather than rebuild them
  const cols =
    isGradEnabled() && w.requiresGrad && canKeepColumns(d, g)
      ? (allocate(x.dtype, columnsSize(d, g)) as Float32Array | Float64Array)
      : null;
  conv2dForward(x.data, w.data, bias === null ? null : bias.data, out, d, g, cols, relu);
  const y = new Tensor(out, yShape, x.dtype);
  const backward = (gOut: Tensor): (Tensor | null)[] => {
    if (!isGradEnabled() && gOut.dtype === x.dtype) {
      // no graph of the backward: every gradient from one kernel call (one pass over G, the
      // relu's mask applied as it is read), into engine-owned buffers where the kernel layer allows
      const gx = x.requiresGrad ? zeroedGradStorage(x) : null;
      const gw = w.requiresGrad ? zeroedGradStorage(w) : null;
      const gb = bias?.requiresGrad ? zeroedGradStorage(bias) : null;
      conv2dBackward(gOut.data, relu ? out : null, x.data, w.data, gx, gw, gb, d, g, cols);
      const res = [gx && new Tensor(gx, x.shape, x.dtype), gw && new Tensor(gw, w.shape, x.dtype)];
      if (bias !== null) res.push(gb && new Tensor(gb, bias.shape, x.dtype));
      return res;
    }
    const gy = relu ? reluGradInBackward(gOut, out as Float32Array | Float64Array) : gOut;
    const res = [
      x.requiresGrad ? convInputGrad(gy, w, d, g, x.shape) : null,
      w.requiresGrad ? convWeightGrad(x, gy, d, g, w.shape, cols) : null,
    ];
    if (bias !== null) res.push(bias.requiresGrad ? channelSum(gy) : null);
    return res;
  };
  // the backward reads G once (through the kernels) and keeps nothing of it
  return record(y, relu ? 'conv2dRelu' : 'conv2d', bias === null ? [x, w] : [x, w, bias], backward, {
    readsGradOnce: true,
  });
}

/** Zeroed storage (the kernels add into it) for the gradient of `t`: an engine buffer when allowed. */
function zeroedGradStorage(t: Tensor): Float32Array | Float64Array {
  const dtype = t.dtype as 'float32' | 'float64';
  return gradBuffer(t, dtype, t.size)?.fill(0) ?? (allocate(dtype, t.size) as Float32Array | Float64Array);
}

/** d(conv)/d(input) applied to `gy`: the transposed convolution, a tensor of shape `xShape`. */
function convInputGrad(
  gy: Tensor,
  w: Tensor,
  d: ConvDims,
  g: Conv2dGeometry,
  xShape: readonly number[],
): Tensor {
  const gx = allocate(gy.dtype, d.n * d.c * d.h * d.w);
  conv2dBackwardInput(gy.data, w.data, gx, d, g);
  const out = new Tensor(gx, xShape, gy.dtype);
  return record(out, 'conv2dInputGrad', [gy, w], (gg) => [
    gy.requiresGrad ? convPrimitive(gg, w, d, g, gy.shape) : null,
    w.requiresGrad ? convWeightGrad(gg, gy, d, g, w.shape) : null,
  ]);
}

/** d(conv)/d(weight) contracted with `gy`: a tensor of shape `wShape`. */
function convWeightGrad(
  x: Tensor,
  gy: Tensor,
  d: ConvDims,
  g: Conv2dGeometry,
  wShape: readonly number[],
  cols: Float32Array | Float64Array | null = null,
): Tensor {
  const gw = allocate(x.dtype, d.o * (d.c / g.groups) * d.kh * d.kw);
  conv2dBackwardWeight(gy.data, x.data, gw, d, g, cols);
  const out = new Tensor(gw, wShape, x.dtype);
  return record(out, 'conv2dWeightGrad', [x, gy], (gg) => [
    x.requiresGrad ? convInputGrad(gy, gg, d, g, x.shape) : null,
    gy.requiresGrad ? convPrimitive(x, gg, d, g, gy.shape) : null,
  ]);
}

/** y[n, o, ...] += b[o], differentiable in both. */
function addChannelBias(y: Tensor, b: Tensor): Tensor {
  const [n, o] = [y.shape[0]!, y.shape[1]!];
  const L = y.size / (n * o);
  const out = allocate(y.dtype, y.size);
  const yd = y.data;
  const bd = b.data;
  for (let i = 0; i < n; i++)
    for (let c = 0; c < o; c++) {
      const off = (i * o + c) * L;
      const bv = bd[c]!;
      for (let l = 0; l < L; l++) out[off + l] = yd[off + l]! + bv;
    }
  const res = new Tensor(out, y.shape, y.dtype);
  return record(res, 'addChannelBias', [y, b], (g) => [g, b.requiresGrad ? channelSum(g) : null]);
}

/** Σ over batch and spatial positions: [N, O, ...] → [O]. Backward broadcasts back. */
function channelSum(g: Tensor): Tensor {
  const [n, o] = [g.shape[0]!, g.shape[1]!];
  const L = g.size / (n * o);
  const gb = allocate(g.dtype, o);
  conv2dBackwardBias(g.data, gb, { n, c: 0, h: 0, w: 0, o, kh: 0, kw: 0, oh: 1, ow: L });
  const out = new Tensor(gb, [o], g.dtype);
  return record(out, 'channelSum', [g], (gg) => [
    addChannelBias(new Tensor(allocate(g.dtype, g.size), g.shape, g.dtype), gg),
  ]);
}

function geometry2d(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  opts: { stride?: IntOrPair; padding?: IntOrPair | 'valid' | 'same'; dilation?: IntOrPair; groups?: number },
): { geom: Conv2dGeometry; oh: number; ow: number } {
  const groups = opts.groups ?? 1;
  const stride = pair(op, 'stride', opts.stride ?? 1, 1);
  const dil = pair(op, 'dilation', opts.dilation ?? 1, 1);
  const kernel: [number, number] = [wShape[2]!, wShape[3]!];
  const [padTop, padBottom, padLeft, padRight] = resolvePadding(op, opts.padding ?? 0, kernel, dil, stride);
  const geom: Conv2dGeometry = {
    strideH: stride[0],
    strideW: stride[1],
    padTop,
    padBottom,
    padLeft,
    padRight,
    dilH: dil[0],
    dilW: dil[1],
    groups,
  };
  const oh = convOutSize(xShape[2]!, padTop, padBottom, dil[0], kernel[0], stride[0]);
  const ow = convOutSize(xShape[3]!, padLeft, padRight, dil[1], kernel[1], stride[1]);
  if (oh < 1 || ow < 1)
    throw new ShapeError(
      op,
      `kernel larger than padded input: input spatial size ${showShape(xShape.slice(2))} with padding [${padTop}+${padBottom}, ${padLeft}+${padRight}] is smaller than the dilated kernel ${showShape([dil[0] * (kernel[0] - 1) + 1, dil[1] * (kernel[1] - 1) + 1])}`,
    );
  return { geom, oh, ow };
}

/**
 * 2-D convolution (cross-correlation, as PyTorch's `torch.nn.functional.conv2d`).
 *
 * input [N, C, H, W], weight [O, C/groups, KH, KW], bias [O] → output [N, O, OH, OW] with
 * `OH = floor((H + 2·padding - dilation·(KH-1) - 1) / stride) + 1` (likewise OW) and
 * `out[n, o, y, x] = bias[o] + Σ_{c, i, j} input[n, g·C/groups + c, y·s - p + i·d, x·s - p + j·d] · weight[o, c, i, j]`.
 *
 * ```ts
 * const y = conv2d(randn([1, 1, 4, 6]), randn([1, 1, 3, 3]), { padding: 1 }); // [1, 1, 4, 6]
 * ```
 */
export function conv2d(input: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  return conv2dImpl('conv2d', input, weight, options, false);
}

/**
 * `relu(conv2d(input, weight, options))` as one fused op (PyTorch's `ConvReLU2d` of
 * `torch.ao.nn.intrinsic`): the relu is applied in the convolution's output pass, so no
 * pre-activation tensor is made; the same values and gradients as the composition, bit for bit.
 *
 * ```ts
 * const h = conv2dRelu(x, w, { bias: b, padding: 1 }); // = relu(conv2d(x, w, { bias: b, padding: 1 }))
 * ```
 */
export function conv2dRelu(input: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  return conv2dImpl('conv2dRelu', input, weight, options, true);
}

function conv2dImpl(
  op: string,
  input: Tensor,
  weight: Tensor,
  options: Conv2dOptions,
  relu: boolean,
): Tensor {
  checkFloat(op, 'input', input);
  checkFloat(op, 'weight', weight, input.dtype);
  const bias = options.bias ?? null;
  if (bias) checkFloat(op, 'bias', bias, input.dtype);
  checkConvShapes(op, input.shape, weight.shape, options.groups ?? 1, 2, bias?.shape);
  const { geom, oh, ow } = geometry2d(op, input.shape, weight.shape, options);
  const d = dimsOf(input.shape, weight.shape, oh, ow);
  return convPrimitive(input, weight, d, geom, [d.n, d.o, oh, ow], bias, relu);
}

/**
 * 1-D convolution (PyTorch's `conv1d`): input [N, C, L], weight [O, C/groups, K], bias [O] →
 * output [N, O, LOut], `LOut = floor((L + 2·padding - dilation·(K-1) - 1) / stride) + 1`.
 *
 * ```ts
 * // the first layer of figure 10.7: 1 → 15 channels, kernel 3, stride 2, 'valid'
 * const x = zeros([100, 1, 40]);
 * const w = zeros([15, 1, 3]);
 * conv1d(x, w, { stride: 2 }).shape; // [100, 15, 19]
 * ```
 */
export function conv1d(input: Tensor, weight: Tensor, options: Conv1dOptions = {}): Tensor {
  return conv1dImpl('conv1d', input, weight, options, false);
}

/**
 * `relu(conv1d(input, weight, options))` as one fused op (PyTorch's `ConvReLU1d` of
 * `torch.ao.nn.intrinsic`, the module `fuseModules` makes of a `Conv1d` followed by a `ReLU`):
 * no pre-activation tensor, the same values and gradients as the composition, bit for bit.
 *
 * ```ts
 * const h = conv1dRelu(x, w, { bias: b, stride: 2 }); // = relu(conv1d(x, w, { bias: b, stride: 2 }))
 * ```
 */
export function conv1dRelu(input: Tensor, weight: Tensor, options: Conv1dOptions = {}): Tensor {
  return conv1dImpl('conv1dRelu', input, weight, options, true);
}

function conv1dImpl(
  op: string,
  input: Tensor,
  weight: Tensor,
  options: Conv1dOptions,
  relu: boolean,
): Tensor {
  checkFloat(op, 'input', input);
  checkFloat(op, 'weight', weight, input.dtype);
  const bias = options.bias ?? null;
  if (bias) checkFloat(op, 'bias', bias, input.dtype);
  checkConvShapes(op, input.shape, weight.shape, options.groups ?? 1, 1, bias?.shape);
  const x4 = [input.shape[0]!, input.shape[1]!, 1, input.shape[2]!];
  const w4 = [weight.shape[0]!, weight.shape[1]!, 1, weight.shape[2]!];
  const pad = options.padding ?? 0;
  const { geom, oh, ow } = geometry2d(op, x4, w4, {
    stride: [1, single(op, 'stride', options.stride ?? 1, 1)],
    dilation: [1, single(op, 'dilation', options.dilation ?? 1, 1)],
    padding: typeof pad === 'string' ? pad : [0, single(op, 'padding', pad, 0)],
    groups: options.groups ?? 1,
  });
  // the 2-D convolution of height 1, on the 1-D tensors themselves (same data layout)
  const d = dimsOf(x4, w4, oh, ow);
  return convPrimitive(input, weight, d, geom, [d.n, d.o, ow], bias, relu);
}

/** Options of {@link convTranspose2d} (PyTorch's `F.conv_transpose2d` keyword arguments). */
export interface ConvTranspose2dOptions {
  /** Bias [Cout] added to every output channel. */
  bias?: Tensor | null;
  /** Upsampling factor (the stride of the convolution this is the adjoint of); default 1. */
  stride?: IntOrPair;
  /** Rows/columns removed from each border of the full output (`dilation·(K-1) - padding` zero padding of the input); default 0. */
  padding?: IntOrPair;
  /** Extra rows/columns added on the bottom/right, to pick one of the sizes a strided conv maps from; default 0. */
  outputPadding?: IntOrPair;
  /** Split channels into `groups` independent transposed convolutions; default 1. */
  groups?: number;
  /** Spacing between kernel taps; default 1. */
  dilation?: IntOrPair;
}

/**
 * 2-D transposed convolution (PyTorch's `conv_transpose2d`), the adjoint of `conv2d` in its
 * input — the book's learned upsampling. input [N, Cin, H, W], weight [Cin, Cout/groups, KH, KW]
 * → [N, Cout, HOut, WOut], `HOut = (H-1)·stride - 2·padding + dilation·(KH-1) + outputPadding + 1`.
 * It equals the input gradient of `conv2d` with the same weight and options.
 *
 * ```ts
 * // double the resolution: [1, 3, 4, 5] → [1, 2, 8, 10]
 * convTranspose2d(x, w, { stride: 2, padding: 1, outputPadding: 1 }); // w [3, 2, 3, 3]
 * ```
 */
export function convTranspose2d(input: Tensor, weight: Tensor, options: ConvTranspose2dOptions = {}): Tensor {
  const op = 'convTranspose2d';
  checkFloat(op, 'input', input);
  checkFloat(op, 'weight', weight, input.dtype);
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1)
    throw new ValueError(op, `groups must be a positive integer, received ${show(groups)}`);
  if (options.bias) checkFloat(op, 'bias', options.bias, input.dtype);
  if (input.ndim !== 4)
    throw new ShapeError(
      op,
      `input must have 4 dimensions [N, C, H, W], received shape ${showShape(input.shape)}`,
    );
  if (weight.ndim !== 4)
    throw new ShapeError(
      op,
      `weight must have 4 dimensions [Cin, Cout/groups, KH, KW], received shape ${showShape(weight.shape)}`,
    );
  if (weight.shape[0] !== input.shape[1])
    throw new ShapeError(
      op,
      `channel mismatch: input shape ${showShape(input.shape)} has ${input.shape[1]} channels but weight shape ${showShape(weight.shape)} expects ${weight.shape[0]}`,
    );
  const stride = pair(op, 'stride', options.stride ?? 1, 1);
  const pad = pair(op, 'padding', options.padding ?? 0, 0);
  const dil = pair(op, 'dilation', options.dilation ?? 1, 1);
  const outPad = pair(op, 'outputPadding', options.outputPadding ?? 0, 0);
  if (outPad[0] >= Math.max(stride[0], dil[0]) || outPad[1] >= Math.max(stride[1], dil[1]))
    throw new ValueError(
      op,
      `outputPadding ${showShape(outPad)} must be smaller than stride ${showShape(stride)} or dilation ${showShape(dil)} in each dimension`,
    );
  const cout = weight.shape[1]! * groups;
  const hOut =
    (input.shape[2]! - 1) * stride[0] - 2 * pad[0] + dil[0] * (weight.shape[2]! - 1) + outPad[0] + 1;
  const wOut =
    (input.shape[3]! - 1) * stride[1] - 2 * pad[1] + dil[1] * (weight.shape[3]! - 1) + outPad[1] + 1;
  if (hOut < 1 || wOut < 1)
    throw new ShapeError(
      op,
      `output size ${showShape([hOut, wOut])} is not positive for input shape ${showShape(input.shape)}, weight shape ${showShape(weight.shape)}, stride ${showShape(stride)}, padding ${showShape(pad)}; expected (H-1)·stride - 2·padding + dilation·(KH-1) + outputPadding + 1 >= 1`,
    );
  const xShape = [input.shape[0]!, cout, hOut, wOut];
  checkConvShapes(op, xShape, weight.shape, groups, 2);
  if (options.bias && (options.bias.ndim !== 1 || options.bias.shape[0] !== cout))
    throw new ShapeError(
      op,
      `bias must have shape [${cout}] (one per output channel), received ${showShape(options.bias.shape)}`,
    );
  const geom: Conv2dGeometry = {
    strideH: stride[0],
    strideW: stride[1],
    padTop: pad[0],
    padBottom: pad[0],
    padLeft: pad[1],
    padRight: pad[1],
    dilH: dil[0],
    dilW: dil[1],
    groups,
  };
  const y = convInputGrad(
    input,
    weight,
    dimsOf(xShape, weight.shape, input.shape[2]!, input.shape[3]!),
    geom,
    xShape,
  );
  return options.bias ? addChannelBias(y, options.bias) : y;
}

/**
 * 1-D transposed convolution (PyTorch's `conv_transpose1d`): input [N, Cin, L], weight
 * [Cin, Cout/groups, K] → [N, Cout, LOut], `LOut = (L-1)·stride - 2·padding + dilation·(K-1) + outputPadding + 1`.
 *
 * ```ts
 * convTranspose1d(x, w, { stride: 3, padding: 1 }); // x [2, 3, 6], w [3, 4, 3] → [2, 4, 16]
 * ```
 */
export function convTranspose1d(
  input: Tensor,
  weight: Tensor,
  options: {
    bias?: Tensor | null;
    stride?: number;
    padding?: number;
    outputPadding?: number;
    groups?: number;
    dilation?: number;
  } = {},
): Tensor {
  const op = 'convTranspose1d';
  checkFloat(op, 'input', input);
  if (input.ndim !== 3)
    throw new ShapeError(
      op,
      `input must have 3 dimensions [N, C, L], received shape ${showShape(input.shape)}`,
    );
  if (weight.ndim !== 3)
    throw new ShapeError(
      op,
      `weight must have 3 dimensions [Cin, Cout/groups, K], received shape ${showShape(weight.shape)}`,
    );
  checkFloat(op, 'weight', weight, input.dtype);
  if (weight.shape[0] !== input.shape[1])
    throw new ShapeError(
      op,
      `channel mismatch: input shape ${showShape(input.shape)} has ${input.shape[1]} channels but weight shape ${showShape(weight.shape)} expects ${weight.shape[0]}`,
    );
  const y = convTranspose2d(
    viewAs(input, [input.shape[0]!, input.shape[1]!, 1, input.shape[2]!]),
    viewAs(weight, [weight.shape[0]!, weight.shape[1]!, 1, weight.shape[2]!]),
    {
      stride: [1, single(op, 'stride', options.stride ?? 1, 1)],
      padding: [0, single(op, 'padding', options.padding ?? 0, 0)],
      outputPadding: [0, single(op, 'outputPadding', options.outputPadding ?? 0, 0)],
      dilation: [1, single(op, 'dilation', options.dilation ?? 1, 1)],
      groups: options.groups ?? 1,
      bias: options.bias ?? null,
    },
  );
  return viewAs(y, [y.shape[0]!, y.shape[1]!, y.shape[3]!]);
}
