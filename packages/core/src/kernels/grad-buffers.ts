/**
 * Gradient buffers the autograd engine owns: the memory protocol that lets a warmed-up training
 * loop (`loss.backward()`, `optimizer.step()`, `zeroGrad({ setToNone: false })`) run without
 * allocating gradient-sized arrays. The engine (`autograd/engine.ts`) stays the textbook
 * algorithm; it only opens a scope per pass ({@link gradBufferPass}) and stores `.grad` through
 * {@link accumulateGrad}. Kernels inside backward closures ask {@link gradBuffer} for storage.
 *
 * Who may reuse which buffer, when, and why it is safe:
 *
 * 1. **`.grad` storage** ({@link accumulateGrad}, the engine only, outside `createGraph`). The
 *    first gradient of a leaf is copied into fresh storage the engine owns; a later `backward()`
 *    adds into that storage in place (PyTorch's `AccumulateGrad`), as long as it is still the
 *    engine's (not replaced by the user, not a graph tensor) and has the same shape and dtype.
 *    Nobody else holds that storage except through `.grad`, and adding into it is what `.grad`
 *    accumulation means.
 * 2. **Per-leaf buffers** ({@link gradBuffer} for a leaf, e.g. a parameter). Inside `backward()`
 *    without `createGraph`, a leaf fed by exactly one graph edge may have its gradient written into
 *    a buffer kept for that leaf across passes, once per pass: nothing else adds into it in the
 *    pass, and the engine copies or adds it into `.grad` (rule 1) before `backward()` returns, so
 *    the buffer never reaches the user.
 * 3. **Pass buffers** ({@link gradBuffer} for a non-leaf `x`). Only in the outermost `backward()`
 *    without `createGraph` (where non-leaf gradients never leave the pass), and only when `x`'s
 *    node has `readsGradOnce` set: its backward reads the gradient during its call and neither
 *    keeps it nor returns it (or a view of it), so the buffer is dead once that node ran. Each
 *    request in a pass gets its own buffer; the n-th request of every pass reuses the n-th buffer
 *    (a training loop asks in the same order every step).
 *
 * `gradients()` (PyTorch's `torch.autograd.grad`) and `createGraph` passes return or record their
 * gradients, so they get no engine buffer: {@link gradBuffer} returns null there and the kernel
 * allocates.
 */
import { sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { addRowVector } from './elementwise.js';
import type { FloatArray } from './registry.js';

/** The current reuse-enabled pass: leaf → graph edges into it (0 once its buffer was handed out). */
interface Pass {
  leafEdges: Map<Tensor, number>;
  /** Not nested inside another pass's backward closure: pass buffers allowed. */
  outermost: boolean;
  /** Pass buffers handed out so far in this pass. */
  used: number;
}

let pass: Pass | null = null;
/** Nesting depth of backward passes (a backward closure may itself run one). */
let depth = 0;
const leafBuffers = new WeakMap<Tensor, FloatArray>();
const passBuffers: FloatArray[] = [];
/** `.grad` tensors whose storage the engine allocated (rule 1). */
const engineOwned = new WeakSet<Tensor>();

/**
 * Runs one backward pass `run` (the engine's reverse loop) with engine buffers enabled for the
 * nodes of `order` (its topological order), or disabled when `order` is null (`gradients()`,
 * `createGraph`). Restores the enclosing pass's state afterwards (passes nest). @internal
 */
export function gradBufferPass<T>(order: readonly Tensor[] | null, run: () => T): T {
  const outer = pass;
  depth++;
  pass = null;
  if (order !== null) {
    const leafEdges = new Map<Tensor, number>();
    for (const t of order)
      for (const c of t.gradFn?.inputs ?? [])
        if (c.gradFn === null && c.requiresGrad) leafEdges.set(c, (leafEdges.get(c) ?? 0) + 1);
    pass = { leafEdges, outermost: depth === 1, used: 0 };
  }
  try {
    return run();
  } finally {
    pass = outer;
    depth--;
  }
}

/** `buf` when it holds exactly `size` elements of `dtype`, else a new such array. */
function fit(buf: FloatArray | undefined, dtype: 'float32' | 'float64', size: number): FloatArray {
  if (buf !== undefined && buf.length === size && buf instanceof Float32Array === (dtype === 'float32'))
    return buf;
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}

/**
 * For a kernel inside a backward closure: an engine-owned buffer of `size` elements of `dtype`
 * into which it may write the gradient for `x` (contents arbitrary: zero it if the kernel adds),
 * or null when the protocol above does not allow one — then the kernel allocates. Allowed inside
 * `backward()` without `createGraph`, for `x` of that dtype and size that is a leaf fed by one
 * graph edge (rule 2) or, in the outermost pass, a non-leaf whose node `readsGradOnce` (rule 3).
 *
 * ```ts
 * const gw = gradBuffer(weight, 'float32', weight.size) ?? allocate('float32', weight.size);
 * ```
 */
export function gradBuffer(x: Tensor, dtype: 'float32' | 'float64', size: number): FloatArray | null {
  if (pass === null || x.dtype !== dtype || x.size !== size) return null;
  const node = x.gradFn;
  if (node === null) {
    if (pass.leafEdges.get(x) !== 1) return null;
    pass.leafEdges.set(x, 0); // handed out: no second use in this pass
    const buf = fit(leafBuffers.get(x), dtype, size);
    leafBuffers.set(x, buf);
    return buf;
  }
  if (!pass.outermost || !node.readsGradOnce) return null;
  const i = pass.used++;
  const buf = fit(passBuffers[i], dtype, size);
  passBuffers[i] = buf;
  return buf;
}

/**
 * The engine's `.grad += g` outside `createGraph` (rule 1): the new `.grad` of a leaf whose
 * current one is `grad` (null: none yet), given this pass's gradient `g`. In place when `grad` is
 * engine-owned storage of `g`'s shape and dtype, else a fresh engine-owned tensor (`add`: the
 * engine's differentiable add, for a `.grad` the user assigned). @internal
 */
export function accumulateGrad(
  grad: Tensor | null,
  g: Tensor,
  add: (a: Tensor, b: Tensor) => Tensor,
): Tensor {
  let out: Tensor;
  if (grad === null) out = new Tensor(g.data.slice(), g.shape, g.dtype);
  else if (
    engineOwned.has(grad) &&
    grad.gradFn === null &&
    !grad.requiresGrad &&
    grad.dtype === g.dtype &&
    (grad.dtype === 'float32' || grad.dtype === 'float64') &&
    grad.data.length === g.data.length &&
    sameShape(grad.shape, g.shape)
  ) {
    // one float sum per element, stored in the dtype: the allocating add's rounding
    addRowVector(grad.data as FloatArray, g.data as FloatArray, 1, grad.data.length);
    return grad;
  } else out = add(grad.detach(), g.detach());
  engineOwned.add(out);
  return out;
}
