// @gradkit/losses unit tests: finite-difference gradients, stable forms agreeing with the book
// forms where those are finite (and staying finite where they overflow), PyTorch-style
// reductions, and error messages. PyTorch values are in tests/test/loss-torch.test.ts.
import { DTypeError, grad, ShapeError, sigmoid, type Tensor, tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  bernoulliNll,
  binaryCrossEntropyWithLogits,
  categoricalNll,
  categoricalPmf,
  crossEntropy,
  l1Penalty,
  l2Penalty,
  logSigmoid,
  logSigmoidNaive,
  logSoftmax,
  logSoftmaxNaive,
  mseLoss,
  nllLoss,
  normalNll,
  normalNllNaive,
  normalPdf,
  sigmoidNaive,
  softmax,
  softmaxNaive,
  sumOfSquares,
} from '../src/index.js';

/** Central differences of scalar f at x (float64), step 1e-6. */
function fdGrad(f: (x: Tensor) => Tensor, x: number[]): number[] {
  const h = 1e-6;
  return x.map((_, i) => {
    const p = [...x];
    const m = [...x];
    p[i]! += h;
    m[i]! -= h;
    return (f(tensor(p)).item() - f(tensor(m)).item()) / (2 * h);
  });
}
function expectGradMatchesFd(f: (x: Tensor) => Tensor, x: number[], tol = 1e-6) {
  const xt = tensor(x, { requiresGrad: true });
  f(xt).backward();
  const g = xt.grad!.toList();
  const fd = fdGrad(f, x);
  for (let i = 0; i < x.length; i++)
    expect(Math.abs(g[i]! - fd[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(fd[i]!)));
}

describe('gradients match finite differences', () => {
  const y = [0.3, -0.2, 1.1, 0.5];
  it('normalNll in mu and in sigma; sumOfSquares', () => {
    expectGradMatchesFd((mu) => normalNll(y, mu, 0.7), [0.1, 0.2, 0.9, 0.4]);
    expectGradMatchesFd((s) => normalNll(y, 0.2, s.reshape([])), [0.45]);
    expectGradMatchesFd((p) => sumOfSquares(y, p), [0.1, 0.2, 0.9, 0.4]);
  });
  it('bernoulliNll(sigmoid(z)) equals binaryCrossEntropyWithLogits(sum) and has the same gradient', () => {
    const lab = [1, 0, 1, 1];
    const z = [0.3, -2.0, 4.0, -0.5];
    const a = bernoulliNll(lab, sigmoid(z)).item();
    const b = binaryCrossEntropyWithLogits(z, lab, { reduction: 'sum' }).item();
    expect(a).toBeCloseTo(b, 12);
    expectGradMatchesFd((t) => bernoulliNll(lab, sigmoid(t)), z);
    expectGradMatchesFd((t) => binaryCrossEntropyWithLogits(t, lab, { reduction: 'sum' }), z);
  });
  it('categoricalNll(softmax over rows) equals crossEntropy(sum) on the transposed logits', () => {
    const logits = [
      [1.0, -0.5, 2.0],
      [0.2, 0.3, -1.0],
    ]; // [K=2, N=3], the book layout
    const labels = [0, 1, 1];
    const a = categoricalNll(labels, softmax(logits, { axis: 0 })).item();
    const b = crossEntropy(tensor(logits).transpose(), tensor(labels, { dtype: 'int32' }), {
      reduction: 'sum',
    }).item();
    expect(a).toBeCloseTo(b, 12);
    expectGradMatchesFd(
      (t) => crossEntropy(t.reshape([3, 2]), tensor(labels, { dtype: 'int32' }), { labelSmoothing: 0.1 }),
      [1, 0.2, -0.5, 0.3, 2, -1],
    );
  });
  it('penalties', () => {
    expect(l2Penalty(tensor([3, 4])).item()).toBe(12.5);
    expect(l1Penalty([tensor([3, -4]), tensor([[1]])]).item()).toBe(8);
    expectGradMatchesFd((w) => l2Penalty(w), [0.5, -1.5, 2]);
  });
});

describe('second derivatives through the losses (grad of grad)', () => {
  it("logSigmoid'' = -σ(z)(1 - σ(z)); softplus-form BCE with logits'' = σ(1 - σ)", () => {
    for (const z of [-3, -0.2, 0, 1.7]) {
      const s = 1 / (1 + Math.exp(-z));
      const d2 = grad(grad((t: Tensor) => logSigmoid(t).sum()))(tensor(z)).item();
      expect(d2).toBeCloseTo(-s * (1 - s), 12);
      const b2 = grad(
        grad((t: Tensor) => binaryCrossEntropyWithLogits(t.reshape([1]), [1], { reduction: 'sum' })),
      )(tensor(z)).item();
      expect(b2).toBeCloseTo(s * (1 - s), 12);
    }
  });
  it('the Hessian diagonal of crossEntropy is p(1 - p) / N', () => {
    const logits = [0.5, -1, 2];
    const p = softmax(logits).toList();
    for (let c = 0; c < 3; c++) {
      const f = (t: Tensor) =>
        crossEntropy(
          tensor(logits)
            .add(t.mul(tensor([0, 1, 2].map((k) => (k === c ? 1 : 0)))))
            .reshape([1, 3]),
          tensor([1], { dtype: 'int32' }),
        );
      expect(grad(grad(f))(tensor(0)).item()).toBeCloseTo(p[c]! * (1 - p[c]!), 12);
    }
  });
});

describe('stable forms agree with the book forms and stay finite where those overflow', () => {
  const moderate = [-20, -3, -0.5, 0, 0.7, 5, 30];
  it('sigmoid / logSigmoid', () => {
    const a = sigmoid(moderate).toList();
    const b = sigmoidNaive(moderate).toList();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 15);
    const la = logSigmoid(moderate).toList();
    const lb = logSigmoidNaive(moderate).toList();
    for (let i = 0; i < la.length; i++)
      expect(Math.abs(la[i]! - lb[i]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(lb[i]!)));
    expect(logSigmoid([-1000]).item()).toBe(-1000);
    expect(logSigmoidNaive([-1000]).item()).toBe(Number.NEGATIVE_INFINITY);
  });
  it('softmax / logSoftmax over either axis', () => {
    const z = [
      [1, 2, 3],
      [-1, 0.5, 4],
    ];
    for (const axis of [0, 1, -1]) {
      const a = softmax(z, { axis }).toList();
      const b = softmaxNaive(z, { axis }).toList();
      for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 15);
      const la = logSoftmax(z, { axis }).toList();
      const lb = logSoftmaxNaive(z, { axis }).toList();
      for (let i = 0; i < la.length; i++) expect(la[i]).toBeCloseTo(lb[i]!, 14);
    }
    expect(softmax([[800, 0]]).toList()).toEqual([1, 0]);
    expect(softmaxNaive([[800, 0]]).toList()[0]).toBeNaN();
  });
  it('normalNll stays finite where the product-of-densities form underflows', () => {
    expect(normalNll([40], 0, 1).item()).toBeCloseTo(800 + 0.5 * Math.log(2 * Math.PI), 10);
    expect(normalNllNaive([40], 0, 1).item()).toBe(Number.POSITIVE_INFINITY);
    expect(normalNll([0.3, 1], 0.1, 2).item()).toBeCloseTo(normalNllNaive([0.3, 1], 0.1, 2).item(), 13);
    expect(normalPdf(0, 0, 1).item()).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
  });
});

