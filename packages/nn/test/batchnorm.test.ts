// BatchNorm1d / BatchNorm2d / batchNorm against PyTorch 1.13: outputs, the full backward (input,
// weight, bias), running_mean / running_var / num_batches_tracked after every training step, eval
// outputs, momentum=None, affine=false, trackRunningStats=false, F.batch_norm called directly, and
// a PyTorch state_dict in the safetensors format (num_batches_tracked I64) loaded into a module.
// Fixture: tests/fixtures/gen_nn_batchnorm.py. Gradients also against finite differences.
// Tolerances (|a - e| / (1 + |e|)): float64 1e-12; float32 1e-5 (PyTorch sums in another order).
import { readFileSync } from 'node:fs';
import { checkGrad, mul, ShapeError, sum, type Tensor, tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  BatchNorm,
  BatchNorm1d,
  BatchNorm2d,
  batchNorm,
  decodeSafetensors,
  encodeSafetensors,
  Linear,
  Sequential,
} from '../src/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/nn_batchnorm.json', import.meta.url), 'utf8'),
);
const stFile = new URL('../../../tests/fixtures/nn_batchnorm.safetensors', import.meta.url);

type Nested = number | Nested[];
const flat = (a: Nested): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a]);
function expectClose(actual: Nested, expected: Nested, tol: number, what = '') {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length, what).toBe(e.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!) / (1 + Math.abs(e[i]!)));
  expect(worst, what).toBeLessThanOrEqual(tol);
}

interface Step {
  training: boolean;
  x: Nested;
  cotangent: Nested;
  y: Nested;
  grad_x: Nested;
  grad_weight?: number[];
  grad_bias?: number[];
  running_mean?: number[];
  running_var?: number[];
  num_batches_tracked?: number;
}

describe('BatchNorm1d / BatchNorm2d against PyTorch, step by step', () => {
  for (const c of fx.cases) {
    it(`${c.name}: ${c.steps.filter((s: Step) => s.training).length} training steps, then eval`, () => {
      const dtype = c.dtype as 'float32' | 'float64';
      const tol = dtype === 'float64' ? 1e-12 : 1e-5;
      const Cls = c.kind === '1d' ? BatchNorm1d : BatchNorm2d;
      const bn = new Cls(c.num_features, {
        eps: c.eps,
        momentum: c.momentum,
        affine: c.affine,
        trackRunningStats: c.track_running_stats,
        dtype,
      });
      if (c.affine)
        bn.loadStateDict(
          { weight: tensor(c.weight, { dtype }), bias: tensor(c.bias, { dtype }) },
          false, // the running buffers keep their initial values, as in the generator
        );
      for (const [i, s] of (c.steps as Step[]).entries()) {
        const what = `${c.name} step ${i}`;
        bn.train(s.training);
        bn.zeroGrad();
        const x = tensor(s.x, { dtype, requiresGrad: true });
        const y = bn.call(x);
        expect(y.shape).toEqual(c.shape);
        expect(y.dtype).toBe(dtype);
        expectClose(y.toList() as Nested, s.y, tol, `${what} y`);
        sum(mul(y, tensor(s.cotangent, { dtype }))).backward();
        expectClose(x.grad!.toList() as Nested, s.grad_x, tol, `${what} grad_x`);
        if (c.affine) {
          expectClose(bn.weight!.grad!.toList() as Nested, s.grad_weight!, tol, `${what} grad_weight`);
          expectClose(bn.bias!.grad!.toList() as Nested, s.grad_bias!, tol, `${what} grad_bias`);
        } else expect(bn.parameters()).toEqual([]);
        if (c.track_running_stats) {
          expectClose(bn.running_mean!.toList() as Nested, s.running_mean!, tol, `${what} running_mean`);
          expectClose(bn.running_var!.toList() as Nested, s.running_var!, tol, `${what} running_var`);
          expect(bn.num_batches_tracked!.item()).toBe(s.num_batches_tracked);
        } else expect(bn.buffers()).toEqual([]);
      }
    });
  }
});

