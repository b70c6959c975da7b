/**
 * Pytrees, as in JAX's `tree_util`: nested plain arrays and plain objects whose leaves are
 * tensors or numbers (network parameters as a list of `{w, b}` dicts, a dict of arrays, ...).
 * `grad` differentiates with respect to every leaf and returns a tree of the same structure;
 * optimizers update parameters with `treeMap`.
 *
 * - Nodes: JS arrays and plain objects (`{}` literals, `Object.create(null)`). Object keys are
 *   visited in sorted order (as JAX sorts dict keys), so `{b, a}` and `{a, b}` have one structure.
 * - `null` and `undefined` are empty nodes (JAX's `None`): they hold no leaf.
 * - Everything else is a leaf: `Tensor`, numbers, and any other value (class instances,
 *   strings, booleans, typed arrays).
 *
 * Key paths name a leaf from the root: `[1].w` is the `w` of the second element, `''` the root.
 *
 * ```ts
 * const params = [{ w: tensor([[1, 2]]), b: 0.5 }];
 * const { leaves, treedef } = treeFlatten(params); // leaves: [0.5, Tensor]  (keys sorted: b, w)
 * treeUnflatten(treedef, leaves.map((l) => l));     // a copy of params
 * treeMap((p, g) => sub(p, mul(0.1, g)), params, grads); // one gradient-descent step
 * ```
 */
import { show, ValueError } from '../errors.js';

/** A pytree: a leaf, or arrays / plain objects of pytrees. */
export type PyTree = unknown;

/** The structure of a pytree, without its leaves (JAX's `PyTreeDef`). */
export type TreeDef =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'none'; readonly value: null | undefined }
  | { readonly kind: 'array'; readonly children: readonly TreeDef[] }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly children: readonly TreeDef[] };

/** One step of a key path: an array index or an object key. */
export type PathEntry = number | string;

/** Whether `x` is a plain object (a `{}` literal or `Object.create(null)`), i.e. a pytree node. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Format a key path: `[1].w`, `['my key']` for keys that are not identifiers, `''` for the root. */
export function keyPathString(path: readonly PathEntry[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) s += `.${p}`;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort();
}

/**
 * Flatten a pytree into its leaves (depth-first, arrays in order, object keys sorted) and its
 * structure (JAX's `tree_flatten`).
 *
 * ```ts
 * treeFlatten({ w: [1, 2], b: 3 }).leaves; // [3, 1, 2]
 * ```
 */
export function treeFlatten(tree: PyTree): { leaves: unknown[]; treedef: TreeDef } {
  const leaves: unknown[] = [];
  const walk = (t: unknown): TreeDef => {
    if (t === null || t === undefined) return { kind: 'none', value: t };
    if (Array.isArray(t)) return { kind: 'array', children: t.map(walk) };
    if (isPlainObject(t)) {
      const keys = sortedKeys(t);
      return { kind: 'object', keys, children: keys.map((k) => walk(t[k])) };
    }
    leaves.push(t);
    return { kind: 'leaf' };
  };
  const treedef = walk(tree);
  return { leaves, treedef };
}

/** The leaves of a pytree, in `treeFlatten` order (JAX's `tree_leaves`). */
export function treeLeaves(tree: PyTree): unknown[] {
  return treeFlatten(tree).leaves;
}

/** The key paths of every leaf, in `treeFlatten` order. */
export function treeLeafPaths(tree: PyTree): PathEntry[][] {
  const paths: PathEntry[][] = [];
  const walk = (t: unknown, path: PathEntry[]): void => {
    if (t === null || t === undefined) return;
    if (Array.isArray(t)) t.forEach((c, i) => walk(c, [...path, i]));
    else if (isPlainObject(t)) for (const k of sortedKeys(t)) walk(t[k], [...path, k]);
    else paths.push(path);
  };
  walk(tree, []);
  return paths;
}

/** Number of leaves a structure holds. */
export function treeDefNumLeaves(def: TreeDef): number {
  switch (def.kind) {
    case 'leaf':
      return 1;
    case 'none':
      return 0;
    default:
      return def.children.reduce((n, c) => n + treeDefNumLeaves(c), 0);
  }
}

/**
 * Rebuild a pytree of structure `treedef` from `leaves` (JAX's `tree_unflatten`). Objects are
 * rebuilt with their keys in sorted order.
 *
 * ```ts
 * const { leaves, treedef } = treeFlatten([{ w: 1 }, 2]);
 * treeUnflatten(treedef, leaves.map((x) => (x as number) * 10)); // [{ w: 10 }, 20]
 * ```
 */
