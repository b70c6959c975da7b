import {
  allocate,
  castValue,
  checkDType,
  type DataArray,
  type DType,
  dtypeOfArray,
  dtypeOfTypedArray,
} from './dtype.js';
import { DTypeError, ShapeError, show, showShape, ValueError } from './errors.js';
import { checkShape, shapeSize } from './shape.js';
import { keepStorage } from './step-buffers.js';

/** Nested JS arrays of numbers/booleans, as `tensor()` accepts and `toArray()` returns. */
export type NestedArray = number | boolean | NestedArray[];
/** What `tensor()` accepts: nested arrays, the storage typed arrays, and the narrower integer arrays it widens. */
export type TensorData =
  | NestedArray
  | DataArray
  | Int8Array
  | Int16Array
  | Uint16Array
  | Uint8ClampedArray
  | Uint32Array
  | readonly number[];
/** Anything ops accept where numpy accepts an array-like: a Tensor, a number, or nested arrays. */
export type TensorLike = Tensor | number | boolean | NestedArray | DataArray;

export interface TensorOptions {
  /** 'float64' (default for JS numbers), 'float32', 'int32' or 'bool'. */
  dtype?: DType;
  /** Record operations on this tensor for autograd (PyTorch's `requires_grad`). */
  requiresGrad?: boolean;
}

/** An op's local chain rule: the gradient of its output in, the gradients of its inputs out. */
export type BackwardFn = (gradOutput: Tensor) => (Tensor | null | undefined)[];

/**
 * One recorded op, the node `out.gradFn` of its output: autograd's graph, built by `record` in
 * `autograd/engine.ts` (declared here, beside `Tensor`, so the two files do not import each other).
 */
export interface GradNode {
  /** Op name, e.g. 'mul' (PyTorch shows `MulBackward0`). */
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** The local chain rule; null once the graph has been freed by a backward pass. */
  backward: BackwardFn | null;
  /**
   * Set by the op that records the node (see `RecordOptions`): `backward(ḡ)` reads `ḡ` only
   * during its call, neither keeping it nor returning it (or a view of it) as an input's gradient.
   * Outside `createGraph` the kernel layer may then hand the node its gradient in a buffer reused
   * on the next pass (`kernels/grad-buffers.ts`, rule 3).
   */
  readonly readsGradOnce: boolean;
}

/**
 * An n-dimensional array: contiguous row-major (C order) typed-array storage, a shape and a
 * dtype. Shapes are written `[N, C, H, W]`; a 0-d tensor (`tensor(1.5)`) has shape `[]`.
 *
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * x.shape; // [2, 2]
 * x.add(1).sum().item(); // 14
 * ```
 */
export class Tensor {
  /** Flat row-major storage. Treat as read-only: ops never write into their inputs. */
  readonly data: DataArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Whether autograd records operations on this tensor. */
  requiresGrad = false;
  /** Accumulated gradient (filled by `backward()` on leaf tensors). */
  grad: Tensor | null = null;
  /** The node that produced this tensor (null for leaves). */
  gradFn: GradNode | null = null;

  /** Low-level constructor; prefer `tensor()`. `data.length` must equal the shape's size. */
  constructor(data: DataArray, shape: readonly number[], dtype: DType = dtypeOfArray(data)) {
    for (let i = 0; i < shape.length; i++) {
      const d = shape[i]!;
      if (!(Number.isSafeInteger(d) && d >= 0))
        throw new ShapeError(
          'Tensor',
          `shape must contain non-negative integers, received ${showShape(shape)} (entry ${i} is ${show(d)})`,
        );
    }
    if (data.length !== shapeSize(shape))
      throw new ShapeError(
        'Tensor',
        `data has ${data.length} elements but shape ${showShape(shape)} needs ${shapeSize(shape)}`,
      );
    if (dtypeOfArray(data) !== dtype)
      throw new DTypeError('Tensor', `storage ${data.constructor.name} does not hold dtype ${dtype}`);
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }
  /** A leaf is a tensor not produced by a recorded op (PyTorch's `is_leaf`). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** The single value of a one-element tensor, as a JS number (booleans as 0/1). */
  item(): number {
    if (this.size !== 1)
      throw new ValueError(
        'item',
        `only one-element tensors can be converted to a number, received shape ${showShape(this.shape)}`,
      );
    return this.data[0]!;
  }

