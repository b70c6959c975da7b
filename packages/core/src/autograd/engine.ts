/**
 * The autograd engine: one tape shared by the PyTorch-style API (`requiresGrad`,
 * `loss.backward()`, `.grad`) and the JAX/autograd-style API (`grad`, `valueAndGrad`, `vjp`).
 *
 * Each op computes its output and, right beside it, calls `record(out, name, inputs, backward)`
 * with the closure holding its local chain rule (micrograd's habit). `backward(gOut)` returns
 * one gradient per input (or null where the input needs none), already reduced to the input's
 * shape. Backward rules are written with differentiable tensor ops, so with `createGraph` the
 * backward pass is itself recorded and `grad(grad(f))` works.
 */
import { AutogradError, DTypeError, show, showShape } from '../errors.js';
import { sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';

export type BackwardFn = (gradOutput: Tensor) => (Tensor | null | undefined)[];

export interface GradNode {
  /** Op name, e.g. 'mul' (PyTorch shows `MulBackward0`). */
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** The local chain rule; null once the graph has been freed by a backward pass. */
  backward: BackwardFn | null;
}

let gradEnabled = true;

/** Whether ops are currently recorded. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Run `fn` without recording operations (PyTorch's `torch.no_grad()`). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Run `fn` with recording on, even inside `noGrad` (PyTorch's `torch.enable_grad()`). */
export function enableGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Turn recording on or off globally (PyTorch's `torch.set_grad_enabled`). */
export function setGradEnabled(flag: boolean): void {
  gradEnabled = flag;
}

/**
 * Attach `backward` to `out` when recording is on and any input requires gradients.
 * Returns `out` so ops can `return record(out, ...)`.
 */
export function record(out: Tensor, name: string, inputs: readonly Tensor[], backward: BackwardFn): Tensor {
  if (!gradEnabled) return out;
  let needs = false;
  for (const t of inputs) if (t.requiresGrad) needs = true;
  if (!needs) return out;
  if (out.dtype !== 'float64' && out.dtype !== 'float32') return out; // integer/bool results carry no gradient
  out.requiresGrad = true;
  out.gradFn = { name, inputs, backward };
  return out;
}

// Late-bound to avoid a module cycle with the ops (which import `record`).
let addImpl: ((a: Tensor, b: Tensor) => Tensor) | null = null;
let onesLikeImpl: ((t: Tensor) => Tensor) | null = null;
export function setEngineOps(ops: {
  add: (a: Tensor, b: Tensor) => Tensor;
  onesLike: (t: Tensor) => Tensor;
}): void {
  addImpl = ops.add;
  onesLikeImpl = ops.onesLike;
}

/** Nodes reachable from `roots`, in topological order (inputs before outputs). */
function topoOrder(roots: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative DFS (deep networks unrolled over many steps would overflow a recursive one).
  const stack: [Tensor, number][] = [];
  for (const r of roots) {
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push([r, 0]);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [t, i] = top;
      const inputs = t.gradFn?.inputs ?? [];
      if (i < inputs.length) {
        top[1] = i + 1;
        const c = inputs[i]!;
        if (!seen.has(c) && c.requiresGrad) {
          seen.add(c);
          stack.push([c, 0]);
        }
      } else {
        stack.pop();
        order.push(t);
      }
    }
  }
  return order;
}

export interface GradientsOptions {
  /** Seed gradient dL/d(output); required unless the output is a one-element tensor. */
  gradOutput?: Tensor;
  /** Record the backward pass so the gradients can be differentiated again. */
  createGraph?: boolean;
  /** Keep the graph's backward closures after this pass (default: createGraph). */
  retainGraph?: boolean;
}

function seedGradient(op: string, output: Tensor, gradOutput: Tensor | undefined): Tensor {
  if (!output.requiresGrad)
    throw new AutogradError(
      op,
      'the output does not require gradients: no input of the computation had requiresGrad set (or it ran inside noGrad)',
    );
  if (gradOutput === undefined) {
    if (output.size !== 1)
      throw new AutogradError(
        op,
        `gradients can be implicitly created only for one-element outputs, received output of shape ${showShape(output.shape)}; pass a seed gradient of the same shape`,
      );
    return onesLikeImpl!(output.detach());
  }
  if (!sameShape(gradOutput.shape, output.shape))
    throw new AutogradError(
      op,
      `seed gradient has shape ${showShape(gradOutput.shape)} but the output has shape ${showShape(output.shape)}; expected equal shapes`,
    );
  return gradOutput;
}

/**
 * Reverse-mode pass from `output`, returning d(output)/d(input) for every tensor reached.
 * The core of both APIs: `backward()` accumulates the leaf entries into `.grad`; `gradients()`
 * returns the requested entries (PyTorch's `torch.autograd.grad`).
 */
function runBackward(
  op: string,
  output: Tensor,
  options: GradientsOptions,
  targets?: readonly Tensor[],
): Map<Tensor, Tensor> {
  const createGraph = options.createGraph ?? false;
  const retain = options.retainGraph ?? createGraph;
  const seed = seedGradient(op, output, options.gradOutput);
  let order = topoOrder([output]);
  let needed: Set<Tensor> | null = null;
  if (targets) {
    // Only nodes from which some target is reachable contribute (torch.autograd.grad does the same):
    // e.g. an inner grad inside an outer one does not walk on into the outer computation.
    const wanted = new Set<Tensor>(targets);
    const need = new Set<Tensor>();
    const active = new Set<Tensor>(); // nodes whose backward has to run: some input is needed
    for (const t of order) {
      const feeds = t.gradFn?.inputs.some((c) => need.has(c));
      if (feeds) active.add(t);
      if (feeds || wanted.has(t)) need.add(t);
    }
    order = order.filter((t) => active.has(t));
    needed = need;
  }
  const grads = new Map<Tensor, Tensor>();
  grads.set(output, seed);
  const prev = gradEnabled;
  const prevScratch = scratchLeaves;
  const prevKeys = passKeys;
  scratchLeaves = null;
  passKeys = null;
  passDepth++;
  if (op === 'backward' && !createGraph) {
    // Leaves fed by exactly one (node, input) edge may have their gradient written into a
    // reusable per-leaf buffer (see `leafGradScratch`): nothing else adds into it in this pass.
    const edges = new Map<Tensor, number>();
    for (const t of order) {
      const node = t.gradFn;
      if (node)
        for (const c of node.inputs)
          if (c.gradFn === null && c.requiresGrad) edges.set(c, (edges.get(c) ?? 0) + 1);
    }
    scratchLeaves = edges;
    if (passDepth === 1) passKeys = new Set(); // not inside another pass's backward closure
  }
  gradEnabled = createGraph;
  try {
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k]!;
      const node = t.gradFn;
      const g = grads.get(t);
      if (!node || g === undefined) continue;
      if (node.backward === null)
        throw new AutogradError(
          op,
          `trying to backward through the graph a second time (node '${node.name}' was freed); pass retainGraph: true to the first backward call`,
        );
      const inGrads = node.backward(g);
      if (!retain) node.backward = null;
      for (let i = 0; i < node.inputs.length; i++) {
        const x = node.inputs[i]!;
        const gx = inGrads[i];
        if (!x.requiresGrad || gx === null || gx === undefined) continue;
        if (needed !== null && !needed.has(x)) continue;
        if (!sameShape(gx.shape, x.shape))
          throw new AutogradError(
            op,
            `internal: backward of '${node.name}' returned shape ${showShape(gx.shape)} for input of shape ${showShape(x.shape)}`,
          );
        const acc = grads.get(x);
        grads.set(x, acc === undefined ? gx : addImpl!(acc, gx));
      }
    }
  } finally {
    gradEnabled = prev;
    scratchLeaves = prevScratch;
    passKeys = prevKeys;
    passDepth--;
  }
  return grads;
}

