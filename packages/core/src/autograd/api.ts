/**
 * The functional (autograd / JAX style) API over the engine: `grad`, `valueAndGrad`, `vjp`,
 * differentiating with respect to whole pytrees of parameters, and `zeroGrad` for the
 * PyTorch-style `.grad` fields.
 *
 * How `grad(f)(x)` works: every leaf of the differentiated argument becomes a fresh tensor that
 * requires gradients (numbers become float64 0-d tensors; a tensor already on a tape, e.g. inside
 * an outer `grad`, becomes a connected copy through `clone()`), `f` runs with recording on, and
 * the engine's reverse pass (`gradients`) returns d f / d leaf. Inside an outer `grad` the pass is
 * itself recorded (`createGraph`), so `grad(grad(f))` gives second derivatives.
 */
import { DTypeError, show, showShape, ValueError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { enableGrad, gradients, isGradEnabled } from './engine.js';
import {
  assertSameStructure,
  keyPathString,
  type PathEntry,
  type PyTree,
  treeFlatten,
  treeLeafPaths,
  treeLeaves,
  treeUnflatten,
} from './pytree.js';

/** How many `grad`/`valueAndGrad`/`vjp` calls are currently running `f` (nesting depth). */
let traceDepth = 0;

/** Whether a `grad`/`valueAndGrad`/`vjp` trace is active (we are inside the `f` of one). */
export function isTracing(): boolean {
  return traceDepth > 0;
}

/**
 * The argument types a `grad`-transformed function accepts: wherever `f` takes a Tensor, a plain
 * number is accepted too (it is differentiated as a float64 scalar), at any depth of a pytree.
 */
export type Loosen<T> = T extends Tensor
  ? Tensor | number
  : T extends readonly (infer U)[]
    ? { [K in keyof T]: Loosen<T[K]> } | Loosen<U>[]
    : T extends (...a: never[]) => unknown
      ? T
      : T extends object
        ? { [K in keyof T]: Loosen<T[K]> }
        : T;
/** `Loosen` over an argument list. */
export type LooseArgs<A extends unknown[]> = { [K in keyof A]: Loosen<A[K]> };

export interface GradOptions {
  /**
   * Which positional argument(s) to differentiate with respect to (default 0). With an array the
   * result is an array of gradients, one per listed argument.
   */
  argnums?: number | readonly number[];
  /** `f` returns `[output, aux]`; aux is passed through untouched (JAX's `has_aux`). */
  hasAux?: boolean;
}

interface Wrapped {
  /** The argument list with differentiated leaves replaced by tracked tensors. */
  args: unknown[];
  /** The tracked tensors, in order: all leaves of argnums[0], then argnums[1], ... */
  leaves: Tensor[];
  /** Per argnum: its structure and whether each leaf was a number. */
  parts: { treedef: ReturnType<typeof treeFlatten>['treedef']; wasNumber: boolean[] }[];
  /** Whether some input was already on a tape (connected copy). */
  connected: boolean;
}

function normalizeArgnums(
  op: string,
  argnums: number | readonly number[] | undefined,
  nargs: number,
): number[] {
  const list = argnums === undefined ? [0] : typeof argnums === 'number' ? [argnums] : [...argnums];
  if (list.length === 0) throw new ValueError(op, 'argnums must name at least one argument, received []');
  for (const a of list) {
    if (!Number.isInteger(a) || a < 0 || a >= nargs)
      throw new ValueError(
        op,
        `argnums entry ${show(a)} is out of range: f was called with ${nargs} argument(s); expected an integer in [0, ${nargs - 1}]`,
      );
  }
  if (new Set(list).size !== list.length)
    throw new ValueError(
      op,
      `argnums has repeated entries ${show(list)}; expected distinct argument indices`,
    );
  return list;
}

/** Replace each leaf of the differentiated arguments by a tensor that requires gradients. */
function wrapArgs(op: string, args: unknown[], argnums: number[]): Wrapped {
  const out = [...args];
  const leaves: Tensor[] = [];
  const parts: Wrapped['parts'] = [];
  let connected = false;
  for (const a of argnums) {
    const { leaves: ls, treedef } = treeFlatten(args[a]);
    // key paths only for error messages
    const where = (i: number) => `argument ${a}${keyPathString(treeLeafPaths(args[a])[i] as PathEntry[])}`;
    const wasNumber: boolean[] = [];
    const tracked = ls.map((leaf, i) => {
      if (typeof leaf === 'number') {
        wasNumber.push(true);
        const t = new Tensor(Float64Array.of(leaf), [], 'float64');
        t.requiresGrad = true;
        return t;
      }
      if (leaf instanceof Tensor) {
        wasNumber.push(false);
        if (leaf.dtype !== 'float64' && leaf.dtype !== 'float32')
          throw new DTypeError(
            op,
            `cannot differentiate with respect to ${where(i)} of dtype ${leaf.dtype}; expected float64 or float32 (convert with astype('float64'))`,
          );
        if (leaf.requiresGrad && isGradEnabled()) {
          // Already on a tape (an outer grad, or a PyTorch-style parameter): a connected copy,
          // so the outer computation can differentiate through this gradient.
          connected = true;
          return enableGrad(() => leaf.clone());
        }
        const t = leaf.detach();
        t.requiresGrad = true;
        return t;
      }
      throw new ValueError(
        op,
        `cannot differentiate with respect to ${where(i)}: ${show(leaf)}; expected a Tensor or a number (or arrays/objects of them)`,
      );
    });
    leaves.push(...tracked);
    parts.push({ treedef, wasNumber });
    out[a] = treeUnflatten(treedef, tracked);
  }
  return { args: out, leaves, parts, connected };
}

/** Check `f`'s output is a one-element float tensor or a number; return it as a Tensor or null (a constant). */
function scalarOutput(op: string, out: unknown): Tensor | null {
  if (typeof out === 'number') return null;
  if (!(out instanceof Tensor))
    throw new ValueError(
      op,
      `f must return a scalar (a one-element Tensor or a number), received ${show(out)}`,
    );
  if (out.size !== 1)
    throw new ValueError(
      op,
      `f must return a scalar, received shape ${showShape(out.shape)}; use vjp for non-scalar outputs`,
    );
  if (out.dtype !== 'float64' && out.dtype !== 'float32')
    throw new DTypeError(
      op,
      `f must return a float scalar, received dtype ${out.dtype}; expected float64 or float32`,
    );
  return out;
}

/** Run `f` on the wrapped arguments, recording on, inside a trace. */
function traced<T>(f: (...args: any[]) => T, args: unknown[]): T {
  traceDepth++;
  try {
    return enableGrad(() => f(...args));
  } finally {
    traceDepth--;
  }
}

/** d out / d leaves, each a Tensor (connected to the outer tape when `createGraph`). */
function leafGradients(
  out: Tensor | null,
  leaves: Tensor[],
  createGraph: boolean,
  retainGraph: boolean,
): Tensor[] {
  const zeros = (x: Tensor) =>
    new Tensor(new (x.data.constructor as Float64ArrayConstructor)(x.size), x.shape, x.dtype);
  if (out === null || !out.requiresGrad) return leaves.map(zeros);
  return enableGrad(() => gradients(out, leaves, { createGraph, retainGraph }));
}

/** Rebuild the gradient pytrees: numbers for number leaves (unless still on a tape), Tensors for tensors. */
function rebuild(parts: Wrapped['parts'], grads: Tensor[], single: boolean): PyTree {
  let pos = 0;
  const trees = parts.map(({ treedef, wasNumber }) => {
    const gs = wasNumber.map((isNum) => {
      const g = grads[pos++]!;
      return isNum && !g.requiresGrad ? g.data[0]! : g;
    });
    return treeUnflatten(treedef, gs);
  });
  return single ? trees[0] : trees;
}

function core(op: string, f: (...args: any[]) => unknown, options: GradOptions, args: unknown[]) {
  if (typeof f !== 'function') throw new ValueError(op, `f must be a function, received ${show(f)}`);
  const argnums = normalizeArgnums(op, options.argnums, args.length);
  const outer = isTracing() && isGradEnabled();
  const w = wrapArgs(op, args, argnums);
  const result = traced(f, w.args);
  let value: unknown = result;
  let aux: unknown;
  if (options.hasAux) {
    if (!Array.isArray(result) || result.length !== 2)
      throw new ValueError(op, `with hasAux, f must return [output, aux], received ${show(result)}`);
    [value, aux] = result;
  }
  const out = scalarOutput(op, value);
  const createGraph = outer;
  const grads = leafGradients(out, w.leaves, createGraph, createGraph || w.connected);
  const g = rebuild(w.parts, grads, typeof options.argnums !== 'object');
  const v = typeof value === 'number' || createGraph ? value : (value as Tensor).detach();
  return { value: v, grad: g, aux };
}

/**
 * The gradient of a scalar function (autograd's / JAX's `grad`): `grad(f)` is a function with
 * the same arguments as `f` returning d f / d args[argnums], with the structure of that argument
 * (a number for a number, a Tensor for a Tensor, nested arrays/objects preserved). With an array
 * `argnums` it returns an array of such gradients. Works nested: `grad(grad(f))` is the second
 * derivative. `f` must return a one-element float tensor (or a number, giving zeros).
 *
 * ```ts
 * const f = (x: Tensor) => x.mul(x).mul(x);
 * grad(f)(2);        // 12        (3x²)
 * grad(grad(f))(2);  // 12        (6x)
 * grad((p: { w: Tensor; b: number }) => p.w.mul(p.b).sum())({ w: tensor([1, 2]), b: 3 });
 * //   { b: 3, w: tensor([3, 3]) }
 * ```
 */
export function grad<A extends unknown[]>(
  f: (...args: A) => unknown,
  options: GradOptions = {},
): (...args: LooseArgs<A>) => any {
  return (...args: LooseArgs<A>) => {
    const r = core('grad', f, options, args);
    return options.hasAux ? [r.grad, r.aux] : r.grad;
  };
}

/**
 * Like `grad`, but returns `[value, gradient]` (JAX's `value_and_grad`); with `hasAux`,
 * `[[value, aux], gradient]`. The value is the Tensor (or number) `f` returned, detached unless
 * an outer trace differentiates through it.
 *
 * ```ts
 * const [loss, g] = valueAndGrad((w: Tensor) => w.mul(w).sum())(tensor([1, 2])); // 5, [2, 4]
 * ```
 */
export function valueAndGrad<A extends unknown[]>(
  f: (...args: A) => unknown,
  options: GradOptions = {},
): (...args: LooseArgs<A>) => [any, any] {
  return (...args: LooseArgs<A>) => {
    const r = core('valueAndGrad', f, options, args);
    return options.hasAux ? [[r.value, r.aux], r.grad] : [r.value, r.grad];
  };
}

/**
 * Vector-Jacobian product (JAX's `vjp`): evaluates `out = f(...primals)` and returns
 * `[out, vjpFn]` where `vjpFn(cotangent)` gives, for each primal, `sum_i cotangent_i * d out_i / d primal`
 * with the primal's structure (an array with one entry per primal). `out` may be a pytree of
 * tensors; the cotangent must have the same structure and shapes. `vjpFn` may be called many times.
 *
 * ```ts
 * const [y, back] = vjp((x: Tensor) => x.mul(x), tensor([1, 2, 3]));
 * back(tensor([1, 1, 1])); // [tensor([2, 4, 6])]
 * ```
 */
export function vjp(
  f: (...args: any[]) => unknown,
  ...primals: unknown[]
): [any, (cotangent: unknown) => any[]] {
  const op = 'vjp';
  if (typeof f !== 'function') throw new ValueError(op, `f must be a function, received ${show(f)}`);
  const argnums = primals.map((_, i) => i);
  const outer = isTracing() && isGradEnabled();
  const w = wrapArgs(op, primals, argnums);
  const out = traced(f, w.args);
  const outLeaves = treeLeaves(out);
  const outPaths = treeLeafPaths(out);
  outLeaves.forEach((o, i) => {
    if (!(o instanceof Tensor))
      throw new ValueError(
        op,
        `f must return a Tensor or a pytree of Tensors, received ${show(o)} at output${keyPathString(outPaths[i]!)}`,
      );
  });
  const createGraph = outer;
  const vjpFn = (cotangent: unknown): any[] => {
    if (!(out instanceof Tensor)) assertSameStructure(op, out, cotangent, ['output', 'cotangent']);
    const cts = out instanceof Tensor ? [cotangent] : treeLeaves(cotangent);
    if (cts.length !== outLeaves.length)
      throw new ValueError(
        op,
        `cotangent has ${cts.length} leaves but the output has ${outLeaves.length}; expected the output's structure`,
      );
    const total: Tensor[] = [];
    for (let i = 0; i < cts.length; i++) {
      const ct = cts[i];
      const o = outLeaves[i] as Tensor;
      if (!(ct instanceof Tensor))
        throw new ValueError(
          op,
          `cotangent${keyPathString(outPaths[i]!)} must be a Tensor, received ${show(ct)}`,
        );
      if (ct.shape.length !== o.shape.length || ct.shape.some((d, k) => d !== o.shape[k]))
        throw new ValueError(
          op,
          `cotangent${keyPathString(outPaths[i]!)} has shape ${showShape(ct.shape)} but the output has shape ${showShape(o.shape)}; expected equal shapes`,
        );
      if (!o.requiresGrad) continue;
      const gs = enableGrad(() => gradients(o, w.leaves, { gradOutput: ct, createGraph, retainGraph: true }));
      if (total.length === 0) total.push(...gs);
      else
        enableGrad(() => {
          gs.forEach((g, k) => {
            total[k] = total[k]!.add(g);
          });
        });
    }
    const grads = total.length
      ? total
      : w.leaves.map(
          (x) => new Tensor(new (x.data.constructor as Float64ArrayConstructor)(x.size), x.shape, x.dtype),
        );
    return rebuild(w.parts, grads, false) as any[];
  };
  const value = createGraph ? out : treeLeaves(out).length === 0 ? out : detachTree(out);
  return [value, vjpFn];
}

function detachTree(t: unknown): unknown {
  const { leaves, treedef } = treeFlatten(t);
  return treeUnflatten(
    treedef,
    leaves.map((l) => (l instanceof Tensor ? l.detach() : l)),
  );
}

/**
 * PyTorch's `optimizer.zero_grad()` for every tensor leaf of a pytree (a Tensor, an array of
 * parameters, a list of `{w, b}` dicts): with `setToNone` (default) `.grad` becomes null, so the
 * next `backward()` starts from zero instead of accumulating; with `{ setToNone: false }` an
 * existing gradient is detached and filled with 0 in place, so the next `backward()` accumulates
 * into the same buffer (no per-step allocation of gradient-sized arrays). `Module.zeroGrad` and
 * `Optimizer.zeroGrad` are this over their parameters.
 *
 * ```ts
 * loss.backward(); zeroGrad([w, b]); w.grad; // null
 * zeroGrad([w, b], { setToNone: false }); // w.grad: zeros, same buffer
 * ```
 */
export function zeroGrad(tensorsOrTree: PyTree, { setToNone = true }: { setToNone?: boolean } = {}): void {
  for (const t of treeLeaves(tensorsOrTree)) {
    if (!(t instanceof Tensor) || t.grad === null) continue;
    if (setToNone) t.grad = null;
    else {
      t.grad.gradFn = null;
      t.grad.requiresGrad = false;
      t.grad.data.fill(0);
    }
  }
}
