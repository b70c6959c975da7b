/**
 * The PyTorch layers the course uses: `Linear`, `Sequential`, `Flatten`, `Dropout`, `Identity`,
 * and the fused `LinearReLU` (activations are in `activations.ts`, the fusion pass in `fuse.ts`). Shapes follow PyTorch: examples in rows, features in
 * the last dimension (`[N, in]` → `[N, out]`). The book's column layout is in `book.ts`.
 */
import {
  allocate,
  asTensor,
  type DType,
  flatten,
  isGradEnabled,
  linear,
  linearRelu,
  mul,
  noGrad,
  promoteTypes,
  ShapeError,
  Tensor,
  ValueError,
} from '@gradkit/core';
import { shapeSize, show, showShape } from '@gradkit/core/extend';
import { uniform_ } from './init.js';
import { containerIndex, Module } from './module.js';
import { drawUniform, type Rng, resolveRng } from './rng.js';

/** Options of `Linear`. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** Random source for the default initialisation (default: core's default generator). */
  rng?: Rng;
  /** Parameter dtype (default 'float32', PyTorch's default). */
  dtype?: DType;
}

/**
 * Fully connected layer (PyTorch `nn.Linear`): `y = x Wᵀ + b` with `weight` `[out, in]` and
 * `bias` `[out]`, for `x` `[..., in]` → `[..., out]`. In the book's notation (columns as
 * examples) that is `β + Ω h` with `Ω = weight`, `β = bias`.
 *
 * Default initialisation equals PyTorch's `reset_parameters`: `kaiming_uniform_(weight,
 * a=√5)`, i.e. `U(-1/√in, 1/√in)`, then the bias from `U(-1/√in, 1/√in)`. Draw order: all of
 * `weight` in row-major order, then `bias`, each one `rng.uniform(-b, b, shape)` call.
 *
 * ```ts
 * const fc = new Linear(40, 100, { rng: new RandomState(0) });
 * fc.call(zeros([8, 40])).shape; // [8, 100]
 * ```
 */
export class Linear extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [n, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const)
      if (!Number.isInteger(v) || v < 0)
        throw new ValueError('Linear', `${n} must be a non-negative integer, received ${show(v)}`);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64')
      throw new ValueError('Linear', `dtype must be 'float32' or 'float64', received ${show(dtype)}`);
    const rng = inFeatures * outFeatures > 0 || options.bias !== false ? resolveRng(options.rng) : undefined;
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    const w = new Tensor(allocate(dtype, outFeatures * inFeatures), [outFeatures, inFeatures], dtype);
    if (rng && w.size > 0) w.data.set(drawUniform(rng, -bound, bound, w.shape));
    this.registerParameter('weight', w);
    if (options.bias ?? true) {
      const b = new Tensor(allocate(dtype, outFeatures), [outFeatures], dtype);
      if (rng && inFeatures > 0) uniform_(b, { rng, low: -bound, high: bound });
      this.registerParameter('bias', b);
    } else this.registerParameter('bias', null);
  }

  forward(x: Tensor): Tensor {
    // x Wᵀ + b in one op (core's `linear` kernel: one A·Bᵀ GEMM, bias added in place)
    return linear(checkFeatures(this, x, this.inFeatures), this.weight, this.bias);
  }

  override describe(): string {
    return `Linear(${this.inFeatures}→${this.outFeatures}${this.bias ? '' : ', bias=false'})`;
  }
}

/** `x` as a tensor whose last dimension is `inFeatures`; otherwise a `ShapeError` naming the layer `m`. */
function checkFeatures(m: Module, x: Tensor, inFeatures: number): Tensor {
  const t = asTensor(x);
  if (t.ndim === 0 || t.shape[t.ndim - 1] !== inFeatures)
    throw new ShapeError(
      m.label(),
      `expected input with ${inFeatures} features (last dim), received shape ${showShape(t.shape)}`,
    );
  return t;
}

/** Options of {@link LinearReLU}. */
export interface LinearReLUOptions {
  /**
   * Outside autograd (`noGrad`), write the output into an array this module keeps and reuses on
   * its next call instead of a new one (PyTorch's `inplace=True` habit: memory for a promise). Only
   * for a layer whose output nothing but the next layer reads, and that layer reads it within its
   * call and keeps nothing — a fused model's hidden layers: `fuseModules` sets it where a `Linear`
   * or `LinearReLU` follows. A tensor it returned under `noGrad` is then valid until its next call.
   * Default false.
   */
  reuseOutput?: boolean;
}

/**
 * A `Linear` layer and the `ReLU` after it as one module (PyTorch's
 * `torch.ao.nn.intrinsic.LinearReLU`): `max(x Wᵀ + b, 0)` by core's `linearRelu`, which applies the
 * ReLU in place on the layer's output instead of making a second tensor — the same values and
 * gradients as the two modules, bit for bit. It shares the `Linear`'s `weight` and `bias` (the
 * same tensors, under the same names). `fuseModules` puts it in place of such pairs.
 *
 * ```ts
 * const fc = new LinearReLU(new Linear(40, 100, { rng: new RandomState(0) }));
 * fc.call(zeros([8, 40])).shape; // [8, 100], every value ≥ 0
 * ```
 */