export function treeUnflatten(treedef: TreeDef, leaves: readonly unknown[]): PyTree {
  const need = treeDefNumLeaves(treedef);
  if (leaves.length !== need)
    throw new ValueError(
      'treeUnflatten',
      `leaves has ${leaves.length} elements but the structure holds ${need} leaves`,
    );
  let pos = 0;
  const build = (d: TreeDef): unknown => {
    switch (d.kind) {
      case 'leaf':
        return leaves[pos++];
      case 'none':
        return d.value;
      case 'array':
        return d.children.map(build);
      case 'object': {
        const o: Record<string, unknown> = {};
        d.keys.forEach((k, i) => {
          o[k] = build(d.children[i]!);
        });
        return o;
      }
    }
  };
  return build(treedef);
}

function describeNode(t: unknown): string {
  if (t === null) return 'null';
  if (t === undefined) return 'undefined';
  if (Array.isArray(t)) return `an array of length ${t.length}`;
  if (isPlainObject(t)) return `an object with keys ${show(sortedKeys(t))}`;
  return `a leaf (${show(t)})`;
}

/**
 * The first place where two trees differ in structure, as a message naming the key path, or
 * null when they have the same structure. Leaves may differ in value and type.
 */
function structureMismatch(
  a: unknown,
  b: unknown,
  path: PathEntry[],
  nameA: string,
  nameB: string,
): string | null {
  const aNone = a === null || a === undefined;
  const bNone = b === null || b === undefined;
  const here = () =>
    `at ${nameA}${keyPathString(path)}: ${nameA} has ${describeNode(a)} but ${nameB} has ${describeNode(b)}`;
  if (aNone || bNone) return aNone && bNone ? null : here();
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return here();
    for (let i = 0; i < a.length; i++) {
      const m = structureMismatch(a[i], b[i], [...path, i], nameA, nameB);
      if (m) return m;
    }
    return null;
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return here();
    const ka = sortedKeys(a);
    const kb = sortedKeys(b);
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return here();
    for (const k of ka) {
      const m = structureMismatch(a[k], b[k], [...path, k], nameA, nameB);
      if (m) return m;
    }
    return null;
  }
  // a is a leaf
  if (Array.isArray(b) || isPlainObject(b)) return here();
  return null;
}

/** Whether two pytrees have the same structure (leaf values may differ). */
export function treeStructureEqual(a: PyTree, b: PyTree): boolean {
  return structureMismatch(a, b, [], 'a', 'b') === null;
}

/**
 * Throw a ValueError naming the key path where `other` differs in structure from `tree`.
 * `op` names the calling function, `names` the two arguments in the message.
 */
export function assertSameStructure(
  op: string,
  tree: PyTree,
  other: PyTree,
  names: [string, string] = ['tree', 'other'],
): void {
  const m = structureMismatch(tree, other, [], names[0], names[1]);
  if (m)
    throw new ValueError(op, `tree structures differ ${m}; expected the same nesting of arrays and objects`);
}

/**
 * Apply `fn` leaf-wise over one or more trees of the same structure (JAX's `tree_map`):
 * `fn(leaf, ...correspondingLeavesOfRest)`. Throws a ValueError naming the key path (e.g.
 * `rest[0][1].w`) where a tree of `rest` differs from `tree`.
 *
 * ```ts
 * treeMap((x) => x * 2, { a: 1, b: [2, 3] });           // { a: 2, b: [4, 6] }
 * treeMap((p, g) => p - 0.1 * g, [1, 2], [10, 20]);      // [0, 0]
 * ```
 */
export function treeMap(fn: (leaf: any, ...rest: any[]) => unknown, tree: PyTree, ...rest: PyTree[]): PyTree {
  return treeMapWithPath((_path, leaf, ...others) => fn(leaf, ...others), tree, ...rest);
}

/**
 * `treeMap` whose `fn` also receives the leaf's key path (JAX's `tree_map_with_path`).
 *
 * ```ts
 * treeMapWithPath((path, x) => `${keyPathString(path)}=${x}`, [{ w: 1 }]); // [{ w: '[0].w=1' }]
 * ```
 */
export function treeMapWithPath(
  fn: (path: PathEntry[], leaf: any, ...rest: any[]) => unknown,
  tree: PyTree,
  ...rest: PyTree[]
): PyTree {
  rest.forEach((r, i) => assertSameStructure('treeMap', tree, r, ['tree', `rest[${i}]`]));
  const walk = (t: unknown, others: unknown[], path: PathEntry[]): unknown => {
    if (t === null || t === undefined) return t;
    if (Array.isArray(t))
      return t.map((c, i) =>
        walk(
          c,
          others.map((o) => (o as unknown[])[i]),
          [...path, i],
        ),
      );
    if (isPlainObject(t)) {
      const out: Record<string, unknown> = {};
      for (const k of sortedKeys(t))
        out[k] = walk(
          t[k],
          others.map((o) => (o as Record<string, unknown>)[k]),
          [...path, k],
        );
      return out;
    }
    return fn(path, t, ...others);
  };
  return walk(tree, rest, []);
}
