// crossEntropy's fused path (logits [N, C], int32 class indices, 'mean'/'sum', no weight or
// smoothing) against its reference, the composition nllLoss(logSoftmax(x), y): the loss and the
// gradient must be bit-identical (Object.is on every element: signed zeros and NaN included),
// for float32 and float64, ordinary and extreme logits, and any seed gradient.
import { backward, grad, RandomState, type Tensor, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { crossEntropy, logSoftmax, nllLoss } from '../src/index.js';

function sameBits(a: readonly number[], b: readonly number[]): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    if (!Object.is(a[i], b[i])) expect(`[${i}] ${a[i]}`).toBe(`[${i}] ${b[i]}`);
}

type Case = { logits: number[]; n: number; c: number; y: number[] };

function cases(): Case[] {
  const rng = new RandomState(7);
  const out: Case[] = [];
  for (const [n, c, scale] of [
    [1, 1, 1],
    [3, 1, 5],
    [1, 10, 3],
    [7, 10, 1],
    [100, 10, 4],
    [13, 5, 60],
    [4, 3, 1e4],
  ] as const) {
    const logits = (rng.randn(n * c) as Tensor).toList().map((v) => v * scale);
    const y = (rng.randint(0, c, n) as Tensor).toList();
    out.push({ logits, n, c, y });
  }
  // ties, signed zeros, huge values, infinities and NaN in some rows
  out.push({
    logits: [0, -0, 0, 1e38, -1e38, 3, 2, 2, 2, -Infinity, 1, 0, Infinity, 1, 0, Number.NaN, 1, 0],
    n: 6,
    c: 3,
    y: [1, 0, 2, 1, 0, 2],
  });
  return out;
}

function run(
  f: (x: Tensor, y: Tensor, reduction: 'mean' | 'sum') => Tensor,
  k: Case,
  dtype: 'float32' | 'float64',
  reduction: 'mean' | 'sum',
  seed: number,
): { loss: number[]; grad: number[] } {
  const x = tensor(k.logits, { dtype, requiresGrad: true }).reshape([k.n, k.c]);
  const leaf = x.gradFn ? (x.gradFn.inputs[0] as Tensor) : x;
  const l = f(x, tensor(k.y, { dtype: 'int32' }), reduction);
  backward(l, tensor(seed, { dtype }));
  return { loss: l.toList(), grad: leaf.grad!.toList() };
}

const fused = (x: Tensor, y: Tensor, reduction: 'mean' | 'sum') => crossEntropy(x, y, { reduction });
const reference = (x: Tensor, y: Tensor, reduction: 'mean' | 'sum') =>
  nllLoss(logSoftmax(x, { axis: -1 }), y, { reduction });

describe('crossEntropy fused path is bit-identical to nllLoss(logSoftmax(x))', () => {
  for (const dtype of ['float32', 'float64'] as const)
    for (const reduction of ['mean', 'sum'] as const)
      it(`${dtype}, ${reduction}`, () => {
        for (const k of cases())
          for (const seed of [1, 0.37, -2.5, 0, -0]) {
            const a = run(fused, k, dtype, reduction, seed);
            const b = run(reference, k, dtype, reduction, seed);
            sameBits(a.loss, b.loss);
            sameBits(a.grad, b.grad);
          }
      });

  it('without gradients (noGrad-style inputs) the value is the same', () => {
    for (const k of cases()) {
      const x = tensor(k.logits, { dtype: 'float32' }).reshape([k.n, k.c]);
      const y = tensor(k.y, { dtype: 'int32' });
      sameBits(crossEntropy(x, y).toList(), reference(x, y, 'mean').toList());
    }
  });

  it('second derivatives go through the composition (createGraph)', () => {
    const y = tensor([2, 0], { dtype: 'int32' });
    const f = (t: Tensor) => crossEntropy(t.reshape([2, 3]), y);
    const g = (t: Tensor) => reference(t.reshape([2, 3]), y, 'mean');
    const x = tensor([0.3, -1.2, 2, 0.5, 0.1, -0.7]);
    const h = (fn: (t: Tensor) => Tensor) => grad((t: Tensor) => grad(fn)(t).mul(x).sum())(x).toList();
    sameBits(h(f), h(g));
    sameBits(grad(f)(x).toList(), grad(g)(x).toList());
  });

  it('falls back to the composition for ignored targets, weights and smoothing', () => {
    const x = tensor([
      [1, 2, 3],
      [0.5, -1, 0],
    ]);
    const y = tensor([0, -100], { dtype: 'int32' });
    sameBits(crossEntropy(x, y).toList(), reference(x, y, 'mean').toList());
    const y2 = tensor([0, 2], { dtype: 'int32' });
    const withWeight = crossEntropy(x, y2, { weight: [1, 2, 3] }).item();
    expect(withWeight).toBeCloseTo(
      (-logSoftmax(x).toList()[0]! * 1 + 3 * -logSoftmax(x).toList()[5]!) / 4,
      12,
    );
  });
});