export class LinearReLU extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly reuseOutput: boolean;
  /** The reused output array (`reuseOutput`), allocated on first use. */
  private _out: Float32Array | Float64Array | null = null;

  constructor(linear: Linear, options: LinearReLUOptions = {}) {
    super();
    this.inFeatures = linear.inFeatures;
    this.outFeatures = linear.outFeatures;
    this.reuseOutput = options.reuseOutput ?? false;
    this.registerParameter('weight', linear.weight);
    this.registerParameter('bias', linear.bias);
  }

  forward(x: Tensor): Tensor {
    const t = checkFeatures(this, x, this.inFeatures);
    const out = this.reuseOutput && !isGradEnabled() ? this.reusedOutput(t) : undefined;
    return linearRelu(t, this.weight, this.bias, out && { out });
  }

  /** A tensor over the reused output array for input `x`, or undefined when none applies (integer dtype, or `x` is that array). */
  private reusedOutput(x: Tensor): Tensor | undefined {
    let dtype = promoteTypes(x.dtype, this.weight.dtype);
    if (this.bias) dtype = promoteTypes(dtype, this.bias.dtype);
    if (dtype !== 'float32' && dtype !== 'float64') return undefined;
    const shape = [...x.shape.slice(0, -1), this.outFeatures];
    const size = shapeSize(shape);
    let buf = this._out;
    if (buf === null || buf.length < size || buf instanceof Float32Array !== (dtype === 'float32'))
      buf = this._out = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
    if (buf.buffer === x.data.buffer) return undefined; // the module applied to its own output
    return new Tensor(buf.length === size ? buf : buf.subarray(0, size), shape, dtype);
  }

  override describe(): string {
    return `LinearReLU(${this.inFeatures}→${this.outFeatures}${this.bias ? '' : ', bias=false'})`;
  }
}

/**
 * A chain of modules applied in order (PyTorch `nn.Sequential`); children are named '0', '1', …
 * so parameter names match PyTorch's (`0.weight`, `2.bias`). `fuseModules(model)` (fuse.ts) turns
 * its `Linear` → `ReLU` pairs into `LinearReLU` modules for speed, with the same results.
 *
 * ```ts
 * const model = new Sequential(new Linear(40, 100, { rng }), new ReLU(), new Linear(100, 10, { rng }));
 * ```
 */
export class Sequential extends Module {
  private readonly items: Module[] = [];
  constructor(...modules: Module[]) {
    super();
    for (const m of modules) this.append(m);
  }
  /** Add a module at the end (PyTorch `append`). */
  append(m: Module): this {
    this.checkItem(m, this.items.length);
    this.registerModule(String(this.items.length), m);
    this.items.push(m);
    return this;
  }
  /** The i-th module (negative counts from the end). */
  get(i: number): Module {
    return this.items[containerIndex('Sequential.get', i, this.items.length)]!;
  }
  /** Replace the i-th module (negative counts from the end), keeping its name (PyTorch's `model[i] = m`). */
  set(i: number, m: Module): void {
    const k = containerIndex('Sequential.set', i, this.items.length);
    this.checkItem(m, k);
    this.items[k] = m;
    Reflect.set(this, String(k), m); // the registered slot: the child's name and parent follow
  }
  get length(): number {
    return this.items.length;
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.items[Symbol.iterator]();
  }
  /** Each module's `call` in turn: `h ← m(h)`. */
  forward(x: Tensor): Tensor {
    let h = x;
    for (const m of this.items) h = m.call(h);
    return h;
  }

  private checkItem(m: Module, position: number): void {
    if (!(m instanceof Module))
      throw new ValueError(
        'Sequential',
        `every item must be a Module, received ${show(m)} at position ${position}`,
      );
  }
}

/**
 * Flatten dimensions `startDim..endDim` into one (PyTorch `nn.Flatten`, defaults 1 and -1:
 * `[N, C, H, W]` → `[N, C·H·W]`).
 */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
  override describe(): string {
    return `Flatten(startDim=${this.startDim}, endDim=${this.endDim})`;
  }
}

/** Returns its input (PyTorch `nn.Identity`), a placeholder in architectures. */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
  override describe(): string {
    return 'Identity()';
  }
}

/**
 * Inverted dropout (PyTorch `nn.Dropout(p)`; book section 9.3.3): in training mode each element
 * is zeroed with probability `p` and the survivors scaled by `1/(1-p)`, so the expected value is
 * unchanged; in eval mode the input passes through. The mask draws `u ~ U(0, 1)` per element
 * from `rng` (row-major) and keeps the element when `u >= p`.
 *
 * ```ts
 * const drop = new Dropout(0.5, { rng: new RandomState(0) });
 * drop.call(ones([4])); // elements are 0 or 2
 * drop.eval().call(ones([4])); // unchanged
 * ```
 */
export class Dropout extends Module {
  private readonly rng: Rng | undefined;
  constructor(
    readonly p = 0.5,
    options: { rng?: Rng } = {},
  ) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1))
      throw new ValueError('Dropout', `dropout probability has to be between 0 and 1, but got ${show(p)}`);
    this.rng = options.rng;
  }
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const t = asTensor(x);
    const dtype = t.dtype === 'float32' ? 'float32' : 'float64';
    const mask = allocate(dtype, t.size);
    if (this.p < 1) {
      const u = drawUniform(resolveRng(this.rng), 0, 1, t.shape);
      const scale = 1 / (1 - this.p);
      for (let i = 0; i < u.length; i++) mask[i] = u[i]! >= this.p ? scale : 0;
    }
    return mul(t, new Tensor(mask, t.shape, dtype));
  }
  override describe(): string {
    return `Dropout(p=${this.p})`;
  }
}

/** Copy `src` values into parameter `dst` in place without recording (PyTorch `param.data.copy_`). */
export function copyInto(dst: Tensor, src: Tensor): void {
  if (dst.size !== src.size)
    throw new ShapeError('copyInto', `cannot copy ${showShape(src.shape)} into ${showShape(dst.shape)}`);
  noGrad(() => dst.data.set(src.data));
}
