import { describe, expect, it } from 'vitest';
import {
  keyPathString,
  type Tensor,
  tensor,
  treeFlatten,
  treeLeafPaths,
  treeLeaves,
  treeMap,
  treeMapWithPath,
  treeStructureEqual,
  treeUnflatten,
  ValueError,
} from '../src/index.js';

describe('pytrees', () => {
  it('flattens arrays in order and object keys sorted, numbers and tensors as leaves', () => {
    const w = tensor([[1, 2]]);
    const tree = [{ w, b: 0.5 }, 3, { z: [1, 2], a: null }];
    const { leaves, treedef } = treeFlatten(tree);
    expect(leaves).toEqual([0.5, w, 3, 1, 2]);
    expect(leaves[1]).toBe(w);
    expect(treeLeafPaths(tree).map(keyPathString)).toEqual(['[0].b', '[0].w', '[1]', '[2].z[0]', '[2].z[1]']);
    const back = treeUnflatten(treedef, leaves) as typeof tree;
    expect(back[0]!).toEqual({ b: 0.5, w });
    expect((back[2] as { a: null }).a).toBeNull();
    expect(treeStructureEqual(back, tree)).toBe(true);
  });

  it('treats a bare leaf as a tree of one leaf', () => {
    const { leaves, treedef } = treeFlatten(7);
    expect(leaves).toEqual([7]);
    expect(treeUnflatten(treedef, [8])).toBe(8);
    expect(treeLeaves(null)).toEqual([]);
  });

  it('checks the number of leaves on unflatten', () => {
    const { treedef } = treeFlatten([1, [2, 3]]);
    expect(() => treeUnflatten(treedef, [1, 2])).toThrow(
      /leaves has 2 elements but the structure holds 3 leaves/,
    );
  });

  it('maps over several trees of one structure', () => {
    const p = [
      { w: 1, b: 2 },
      { w: 3, b: 4 },
    ];
    const g = [
      { b: 10, w: 20 },
      { w: 30, b: 40 },
    ];
    expect(treeMap((x: number, y: number) => x - y / 2, p, g)).toEqual([
      { b: -3, w: -9 },
      { b: -16, w: -12 },
    ]);
    const t = treeMap((x: Tensor) => x.mul(2), { a: tensor([1, 2]) }) as { a: Tensor };
    expect(t.a.toArray()).toEqual([2, 4]);
  });

  it('names the key path where structures differ', () => {
    const params = [
      { w: 1, b: 2 },
      { w: 3, b: 4 },
    ];
    const bad = [
      { w: 1, b: 2 },
      { w: [3], b: 4 },
    ];
    expect(() => treeMap((x: number) => x, params, bad)).toThrow(ValueError);
    expect(() => treeMap((x: number) => x, params, bad)).toThrow(
      /at tree\[1\]\.w: tree has a leaf \(3\) but rest\[0\] has an array of length 1/,
    );
    expect(() => treeMap((x: number) => x, params, [{ w: 1, b: 2 }])).toThrow(
      /at tree: tree has an array of length 2 but rest\[0\] has an array of length 1/,
    );
    expect(() => treeMap((x: number) => x, { a: 1 }, { b: 1 })).toThrow(
      /object with keys \["a"\] but rest\[0\] has an object with keys \["b"\]/,
    );
    expect(treeStructureEqual({ a: 1, b: [1, 2] }, { b: [tensor(1), 5], a: 'x' })).toBe(true);
    expect(treeStructureEqual([1, 2], [1, [2]])).toBe(false);
  });

  it('passes key paths to treeMapWithPath', () => {
    expect(treeMapWithPath((path, x) => `${keyPathString(path)}=${x}`, [{ w: 1 }, { 'my key': 2 }])).toEqual([
      { w: '[0].w=1' },
      { 'my key': '[1]["my key"]=2' },
    ]);
  });
});
