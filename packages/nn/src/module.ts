/**
 * PyTorch-style modules: a `Module` owns named parameters (tensors with `requiresGrad`),
 * buffers (state that is saved but not trained) and child modules, and computes `forward`.
 * Names are dotted paths as in PyTorch (`layers.0.weight`), so state dicts line up with
 * `torch.nn.Module.state_dict()` of the same architecture.
 *
 * ```ts
 * class TwoLayer extends Module {
 *   fc1 = new Linear(4, 8, { rng });   // fields holding modules (or requiresGrad leaf tensors)
 *   fc2 = new Linear(8, 1, { rng });   // are registered as in PyTorch, under the field's name
 *   forward(x: Tensor) { return this.fc2.call(relu(this.fc1.call(x))); }
 * }
 * new TwoLayer().parameters().length; // 4: fc1.weight, fc1.bias, fc2.weight, fc2.bias
 * ```
 * Explicit registration (`registerModule`, `registerParameter`, `registerBuffer`) does the same
 * and is the only way to add buffers.
 */
import { IndexError, noGrad, Tensor, ValueError, zeroGrad as zeroGradients } from '@gradkit/core';
import { show, showShape } from '@gradkit/core/extend';

/**
 * Base class of every layer and model. Subclasses register state in the constructor with
 * `registerParameter`, `registerBuffer` and `registerModule` (each also defines a property of
 * that name, so `this.weight` reads and writes the registered tensor), and implement `forward`.
 */
export abstract class Module {
  /** Train mode (true, the default) or eval mode: changes Dropout (and BatchNorm, elsewhere). */
  training = true;
  private readonly _parameters = new Map<string, Tensor | null>();
  private readonly _buffers = new Map<string, Tensor | null>();
  private readonly _modules = new Map<string, Module | null>();
  private _parent: Module | null = null;
  private _nameInParent = '';

  /** The computation. `call(...)` runs it (PyTorch's `module(x)`). */
  abstract forward(...inputs: Tensor[]): Tensor;

  /** Run `forward` (PyTorch's `module(x)`). */
  call(...inputs: Tensor[]): Tensor {
    this.syncAttributes();
    return this.forward(...inputs);
  }

  /** A short description used in `toString` and errors, e.g. `Linear(40→100)`. */
  describe(): string {
    return this.constructor.name;
  }

  /**
   * The module's dotted path from the root it was registered into (`layers.0`), or '' for a
   * root. Used in error messages, so a bad input names the layer it reached.
   */
  path(): string {
    const parts: string[] = [];
    let m: Module | null = this;
    while (m?._parent) {
      parts.unshift(m._nameInParent);
      m = m._parent;
    }
    return parts.join('.');
  }

  /** `Linear(40→100) 'layers.0'`: the description plus the path when registered in a parent. */
  label(): string {
    const p = this.path();
    return p ? `${this.describe()} '${p}'` : this.describe();
  }

  private checkName(op: string, name: string): void {
    if (typeof name !== 'string' || name === '' || name.includes('.'))
      throw new ValueError(op, `name must be a non-empty string without '.', received ${show(name)}`);
    if (this._parameters.has(name) || this._buffers.has(name) || this._modules.has(name))
      throw new ValueError(
        op,
        `${JSON.stringify(name)} is already registered on ${this.describe()}; assign to the property to replace it`,
      );
    if (name in Object.getPrototypeOf(this) || name === 'training')
      throw new ValueError(
        op,
        `${JSON.stringify(name)} would shadow a method or field of ${this.describe()}; choose another name`,
      );
  }

  /**
   * PyTorch-style attribute assignment: a Module, or a leaf Tensor with `requiresGrad`, stored
   * in a plain field (`fc1 = new Linear(4, 8)`, `this.w = tensor(..., { requiresGrad: true })`)
   * is registered (as a child / parameter) the first time the module tree is walked.
   */
  private syncAttributes(): void {
    for (const key of Object.keys(this)) {
      if (key === 'training' || key.startsWith('_')) continue;
      const d = Object.getOwnPropertyDescriptor(this, key);
      if (!d || !('value' in d)) continue; // already a registered slot (accessor)
      const v = d.value;
      if (v instanceof Module && v !== this) {
        delete (this as Record<string, unknown>)[key];
        this.registerModule(key, v);
      } else if (v instanceof Tensor && v.requiresGrad && v.isLeaf) {
        delete (this as Record<string, unknown>)[key];
        this.registerParameter(key, v);
      }
    }
  }

