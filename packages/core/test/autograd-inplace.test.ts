// Gradient buffer reuse: backward() adds into an existing engine-made `.grad` in place (PyTorch's
// AccumulateGrad outside grad mode), and linear's parameter gradients are written into a
// reusable engine buffer, so a loop that zeroes `.grad` in place keeps one buffer per parameter.
// Expected values: hand-derived derivatives and the allocating path (setToNone) run side by side.
import { describe, expect, it } from 'vitest';
import { backward, linear, mul, RandomState, sum, type Tensor, tensor } from '../src/index.js';

/** Zero `.grad` in place, as `zeroGrad({ setToNone: false })` does. */
function zeroInPlace(ps: Tensor[]) {
  for (const p of ps) if (p.grad) p.grad.data.fill(0);
}

/** A two-layer float32 net's parameters from a seeded RandomState. */
function params(seed: number) {
  const rng = new RandomState(seed);
  const w1 = tensor(rng.normal(0, 0.5, [5, 3]), { dtype: 'float32', requiresGrad: true });
  const b1 = tensor(rng.normal(0, 0.5, [5]), { dtype: 'float32', requiresGrad: true });
  const w2 = tensor(rng.normal(0, 0.5, [2, 5]), { dtype: 'float32', requiresGrad: true });
  const b2 = tensor(rng.normal(0, 0.5, [2]), { dtype: 'float32', requiresGrad: true });
  return [w1, b1, w2, b2] as Tensor[];
}

function lossOf(ps: Tensor[], x: Tensor) {
  const [w1, b1, w2, b2] = ps as [Tensor, Tensor, Tensor, Tensor];
  const h = linear(x, w1, b1).tanh();
  const y = linear(h, w2, b2);
  return sum(mul(y, y));
}

describe('in-place gradient accumulation', () => {
  it('a second backward adds into the same .grad buffer: d(sum(x*w))/dw = x, twice = 2x', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    const x = tensor([4, 5, 6]);
    backward(sum(mul(x, w)));
    const g = w.grad!;
    const buf = g.data;
    backward(sum(mul(x, w)));
    expect(w.grad).toBe(g);
    expect(w.grad!.data).toBe(buf);
    expect(Array.from(w.grad!.data)).toEqual([8, 10, 12]);
  });

  it('linear training steps with in-place zeroing keep one buffer per parameter, bit-identical to fresh gradients', () => {
    const rng = new RandomState(3);
    const batches = [0, 1, 2, 3].map(() => tensor(rng.normal(0, 1, [4, 3]), { dtype: 'float32' }));
    const reuse = params(7);
    const fresh = params(7);
    let buffers: unknown[] | null = null;
    for (const x of batches) {
      zeroInPlace(reuse);
      backward(lossOf(reuse, x));
      for (const p of fresh) p.grad = null;
      backward(lossOf(fresh, x));
      const now = reuse.map((p) => p.grad!.data);
      if (buffers) now.forEach((b, i) => expect(b).toBe(buffers![i]));
      buffers = now;
      reuse.forEach((p, i) => expect(Array.from(p.grad!.data)).toEqual(Array.from(fresh[i]!.grad!.data)));
      // the same SGD update on both copies keeps them identical
      for (const ps of [reuse, fresh])
        for (const p of ps) for (let j = 0; j < p.data.length; j++) p.data[j] -= 0.1 * p.grad!.data[j]!;
    }
  });

  it('accumulating without zeroing equals the sum of the separate gradients', () => {
    const rng = new RandomState(4);
    const x1 = tensor(rng.normal(0, 1, [4, 3]), { dtype: 'float32' });
    const x2 = tensor(rng.normal(0, 1, [4, 3]), { dtype: 'float32' });
    const acc = params(9);
    backward(lossOf(acc, x1));
    backward(lossOf(acc, x2));
    const a = params(9);
    backward(lossOf(a, x1));
    const b = params(9);
    backward(lossOf(b, x2));
    acc.forEach((p, i) => {
      const expected = new Float32Array(a[i]!.grad!.data.length);
      for (let j = 0; j < expected.length; j++) expected[j] = a[i]!.grad!.data[j]! + b[i]!.grad!.data[j]!;
      expect(Array.from(p.grad!.data)).toEqual(Array.from(expected));
    });
  });

  it('a weight used twice (linear and a penalty) gets both contributions: d/dw [sum(x wᵀ) + sum(w²)] = Σ_rows x + 2w', () => {
    const w = tensor([[1, 2]], { requiresGrad: true });
    const x = tensor([
      [3, 4],
      [5, 6],
    ]);
    for (let step = 0; step < 2; step++) {
      if (w.grad) w.grad.data.fill(0);
      backward(sum(linear(x, w)).add(sum(mul(w, w))));
      expect(w.grad!.toArray()).toEqual([[3 + 5 + 2, 4 + 6 + 4]]);
    }
  });

  it('retainGraph: backward twice through one graph doubles the gradient (linear weight and bias)', () => {
    const w = tensor([[1, -1]], { requiresGrad: true });
    const b = tensor([0.5], { requiresGrad: true });
    const l = sum(linear(tensor([[2, 3]]), w, b));
    backward(l, undefined, { retainGraph: true });
    backward(l);
    expect(w.grad!.toArray()).toEqual([[4, 6]]);
    expect(b.grad!.toArray()).toEqual([2]);
  });

  it('a .grad the user assigned is not written into: the sum goes to a new tensor', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const mine = tensor([10, 20]);
    w.grad = mine;
    backward(sum(mul(w, tensor([3, 4]))));
    expect(Array.from(mine.data)).toEqual([10, 20]);
    expect(w.grad!.toArray()).toEqual([13, 24]);
  });

  it('createGraph: the gradient stays a graph tensor, accumulation allocates and leaves the first one unchanged', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    backward(sum(mul(w, w)), undefined, { createGraph: true });
    const first = w.grad!;
    expect(first.requiresGrad).toBe(true); // d(w²)/dw = 2w, differentiable again
    expect(first.toArray()).toEqual([2, 4]);
    backward(sum(mul(w, w)), undefined, { createGraph: true });
    expect(w.grad).not.toBe(first);
    expect(first.toArray()).toEqual([2, 4]);
    expect(w.grad!.toArray()).toEqual([4, 8]);
    // second order through the accumulated gradient: d/dw Σ 2·(2w) = 4
    backward(sum(w.grad!));
    expect(w.grad!.toArray()).toEqual([8, 12]);
  });
});