describe('batchNorm (F.batch_norm) against PyTorch', () => {
  const f = fx.functional;
  it('training: output, gradients, running statistics updated in place with momentum', () => {
    const rm = tensor(f.running_mean);
    const rv = tensor(f.running_var);
    const x = tensor(f.x, { requiresGrad: true });
    const weight = tensor(f.weight, { requiresGrad: true });
    const bias = tensor(f.bias, { requiresGrad: true });
    const t = f.training;
    const y = batchNorm(x, rm, rv, { weight, bias, training: true, momentum: t.momentum, eps: t.eps });
    expectClose(y.toList() as Nested, t.y, 1e-12);
    expectClose(rm.toList() as Nested, t.running_mean, 1e-12);
    expectClose(rv.toList() as Nested, t.running_var, 1e-12);
    sum(mul(y, tensor(f.cotangent))).backward();
    expectClose(x.grad!.toList() as Nested, t.grad_x, 1e-12);
    expectClose(weight.grad!.toList() as Nested, t.grad_weight, 1e-12);
    expectClose(bias.grad!.toList() as Nested, t.grad_bias, 1e-12);
    // then eval mode with the updated statistics, no weight or bias (the defaults)
    const e = batchNorm(tensor(f.x), rm, rv);
    expectClose(e.toList() as Nested, f.eval_no_affine.y, 1e-12);
    expectClose(rm.toList() as Nested, t.running_mean, 0); // eval leaves them alone
  });

  it('the backward through the batch statistics agrees with finite differences', () => {
    const cot = tensor(f.cotangent);
    const loss = (p: { x: Tensor; w: Tensor; b: Tensor }) =>
      sum(mul(batchNorm(p.x, null, null, { weight: p.w, bias: p.b, training: true }), cot));
    const r = checkGrad(
      loss,
      { x: tensor(f.x), w: tensor(f.weight), b: tensor(f.bias) },
      {
        scheme: 'central',
        rtol: 1e-6,
        atol: 1e-8,
      },
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    expect(r.count).toBe(24 + 3 + 3);
  });

  it('typed errors name the argument', () => {
    const x = tensor(f.x);
    expect(() => batchNorm(x, null, null)).toThrow(ValueError);
    expect(() => batchNorm(x, null, null)).toThrow(/runningMean and runningVar must be given in eval mode/);
    expect(() => batchNorm(x, null, null, { training: true, weight: tensor([1, 2]) })).toThrow(ShapeError);
    expect(() => batchNorm(x, null, null, { training: true, weight: tensor([1, 2]) })).toThrow(
      /weight must have shape \[3\].*received shape \[2\]/,
    );
    expect(() => batchNorm(tensor([1, 2, 3]), null, null, { training: true })).toThrow(
      /input must have at least 2 dimensions \[N, C, \*\], received shape \[3\]/,
    );
    expect(() => batchNorm(x, null, null, { training: true, eps: -1 })).toThrow(/eps must be/);
    expect(() => batchNorm(tensor([[1, 2, 3]]), null, null, { training: true })).toThrow(
      /Expected more than 1 value per channel when training, got input size \[1,3\]/,
    );
  });
});

describe('PyTorch state_dict (safetensors, num_batches_tracked I64) into BatchNorm2d', () => {
  const sd = fx.state_dict;
  it('loads, and the eval output matches PyTorch after load_state_dict', () => {
    const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(stFile)));
    expect(Object.keys(tensors).sort()).toEqual(sd.keys);
    expect(sd.dtypes.num_batches_tracked).toBe('I64');
    // I64 becomes int32, gradkit's integer dtype (the value fits), a scalar as in PyTorch
    expect(tensors.num_batches_tracked!.dtype).toBe('int32');
    expect(tensors.num_batches_tracked!.shape).toEqual([]);
    const bn = new BatchNorm2d(sd.num_features);
    expect(Object.keys(bn.stateDict()).sort()).toEqual(sd.keys);
    bn.loadStateDict(tensors); // strict: exactly PyTorch's keys
    for (const k of sd.keys) expectClose(bn.stateDict()[k]!.toList() as Nested, sd.state[k], 0, k);
    expect(bn.num_batches_tracked!.item()).toBe(sd.state.num_batches_tracked);
    bn.eval();
    const y = bn.call(tensor(sd.eval_x, { dtype: 'float32' }));
    expectClose(y.toList() as Nested, sd.eval_y, 1e-5);
  });

  it('round-trips through encodeSafetensors (num_batches_tracked written as I32)', () => {
    const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(stFile)));
    const src = new BatchNorm2d(sd.num_features);
    src.loadStateDict(tensors);
    const back = decodeSafetensors(encodeSafetensors(src.stateDict(), { format: 'pt' })).tensors;
    const dst = new BatchNorm2d(sd.num_features);
    dst.loadStateDict(back);
    for (const k of sd.keys) expect(dst.stateDict()[k]!.toList()).toEqual(src.stateDict()[k]!.toList());
    expect(back.num_batches_tracked!.dtype).toBe('int32');
  });
});

