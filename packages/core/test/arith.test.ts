import { describe, expect, it } from 'vitest';
import { add, backward, div, gradients, mul, ShapeError, sub, tensor } from '../src/index.js';

describe('broadcasting arithmetic', () => {
  it('adds with numpy broadcasting', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = tensor([10, 20, 30]);
    expect(add(a, b).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(a.add(tensor([[1], [2]])).toArray()).toEqual([
      [2, 3, 4],
      [6, 7, 8],
    ]);
    expect(sub(1, a).toArray()).toEqual([
      [0, -1, -2],
      [-3, -4, -5],
    ]);
  });
  it('names the op and shapes on mismatch', () => {
    expect(() => add(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow(ShapeError);
    expect(() => add(tensor([[1, 2, 3]]), tensor([1, 2]))).toThrow(
      /add: cannot broadcast shapes \[1,3\] and \[2\]/,
    );
  });
  it('promotes like numpy', () => {
    expect(add(tensor([1], { dtype: 'float32' }), 2.5).dtype).toBe('float32');
    expect(add(tensor([1], { dtype: 'int32' }), 2).dtype).toBe('int32');
    expect(add(tensor([1], { dtype: 'int32' }), 2.5).dtype).toBe('float64');
    expect(add(tensor([1], { dtype: 'int32' }), tensor([1], { dtype: 'float32' })).dtype).toBe('float64');
    expect(div(tensor([1], { dtype: 'int32' }), 2).dtype).toBe('float64');
  });
});

describe('backward through broadcasting', () => {
  it('reduces gradients to operand shapes', () => {
    const a = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true },
    );
    const b = tensor([1, 2, 3], { requiresGrad: true });
    const y = mul(a, b);
    const seed = tensor([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    backward(y, seed);
    expect(a.grad!.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(b.grad!.toArray()).toEqual([5, 7, 9]);
  });
  it('second derivative via createGraph', () => {
    const x = tensor(3, { requiresGrad: true });
    const y = mul(mul(x, x), x); // x^3
    const [dy] = gradients(y, [x], { createGraph: true });
    expect(dy!.item()).toBe(27);
    const [d2] = gradients(dy!, [x]);
    expect(d2!.item()).toBe(18);
  });
  it('refuses to backward twice through a freed graph', () => {
    const x = tensor(2, { requiresGrad: true });
    const y = mul(x, x);
    y.backward();
    expect(() => y.backward()).toThrow(/second time/);
  });
});