  private defineSlot<T>(name: string, map: Map<string, T>): void {
    Object.defineProperty(this, name, {
      get: () => map.get(name),
      set: (v: T) => {
        map.set(name, v);
        if (v instanceof Module) {
          (v as Module)._parent = this;
          (v as Module)._nameInParent = name;
        }
      },
      enumerable: true,
      configurable: true,
    });
  }

  /**
   * Register a trainable tensor (PyTorch's `register_parameter`). The tensor is made a leaf
   * with `requiresGrad = true`; `null` reserves the name (e.g. `bias` when disabled).
   */
  registerParameter(name: string, param: Tensor | null): Tensor | null {
    this.checkName('registerParameter', name);
    if (param !== null) {
      if (!(param instanceof Tensor))
        throw new ValueError(
          'registerParameter',
          `parameter ${JSON.stringify(name)} must be a Tensor or null, received ${show(param)}`,
        );
      if (!param.isLeaf)
        throw new ValueError(
          'registerParameter',
          `parameter ${JSON.stringify(name)} must be a leaf tensor (detach() it first)`,
        );
      param.requiresGrad_(true);
    }
    this._parameters.set(name, param);
    this.defineSlot(name, this._parameters);
    return param;
  }

  /** Register a tensor saved in the state dict but not trained (PyTorch's `register_buffer`). */
  registerBuffer(name: string, buffer: Tensor | null): Tensor | null {
    this.checkName('registerBuffer', name);
    this._buffers.set(name, buffer);
    this.defineSlot(name, this._buffers);
    return buffer;
  }

  /** Register a child module (PyTorch's `add_module` / attribute assignment). */
  registerModule<M extends Module | null>(name: string, module: M): M {
    this.checkName('registerModule', name);
    if (module !== null && !(module instanceof Module))
      throw new ValueError(
        'registerModule',
        `module ${JSON.stringify(name)} must be a Module or null, received ${show(module)}`,
      );
    this._modules.set(name, module);
    this.defineSlot(name, this._modules);
    if (module) {
      module._parent = this;
      module._nameInParent = name;
    }
    return module;
  }

