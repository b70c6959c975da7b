// PyTorch-style autograd semantics on the tape: accumulation, zeroGrad, detach, noGrad,
// retainGraph, and the errors for misuse. Expected values are hand-derived derivatives
// (d(x²)/dx = 2x, d(xy)/dx = y, ...), each noted beside the assertion.
import { describe, expect, it } from 'vitest';
import {
  AutogradError,
  DTypeError,
  enableGrad,
  gradients,
  isGradEnabled,
  mul,
  noGrad,
  type Tensor,
  tensor,
  zeroGrad,
} from '../src/index.js';

const grad = (t: Tensor) => (t.grad as Tensor).toArray();

describe('backward() fills .grad of leaves', () => {
  it('computes d(sum(x*x*y))/dx = 2xy and /dy = x²', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = tensor([4, 5, 6], { requiresGrad: true });
    const z = x.mul(x).mul(y);
    z.backward(tensor([1, 1, 1]));
    expect(grad(x)).toEqual([8, 20, 36]);
    expect(grad(y)).toEqual([1, 4, 9]);
    expect(x.isLeaf).toBe(true);
    expect(z.isLeaf).toBe(false);
    expect(z.gradFn?.name).toBe('mul');
    expect(z.grad).toBeNull(); // non-leaf gradients are not stored (PyTorch without retain_grad)
  });

  it('accumulates gradients across backward calls until zeroGrad', () => {
    const w = tensor(3, { requiresGrad: true });
    for (let k = 1; k <= 3; k++) {
      w.mul(w).backward(); // d(w²)/dw = 6 each time
      expect(w.grad!.item()).toBe(6 * k);
    }
    zeroGrad([w]);
    expect(w.grad).toBeNull();
    w.mul(w).backward();
    expect(w.grad!.item()).toBe(6);
    zeroGrad({ layers: [{ w }] });
    expect(w.grad).toBeNull();
  });

  it('stores gradients in fresh storage an optimizer may update in place', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = w.mul(1);
    y.backward(tensor([1, 1]));
    const g = w.grad!;
    g.data[0] = 42;
    expect(w.data[0]).toBe(1);
  });

  it('adds the contributions of every path (a used twice)', () => {
    const a = tensor(2, { requiresGrad: true });
    const b = a.mul(3);
    const c = a.add(b).mul(b); // c = (a + 3a)·3a = 12a², dc/da = 24a = 48
    c.backward();
    expect(a.grad!.item()).toBe(48);
  });

  it('does not track detached tensors', () => {
    const x = tensor(2, { requiresGrad: true });
    const d = x.mul(x).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    const y = d.mul(x); // d is a constant 4: dy/dx = 4
    y.backward();
    expect(x.grad!.item()).toBe(4);
  });

  it('records nothing inside noGrad, and enableGrad turns it back on', () => {
    const x = tensor(2, { requiresGrad: true });
    const y = noGrad(() => x.mul(x));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(isGradEnabled()).toBe(true);
    const z = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return enableGrad(() => x.mul(x));
    });
    expect(z.requiresGrad).toBe(true);
  });

  it('restores the recording flag when noGrad throws', () => {
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });
});

describe('retaining and freeing the graph', () => {
  it('refuses to backward twice through a freed graph', () => {
    const x = tensor(2, { requiresGrad: true });
    const y = x.mul(x);
    y.backward();
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward()).toThrow(/second time.*retainGraph/);
  });

  it('allows a second backward with retainGraph (and accumulates)', () => {
    const x = tensor(2, { requiresGrad: true });
    const y = x.mul(x);
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad!.item()).toBe(8); // 2 · 2x
  });

  it('gradients() returns d out / d inputs without touching .grad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = tensor([3, 4], { requiresGrad: true });
    const out = x.mul(y);
    const [gx, gy] = gradients(out, [x, y], { gradOutput: tensor([1, 1]) });
    expect(gx!.toArray()).toEqual([3, 4]);
    expect(gy!.toArray()).toEqual([1, 2]);
    expect(x.grad).toBeNull();
    expect(gx!.requiresGrad).toBe(false);
  });

  it('gradients() gives zeros for an input that does not influence the output', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const u = tensor([5, 5], { requiresGrad: true });
    const [gu] = gradients(x.mul(2), [u], { gradOutput: tensor([1, 1]) });
    expect(gu!.toArray()).toEqual([0, 0]);
  });

  it('gradients() with respect to an intermediate tensor walks (and frees) only what leads to it', () => {
    const x = tensor(1.5, { requiresGrad: true });
    const y = x.mul(2); // non-leaf
    const [gy] = gradients(y.mul(y), [y]); // d(y²)/dy = 2y = 6
    expect(gy!.item()).toBe(6);
    y.mul(3).backward(); // the x → y node was not part of that pass, so it is still there
    expect(x.grad!.item()).toBe(6);
  });

  it('second derivative through backward with createGraph', () => {
    const x = tensor(3, { requiresGrad: true });
    const y = x.mul(x).mul(x); // y = x³
    const [dy] = gradients(y, [x], { createGraph: true }); // 3x² = 27
    expect(dy!.item()).toBe(27);
    expect(dy!.requiresGrad).toBe(true);
    const [d2y] = gradients(dy!, [x]); // 6x = 18
    expect(d2y!.item()).toBe(18);
  });
});

describe('misuse errors', () => {
  it('requires a seed for non-scalar outputs', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward()).toThrow(/one-element outputs, received output of shape \[3\]/);
  });

  it('checks the seed shape', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    expect(() => x.mul(2).backward(tensor([1, 1]))).toThrow(
      /seed gradient has shape \[2\] but the output has shape \[3\]/,
    );
  });

  it('refuses backward from a tensor that does not require gradients', () => {
    expect(() => tensor(1).mul(2).backward()).toThrow(/does not require gradients/);
  });

  it('refuses requiresGrad on integer and bool tensors', () => {
    expect(() => tensor([1, 2], { dtype: 'int32', requiresGrad: true })).toThrow(DTypeError);
    expect(() => tensor([1, 2], { dtype: 'int32' }).requiresGrad_()).toThrow(
      /only float tensors can require gradients, received dtype int32/,
    );
    expect(() => tensor([true], { requiresGrad: true })).toThrow(DTypeError);
  });

  it('refuses gradients with respect to tensors that do not require them', () => {
    const x = tensor(1, { requiresGrad: true });
    const c = tensor(2);
    expect(() => gradients(x.mul(c), [c])).toThrow(/inputs\[0\] does not require gradients/);
  });

  it('integer results of float inputs carry no gradient', () => {
    const x = tensor([1.5, 2.5], { requiresGrad: true });
    const i = x.astype('int32');
    expect(i.requiresGrad).toBe(false);
    expect(mul(i, 2).requiresGrad).toBe(false);
  });
});
