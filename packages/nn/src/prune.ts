/**
 * Magnitude pruning, PyTorch's `torch.nn.utils.prune` (UDL section 20.2.7, lottery tickets):
 * `l1Unstructured` zeroes the smallest-magnitude entries of one parameter, `globalUnstructured`
 * the smallest over several parameters together, `customFromMask` applies a given mask, `remove`
 * makes the pruning permanent and `isPruned` tells whether a module carries a mask.
 *
 * As in PyTorch, pruning `weight` re-parametrizes the module: the parameter moves to
 * `weight_orig` (the same tensor, still trained), the mask is the buffer `weight_mask`, and
 * `module.weight` reads `weight_orig * weight_mask` (computed at each read, so gradients reach
 * `weight_orig` only where the mask is 1). Pruning the same parameter again prunes among the
 * entries still unpruned (PyTorch's `PruningContainer`): a fraction `amount` is a fraction of
 * those. `remove` writes the masked values into the original tensor and makes it `weight` again.
 *
 * One difference in bookkeeping: after `remove`, `name` keeps its place in `namedParameters()`
 * (PyTorch re-inserts it last).
 *
 * JavaScript has one number type, so PyTorch's "int amount = a count, float amount = a fraction"
 * is `amount: number` (a fraction in [0, 1]) or `amount: { count: k }`. Among equal magnitudes
 * the lower index is pruned first (PyTorch's `topk` leaves the order of ties unspecified).
 *
 * @example
 *   const fc = new Linear(4, 3, { rng });
 *   prune.l1Unstructured(fc, 'weight', 0.5); // the 6 smallest |w| of 12 set to 0
 *   fc.weight_mask;                            // the mask buffer (1 kept, 0 pruned)
 *   prune.remove(fc, 'weight');                // weight is a plain parameter again, zeros kept
 */
