/**
 * The `Optimizer` base class: PyTorch's `torch.optim.Optimizer` bookkeeping (parameter groups
 * with per-group options merged over the defaults, lazily created per-parameter state,
 * `step()`, `zeroGrad()`, `stateDict()` / `loadStateDict()`, `addParamGroup()`), with gradkit's
 * extra checks: every option is validated (also per group, and again at each step, so a NaN
 * learning rate written by hand is caught), a parameter listed twice is an error (PyTorch only
 * warns within a group), a step where no parameter has a gradient is an error (PyTorch silently
 * does nothing), and a step that makes a parameter non-finite throws with the parameter's name.
 */
import { DTypeError, ShapeError, Tensor, ValueError, zeroGrad as zeroGradients } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';

/** The storage a parameter, gradient or state buffer may have. */
export type FloatArray = Float64Array | Float32Array;

/** Parameters with names, as `[name, tensor]` pairs (a module's `namedParameters()`) or a record. */
export type NamedParams = Record<string, Tensor> | Iterable<readonly [string, Tensor]>;

/** One parameter group as given to a constructor: its tensors plus any option overrides. */
export type ParamGroupInput<O> = Partial<O> & {
  params: Tensor | Iterable<Tensor> | NamedParams;
  /** A label for messages (e.g. `"weights"`). */
  name?: string;
};

/** What an optimizer constructor accepts, like PyTorch: tensors, named tensors, or groups. */
export type ParamsInput<O> = Iterable<Tensor> | NamedParams | Iterable<ParamGroupInput<O>>;

/** A parameter group after construction: the tensors, their names, and every option. */
export type ParamGroup<O> = O & {
  params: Tensor[];
  /** Names used in error messages: given names, or `paramGroups[g].params[i]`. */
  paramNames: string[];
  name?: string;
  /** Set by LR schedulers (PyTorch's `initial_lr`). */
  initialLr?: number;
};

/**
 * Per-parameter state in its serialisable form (`stateDict()`): buffers as tensors (same dtype and
 * shape as the parameter) and counters. Each optimizer types its own (`SGDState`, `AdamState`, …).
 */
export type ParamState = Record<string, Tensor | number>;

/** The serialisable form of an optimizer, as PyTorch's `state_dict()`: parameters by index. */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: Array<Record<string, unknown> & { params: number[] }>;
}

/** Options shared by every optimizer: the learning rate. */
export interface BaseOptions {
  lr: number;
}

function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

function isIterable(x: unknown): x is Iterable<unknown> {
  return x != null && typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

/** Turn one group's `params` into `[names?, tensors]`. */
function readParams(
  op: string,
  params: unknown,
  where: string,
): { tensors: Tensor[]; names: (string | undefined)[] } {
  if (isTensor(params)) return { tensors: [params], names: [undefined] };
  if (params != null && typeof params === 'object' && !isIterable(params)) {
    const entries = Object.entries(params as Record<string, unknown>);
    const tensors: Tensor[] = [];
    const names: string[] = [];
    for (const [k, v] of entries) {
      if (!isTensor(v)) throw new ValueError(op, `${where}["${k}"] must be a Tensor, received ${show(v)}`);
      tensors.push(v);
      names.push(k);
    }
    return { tensors, names };
  }
  if (!isIterable(params))
    throw new ValueError(
      op,
      `${where} must be a Tensor, an iterable of Tensors or named Tensors, received ${show(params)}`,
    );
  const tensors: Tensor[] = [];
  const names: (string | undefined)[] = [];
  let i = 0;
  for (const item of params) {
    if (isTensor(item)) {
      tensors.push(item);
      names.push(undefined);
    } else if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && isTensor(item[1])) {
      tensors.push(item[1]);
      names.push(item[0]);
    } else {
      throw new ValueError(
        op,
        `${where}[${i}] must be a Tensor or a [name, Tensor] pair, received ${show(item)}`,
      );
    }
    i++;
  }
  return { tensors, names };
}

