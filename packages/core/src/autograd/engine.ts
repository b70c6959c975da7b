/**
 * The autograd engine: one tape shared by the PyTorch-style API (`requiresGrad`,
 * `loss.backward()`, `.grad`) and the JAX/autograd-style API (`grad`, `valueAndGrad`, `vjp`).
 *
 * Reverse-mode differentiation, the backpropagation of UDL chapter 7 (section 7.4) for any graph of
 * ops. Each op computes its output and, right beside it, calls `record(out, name, inputs, backward)`
 * with the closure holding its local chain rule (micrograd's habit): given `ḡ = ∂L/∂out`,
 * `backward(ḡ)` returns `∂L/∂input_i = (∂out/∂input_i)ᵀ ḡ` for each input (null where none is
 * needed), already reduced to the input's shape. `backward()` then is a topological sort, a seed
 * `∂L/∂L = 1`, and one walk from the output back to the leaves in which every node hands its
 * gradient to its inputs, where contributions along different paths add up:
 *
 *     ∂L/∂x = Σ over the nodes n that use x of (∂n/∂x)ᵀ ∂L/∂n.
 *
 * Backward rules are written with differentiable tensor ops, so with `createGraph` the backward
 * pass is itself recorded and `grad(grad(f))` works.
 *
 * Memory is not this file's concern: outside `createGraph`, the engine's gradient storage is
 * reused across passes by the kernel layer's protocol (`kernels/grad-buffers.ts`: `gradBufferPass`
 * around the walk, `accumulateGrad` for `.grad`), with the same values.
 */
import { AutogradError, DTypeError, show, showShape } from '../errors.js';
import { accumulateGrad, gradBufferPass } from '../kernels/grad-buffers.js';
import { sameShape } from '../shape.js';
import { type BackwardFn, Tensor } from '../tensor.js';

// The graph node's type is declared beside Tensor (a tensor's `gradFn`): re-exported here.
export type { BackwardFn, GradNode } from '../tensor.js';

/** Options of {@link record}. */
export interface RecordOptions {
  /** The op's backward reads its incoming gradient once and keeps nothing of it (see `GradNode.readsGradOnce`); default false. */
  readsGradOnce?: boolean;
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
 *
 * ```ts
 * const out = new Tensor(prod, a.shape, a.dtype); // a · b, elementwise
 * return record(out, 'mul', [a, b], (g) => [mul(g, b), mul(g, a)]); // ∂(ab)/∂a = b, ∂(ab)/∂b = a
 * ```
 */
export function record(
  out: Tensor,
  name: string,
  inputs: readonly Tensor[],
  backward: BackwardFn,
  options: RecordOptions = {},
): Tensor {
  if (!gradEnabled) return out;
  let needs = false;
  for (const t of inputs) if (t.requiresGrad) needs = true;
  if (!needs) return out;
  if (out.dtype !== 'float64' && out.dtype !== 'float32') return out; // integer/bool results carry no gradient
  out.requiresGrad = true;
  out.gradFn = { name, inputs, backward, readsGradOnce: options.readsGradOnce ?? false };
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
  op: 'backward' | 'gradients',
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
  const grads = new Map<Tensor, Tensor>([[output, seed]]);
  // The walk: outputs before inputs. Each node's gradient is complete when its turn comes, since
  // every node that uses it comes later in `order` and so was visited before it.
  const walk = (): void => {
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
        grads.set(x, acc === undefined ? gx : addImpl!(acc, gx)); // contributions of all paths add up
      }
    }
  };
  // The backward closures run recorded only with createGraph. Only backward() without it lets
  // kernels reuse engine-owned gradient buffers: gradients() and createGraph hand theirs out.
  const reuse = op === 'backward' && !createGraph;
  gradBufferPass(reuse ? order : null, () => (createGraph ? enableGrad(walk) : noGrad(walk)));
  return grads;
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
  for (const [t, g] of grads) {
    if (!t.isLeaf || !t.requiresGrad) continue;
    // .grad += g. With createGraph, a recorded add (the gradient is a graph tensor); without it,
    // storage the engine owns, so optimizers may update it in place and later calls add into it.
    if (options.createGraph) t.grad = t.grad === null ? g : addImpl!(t.grad, g);
    else t.grad = accumulateGrad(t.grad, g, addImpl!);
  }
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