describe('BatchNorm modules: state, modes, errors', () => {
  it('registers PyTorch names: weight, bias parameters; running_mean, running_var, num_batches_tracked buffers', () => {
    const bn = new BatchNorm1d(3);
    expect(bn).toBeInstanceOf(BatchNorm);
    expect([...bn.namedParameters()].map(([n]) => n)).toEqual(['weight', 'bias']);
    expect([...bn.namedBuffers()].map(([n]) => n)).toEqual([
      'running_mean',
      'running_var',
      'num_batches_tracked',
    ]);
    expect(bn.weight!.toList()).toEqual([1, 1, 1]);
    expect(bn.bias!.toList()).toEqual([0, 0, 0]);
    expect(bn.running_mean!.toList()).toEqual([0, 0, 0]);
    expect(bn.running_var!.toList()).toEqual([1, 1, 1]);
    expect(bn.num_batches_tracked!.dtype).toBe('int32');
    expect(bn.num_batches_tracked!.shape).toEqual([]);
    expect(bn.weight!.dtype).toBe('float32');
    expect(new BatchNorm2d(2, { dtype: 'float64' }).running_var!.dtype).toBe('float64');
    expect(Object.keys(new BatchNorm1d(2, { affine: false }).stateDict())).toEqual([
      'running_mean',
      'running_var',
      'num_batches_tracked',
    ]);
    expect(Object.keys(new BatchNorm1d(2, { trackRunningStats: false }).stateDict())).toEqual([
      'weight',
      'bias',
    ]);
    const model = new Sequential(new Linear(4, 3, { dtype: 'float32' }), new BatchNorm1d(3));
    expect(Object.keys(model.stateDict())).toContain('1.num_batches_tracked');
    expect(model.toString()).toContain(
      'BatchNorm1d(3, eps=0.00001, momentum=0.1, affine=true, trackRunningStats=true)',
    );
  });

  it('eval mode uses and keeps the running statistics; train mode moves them again', () => {
    const c = fx.cases.find((k: { name: string }) => k.name === '1d_NCL_float64');
    const [s0, s1] = c.steps as Step[];
    const bn = new BatchNorm1d(3, { dtype: 'float64' });
    bn.call(tensor(s0!.x));
    const after = [bn.running_mean!.toList(), bn.running_var!.toList(), bn.num_batches_tracked!.item()];
    bn.eval();
    expect(bn.training).toBe(false);
    const e1 = bn.call(tensor(s1!.x)).toList();
    const e2 = bn.call(tensor(s1!.x)).toList();
    expect(e2).toEqual(e1); // eval is a fixed function of the input
    expect([bn.running_mean!.toList(), bn.running_var!.toList(), bn.num_batches_tracked!.item()]).toEqual(
      after,
    );
    bn.train();
    bn.call(tensor(s1!.x));
    expect(bn.num_batches_tracked!.item()).toBe(2);
    expect(bn.running_mean!.toList()).not.toEqual(after[0]);
    // a batch of one value per channel is fine in eval mode
    expect(bn.eval().call(tensor([[1, 2, 3]])).shape).toEqual([1, 3]);
    bn.resetRunningStats();
    expect([bn.running_mean!.toList(), bn.running_var!.toList(), bn.num_batches_tracked!.item()]).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      0,
    ]);
  });

  it('bad numFeatures and options: ValueError naming the argument', () => {
    for (const bad of [0, -1, 2.5, Number.NaN])
      expect(() => new BatchNorm1d(bad)).toThrow(
        new RegExp(`BatchNorm1d: numFeatures must be a positive integer, received ${String(bad)}`),
      );
    expect(() => new BatchNorm2d(0)).toThrow(ValueError);
    expect(() => new BatchNorm2d(0)).toThrow(/BatchNorm2d: numFeatures/);
    expect(() => new BatchNorm1d(3, { momentum: Number.NaN })).toThrow(
      /momentum must be a finite number or null/,
    );
    expect(() => new BatchNorm1d(3, { eps: -1e-5 })).toThrow(/eps must be a finite non-negative number/);
    expect(() => new BatchNorm1d(3, { dtype: 'int32' })).toThrow(/dtype must be 'float32' or 'float64'/);
  });

  it('wrong input rank or channel count: ShapeError naming the layer, the received shape and the expected one', () => {
    const bn1 = new BatchNorm1d(3, { dtype: 'float64' });
    expect(() => bn1.call(tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => bn1.call(tensor([[[[1, 2, 3]]]]))).toThrow(
      /BatchNorm1d.*expected 2D or 3D input \[N, C\] or \[N, C, L\] \(got 4D input\), received shape \[1,1,1,3\]/,
    );
    expect(() =>
      bn1.call(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(/expected input with 3 channels \(dim 1\), received shape \[2,2\]/);
    const bn2 = new BatchNorm2d(2, { dtype: 'float64' });
    expect(() => bn2.call(tensor([[[1, 2]], [[3, 4]]]))).toThrow(
      /BatchNorm2d.*expected 4D input \[N, C, H, W\] \(got 3D input\)/,
    );
    const model = new Sequential(bn1);
    expect(() =>
      model.call(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(/BatchNorm1d\(3.*'0'/);
  });

  it('one value per channel in training: ValueError as PyTorch, the state untouched', () => {
    const bn = new BatchNorm1d(3, { dtype: 'float64' });
    expect(() => bn.call(tensor([[1, 2, 3]]))).toThrow(ValueError);
    expect(() => bn.call(tensor([[1, 2, 3]]))).toThrow(
      /Expected more than 1 value per channel when training, got input size \[1,3\]/,
    );
    expect(bn.num_batches_tracked!.item()).toBe(0);
    expect(() => bn.call(tensor([[[1], [2], [3]]]))).toThrow(/got input size \[1,3,1\]/);
    // N = 1 with L = 2 has two values per channel: accepted
    expect(
      bn.call(
        tensor([
          [
            [1, 2],
            [3, 5],
            [0, 1],
          ],
        ]),
      ).shape,
    ).toEqual([1, 3, 2]);
    const bn2 = new BatchNorm2d(2, { dtype: 'float64' });
    expect(() => bn2.call(tensor([[[[1]], [[2]]]]))).toThrow(/got input size \[1,2,1,1\]/);
    // without running statistics the batch's are used in eval mode too, so the check applies there
    const free = new BatchNorm1d(3, { trackRunningStats: false, dtype: 'float64' }).eval();
    expect(() => free.call(tensor([[1, 2, 3]]))).toThrow(/Expected more than 1 value per channel/);
  });
});