/** During `backward()` without `createGraph`: leaf → number of graph edges that feed it. */
let scratchLeaves: Map<Tensor, number> | null = null;
const leafScratch = new WeakMap<Tensor, Float32Array | Float64Array>();

/**
 * For kernels inside backward closures: a buffer of `size` elements of `dtype` that the
 * gradient for the leaf `x` may be written into instead of a freshly allocated array, or null
 * when that is not allowed. Allowed only inside `backward()` without `createGraph`, for a leaf
 * that requires gradients, is fed by exactly one graph edge and matches `dtype`/`size`; at most
 * once per leaf per pass. The buffer belongs to the engine and is reused on every pass: the
 * engine copies or adds it into `x.grad` before the pass ends and never hands it to the user,
 * so a warmed-up training loop allocates no parameter-gradient-sized arrays.
 *
 * @example
 *   const dst = leafGradScratch(bias, 'float32', outF); // Float32Array | null
 *   const s = dst ?? allocate('float32', outF);
 */
export function leafGradScratch(x: Tensor, dtype: string, size: number): Float32Array | Float64Array | null {
  if (scratchLeaves === null || scratchLeaves.get(x) !== 1) return null;
  if (x.dtype !== dtype || x.size !== size || (dtype !== 'float32' && dtype !== 'float64')) return null;
  scratchLeaves.set(x, 0); // handed out: no second use in this pass
  let buf = leafScratch.get(x);
  if (buf === undefined || buf.length !== size || (dtype === 'float32') !== buf instanceof Float32Array) {
    buf = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
    leafScratch.set(x, buf);
  }
  return buf;
}