  /** Nested JS arrays (a number for a 0-d tensor; booleans for 'bool'). */
  toArray(): NestedArray {
    const d = this.data;
    const isBool = this.dtype === 'bool';
    const shape = this.shape;
    if (shape.length === 0) return isBool ? d[0] === 1 : d[0]!;
    let pos = 0;
    const build = (dim: number): NestedArray[] => {
      const n = shape[dim]!;
      const out = new Array<NestedArray>(n);
      if (dim === shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = isBool ? d[pos++] === 1 : d[pos++]!;
      } else {
        for (let i = 0; i < n; i++) out[i] = build(dim + 1);
      }
      return out;
    };
    return build(0);
  }

  /** A flat JS array copy of the values. */
  toList(): number[] {
    return Array.from(this.data);
  }

  /** A tensor sharing storage but cut from the graph (PyTorch's `detach`). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype);
  }

  /** Set `requiresGrad` in place (PyTorch's `requires_grad_`) and return this tensor. */
  requiresGrad_(flag = true): this {
    if (flag && this.dtype !== 'float64' && this.dtype !== 'float32')
      throw new DTypeError(
        'requiresGrad_',
        `only float tensors can require gradients, received dtype ${this.dtype}`,
      );
    if (!flag && !this.isLeaf)
      throw new ValueError(
        'requiresGrad_',
        'cannot turn off requiresGrad on a non-leaf tensor; use detach()',
      );
    // a parameter made inside StepBuffers.run outlives the step: its storage leaves the buffers
    if (flag) keepStorage(this.data);
    this.requiresGrad = flag;
    return this;
  }

  /** A copy with fresh storage (recorded by autograd as an identity). */
  clone(): Tensor {
    return cloneImpl(this);
  }

  toString(): string {
    return `tensor(${JSON.stringify(this.toArray())}, dtype=${this.dtype}${this.requiresGrad ? ', requiresGrad=true' : ''})`;
  }
}

// Filled in by ops (avoids an import cycle between the class and the op modules).
let cloneImpl: (t: Tensor) => Tensor = (t) => new Tensor(t.data.slice() as DataArray, t.shape, t.dtype);
export function setCloneImpl(f: (t: Tensor) => Tensor): void {
  cloneImpl = f;
}

/** numpy's limit on the number of dimensions (NPY_MAXDIMS). */
export const MAX_DIMS = 64;

function inferShape(op: string, value: unknown): number[] {
  // The candidate shape: down the chain of first elements (iterative: depth is bounded by MAX_DIMS,
  // so a 10,000-deep nested array is an error here, not a stack overflow).
  const shape: number[] = [];
  const push = (length: number) => {
    if (shape.length === MAX_DIMS)
      throw new ValueError(
        op,
        `nested arrays deeper than ${MAX_DIMS} levels (numpy's maximum number of dimensions)`,
      );
    shape.push(length);
  };
  let v: unknown = value;
  while (Array.isArray(v)) {
    push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  if (!Array.isArray(v) && ArrayBuffer.isView(v)) {
    dtypeOfTypedArray(op, v); // a DTypeError for 64-bit integer arrays, DataViews, …
    push((v as DataArray).length);
  }
  // Every element must match it (recursion depth <= MAX_DIMS).
  const check = (x: unknown, dim: number, path: number[]): void => {
    if (dim === shape.length) {
      if (typeof x !== 'number' && typeof x !== 'boolean') mismatch(x, path, dim);
      return;
    }
    if (Array.isArray(x)) {
      if (x.length !== shape[dim]) mismatch(x, path, dim);
      else if (dim + 1 === shape.length) {
        for (let i = 0; i < x.length; i++) {
          const e = x[i];
          if (typeof e !== 'number' && typeof e !== 'boolean') mismatch(e, [...path, i], dim + 1);
        }
      } else for (let i = 0; i < x.length; i++) check(x[i], dim + 1, [...path, i]);
      return;
    }
    if (ArrayBuffer.isView(x) && dim === shape.length - 1 && (x as DataArray).length === shape[dim]) {
      dtypeOfTypedArray(op, x);
      return;
    }
    mismatch(x, path, dim);
  };
  const mismatch = (x: unknown, path: number[], dim: number): never => {
    const where = `[${path.join('][')}]`;
    if (typeof x === 'number' || typeof x === 'boolean' || Array.isArray(x) || ArrayBuffer.isView(x)) {
      const got =
        Array.isArray(x) || ArrayBuffer.isView(x) ? `length ${(x as ArrayLike<unknown>).length}` : 'a scalar';
      const want = dim < shape.length ? `length ${shape[dim]}` : 'a scalar';
      throw new ShapeError(
        op,
        `ragged nested array: element ${where} is ${got} but element [${path.map(() => 0).join('][')}] is ${want}; expected every row to have the same shape ${showShape(shape)}`,
      );
    }
    throw new ValueError(
      op,
      `expected numbers, booleans or nested arrays of them, received ${show(x)} at ${where}`,
    );
  };
  if (Array.isArray(value)) check(value, 0, []);
  else if (typeof value !== 'number' && typeof value !== 'boolean' && !ArrayBuffer.isView(value))
    throw new ValueError(
      op,
      `expected numbers, booleans or nested arrays of them, received ${show(value)} at []`,
    );
  return shape;
}

function inferDType(value: unknown): DType {
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) {
    let allBool = value.length > 0;
    const stack: unknown[] = [value];
    while (stack.length) {
      const v = stack.pop();
      if (Array.isArray(v)) for (const x of v) stack.push(x);
      else if (typeof v !== 'boolean') {
        allBool = false;
        break;
      }
    }
    return allBool ? 'bool' : 'float64';
  }
  if (ArrayBuffer.isView(value)) return dtypeOfTypedArray('tensor', value);
  return 'float64';
}

