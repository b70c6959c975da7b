// PyTorch parity for @gradkit/losses: values and gradients (float64) against
// tests/fixtures/losses_torch.json, written by tests/fixtures/gen_losses.py (PyTorch 1.13).
// Tolerance: 1e-12 relative + absolute (both sides compute in float64).
import { readFileSync } from 'node:fs';
import { mul, sigmoid, sum, type Tensor, tensor } from '@gradkit/core';
import {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  l1Loss,
  logSigmoid,
  logSoftmax,
  logSoftmaxNaive,
  mseLoss,
  nllLoss,
  softmax,
  softmaxNaive,
} from '@gradkit/losses';
import { describe, expect, it } from 'vitest';

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/losses_torch.json', import.meta.url), 'utf8'));

type Nested = number | Nested[];
function flat(a: Nested): number[] {
  return Array.isArray(a) ? a.flatMap(flat) : [a];
}
function expectClose(actual: Nested, expected: Nested, tol = 1e-12) {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(e[i]!)) expect(a[i]).toBe(e[i]);
    else expect(Math.abs(a[i]! - e[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(e[i]!)));
  }
}

/** Value and gradient of sum(f(x) * cotangent) with respect to x, as the fixture stores them. */
function check(
  f: (x: Tensor) => Tensor,
  c: { x?: Nested; value: Nested; grad?: Nested; cotangent?: Nested },
  x: Nested = c.x!,
) {
  const xt = tensor(x as number[], { requiresGrad: true });
  const out = f(xt);
  expectClose(out.toArray() as Nested, c.value);
  if (c.grad) {
    sum(mul(out, tensor(c.cotangent as number[]))).backward();
    expectClose(xt.grad!.toArray() as Nested, c.grad);
  }
}

describe('softmax / logSoftmax / sigmoid against PyTorch', () => {
  it('softmax over the last axis and over axis 0 (the book layout)', () => {
    check((x) => softmax(x), cases.softmax_last);
    check((x) => softmax(x, { axis: 0 }), cases.softmax_axis0);
    check((x) => softmaxNaive(x, { axis: 0 }), cases.softmax_axis0);
  });
  it('logSoftmax, including logits of ±1000 where the naive form fails', () => {
    check((x) => logSoftmax(x), cases.log_softmax_last);
    check((x) => logSoftmax(x, { axis: 0 }), cases.log_softmax_axis0);
    check((x) => logSoftmax(x), cases.log_softmax_big);
    check((x) => softmax(x), cases.softmax_big);
    const naive = logSoftmaxNaive(tensor(cases.log_softmax_big.x)).toList();
    expect(naive.some((v) => !Number.isFinite(v))).toBe(true);
  });
  it('sigmoid and logSigmoid at z = ±1000', () => {
    check((x) => sigmoid(x), cases.sigmoid);
    check((x) => logSigmoid(x), cases.logsigmoid);
  });
});

describe('crossEntropy / nllLoss against PyTorch', () => {
  const ce = cases.cross_entropy;
  for (const [name, c] of Object.entries<any>(ce.cases)) {
    it(`cross_entropy ${name}`, () => {
      const isProb = Array.isArray(c.target[0]);
      const target = isProb ? tensor(c.target) : tensor(c.target, { dtype: 'int32' });
      const o = c.options;
      const options = {
        ...(o.reduction ? { reduction: o.reduction } : {}),
        ...(o.weight ? { weight: tensor(o.weight) } : {}),
        ...(o.label_smoothing !== undefined ? { labelSmoothing: o.label_smoothing } : {}),
      };
      check((x) => crossEntropy(x, target, options), c, c.x ?? ce.x);
    });
  }
  it('nll_loss with class weights (weighted mean)', () => {
    const c = cases.nll_loss_weight_mean;
    check((x) => nllLoss(x, tensor(c.target, { dtype: 'int32' }), { weight: c.weight }), c);
  });
});

describe('binary cross-entropy, MSE, L1 against PyTorch', () => {
  it('binaryCrossEntropy: mean, weighted sum, and the -100 log clamp at p = 0 or 1', () => {
    check((x) => binaryCrossEntropy(x, tensor(cases.bce_mean.y)), cases.bce_mean);
    const c = cases.bce_weight_sum;
    check((x) => binaryCrossEntropy(x, tensor(c.y), { weight: tensor(c.weight), reduction: 'sum' }), c);
    const e = cases.bce_clamped;
    expectClose(
      binaryCrossEntropy(tensor(e.x), tensor(e.y), { reduction: 'none' }).toArray() as Nested,
      e.value,
    );
  });
  it('binaryCrossEntropyWithLogits: mean and posWeight/weight (logits up to ±800 stay finite)', () => {
    check((x) => binaryCrossEntropyWithLogits(x, tensor(cases.bce_logits_mean.y)), cases.bce_logits_mean);
    const c = cases.bce_logits_pos_weight_none;
    check(
      (x) =>
        binaryCrossEntropyWithLogits(x, tensor(c.y), {
          weight: tensor(c.weight),
          posWeight: tensor(c.posWeight),
          reduction: 'none',
        }),
      c,
    );
  });
  it('mseLoss (mean) and l1Loss (sum)', () => {
    check((x) => mseLoss(x, tensor(cases.mse_mean.y)), cases.mse_mean);
    check((x) => l1Loss(x, tensor(cases.l1_sum.y), { reduction: 'sum' }), cases.l1_sum);
  });
});