/** Nesting depth of backward passes (a backward closure may itself run one). */
let passDepth = 0;
/** Keys handed out by `passGradScratch` in the current outermost `backward()` pass, or null. */
let passKeys: Set<object> | null = null;
const passBuffers = new WeakMap<object, Float32Array | Float64Array>();

/**
 * For kernels inside backward closures: a buffer of `size` elements of `dtype`, owned by the
 * engine under `key` (a long-lived object such as the layer's weight) and reused on every pass,
 * into which an op may write the gradient for a NON-leaf input — only when the caller knows that
 * input's own backward reads the gradient once and keeps nothing of it (e.g. `linearRelu`, which
 * masks it into its own buffer). Null unless inside the outermost `backward()` without
 * `createGraph` (where non-leaf gradients never leave the pass), and at most once per key per
 * pass.
 *
 * @example
 *   const dst = passGradScratch(weight, 'float32', x.size); // Float32Array | null
 */
export function passGradScratch(
  key: object,
  dtype: string,
  size: number,
): Float32Array | Float64Array | null {
  if (passKeys === null || scratchLeaves === null || passKeys.has(key)) return null;
  if (dtype !== 'float32' && dtype !== 'float64') return null;
  passKeys.add(key);
  let buf = passBuffers.get(key);
  if (buf === undefined || buf.length !== size || (dtype === 'float32') !== buf instanceof Float32Array) {
    buf = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
    passBuffers.set(key, buf);
  }
  return buf;
}

/**
 * PyTorch's `tensor.backward()`: accumulate d(output)/d(leaf) into `.grad` of every leaf that
 * requires gradients. Gradients add up across calls until zeroed (`zeroGrad`).
 */
export function backward(
  output: Tensor,
  gradOutput?: Tensor,
  options: Omit<GradientsOptions, 'gradOutput'> = {},
): void {
  const grads = runBackward(
    'backward',
    output,
    gradOutput === undefined ? options : { ...options, gradOutput },
  );
  const createGraph = options.createGraph ?? false;
  for (const [t, g] of grads) {
    if (!t.isLeaf || !t.requiresGrad) continue;
    if (createGraph) t.grad = t.grad === null ? g : addImpl!(t.grad, g);
    else if (t.grad === null) {
      // Without createGraph the stored gradient owns fresh storage, so optimizers may update it in place.
      const owned = new Tensor(g.data.slice(), g.shape, g.dtype);
      engineOwnedGrads.add(owned);
      t.grad = owned;
    } else if (canAccumulateInPlace(t.grad, g)) accumulateInPlace(t.grad, g);
    else {
      const sum = noGrad(() => addImpl!(t.grad!.detach(), g.detach()));
      engineOwnedGrads.add(sum);
      t.grad = sum;
    }
  }
}