/**
 * Base class of every optimizer (PyTorch's `torch.optim.Optimizer`). A subclass gives its
 * defaults `O`, a validator for its options, its per-parameter state `S` (`initState`, called on
 * a parameter's first step) and `updateParam`, which applies the update rule to one parameter
 * with its gradient and state.
 *
 * ```ts
 * const opt = new SGD([{ params: [w], weightDecay: 3 }, { params: [b] }], { lr: 0.01 });
 * loss.backward(); opt.step(); opt.zeroGrad();
 * ```
 */
export abstract class Optimizer<O extends BaseOptions = BaseOptions, S extends object = object> {
  /** The options every group starts from. */
  readonly defaults: O;
  /** The parameter groups, each with its own options (schedulers write `lr` here). */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state, created on the parameter's first step. */
  readonly state = new Map<Tensor, S>();
  /** Number of `step()` calls that updated something. */
  stepCount = 0;

  protected constructor(params: ParamsInput<O>, defaults: O) {
    const op = this.constructor.name;
    this.validate(op, defaults, 'defaults');
    this.defaults = { ...defaults };
    if (params == null || (typeof params !== 'object' && typeof params !== 'function'))
      throw new ValueError(
        op,
        `params must be an iterable of Tensors, named Tensors or parameter groups, received ${show(params)}`,
      );
    let groups: ParamGroupInput<O>[];
    if (isTensor(params)) groups = [{ params } as unknown as ParamGroupInput<O>];
    else if (!isIterable(params)) groups = [{ params: params as NamedParams } as ParamGroupInput<O>];
    else {
      const items = [...(params as Iterable<unknown>)];
      if (items.length === 0)
        throw new ValueError(op, 'params is empty: the optimizer got no parameters to optimize');
      const first = items[0];
      if (
        first != null &&
        typeof first === 'object' &&
        !isTensor(first) &&
        !Array.isArray(first) &&
        'params' in (first as object)
      )
        groups = items as ParamGroupInput<O>[];
      else groups = [{ params: items as Tensor[] } as unknown as ParamGroupInput<O>];
    }
    for (const g of groups) this.addParamGroup(g);
  }

  /** Check option values; throw a `ValueError` naming the option, the value and the range. */
  protected abstract validate(op: string, options: O, where: string): void;

  /** The state of a parameter before its first step (its buffers zero, as PyTorch creates them). */
  protected abstract initState(param: Tensor, group: ParamGroup<O>): S;

  /**
   * Apply the update rule to one parameter in place, updating its `state`. Returns false when a
   * parameter value became non-finite.
   */
  protected abstract updateParam(
    param: FloatArray,
    grad: FloatArray,
    state: S,
    group: ParamGroup<O>,
    paramTensor: Tensor,
  ): boolean;

  /**
   * Add a parameter group (PyTorch's `add_param_group`): options missing from the group are taken
   * from the defaults; a parameter already in any group is an error.
   */
  addParamGroup(group: ParamGroupInput<O>): void {
    const op = `${this.constructor.name}.addParamGroup`;
    if (group == null || typeof group !== 'object' || !('params' in group))
      throw new ValueError(
        op,
        `a parameter group must be an object with a "params" key, received ${show(group)}`,
      );
    const gi = this.paramGroups.length;
    const where = `paramGroups[${gi}].params`;
    const { tensors, names } = readParams(op, group.params, where);
    if (tensors.length === 0)
      throw new ValueError(op, `${where} is empty: a parameter group needs at least one parameter`);
    const seen = new Map<Tensor, string>();
    for (const g of this.paramGroups) g.params.forEach((p, i) => seen.set(p, g.paramNames[i]!));
    const paramNames: string[] = [];
    tensors.forEach((p, i) => {
      const name = names[i] ?? `${where}[${i}]`;
      if (p.dtype !== 'float64' && p.dtype !== 'float32')
        throw new DTypeError(
          op,
          `parameter ${name} has dtype ${p.dtype}; only float32 and float64 tensors can be optimized`,
        );
      if (!p.isLeaf)
        throw new ValueError(
          op,
          `parameter ${name} is not a leaf tensor (it was produced by an op); optimize the leaf, or detach() it`,
        );
      const before = seen.get(p);
      if (before !== undefined)
        throw new ValueError(
          op,
          `parameter ${name} is listed twice (it is already ${before}); each tensor may appear in only one group, once`,
        );
      seen.set(p, name);
      paramNames.push(name);
    });
    const merged = { ...this.defaults } as Record<string, unknown>;
    for (const [k, v] of Object.entries(group)) if (k !== 'params' && v !== undefined) merged[k] = v;
    merged.params = tensors;
    merged.paramNames = paramNames;
    const full = merged as unknown as ParamGroup<O>;
    this.validate(op, full, `paramGroups[${gi}]`);
    this.paramGroups.push(full);
  }