  /** Direct children, in registration order (PyTorch's `children()`). */
  *children(): Generator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }
  /** Direct children with their names (PyTorch's `named_children()`). */
  *namedChildren(): Generator<[string, Module]> {
    this.syncAttributes();
    for (const [name, m] of this._modules) if (m) yield [name, m];
  }

  /** This module and every descendant with dotted names ('' for this one), each once (PyTorch's `named_modules()`). */
  *namedModules(prefix = '', seen: Set<Module> = new Set()): Generator<[string, Module]> {
    if (seen.has(this)) return;
    seen.add(this);
    this.syncAttributes();
    yield [prefix, this];
    for (const [name, m] of this.namedChildren())
      yield* m.namedModules(prefix ? `${prefix}.${name}` : name, seen);
  }
  /** This module and every descendant (PyTorch's `modules()`). */
  *modules(): Generator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  /**
   * Every parameter with its dotted name (`fc1.weight`), each tensor once even when shared
   * (PyTorch's `named_parameters()`). `recurse = false` lists only this module's own.
   */
  *namedParameters(prefix = '', recurse = true): Generator<[string, Tensor]> {
    const seen = new Set<Tensor>();
    this.syncAttributes();
    const mods: Iterable<[string, Module]> = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [mp, m] of mods)
      for (const [name, p] of m._parameters) {
        if (!p || seen.has(p)) continue;
        seen.add(p);
        yield [mp ? `${mp}.${name}` : name, p];
      }
  }
  /** Every parameter (PyTorch's `parameters()`), the list an optimizer takes. */
  parameters(recurse = true): Tensor[] {
    return [...this.namedParameters('', recurse)].map(([, p]) => p);
  }
  /** Every buffer with its dotted name (PyTorch's `named_buffers()`). */
  *namedBuffers(prefix = ''): Generator<[string, Tensor]> {
    for (const [mp, m] of this.namedModules(prefix))
      for (const [name, b] of m._buffers) if (b) yield [mp ? `${mp}.${name}` : name, b];
  }
  buffers(): Tensor[] {
    return [...this.namedBuffers()].map(([, b]) => b);
  }

  /** Set train (true) or eval (false) mode on this module and all descendants. Returns this. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  /** Eval mode (PyTorch's `eval()`): `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Call `fn` on every descendant, children first, then this module (PyTorch's `apply`). Returns this. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Reset the gradients of every parameter (PyTorch's `zero_grad`). With `setToNone` (default)
   * each `grad` becomes null; with `{ setToNone: false }` an existing gradient is detached and
   * filled with 0 in place, so the next `backward()` accumulates into the same buffer (no
   * per-step allocation of gradient-sized arrays).
   *
   * @example
   *   model.zeroGrad({ setToNone: false }); // keep the .grad buffers, zeroed
   */
  zeroGrad(options: { setToNone?: boolean } = {}): void {
    zeroGradients(this.parameters(), options);
  }

  /**
   * Parameters and buffers by dotted name (PyTorch's `state_dict()`), the tensors detached
   * (they share storage with the module, as in PyTorch). Save it with `encodeSafetensors` or
   * `saveStateDict` from `@gradkit/nn/node`.
   */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [mp, m] of this.namedModules()) {
      for (const [name, p] of m._parameters) if (p) out[mp ? `${mp}.${name}` : name] = p.detach();
      for (const [name, b] of m._buffers) if (b) out[mp ? `${mp}.${name}` : name] = b.detach();
    }
    return out;
  }

  /**
   * Copy values from a state dict into this module's parameters and buffers in place
   * (PyTorch's `load_state_dict`). Values are cast to each parameter's dtype; shapes must match.
   * With `strict` (default) missing or unexpected keys throw; otherwise they are returned.
   */
  loadStateDict(
    state: Record<string, Tensor>,
    strict = true,
  ): { missingKeys: string[]; unexpectedKeys: string[] } {
    const op = 'loadStateDict';
    const targets = new Map<string, Tensor>();
    for (const [mp, m] of this.namedModules()) {
      for (const [name, p] of m._parameters) if (p) targets.set(mp ? `${mp}.${name}` : name, p);
      for (const [name, b] of m._buffers) if (b) targets.set(mp ? `${mp}.${name}` : name, b);
    }
    const missingKeys = [...targets.keys()].filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !targets.has(k));
    if (strict && (missingKeys.length || unexpectedKeys.length))
      throw new ValueError(
        op,
        `state dict does not match ${this.describe()}: missing keys ${show(missingKeys)}, unexpected keys ${show(unexpectedKeys)}; expected exactly ${show([...targets.keys()])} (pass strict=false to load the overlap)`,
      );
    for (const [k, target] of targets) {
      const src = state[k];
      if (!src) continue;
      if (!(src instanceof Tensor))
        throw new ValueError(op, `state[${JSON.stringify(k)}] must be a Tensor, received ${show(src)}`);
      if (src.shape.length !== target.shape.length || src.shape.some((d, i) => d !== target.shape[i]))
        throw new ValueError(
          op,
          `size mismatch for ${JSON.stringify(k)}: copying a tensor of shape ${showShape(src.shape)}, the parameter has shape ${showShape(target.shape)}`,
        );
      noGrad(() => {
        const d = target.data;
        const s = src.data;
        if (target.dtype === 'int32') for (let i = 0; i < d.length; i++) d[i] = Math.trunc(s[i]!);
        else if (target.dtype === 'bool') for (let i = 0; i < d.length; i++) d[i] = s[i] ? 1 : 0;
        else d.set(s);
      });
    }
    return { missingKeys, unexpectedKeys };
  }

  /** Number of trainable values (sum of parameter sizes). */
  numParameters(): number {
    return this.parameters().reduce((a, p) => a + p.size, 0);
  }

  /** PyTorch-like multi-line summary: `Sequential(\n  (0): Linear(40→100)\n ...)`. */
  toString(): string {
    const kids = [...this.namedChildren()];
    if (kids.length === 0) return this.describe();
    const lines = kids.map(([n, m]) => `  (${n}): ${m.toString().split('\n').join('\n  ')}`);
    return `${this.describe()}(\n${lines.join('\n')}\n)`;
  }
}

/** Check an index into a container of `n` items (negative counts from the end). */
export function containerIndex(op: string, i: number, n: number): number {
  if (!Number.isInteger(i) || i < -n || i >= n)
    throw new IndexError(
      op,
      `index ${show(i)} is out of range for ${n} modules; expected an integer in [${-n}, ${n - 1}]`,
    );
  return i < 0 ? i + n : i;
}
