// The autograd engine's gradient-buffer protocol (src/kernels/grad-buffers.ts): when gradBuffer
// hands out engine-owned storage for a gradient, and when it must say no (null) — gradients(),
// createGraph, a leaf fed by several edges, a non-leaf whose node does not read its gradient once,
// a pass nested inside another pass's backward closure.
import { gradBuffer } from '@gradkit/core/kernels';
import { describe, expect, it } from 'vitest';
import { backward, enableGrad, gradients, record, sum, Tensor, tensor } from '../src/index.js';

type Buf = Float32Array | Float64Array | null;

/**
 * `x · 2` as a recorded op whose backward asks gradBuffer for its input's gradient storage (the
 * answer goes to `seen`) and writes 2g there (or into a fresh array).
 */
function double(x: Tensor, seen: Buf[], readsGradOnce = false): Tensor {
  const out = new Tensor(
    Float64Array.from(x.data, (v) => 2 * v),
    x.shape,
    'float64',
  );
  return record(
    out,
    'double',
    [x],
    (g) => {
      const buf = gradBuffer(x, 'float64', x.size);
      seen.push(buf);
      const gx = buf ?? new Float64Array(x.size);
      for (let i = 0; i < gx.length; i++) gx[i] = 2 * g.data[i]!;
      return [new Tensor(gx, x.shape, 'float64')];
    },
    { readsGradOnce },
  );
}

describe('gradBuffer (the kernel layer’s gradient-buffer protocol)', () => {
  it('a leaf fed by one edge gets its per-leaf buffer in backward(), the same one every pass; .grad is a copy', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const seen: Buf[] = [];
    backward(sum(double(w, seen)));
    backward(sum(double(w, seen)));
    expect(seen[0]).toBeInstanceOf(Float64Array);
    expect(seen[1]).toBe(seen[0]);
    expect(w.grad!.data).not.toBe(seen[0]);
    expect(Array.from(w.grad!.data)).toEqual([4, 4, 4]);
  });

  it('no buffer outside backward(): gradients(), createGraph, and outside any pass', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const seen: Buf[] = [];
    gradients(sum(double(w, seen)), [w]);
    backward(sum(double(w, seen)), undefined, { createGraph: true });
    expect(seen).toEqual([null, null]);
    expect(gradBuffer(w, 'float64', 2)).toBeNull();
  });

  it('a leaf fed by two edges, or asked twice, or of another dtype or size, gets none', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const seen: Buf[] = [];
    backward(sum(double(w, seen)).add(sum(double(w, seen))));
    expect(seen).toEqual([null, null]);
    const v = tensor([1, 2], { requiresGrad: true });
    const asked: Buf[] = [];
    const y = record(new Tensor(new Float64Array(2), [2], 'float64'), 'ask', [v], (g) => {
      asked.push(gradBuffer(v, 'float32', 2), gradBuffer(v, 'float64', 3), gradBuffer(v, 'float64', 2));
      asked.push(gradBuffer(v, 'float64', 2));
      return [g];
    });
    backward(sum(y));
    expect(asked.map((b) => b !== null)).toEqual([false, false, true, false]);
  });

  it('a non-leaf gets a pass buffer only when its node reads its gradient once, in the outermost pass', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const inner: Buf[] = [];
    const outer: Buf[] = [];
    // h = double(w) with readsGradOnce; y = double(h): y's backward may write dL/dh into a pass buffer
    backward(sum(double(double(w, inner, true), outer)));
    expect(outer[0]).toBeInstanceOf(Float64Array);
    backward(sum(double(double(w, inner, false), outer)));
    expect(outer[1]).toBeNull();
    // the n-th request of a pass reuses the n-th buffer
    backward(sum(double(double(w, inner, true), outer)));
    expect(outer[2]).toBe(outer[0]);
    expect(Array.from(w.grad!.data)).toEqual([12, 12, 12]);
  });

  it('a pass nested inside a backward closure gives non-leaves no buffer', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const nested: Buf[] = [];
    const a = tensor([3, 4], { requiresGrad: true });
    const y = record(new Tensor(new Float64Array(2), [2], 'float64'), 'nest', [a], (g) => {
      enableGrad(() => backward(sum(double(double(w, [], true), nested)))); // a backward() in a backward
      return [g];
    });
    backward(sum(y));
    expect(nested).toEqual([null]);
    expect(Array.from(w.grad!.data)).toEqual([4, 4]);
  });
});