  /**
   * Reset gradients (PyTorch's `zero_grad`). With `setToNone` (default, as PyTorch 2) each
   * `grad` becomes null; otherwise the gradient's values are set to 0 in place.
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    for (const g of this.paramGroups) zeroGradients(g.params, options);
  }

  /**
   * One optimization step over every parameter that has a gradient (parameters with
   * `grad === null` are skipped, as in PyTorch). `closure`, if given, re-evaluates the loss
   * (its value is returned).
   *
   * Throws a `ValueError` when no parameter has a gradient, and when an update makes a
   * parameter non-finite (the message names the parameter and says whether its gradient was).
   */
  step(closure?: () => number | Tensor): number | undefined {
    const op = `${this.constructor.name}.step`;
    let loss: number | undefined;
    if (closure) {
      const l = closure();
      loss = typeof l === 'number' ? l : l.item();
    }
    let updated = 0;
    this.paramGroups.forEach((group, gi) => {
      this.validate(op, group, `paramGroups[${gi}]`);
      group.params.forEach((p, i) => {
        const g = p.grad;
        if (g === null) return;
        const name = group.paramNames[i]!;
        if (
          g.size !== p.size ||
          g.shape.length !== p.shape.length ||
          g.shape.some((d, k) => d !== p.shape[k])
        )
          throw new ShapeError(
            op,
            `gradient of parameter ${name} has shape ${showShape(g.shape)} but the parameter has shape ${showShape(p.shape)}`,
          );
        let gdata = g.data as FloatArray;
        if (g.dtype !== p.dtype) {
          if (g.dtype !== 'float64' && g.dtype !== 'float32')
            throw new DTypeError(
              op,
              `gradient of parameter ${name} has dtype ${g.dtype}; expected ${p.dtype}`,
            );
          gdata = p.dtype === 'float64' ? Float64Array.from(g.data) : Float32Array.from(g.data);
        }
        let state = this.state.get(p);
        if (state === undefined) {
          state = this.initState(p, group);
          this.state.set(p, state);
        }
        const finite = this.updateParam(p.data as FloatArray, gdata, state, group, p);
        updated++;
        if (!finite) {
          let gradFinite = true;
          for (let k = 0; k < gdata.length; k++) if (!Number.isFinite(gdata[k]!)) gradFinite = false;
          throw new ValueError(
            op,
            `parameter ${name} became non-finite (NaN or ±Infinity) after the update with lr=${group.lr}` +
              (gradFinite
                ? '; its gradient was finite, so the step diverged: lower the learning rate'
                : '; its gradient already held NaN or ±Infinity: check the loss'),
          );
        }
      });
    });
    if (updated === 0)
      throw new ValueError(
        op,
        'no parameter has a gradient (every .grad is null): call backward() on the loss before step(), and zeroGrad() after it',
      );
    this.stepCount++;
    return loss;
  }

  /** A new zero buffer with the parameter's dtype and shape. */
  protected zerosFor(p: Tensor, fillValue = 0): Tensor {
    const data = p.dtype === 'float64' ? new Float64Array(p.size) : new Float32Array(p.size);
    if (fillValue !== 0) data.fill(fillValue);
    return new Tensor(data, p.shape, p.dtype);
  }