/**
 * Build a tensor from a number, boolean, nested arrays or a typed array (copied).
 * dtype defaults to 'float64' for JS numbers, 'bool' for booleans, and the typed array's own
 * dtype (Float64Array, Float32Array, Int32Array; Uint8Array as bool; Int8, Int16, Uint16 and
 * Uint8Clamped arrays as int32, Uint32Array as float64; 64-bit integer arrays are a DTypeError).
 *
 * ```ts
 * tensor(1.5).shape;                          // []
 * tensor([[1, 2], [3, 4]], { dtype: 'float32' }).dtype; // 'float32'
 * ```
 */
export function tensor(value: TensorData | Tensor, options: TensorOptions = {}): Tensor {
  const op = 'tensor';
  if (options.dtype !== undefined) checkDType(op, options.dtype);
  let out: Tensor;
  if (value instanceof Tensor) {
    const dtype = options.dtype ?? value.dtype;
    const data = allocate(dtype, value.size, op);
    for (let i = 0; i < data.length; i++) data[i] = castValue(dtype, value.data[i]!);
    out = new Tensor(data, value.shape, dtype);
  } else {
    const shape = inferShape(op, value);
    const dtype = options.dtype ?? inferDType(value);
    const data = allocate(dtype, shapeSize(shape), op);
    if (ArrayBuffer.isView(value)) {
      const src = value as DataArray;
      for (let i = 0; i < src.length; i++) data[i] = castValue(dtype, src[i]!);
    } else if (!Array.isArray(value)) {
      data[0] = castValue(dtype, Number(value));
    } else {
      let pos = 0;
      const fill = (v: unknown): void => {
        if (Array.isArray(v)) for (const x of v) fill(x);
        else if (ArrayBuffer.isView(v)) for (const x of v as DataArray) data[pos++] = castValue(dtype, x);
        else data[pos++] = castValue(dtype, Number(v));
      };
      fill(value);
    }
    out = new Tensor(data, shape, dtype);
  }
  if (options.requiresGrad) out.requiresGrad_(true);
  return out;
}

/** Wrap a typed array with a shape, without copying. */
export function fromData(data: DataArray, shape: readonly number[]): Tensor {
  return new Tensor(data, shape, dtypeOfArray(data));
}

/** Convert a TensorLike to a Tensor (no copy for a Tensor). Plain numbers become float64 0-d tensors. */
export function asTensor(x: TensorLike, dtype?: DType): Tensor {
  if (x instanceof Tensor) return x;
  return tensor(x as TensorData, dtype ? { dtype } : {});
}

type ShapeArg = number | readonly number[];
function shapeArg(op: string, s: ShapeArg): number[] {
  return checkShape(op, 'shape', typeof s === 'number' ? [s] : s);
}

