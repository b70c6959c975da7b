/**
 * Sorting with numpy semantics: `sort`, `argsort` (stable; NaN sorts last, as numpy), and
 * PyTorch's `topk`. Sorting is differentiable: the sorted values are `gather(x, axis, argsort(x))`,
 * so the gradient flows back through the permutation (scatter of the gradient to the original
 * positions).
 */
import { IndexError, show, showShape, ValueError } from '../errors.js';
import { normalizeAxis, shapeSize, stridesOf } from '../shape.js';
import { asTensor, Tensor, type TensorLike } from '../tensor.js';
import { gather, index, slice } from './indexing.js';
import { reshape } from './shape.js';

export interface SortOptions {
  /** Axis to sort along (default -1, the last); `null` sorts the flattened tensor. */
  axis?: number | null;
  /** Largest first. Ties keep their original order; NaN comes first (it is the largest, as in PyTorch). */
  descending?: boolean;
}

/** Ascending with NaN last (numpy); ties resolved by position (stable). */
function ascending(d: ArrayLike<number>): (i: number, j: number) => number {
  return (i, j) => {
    const a = d[i]!;
    const b = d[j]!;
    if (a < b) return -1;
    if (a > b) return 1;
    const na = a !== a;
    const nb = b !== b;
    if (na !== nb) return na ? 1 : -1;
    return i - j;
  };
}

/** Descending with NaN first; ties resolved by position (stable). */
function descendingCmp(d: ArrayLike<number>): (i: number, j: number) => number {
  return (i, j) => {
    const a = d[i]!;
    const b = d[j]!;
    if (a > b) return -1;
    if (a < b) return 1;
    const na = a !== a;
    const nb = b !== b;
    if (na !== nb) return na ? -1 : 1;
    return i - j;
  };
}

function resolve(op: string, x: TensorLike, axis: number | null | undefined): [Tensor, number] {
  let t = asTensor(x);
  if (axis === null) t = reshape(t, [-1]);
  if (t.ndim === 0)
    throw new ValueError(op, `cannot sort a 0-d tensor along an axis; use axis: null or reshape first`);
  return [t, normalizeAxis(op, axis ?? -1, t.ndim)];
}

function argsortRaw(t: Tensor, ax: number, descending: boolean): Tensor {
  const n = t.shape[ax]!;
  const stride = stridesOf(t.shape)[ax]!;
  const outer = shapeSize(t.shape.slice(0, ax));
  const inner = stride;
  const out = new Int32Array(t.size);
  const lane = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  const cmp = descending ? descendingCmp(lane) : ascending(lane);
  for (let o = 0; o < outer; o++)
    for (let q = 0; q < inner; q++) {
      const base = o * n * inner + q;
      for (let i = 0; i < n; i++) {
        lane[i] = t.data[base + i * stride]!;
        order[i] = i;
      }
      order.sort(cmp);
      for (let i = 0; i < n; i++) out[base + i * stride] = order[i]!;
    }
  return new Tensor(out, t.shape, 'int32');
}

/**
 * numpy's `argsort(x, axis=-1, kind='stable')`: the indices that sort `x` along `axis`, as int32.
 * Equal values keep their original order; NaN sorts last (first with `descending`).
 *
 * ```ts
 * argsort(tensor([3, 1, 2, 1])).toArray(); // [1, 3, 2, 0]
 * ```
 */
export function argsort(x: TensorLike, options: SortOptions = {}): Tensor {
  const [t, ax] = resolve('argsort', x, options.axis);
  return argsortRaw(t, ax, options.descending ?? false);
}

/**
 * numpy's `sort(x, axis=-1)` (stable, NaN last), or largest first with `descending`.
 * Differentiable: `sort(x) = gather(x, axis, argsort(x))`, so the gradient of each sorted value
 * goes back to the element it came from.
 *
 * ```ts
 * sort(tensor([[3, 1, 2], [0, NaN, -1]])).toArray(); // [[1, 2, 3], [-1, 0, NaN]]
 * sort(tensor([3, 1, 2]), { descending: true }).toArray(); // [3, 2, 1]
 * ```
 */
export function sort(x: TensorLike, options: SortOptions = {}): Tensor {
  const [t, ax] = resolve('sort', x, options.axis);
  return gather(t, ax, argsortRaw(t, ax, options.descending ?? false));
}

export interface TopkOptions {
  /** Axis to select along (default -1). */
  axis?: number;
  /** The k largest (default) or, with `false`, the k smallest. */
  largest?: boolean;
}

/**
 * PyTorch's `topk(x, k, dim, largest)`: the `k` largest (or smallest) values along `axis`, sorted
 * (largest first, or smallest first), and their int32 indices; ties keep the lower index first.
 * Shapes: `x [..., n, ...] -> values, indices [..., k, ...]`. Differentiable in `values`.
 *
 * ```ts
 * const { values, indices } = topk(tensor([1, 5, 3, 5]), 2);
 * values.toArray();  // [5, 5]
 * indices.toArray(); // [1, 3]
 * ```
 */
export function topk(
  x: TensorLike,
  k: number,
  options: TopkOptions = {},
): { values: Tensor; indices: Tensor } {
  const [t, ax] = resolve('topk', x, options.axis ?? -1);
  const n = t.shape[ax]!;
  if (!Number.isInteger(k) || k < 0)
    throw new ValueError('topk', `k must be a non-negative integer, received ${show(k)}`);
  if (k > n)
    throw new IndexError(
      'topk',
      `k (${k}) is larger than the size ${n} of axis ${ax} of a tensor of shape ${showShape(t.shape)}`,
    );
  const order = argsortRaw(t, ax, options.largest ?? true);
  const indices = index(order, ...Array<string>(ax).fill(':'), slice(0, k));
  return { values: gather(t, ax, indices), indices };
}
