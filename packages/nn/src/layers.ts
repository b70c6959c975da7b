/**
 * The PyTorch layers the course uses: `Linear`, `Sequential`, `Flatten`, `Dropout`, `Identity`
 * (activations are in `activations.ts`). Shapes follow PyTorch: examples in rows, features in
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
  shapeSize,
  show,
  showShape,
  Tensor,
  ValueError,
} from '@gradkit/core';
import { ReLU } from './activations.js';
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
    // fused x Wᵀ + b (core's kernel layer: one A·Bᵀ GEMM, bias added in place)
    return linear(this.checkInput(x), this.weight, this.bias);
  }

  /**
   * `relu(this.forward(x))` as core's fused `linearRelu` (same values and gradients, no
   * pre-activation tensor): what `Sequential` runs for a `Linear` directly followed by a `ReLU`.
   * @internal
   */
  _forwardRelu(x: Tensor, out?: Tensor): Tensor {
    return linearRelu(this.checkInput(x), this.weight, this.bias, out ? { out } : undefined);
  }

  private checkInput(x: Tensor): Tensor {
    const t = asTensor(x);
    if (t.ndim === 0 || t.shape[t.ndim - 1] !== this.inFeatures)
      throw new ShapeError(
        this.label(),
        `expected input with ${this.inFeatures} features (last dim), received shape ${showShape(t.shape)}`,
      );
    return t;
  }

  override describe(): string {
    return `Linear(${this.inFeatures}→${this.outFeatures}${this.bias ? '' : ', bias=false'})`;
  }
}

const linearForward = Linear.prototype.forward;
const reluForward = ReLU.prototype.forward;
const moduleCall = Module.prototype.call;

/** Whether `m` is exactly a `Linear` whose `forward` and `call` are the original methods (nothing patched or overridden). */
function isPlainLinear(m: Module): m is Linear {
  return (
    Object.getPrototypeOf(m) === Linear.prototype && m.forward === linearForward && m.call === moduleCall
  );
}
/**
 * Whether `m` offers `relu(m.forward(x))` as its own fused `_forwardRelu` (same values and
 * gradients): its exact class defines both `forward` and `_forwardRelu` (a subclass that
 * overrides `forward` without its own `_forwardRelu` does not qualify), and neither `forward` nor
 * `call` is replaced on the instance. How other packages' layers (@gradkit/conv's `Conv1d`,
 * `Conv2d`) take part in `Sequential`'s fusion.
 */
function fusesRelu(m: Module): m is Module & { _forwardRelu(x: Tensor): Tensor } {
  const proto = Object.getPrototypeOf(m) as object;
  return (
    Object.hasOwn(proto, '_forwardRelu') &&
    Object.hasOwn(proto, 'forward') &&
    !Object.hasOwn(m, 'forward') &&
    !Object.hasOwn(m, 'call') &&
    m.call === moduleCall
  );
}
/** Whether `m` is exactly a `ReLU` whose `forward` and `call` are the original methods. */
function isPlainRelu(m: Module): m is ReLU {
  return Object.getPrototypeOf(m) === ReLU.prototype && m.forward === reluForward && m.call === moduleCall;
}

/**
 * A chain of modules applied in order (PyTorch `nn.Sequential`); children are named '0', '1', …
 * so parameter names match PyTorch's (`0.weight`, `2.bias`).
 *
 * ```ts
 * const model = new Sequential(new Linear(40, 100, { rng }), new ReLU(), new Linear(100, 10, { rng }));
 * ```
 */
export class Sequential extends Module {
  private readonly items: Module[] = [];
  /** The two buffers `forward` reuses for intermediate outputs when no graph is recorded. */
  private readonly _reused: (Float32Array | Float64Array | undefined)[] = [undefined, undefined];
  constructor(...modules: Module[]) {
    super();
    for (const m of modules) this.append(m);
  }
  /** Add a module at the end (PyTorch `append`). */
  append(m: Module): this {
    if (!(m instanceof Module))
      throw new ValueError(
        'Sequential',
        `every item must be a Module, received ${show(m)} at position ${this.items.length}`,
      );
    this.registerModule(String(this.items.length), m);
    this.items.push(m);
    return this;
  }
  /** The i-th module (negative counts from the end). */
  get(i: number): Module {
    return this.items[containerIndex('Sequential.get', i, this.items.length)]!;
  }
  get length(): number {
    return this.items.length;
  }
  [Symbol.iterator](): Iterator<Module> {
    return this.items[Symbol.iterator]();
  }
  /**
   * Each module's `call` in turn. A `Linear` directly followed by a `ReLU` (both plain instances,
   * their `forward`/`call` not replaced) runs as one fused `linearRelu` op: the same values and
   * gradients without the pre-activation tensor (not observable from outside the container);
   * likewise any module that defines its own `_forwardRelu` (e.g. `Conv1d` → `conv1dRelu`).
   */
  forward(x: Tensor): Tensor {
    const items = this.items;
    const reuse = !isGradEnabled();
    let slot = 0;
    let h = x;
    for (let i = 0; i < items.length; i++) {
      const m = items[i]!;
      const next = items[i + 1];
      if (next !== undefined && isPlainRelu(next) && !isPlainLinear(m) && fusesRelu(m)) {
        // another module with its own fused relu (e.g. @gradkit/conv's Conv1d/Conv2d)
        m._prepareCall();
        next._prepareCall();
        h = m._forwardRelu(h);
        i++;
      } else if (next !== undefined && isPlainLinear(m) && isPlainRelu(next)) {
        m._prepareCall();
        next._prepareCall();
        // Without autograd the pair's output is read only by the plain Linear right after it
        // (which keeps nothing), so it may live in one of two buffers reused across calls
        // (alternating, so a layer never writes the buffer it reads).
        const after = items[i + 2];
        const out =
          reuse && after !== undefined && isPlainLinear(after) ? this.reusable(slot, h, m) : undefined;
        h = m._forwardRelu(h, out);
        if (out) slot ^= 1;
        i++;
      } else h = m.call(h);
    }
    return h;
  }

  /** A tensor over reused buffer `slot` for the output of `m` on `x`, or undefined when the dtype is not float. */
  private reusable(slot: number, x: Tensor, m: Linear): Tensor | undefined {
    let dtype = promoteTypes(x.dtype, m.weight.dtype);
    if (m.bias) dtype = promoteTypes(dtype, m.bias.dtype);
    if ((dtype !== 'float32' && dtype !== 'float64') || x.ndim === 0) return undefined;
    const shape = [...x.shape.slice(0, -1), m.outFeatures];
    const size = shapeSize(shape);
    let buf = this._reused[slot];
    if (!buf || buf.length < size || (dtype === 'float32') !== buf instanceof Float32Array) {
      buf = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
      this._reused[slot] = buf;
    }
    return new Tensor(buf.length === size ? buf : buf.subarray(0, size), shape, dtype);
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