  /**
   * The optimizer's state as PyTorch's `state_dict()`: per-parameter state keyed by the
   * parameter's index in group order, and each group's options with `params` as indices. Buffers
   * are copied, so later steps do not change a saved dict.
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let next = 0;
    const paramGroups = this.paramGroups.map((g) => {
      const { params, paramNames: _names, ...options } = g as ParamGroup<O> & Record<string, unknown>;
      return {
        ...options,
        params: params.map((p) => {
          index.set(p, next);
          return next++;
        }),
      };
    });
    const state: Record<number, ParamState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i === undefined) continue;
      const copy: ParamState = {};
      for (const [k, v] of Object.entries(s as ParamState))
        copy[k] = typeof v === 'number' ? v : new Tensor(v.data.slice(), v.shape, v.dtype);
      state[i] = copy;
    }
    return { state, paramGroups };
  }

  /**
   * Restore a state from {@link stateDict} (PyTorch's `load_state_dict`): the group structure
   * must match (same number of groups and of parameters per group); options and buffers are
   * copied in, buffers cast to each parameter's dtype.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const op = `${this.constructor.name}.loadStateDict`;
    if (dict == null || !Array.isArray(dict.paramGroups) || typeof dict.state !== 'object')
      throw new ValueError(op, `expected an object with "state" and "paramGroups", received ${show(dict)}`);
    if (dict.paramGroups.length !== this.paramGroups.length)
      throw new ValueError(
        op,
        `the state dict has ${dict.paramGroups.length} parameter groups but the optimizer has ${this.paramGroups.length}`,
      );
    dict.paramGroups.forEach((saved, gi) => {
      const n = this.paramGroups[gi]!.params.length;
      if (!Array.isArray(saved.params) || saved.params.length !== n)
        throw new ValueError(
          op,
          `paramGroups[${gi}] of the state dict has ${saved.params?.length} parameters but the optimizer's group has ${n}`,
        );
    });
    const byIndex = new Map<number, Tensor>();
    dict.paramGroups.forEach((saved, gi) => {
      const group = this.paramGroups[gi]!;
      saved.params.forEach((idx, i) => byIndex.set(idx, group.params[i]!));
    });
    // Validate every group before changing anything.
    const newGroups = dict.paramGroups.map((saved, gi) => {
      const { params: _p, ...options } = saved;
      const group = { ...this.paramGroups[gi]!, ...options } as ParamGroup<O>;
      this.validate(op, group, `paramGroups[${gi}]`);
      return group;
    });
    const newState = new Map<Tensor, S>();
    for (const [key, s] of Object.entries(dict.state)) {
      const p = byIndex.get(Number(key));
      if (p === undefined)
        throw new ValueError(op, `state for parameter index ${key}, which no parameter group lists`);
      const copy: ParamState = {};
      for (const [k, v] of Object.entries(s)) {
        if (typeof v === 'number') copy[k] = v;
        else {
          if (v.size !== p.size)
            throw new ShapeError(
              op,
              `state "${k}" of parameter index ${key} has shape ${showShape(v.shape)} but the parameter has shape ${showShape(p.shape)}`,
            );
          const data = p.dtype === 'float64' ? Float64Array.from(v.data) : Float32Array.from(v.data);
          copy[k] = new Tensor(data, p.shape, p.dtype);
        }
      }
      newState.set(p, copy as S); // the fields this optimizer saved, shapes and dtypes checked
    }
    newGroups.forEach((g, gi) => Object.assign(this.paramGroups[gi]!, g));
    this.state.clear();
    for (const [p, s] of newState) this.state.set(p, s);
  }
}

/** Throw unless `value` is a finite number >= 0 (NaN fails). */
export function checkNonNegative(op: string, where: string, key: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value))
    throw new ValueError(op, `${where}.${key} must be a finite number >= 0, received ${show(value)}`);
}

/** Throw unless `value` is in [0, 1). */
export function checkUnitInterval(
  op: string,
  where: string,
  key: string,
  value: unknown,
  closed = false,
): void {
  if (typeof value !== 'number' || !(value >= 0) || !(closed ? value <= 1 : value < 1))
    throw new ValueError(
      op,
      `${where}.${key} must be a number in [0, 1${closed ? ']' : ')'}, received ${show(value)}`,
    );
}

/** Throw unless `value` is a boolean. */
export function checkBoolean(op: string, where: string, key: string, value: unknown): void {
  if (typeof value !== 'boolean')
    throw new ValueError(op, `${where}.${key} must be true or false, received ${show(value)}`);
}