/**
 * Gradient tensors that `backward` allocated itself (and that were not handed out by a
 * `createGraph` pass): later `backward` calls add into their storage in place, as PyTorch's
 * `AccumulateGrad` does outside grad mode, so a `zeroGrad({ setToNone: false })` training loop
 * keeps one gradient buffer per parameter across steps instead of allocating one per step.
 */
const engineOwnedGrads = new WeakSet<Tensor>();

/** Whether `g` may be added into `grad`'s storage: an engine-owned, non-graph float tensor of the same shape and dtype. */
function canAccumulateInPlace(grad: Tensor, g: Tensor): boolean {
  return (
    engineOwnedGrads.has(grad) &&
    grad.gradFn === null &&
    !grad.requiresGrad &&
    grad.dtype === g.dtype &&
    (grad.dtype === 'float32' || grad.dtype === 'float64') &&
    sameShape(grad.shape, g.shape) &&
    grad.data.length === g.data.length
  );
}

/** `grad += g` elementwise in `grad`'s storage (same rounding as the allocating `add`: one sum per element, stored in the dtype). */
function accumulateInPlace(grad: Tensor, g: Tensor): void {
  const d = grad.data;
  if (d instanceof Float32Array) add32(d, g.data as Float32Array);
  else add64(d as Float64Array, g.data as Float64Array);
}

// One loop per storage type (a loop seeing both typed-array kinds runs ~2x slower), unrolled by 4.
function add32(d: Float32Array, s: Float32Array): void {
  const n = d.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a0 = d[i]! + s[i]!;
    const a1 = d[i + 1]! + s[i + 1]!;
    const a2 = d[i + 2]! + s[i + 2]!;
    const a3 = d[i + 3]! + s[i + 3]!;
    d[i] = a0;
    d[i + 1] = a1;
    d[i + 2] = a2;
    d[i + 3] = a3;
  }
  for (; i < n; i++) d[i] = d[i]! + s[i]!;
}
function add64(d: Float64Array, s: Float64Array): void {
  const n = d.length;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a0 = d[i]! + s[i]!;
    const a1 = d[i + 1]! + s[i + 1]!;
    const a2 = d[i + 2]! + s[i + 2]!;
    const a3 = d[i + 3]! + s[i + 3]!;
    d[i] = a0;
    d[i + 1] = a1;
    d[i + 2] = a2;
    d[i + 3] = a3;
  }
  for (; i < n; i++) d[i] = d[i]! + s[i]!;
}

/**
 * PyTorch's `torch.autograd.grad(output, inputs)`: the gradients of `output` with respect to each
 * of `inputs` (zeros where an input does not influence the output), without touching `.grad`.
 */
export function gradients(
  output: Tensor,
  inputs: readonly Tensor[],
  options: GradientsOptions = {},
): Tensor[] {
  for (const [i, x] of inputs.entries()) {
    if (!(x instanceof Tensor))
      throw new AutogradError('gradients', `inputs[${i}] must be a Tensor, received ${show(x)}`);
    if (!x.requiresGrad) throw new AutogradError('gradients', `inputs[${i}] does not require gradients`);
  }
  const grads = runBackward('gradients', output, options, inputs);
  return inputs.map((x) => {
    const g = grads.get(x);
    if (g !== undefined) return options.createGraph ? g : g.detach();
    return new Tensor(new (x.data.constructor as Float64ArrayConstructor)(x.size), x.shape, x.dtype);
  });
}

/** Throw unless `t` may require gradients (float dtype). */
export function assertDifferentiable(op: string, arg: string, t: Tensor): void {
  if (t.dtype !== 'float64' && t.dtype !== 'float32')
    throw new DTypeError(
      op,
      `cannot differentiate with respect to ${arg} of dtype ${t.dtype}; expected float64 or float32`,
    );
}