import { astype, mul, noGrad, Tensor, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { Module } from './module.js';

/** How much to prune: a fraction in [0, 1] of the (unpruned) entries, or a count of them. */
export type PruningAmount = number | { count: number };

/** A pruning method, as PyTorch's `BasePruningMethod`: `computeMask(importance, defaultMask)`. */
export interface PruningMethod {
  computeMask(importanceScores: Tensor, defaultMask: Tensor): Tensor;
}

type Slotted = Record<string, unknown>;

/** The slot accessors the re-parametrization replaced, by module and name. */
const pruned = new WeakMap<Module, Map<string, PropertyDescriptor>>();

function checkAmount(op: string, amount: PruningAmount): void {
  if (typeof amount === 'number') {
    if (!(Number.isFinite(amount) && amount >= 0 && amount <= 1))
      throw new ValueError(
        op,
        `amount must be a fraction in [0, 1] or { count: k }, received ${show(amount)}`,
      );
  } else if (
    amount === null ||
    typeof amount !== 'object' ||
    !(Number.isInteger(amount.count) && amount.count >= 0)
  ) {
    throw new ValueError(
      op,
      `amount must be a fraction in [0, 1] or { count: k } with k a non-negative integer, received ${show(amount)}`,
    );
  }
}

/** Python's `round` (halves to even), as PyTorch's `_compute_nparams_toprune` uses. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The number of entries `amount` prunes out of `n` (PyTorch: `round(amount · n)` or the count). */
function nparamsToPrune(op: string, amount: PruningAmount, n: number): number {
  const k = typeof amount === 'number' ? roundHalfEven(amount * n) : amount.count;
  if (k > n)
    throw new ValueError(
      op,
      `amount ${show(amount)} asks for ${k} entries to prune but the tensor has only ${n} unpruned; expected at most ${n}`,
    );
  return k;
}

/**
 * PyTorch's `L1Unstructured(amount)`: a mask that zeroes the `amount` smallest absolute importance
 * scores among the entries where `defaultMask` is 1 (the entries already 0 stay 0).
 */
export class L1Unstructured implements PruningMethod {
  readonly amount: PruningAmount;

  constructor(amount: PruningAmount) {
    checkAmount('L1Unstructured', amount);
    this.amount = amount;
  }

  computeMask(importanceScores: Tensor, defaultMask: Tensor): Tensor {
    const op = 'L1Unstructured.computeMask';
    if (importanceScores.size !== defaultMask.size)
      throw new ValueError(
        op,
        `importanceScores has ${importanceScores.size} entries but defaultMask has ${defaultMask.size}; expected the same number`,
      );
    const t = importanceScores.data;
    const m = defaultMask.data;
    const remaining: number[] = [];
    for (let i = 0; i < m.length; i++) if (m[i] === 1) remaining.push(i);
    const k = nparamsToPrune(op, this.amount, remaining.length);
    const out = astype(new Tensor(Float64Array.from(m), defaultMask.shape, 'float64'), defaultMask.dtype);
    if (k > 0) {
      remaining.sort((a, b) => Math.abs(t[a]!) - Math.abs(t[b]!) || a - b);
      for (let j = 0; j < k; j++) out.data[remaining[j]!] = 0;
    }
    return out;
  }
}

/** The registered parameter `name` of `module` (or the original of a pruned one). */
function target(op: string, module: Module, name: string): Tensor {
  if (typeof name !== 'string' || name === '')
    throw new ValueError(op, `name must be a parameter name such as 'weight', received ${show(name)}`);
  if (pruned.get(module)?.has(name)) return (module as unknown as Slotted)[`${name}_orig`] as Tensor;
  for (const [n, p] of module.namedParameters('', false)) if (n === name) return p;
  const names = [...module.namedParameters('', false)].map(([n]) => n);
  throw new ValueError(
    op,
    `${module.describe()} has no parameter ${JSON.stringify(name)}; expected one of ${show(names)}`,
  );
}

/** The current mask of `name` (ones when not pruned yet). */
function currentMask(module: Module, name: string, param: Tensor): Tensor {
  if (pruned.get(module)?.has(name)) return (module as unknown as Slotted)[`${name}_mask`] as Tensor;
  return astype(new Tensor(new Float64Array(param.size).fill(1), param.shape, 'float64'), param.dtype);
}

/** Set a registered slot, or register it when the name is new. */
function setSlot(module: Module, kind: 'parameter' | 'buffer', name: string, value: Tensor | null): void {
  const m = module as unknown as Slotted;
  if (Object.getOwnPropertyDescriptor(module, name)?.get) m[name] = value;
  else if (kind === 'parameter') module.registerParameter(name, value);
  else module.registerBuffer(name, value);
}

/** Install `mask` on `module.name` (a new re-parametrization or an updated mask). */
function applyMask(module: Module, name: string, param: Tensor, mask: Tensor): void {
  const m = module as unknown as Slotted;
  let slots = pruned.get(module);
  if (slots?.has(name)) {
    m[`${name}_mask`] = mask;
    return;
  }
  const descriptor = Object.getOwnPropertyDescriptor(module, name)!;
  m[name] = null; // the slot stays reserved; `parameters()` no longer lists it
  setSlot(module, 'parameter', `${name}_orig`, param);
  setSlot(module, 'buffer', `${name}_mask`, mask);
  if (!slots) {
    slots = new Map();
    pruned.set(module, slots);
  }
  slots.set(name, descriptor);
  Object.defineProperty(module, name, {
    get: () => mul(m[`${name}_orig`] as Tensor, m[`${name}_mask`] as Tensor),
    set: () => {
      throw new ValueError(
        'prune',
        `${module.describe()}.${name} is pruned (it reads ${name}_orig * ${name}_mask); call prune.remove(module, ${JSON.stringify(name)}) before assigning it`,
      );
    },
    enumerable: true,
    configurable: true,
  });
}

function checkImportance(op: string, scores: Tensor | undefined, param: Tensor): Tensor {
  if (scores === undefined) return param;
  if (!(scores instanceof Tensor) || scores.size !== param.size)
    throw new ValueError(
      op,
      `importanceScores must be a Tensor of the parameter's shape [${param.shape.join(', ')}], received ${show(scores)}`,
    );
  return scores;
}

/**
 * PyTorch's `prune.l1_unstructured(module, name, amount, importance_scores=None)`: zero the
 * `amount` entries of `module[name]` with the smallest |importance| (default: the parameter
 * itself), among those not pruned yet. Returns the module.
 */
export function l1Unstructured(
  module: Module,
  name: string,
  amount: PruningAmount,
  options: { importanceScores?: Tensor } = {},
): Module {
  const op = 'prune.l1Unstructured';
  checkAmount(op, amount);
  const param = target(op, module, name);
  const scores = checkImportance(op, options.importanceScores, param);
  const mask = noGrad(() => new L1Unstructured(amount).computeMask(scores, currentMask(module, name, param)));
  applyMask(module, name, param, mask);
  return module;
}

/**
 * PyTorch's `prune.custom_from_mask(module, name, mask)`: prune with a given 0/1 mask of the
 * parameter's shape (combined with any mask already there). Returns the module.
 */
export function customFromMask(module: Module, name: string, mask: Tensor): Module {
  const op = 'prune.customFromMask';
  const param = target(op, module, name);
  if (!(mask instanceof Tensor) || mask.size !== param.size)
    throw new ValueError(
      op,
      `mask must be a Tensor of the parameter's shape [${param.shape.join(', ')}], received ${show(mask)}`,
    );
  const old = currentMask(module, name, param);
  const out = astype(new Tensor(new Float64Array(param.size), param.shape, 'float64'), param.dtype);
  for (let i = 0; i < out.size; i++) out.data[i] = old.data[i]! * (mask.data[i] ? 1 : 0);
  applyMask(module, name, param, out);
  return module;
}

/**
 * PyTorch's `prune.global_unstructured(parameters, pruning_method, importance_scores, **kwargs)`:
 * prune the `(module, name)` pairs together, as one vector (default method
 * {@link L1Unstructured}: the smallest magnitudes over all of them, so layers lose different
 * fractions). The default importance of a pair is its current (masked) value.
 */
export function globalUnstructured(
  parameters: [Module, string][],
  options: {
    amount: PruningAmount;
    pruningMethod?: new (amount: PruningAmount) => PruningMethod;
    importanceScores?: Map<[Module, string], Tensor>;
  },
): void {
  const op = 'prune.globalUnstructured';
  if (!Array.isArray(parameters) || parameters.length === 0)
    throw new ValueError(
      op,
      `parameters must be a non-empty array of [module, name] pairs, received ${show(parameters)}`,
    );
  checkAmount(op, options.amount);
  const Method = options.pruningMethod ?? L1Unstructured;
  const scores: number[] = [];
  const defaults: number[] = [];
  const params = parameters.map((pair) => {
    const [module, name] = pair;
    const param = target(op, module, name);
    const given = [...(options.importanceScores ?? new Map())].find(
      ([k]) => k[0] === module && k[1] === name,
    )?.[1];
    const current = noGrad(() => (module as unknown as Slotted)[name] as Tensor);
    const s = checkImportance(op, given, param) === param ? current : given!;
    for (const v of s.data) scores.push(v as number);
    for (const v of currentMask(module, name, param).data) defaults.push(v as number);
    return { module, name, param };
  });
  const n = scores.length;
  const finalMask = noGrad(() =>
    new Method(options.amount).computeMask(
      new Tensor(Float64Array.from(scores), [n], 'float64'),
      new Tensor(Float64Array.from(defaults), [n], 'float64'),
    ),
  );
  let pointer = 0;
  for (const { module, name, param } of params) {
    const slice = finalMask.data.subarray(pointer, pointer + param.size);
    const mask = astype(new Tensor(Float64Array.from(slice), param.shape, 'float64'), param.dtype);
    customFromMask(module, name, mask);
    pointer += param.size;
  }
}

/**
 * PyTorch's `prune.remove(module, name)`: make the pruning permanent. The original tensor gets
 * the masked values (in place, so an optimizer holding it keeps working) and becomes
 * `module[name]` again; `name_orig` and `name_mask` are gone. Returns the module.
 */
export function remove(module: Module, name: string): Module {
  const op = 'prune.remove';
  const slots = pruned.get(module);
  const descriptor = slots?.get(name);
  if (!descriptor)
    throw new ValueError(
      op,
      `parameter ${JSON.stringify(name)} of ${module.describe()} has to be pruned before pruning can be removed; pruned: ${show([...(slots?.keys() ?? [])])}`,
    );
  const m = module as unknown as Slotted;
  const orig = m[`${name}_orig`] as Tensor;
  const mask = m[`${name}_mask`] as Tensor;
  noGrad(() => {
    for (let i = 0; i < orig.size; i++) orig.data[i] = orig.data[i]! * mask.data[i]!;
  });
  Object.defineProperty(module, name, descriptor);
  m[`${name}_orig`] = null;
  m[`${name}_mask`] = null;
  m[name] = orig;
  slots!.delete(name);
  return module;
}

/** PyTorch's `prune.is_pruned(module)`: whether the module or any descendant carries a pruning mask. */
export function isPruned(module: Module): boolean {
  for (const m of module.modules()) if ((pruned.get(m)?.size ?? 0) > 0) return true;
  return false;
}