/** A tensor of zeros, `zeros([2, 3])` or `zeros(5)`. */
export function zeros(shape: ShapeArg, options: TensorOptions = {}): Tensor {
  return full(shape, 0, options);
}
/** A tensor of ones. */
export function ones(shape: ShapeArg, options: TensorOptions = {}): Tensor {
  return full(shape, 1, options);
}
/** A tensor filled with `value` (dtype from `value` when not given: bool for booleans, else float64). */
export function full(shape: ShapeArg, value: number | boolean, options: TensorOptions = {}): Tensor {
  const s = shapeArg('full', shape);
  const dtype = checkDType('full', options.dtype ?? (typeof value === 'boolean' ? 'bool' : 'float64'));
  const data = allocate(dtype, shapeSize(s), 'full');
  const v = castValue(dtype, Number(value));
  if (v !== 0) data.fill(v);
  const t = new Tensor(data, s, dtype);
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}
export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return full(t.shape, 0, { dtype: t.dtype, ...options });
}
export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return full(t.shape, 1, { dtype: t.dtype, ...options });
}
export function fullLike(t: Tensor, value: number, options: TensorOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...options });
}

/**
 * Evenly spaced values in [start, stop) (numpy's `arange`): `arange(5)`, `arange(1, 4)`,
 * `arange(0, 1, 0.25)`. Length is `ceil((stop - start) / step)`, each value `start + i * delta` with
 * `delta = (start + step) - start`, as numpy fills it (bit for bit: `arange(-5, 5, 0.01)` ends at
 * 4.989999999999787 as numpy's does).
 */
export function arange(start: number, stop?: number, step = 1, options: TensorOptions = {}): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [name, v] of [
    ['start', start],
    ['stop', stop],
    ['step', step],
  ] as const)
    if (!Number.isFinite(v))
      throw new ValueError('arange', `${name} must be a finite number, received ${show(v)}`);
  if (step === 0) throw new ValueError('arange', 'step must be non-zero, received 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const dtype = checkDType('arange', options.dtype ?? 'float64');
  const data = allocate(dtype, n, 'arange');
  // numpy fills from its first two values: delta = (start + step) - start, value i = start + i·delta
  // (equal to start + i·step in exact arithmetic, not always in floating point).
  const delta = start + step - start;
  for (let i = 0; i < n; i++) data[i] = castValue(dtype, start + i * delta);
  const t = new Tensor(data, [n], dtype);
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}

/**
 * `num` evenly spaced values from `start` to `stop` (numpy's `linspace`, endpoint included by
 * default), computed as numpy does so the float64 values agree to the last bit:
 * `div = endpoint ? num - 1 : num`, `step = (stop - start) / div`, `y[i] = i * step + start`
 * (`(i / div) * (stop - start) + start` when `step` underflows to 0), `y[num-1] = stop` with the
 * endpoint; a single value is `0 * (stop - start) + start`. The float64 values are then cast to
 * `options.dtype`: rounded to float32, or, as numpy does for integer dtypes, floored to int32.
 *
 * ```ts
 * linspace(0, 1, 5).toArray();                      // [0, 0.25, 0.5, 0.75, 1]
 * linspace(0, 1, 4, { endpoint: false }).toArray(); // [0, 0.25, 0.5, 0.75]
 * linspace(-1, 0, 4, { dtype: 'int32' }).toArray(); // [-1, -1, -1, 0] (floored, like numpy)
 * ```
 */
export function linspace(
  start: number,
  stop: number,
  num = 50,
  options: TensorOptions & { endpoint?: boolean } = {},
): Tensor {
  if (!Number.isInteger(num) || num < 0)
    throw new ValueError('linspace', `num must be a non-negative integer, received ${show(num)}`);
  const endpoint = options.endpoint ?? true;
  const div = endpoint ? num - 1 : num;
  const dtype = options.dtype ?? 'float64';
  const y = new Float64Array(num);
  const delta = stop - start;
  if (div > 0) {
    const step = delta / div;
    if (step === 0) for (let i = 0; i < num; i++) y[i] = (i / div) * delta + start;
    else for (let i = 0; i < num; i++) y[i] = i * step + start;
  } else if (num > 0) y[0] = 0 * delta + start;
  if (endpoint && num > 1) y[num - 1] = stop;
  let data: DataArray = y;
  if (dtype !== 'float64') {
    data = allocate(dtype, num);
    for (let i = 0; i < num; i++)
      data[i] =
        dtype === 'int32' ? castValue(dtype, Math.floor(y[i]!)) : dtype === 'bool' ? +(y[i] !== 0) : y[i]!;
  }
  const t = new Tensor(data, [num], dtype);
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}

/** The identity matrix `[n, m]` (m defaults to n), numpy's `eye`. */
export function eye(n: number, m: number = n, options: TensorOptions = {}): Tensor {
  const t = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) t.data[i * m + i] = 1;
  return t;
}