describe('reductions and errors', () => {
  const logits = tensor([
    [2, 0.5, -1],
    [0, 0, 3],
  ]);
  const y = tensor([0, 2], { dtype: 'int32' });
  it("reduction 'none' gives one loss per example; 'sum' and 'mean' reduce it", () => {
    const none = crossEntropy(logits, y, { reduction: 'none' }).toList();
    expect(none.length).toBe(2);
    expect(crossEntropy(logits, y, { reduction: 'sum' }).item()).toBeCloseTo(none[0]! + none[1]!, 14);
    expect(crossEntropy(logits, y).item()).toBeCloseTo((none[0]! + none[1]!) / 2, 14);
    expect(nllLoss(logSoftmax(logits), y, { reduction: 'none' }).toList()).toEqual(none);
    expect(mseLoss([1, 2], [0, 0], { reduction: 'sum' }).item()).toBe(5);
  });
  it('messages name the function, the argument, what came and what was expected', () => {
    expect(() => crossEntropy(logits, tensor([0, 1, 2], { dtype: 'int32' }))).toThrow(ShapeError);
    expect(() => crossEntropy(logits, tensor([0, 1, 2], { dtype: 'int32' }))).toThrow(
      /crossEntropy: target must have shape \[2\]/,
    );
    expect(() => crossEntropy(logits, tensor([0, 3], { dtype: 'int32' }))).toThrow(
      /target\[1\] = 3 is out of range; expected a class index in \[0, 2\]/,
    );
    expect(() => crossEntropy(logits, y, { reduction: 'avg' as never })).toThrow(ValueError);
    expect(() => crossEntropy(tensor([[1, 2]], { dtype: 'int32' }), tensor([0], { dtype: 'int32' }))).toThrow(
      DTypeError,
    );
    expect(() => categoricalPmf([3], [[0.2], [0.5], [0.3]])).toThrow(
      /class label y must be an integer in \[0, 2\]/,
    );
    expect(() => categoricalPmf([0, 1], [[0.2], [0.5], [0.3]])).toThrow(
      /y has shape \[2\] but lambda \[3,1\]/,
    );
  });
  it('ignoreIndex examples contribute nothing and leave the mean', () => {
    const a = crossEntropy(logits, tensor([0, -100], { dtype: 'int32' })).item();
    const b = crossEntropy(logits.index(0).reshape([1, 3]), tensor([0], { dtype: 'int32' })).item();
    expect(a).toBeCloseTo(b, 14);
  });
});
