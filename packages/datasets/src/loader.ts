/**
 * `TensorDataset` and `DataLoader`, after PyTorch's `torch.utils.data` (the coursework's
 * `DataLoader(TensorDataset(x_train, y_train), batch_size=100, shuffle=True)`), with shuffling
 * drawn from a numpy-exact `RandomState` so a seed reproduces the batches of
 * `np.random.RandomState(seed).permutation(n)`.
 */
import {
  type DataArray,
  defaultRandomState,
  fromData,
  RandomState,
  ShapeError,
  type Tensor,
  ValueError,
} from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';

/**
 * Tensors sharing their first dimension, indexed together (PyTorch's `TensorDataset`): example
 * `i` is `[t0[i], t1[i], ...]`.
 *
 * @example
 *   const ds = new TensorDataset(x, y); // x [N, 40], y [N]
 *   ds.length;                          // N
 */
export class TensorDataset<T extends Tensor[] = Tensor[]> {
  readonly tensors: T;
  constructor(...tensors: T) {
    const op = 'TensorDataset';
    if (tensors.length === 0) throw new ValueError(op, 'expected at least one tensor, received none');
    const n = tensors[0]!.shape[0];
    tensors.forEach((t, i) => {
      if (t.ndim === 0)
        throw new ShapeError(op, `tensor ${i} is 0-d; expected at least one dimension (the examples)`);
      if (t.shape[0] !== n)
        throw new ShapeError(
          op,
          `size mismatch between tensors: tensor 0 has ${n} examples (shape ${showShape(tensors[0]!.shape)}) but tensor ${i} has ${t.shape[0]} (shape ${showShape(t.shape)})`,
        );
    });
    this.tensors = tensors;
  }
  /** Number of examples. */
  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }
  /** Example `i` as one tensor per dataset tensor (`t[i]`, shape `t.shape.slice(1)`; copies). */
  get(i: number): T {
    if (!Number.isInteger(i) || i < 0 || i >= this.length)
      throw new ValueError(
        'TensorDataset.get',
        `index ${show(i)} is out of range for a dataset of ${this.length} examples`,
      );
    return this.tensors.map((t) => {
      const row = t.size / t.shape[0]!;
      return fromData(t.data.slice(i * row, (i + 1) * row) as DataArray, t.shape.slice(1));
    }) as T;
  }
}

/** Options of {@link DataLoader} (PyTorch's names in camelCase). */
export interface DataLoaderOptions<T extends Tensor[]> {
  dataset: TensorDataset<T>;
  /** Examples per batch. Default 1. */
  batchSize?: number;
  /** Reorder the examples at the start of every epoch by `rng.permutation(N)`. Default false. */
  shuffle?: boolean;
  /** The generator for shuffling. Default: core's process-wide generator (`seed(s)` seeds it). */
  rng?: RandomState;
  /** Drop the last batch when it has fewer than `batchSize` examples. Default false. */
  dropLast?: boolean;
  /**
   * Reuse one set of batch buffers for the whole epoch: each step overwrites the tensors of the
   * previous step (the last, smaller batch is a view of the same buffers). Default false: every
   * batch is a fresh allocation the caller may keep (e.g. referenced by an autograd graph).
   * Either way at most one batch of memory is allocated per step, never the whole dataset.
   */
  reuseBuffers?: boolean;
}

/**
 * Iterate a `TensorDataset` in batches (PyTorch's `DataLoader`): each step yields one tensor per
 * dataset tensor, `[B, ...]` with B = `batchSize` (the last batch may be smaller unless
 * `dropLast`). With `shuffle`, each new iteration (epoch) draws `rng.permutation(N)` and batches
 * follow that order: batch k holds examples `perm[k·B .. (k+1)·B - 1]`, exactly as
 * `idx = np.random.RandomState(s).permutation(N); x[idx[k*B:(k+1)*B]]` in numpy.
 *
 * Memory: rows are gathered into one batch's buffers per step (fresh by default; reused with
 * `reuseBuffers`), so iteration never materialises a shuffled copy of the dataset.
 *
 * @example
 *   const loader = new DataLoader({ dataset: new TensorDataset(x, y), batchSize: 100, shuffle: true, rng: new RandomState(1) });
 *   for (const [xb, yb] of loader) { ... }   // xb [100, 40], yb [100]
 *   loader.length;                           // number of batches per epoch
 */
