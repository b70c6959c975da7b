/**
 * Opt-in layer fusion (PyTorch's `torch.ao.quantization.fuse_modules`): `fuseModules(model)`
 * replaces, inside every `Sequential` of the model, each pair of consecutive modules that a fusion
 * pattern names by their exact classes (PyTorch's fuser table) with one fused module that computes
 * the pair in one op, and the second module with an `Identity` (as PyTorch does, so the children
 * keep their names and the state dict its keys). The fused modules share the original parameters.
 * Values and gradients are the unfused model's, bit for bit; what changes is speed and memory (no
 * intermediate tensor between the two layers; outside autograd, a `LinearReLU` whose output only the
 * next linear layer reads reuses one output array across calls: its `reuseOutput`).
 *
 * Patterns: `Linear` → `ReLU` as {@link LinearReLU}; `@gradkit/conv` registers `Conv1d` → `ReLU`
 * and `Conv2d` → `ReLU` (its `ConvReLU1d`, `ConvReLU2d`) when it loads.
 *
 * ```ts
 * const model = fuseModules(new Sequential(new Linear(40, 100, { rng }), new ReLU(), new Linear(100, 10, { rng })));
 * model.toString(); // Sequential( (0): LinearReLU(40→100) (1): Identity() (2): Linear(100→10) )
 * ```
 */
import { ReLU } from './activations.js';
import { Identity, Linear, LinearReLU, Sequential } from './layers.js';
import type { Module } from './module.js';

/** A module class, matched exactly (a subclass, which may compute something else, is not). */
export type ModuleClass<M extends Module> = abstract new (...args: never[]) => M;

/** A fusion pattern: two consecutive modules of these exact classes, and the module that replaces them. */
export interface Fusion<A extends Module = Module, B extends Module = Module> {
  pattern: readonly [ModuleClass<A>, ModuleClass<B>];
  /**
   * The fused module computing `second(first(x))`, sharing their parameters; `next` is the module
   * that reads its output in the container (undefined when the pair ends it).
   */
  fuse(first: A, second: B, next: Module | undefined): Module;
}

/** Whether `m` reads its input within its call and keeps nothing of it outside autograd: a linear layer. */
function readsInputOnce(m: Module | undefined): boolean {
  return m?.constructor === Linear || m?.constructor === LinearReLU;
}

const fusions: Fusion[] = [
  {
    pattern: [Linear, ReLU],
    fuse: (linear: Linear, _relu: ReLU, next: Module | undefined) =>
      new LinearReLU(linear, { reuseOutput: readsInputOnce(next) }),
  },
];

/**
 * Adds a fusion pattern to the ones {@link fuseModules} applies (how `@gradkit/conv` adds its
 * convolution + ReLU modules without `@gradkit/nn` knowing them).
 *
 * ```ts
 * registerFusion({ pattern: [Conv1d, ReLU], fuse: (conv) => new ConvReLU1d(conv) });
 * ```
 */
export function registerFusion<A extends Module, B extends Module>(fusion: Fusion<A, B>): void {
  fusions.push(fusion as unknown as Fusion);
}

/**
 * Fuses `model` in place (PyTorch's `fuse_modules(..., inplace=True)`) and returns it: in every
 * `Sequential` of the model (itself included), each pair that a registered pattern matches becomes
 * the fused module followed by an `Identity`. Parameters (the same tensors), their names and order,
 * and the outputs and gradients are unchanged; an optimizer built on `model.parameters()` before
 * or after fusing trains the same tensors.
 *
 * ```ts
 * const net = fuseModules(mnist1dConvNet({ rng })); // Conv1d → ReLU pairs run as conv1dRelu
 * ```
 */
export function fuseModules<M extends Module>(model: M): M {
  const containers = [...model.modules()].filter((m): m is Sequential => m instanceof Sequential);
  for (const seq of containers)
    for (let i = 0; i + 1 < seq.length; i++) {
      const first = seq.get(i);
      const second = seq.get(i + 1);
      const fusion = fusions.find(
        (f) => first.constructor === f.pattern[0] && second.constructor === f.pattern[1],
      );
      if (fusion === undefined) continue;
      seq.set(i, fusion.fuse(first, second, i + 2 < seq.length ? seq.get(i + 2) : undefined));
      seq.set(i + 1, new Identity());
      i++;
    }
  return model;
}