export class DataLoader<T extends Tensor[] = Tensor[]> implements Iterable<T> {
  readonly dataset: TensorDataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly reuseBuffers: boolean;
  readonly rng: RandomState | null;

  constructor(options: DataLoaderOptions<T>) {
    const op = 'DataLoader';
    if (!options || !(options.dataset instanceof TensorDataset))
      throw new ValueError(op, `options.dataset must be a TensorDataset, received ${show(options?.dataset)}`);
    const batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new ValueError(op, `options.batchSize must be a positive integer, received ${show(batchSize)}`);
    if (options.rng !== undefined && !(options.rng instanceof RandomState))
      throw new ValueError(op, `options.rng must be a RandomState, received ${show(options.rng)}`);
    this.dataset = options.dataset;
    this.batchSize = batchSize;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.reuseBuffers = options.reuseBuffers ?? false;
    this.rng = options.rng ?? null;
  }

  /** Number of batches per epoch: `floor(N / B)` with `dropLast`, else `ceil(N / B)`. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** One epoch of batches (a new permutation each time when shuffling). */
  *[Symbol.iterator](): Iterator<T> {
    const n = this.dataset.length;
    const B = this.batchSize;
    const order = this.shuffle ? (this.rng ?? defaultRandomState()).permutation(n).data : null;
    const tensors = this.dataset.tensors;
    const k = tensors.length;
    const srcs = tensors.map((t) => t.data);
    const rows = tensors.map((t) => (n === 0 ? 0 : t.size / n));
    const tails = tensors.map((t) => t.shape.slice(1));
    const shared = this.reuseBuffers ? srcs.map((src, j) => allocateLike(src, B * rows[j]!)) : null;
    const batches = this.length;
    for (let b = 0; b < batches; b++) {
      const start = b * B;
      const size = Math.min(B, n - start);
      const batch = new Array<Tensor>(k);
      for (let j = 0; j < k; j++) {
        const row = rows[j]!;
        const src = srcs[j]!;
        const out = shared
          ? size === B
            ? shared[j]!
            : (shared[j]!.subarray(0, size * row) as DataArray)
          : allocateLike(src, size * row);
        if (order === null) out.set(src.subarray(start * row, (start + size) * row));
        else if (row === 1) for (let i = 0; i < size; i++) out[i] = src[order[start + i]!]!;
        else gatherRows(src, out, order, start, size, row);
        batch[j] = fromData(out, [size, ...tails[j]!]);
      }
      yield batch as T;
    }
  }
}

/**
 * out[i, :] = src[order[start + i], :] for i < size, rows of `row` elements. Rows of at least
 * {@link ROW_COPY_MIN} elements are copied with one typed-array `set` each (a memcpy: an image of
 * 784 pixels costs about as much as 16 elements of the loop); shorter rows by an index loop (no
 * per-row subarray view), with a monomorphic twin for the float32 inputs of the course. Both
 * copy the values unchanged.
 */
function gatherRows(
  src: DataArray,
  out: DataArray,
  order: ArrayLike<number>,
  start: number,
  size: number,
  row: number,
): void {
  if (row >= ROW_COPY_MIN)
    for (let i = 0; i < size; i++) {
      const base = order[start + i]! * row;
      (out as Float64Array).set(src.subarray(base, base + row), i * row); // same array type: a memcpy
    }
  else if (src instanceof Float32Array && out instanceof Float32Array)
    gatherRows32(src, out, order, start, size, row);
  else
    for (let i = 0, o = 0; i < size; i++) {
      const base = order[start + i]! * row;
      for (let c = 0; c < row; c++, o++) out[o] = src[base + c]!;
    }
}

/** From this many elements per row, {@link gatherRows} copies each row with one `set`. */
const ROW_COPY_MIN = 64;

function gatherRows32(
  src: Float32Array,
  out: Float32Array,
  order: ArrayLike<number>,
  start: number,
  size: number,
  row: number,
): void {
  for (let i = 0, o = 0; i < size; i++) {
    const base = order[start + i]! * row;
    for (let c = 0; c < row; c++, o++) out[o] = src[base + c]!;
  }
}

function allocateLike(a: DataArray, n: number): DataArray {
  return new (a.constructor as new (n: number) => DataArray)(n);
}
