import { DTypeError, RandomState, ShapeError, Tensor, tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  Adagrad,
  Adam,
  AdamW,
  adagradReference,
  adagradUpdate,
  adamReference,
  adamUpdate,
  fma,
  RMSprop,
  rmspropReference,
  rmspropUpdate,
  SGD,
  StepLR,
  sgdReference,
  sgdUpdate,
} from '../src/index.js';

const rng = new RandomState(7);
const randn = (n: number) => Float64Array.from((rng.randn(n) as Tensor).data);
const T = (a: Float64Array) => new Tensor(a, [a.length]);
function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-14): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i]!)));
}

describe('fast kernels equal the readable references', () => {
  const n = 37;
  it('SGD (every option) over 5 steps', () => {
    for (const momentum of [0, 0.9])
      for (const nesterov of momentum ? [false, true] : [false])
        for (const weightDecay of [0, 0.1])
          for (const maximize of [false, true]) {
            const o = { lr: 0.1, momentum, dampening: nesterov ? 0 : 0.2, nesterov, weightDecay, maximize };
            const p = randn(n);
            let ref = T(p.slice());
            let refBuf: Tensor | null = null;
            const buf = new Float64Array(n);
            for (let t = 0; t < 5; t++) {
              const g = randn(n);
              sgdUpdate(p, g, momentum ? buf : null, t === 0, o);
              ({ param: ref, buf: refBuf } = sgdReference(ref, T(g), refBuf, o));
              close(p, ref.data);
            }
          }
  });
  it('Adagrad, RMSprop, Adam/AdamW (every option) over 5 steps', () => {
    for (const weightDecay of [0, 0.1])
      for (const maximize of [false, true]) {
        const ao = { lr: 0.1, lrDecay: 0.01, weightDecay, eps: 1e-10, maximize };
        const p = randn(n);
        const sum = new Float64Array(n).fill(0.1);
        let r = { param: T(p.slice()), sum: T(sum.slice()) };
        for (let t = 1; t <= 5; t++) {
          const g = randn(n);
          adagradUpdate(p, g, sum, t, ao);
          r = adagradReference(r.param, T(g), r.sum, t, ao);
          close(p, r.param.data);
          close(sum, r.sum.data);
        }
        for (const centered of [false, true])
          for (const momentum of [0, 0.9]) {
            const o = { lr: 0.01, alpha: 0.9, eps: 1e-8, weightDecay, momentum, centered, maximize };
            const q = randn(n);
            const sq = new Float64Array(n);
            const ga = new Float64Array(n);
            const buf = new Float64Array(n);
            let s = {
              param: T(q.slice()),
              squareAvg: T(new Float64Array(n)),
              gradAvg: T(new Float64Array(n)),
              buf: T(new Float64Array(n)),
            } as {
              param: Tensor;
              squareAvg: Tensor;
              gradAvg?: Tensor;
              buf?: Tensor;
            };
            for (let t = 0; t < 5; t++) {
              const g = randn(n);
              rmspropUpdate(q, g, sq, centered ? ga : null, momentum ? buf : null, o);
              const next = rmspropReference(s.param, T(g), s as { squareAvg: Tensor }, o);
              s = { ...s, ...next };
              close(q, s.param.data, 1e-13);
            }
          }
        for (const amsgrad of [false, true])
          for (const decoupled of [false, true]) {
            const o = {
              lr: 0.05,
              beta1: 0.9,
              beta2: 0.99,
              eps: 1e-8,
              weightDecay,
              amsgrad,
              maximize,
              decoupled,
            };
            const q = randn(n);
            const m = new Float64Array(n);
            const v = new Float64Array(n);
            const vmax = new Float64Array(n);
            let s = {
              param: T(q.slice()),
              expAvg: T(new Float64Array(n)),
              expAvgSq: T(new Float64Array(n)),
              maxExpAvgSq: T(new Float64Array(n)),
            } as {
              param: Tensor;
              expAvg: Tensor;
              expAvgSq: Tensor;
              maxExpAvgSq?: Tensor;
            };
            for (let t = 1; t <= 5; t++) {
              const g = Float64Array.from(randn(n), (x) => x * (t % 2 ? 3 : 0.2));
              adamUpdate(q, g, m, v, amsgrad ? vmax : null, t, o);
              s = { ...s, ...adamReference(s.param, T(g), s, t, o) };
              close(q, s.param.data, 1e-13);
            }
          }
      }
  });
  it('fma rounds once', () => {
    const t = 0.9999092042625951;
    // 1 − t² with one rounding equals the exact rational result rounded (PyTorch's tanh backward)
    expect(fma(-t, t, 1)).not.toBe(1 - t * t);
    expect(fma(2, 3, 4)).toBe(10);
    expect(fma(0.1, 10, -1)).toBe(5.551115123125783e-17); // 0.1 is 0.1000000000000000055511151231257827…
  });
});

describe('Optimizer bookkeeping', () => {
  it('merges group options over defaults and keeps per-group options', () => {
    const w = tensor([1, 2]);
    const b = tensor([0.5]);
    const opt = new SGD([{ params: [w], weightDecay: 3, name: 'weights' }, { params: { bias: b } }], {
      lr: 0.01,
    });
    expect(opt.paramGroups[0]!.weightDecay).toBe(3);
    expect(opt.paramGroups[1]!.weightDecay).toBe(0);
    expect(opt.paramGroups[1]!.paramNames).toEqual(['bias']);
    expect(opt.paramGroups[0]!.lr).toBe(0.01);
    w.grad = tensor([0, 0]);
    b.grad = tensor([0]);
    opt.step();
    close(w.data, [1 - 0.01 * 3 * 1, 2 - 0.01 * 3 * 2]);
    expect(b.data[0]).toBe(0.5);
  });

  it('zeroGrad sets grads to null, or to zeros with setToNone false', () => {
    const w = tensor([1, 2]);
    const opt = new Adam([w]);
    w.grad = tensor([3, 4]);
    opt.zeroGrad({ setToNone: false });
    expect(Array.from(w.grad!.data)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it('stateDict / loadStateDict resume exactly', () => {
    const make = () => [tensor([1, -2, 3]), tensor([0.5, 0.25])];
    const grads = [0, 1, 2, 3, 4, 5].map((t) => [tensor([t, -1, 0.5 * t]), tensor([1 / (t + 1), t])]);
    const run = (opt: Adam, ps: Tensor[], from: number, to: number) => {
      for (let t = from; t < to; t++) {
        ps.forEach((p, i) => {
          p.grad = grads[t]![i]!;
        });
        opt.step();
      }
    };
    const a = make();
    const optA = new Adam(a, { lr: 0.1, amsgrad: true });
    run(optA, a, 0, 6);
    const b = make();
    const optB = new Adam(b, { lr: 0.1, amsgrad: true });
    run(optB, b, 0, 3);
    const saved = optB.stateDict();
    expect(saved.paramGroups[0]!.params).toEqual([0, 1]);
    expect(saved.state[0]!.step).toBe(3);
    run(optB, b, 3, 4); // changes optB's state; the saved copy must not change
    const c = b.map((p) => p.clone());
    // rewind c to the state after 3 steps
    const b3 = make();
    const optB3 = new Adam(b3, { lr: 0.1, amsgrad: true });
    run(optB3, b3, 0, 3);
    const optC = new Adam(b3, { lr: 0.5, amsgrad: true });
    optC.loadStateDict(saved);
    expect(optC.paramGroups[0]!.lr).toBe(0.1);
    run(optC, b3, 3, 6);
    a.forEach((p, i) => expect(Array.from(b3[i]!.data)).toEqual(Array.from(p.data)));
    expect(c.length).toBe(2);
    expect(() => optC.loadStateDict({ ...saved, paramGroups: [] })).toThrow(
      /1 parameter groups|0 parameter groups/,
    );
  });

  it('addParamGroup adds parameters later; schedulers write only lr', () => {
    const w = tensor([1]);
    const v = tensor([2]);
    const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
    opt.addParamGroup({ params: [v], lr: 0.2 });
    const s = new StepLR(opt, { stepSize: 1, gamma: 0.5 });
    s.step();
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.05, 0.1]);
    expect(opt.paramGroups.map((g) => g.momentum)).toEqual([0.9, 0.9]);
  });
});

describe('bad input', () => {
  const p = () => tensor([1, 2]);
  it('negative or NaN learning rates', () => {
    expect(() => new SGD([p()], { lr: -0.1 })).toThrow(ValueError);
    expect(() => new SGD([p()], { lr: -0.1 })).toThrow(
      /SGD: defaults.lr must be a finite number >= 0, received -0.1/,
    );
    expect(() => new Adam([p()], { lr: Number.NaN })).toThrow(/lr .*NaN/);
    expect(() => new SGD([{ params: [p()], lr: -1 }], { lr: 0.1 })).toThrow(/paramGroups\[0\]\.lr/);
    expect(() => new SGD([p()], {} as { lr: number })).toThrow(/lr is required/);
  });
  it('a learning rate set to NaN by hand is caught at step', () => {
    const w = p();
    const opt = new RMSprop([w]);
    opt.paramGroups[0]!.lr = Number.NaN;
    w.grad = tensor([1, 1]);
    expect(() => opt.step()).toThrow(/RMSprop.step: paramGroups\[0\]\.lr/);
  });
  it('betas outside [0, 1)', () => {
    expect(() => new Adam([p()], { betas: [1, 0.999] })).toThrow(
      /betas\[0\] must be in \[0, 1\), received 1/,
    );
    expect(() => new AdamW([p()], { betas: [0.9, -0.1] })).toThrow(/betas\[1\]/);
  });
  it('nesterov without momentum, negative weight decay, negative alpha', () => {
    expect(() => new SGD([p()], { lr: 0.1, nesterov: true })).toThrow(/nesterov/);
    expect(() => new Adagrad([p()], { weightDecay: -1 })).toThrow(/weightDecay/);
    expect(() => new RMSprop([p()], { alpha: -0.5 })).toThrow(/alpha/);
  });
  it('a parameter listed twice', () => {
    const w = p();
    expect(() => new SGD([w, w], { lr: 0.1 })).toThrow(
      /paramGroups\[0\]\.params\[1\] is listed twice \(it is already paramGroups\[0\]\.params\[0\]\)/,
    );
    expect(() => new SGD([{ params: [w] }, { params: { again: w } }], { lr: 0.1 })).toThrow(
      /parameter again is listed twice/,
    );
    const opt = new SGD([w], { lr: 0.1 });
    expect(() => opt.addParamGroup({ params: [w] })).toThrow(/listed twice/);
  });
  it('empty params, non-float and non-leaf parameters', () => {
    expect(() => new SGD([], { lr: 0.1 })).toThrow(/params is empty/);
    expect(() => new SGD([tensor([1, 2], { dtype: 'int32' })], { lr: 0.1 })).toThrow(DTypeError);
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => new SGD([x.mul(2)], { lr: 0.1 })).toThrow(/not a leaf/);
  });
  it('a step with no gradients', () => {
    const opt = new Adam([p(), p()]);
    expect(() => opt.step()).toThrow(/no parameter has a gradient/);
  });
  it('a gradient of the wrong shape', () => {
    const w = p();
    const opt = new SGD([w], { lr: 0.1 });
    w.grad = tensor([1, 2, 3]);
    expect(() => opt.step()).toThrow(ShapeError);
  });
  it('a step that makes a parameter non-finite names it', () => {
    const w = tensor([1e308, 1]);
    const opt = new SGD({ 'fc.weight': w }, { lr: 1 });
    w.grad = tensor([-1e308, 0]);
    expect(() => opt.step()).toThrow(
      /SGD.step: parameter fc.weight became non-finite .*gradient was finite.*lower the learning rate/,
    );
    const v = tensor([1, 1]);
    const opt2 = new Adam([{ params: [tensor([0])] }, { params: [v] }]);
    v.grad = tensor([Number.NaN, 0]);
    opt2.paramGroups[0]!.params[0]!.grad = tensor([1]);
    expect(() => opt2.step()).toThrow(
      /parameter paramGroups\[1\]\.params\[0\] became non-finite.*gradient already held NaN/,
    );
  });
});

describe('closure, float32 parameters and scheduler state', () => {
  it('step(closure) returns the loss the closure computes', () => {
    const w = tensor([3], { requiresGrad: true });
    const opt = new SGD([w], { lr: 0.1 });
    const loss = opt.step(() => {
      opt.zeroGrad();
      const l = w.mul(w).sum();
      l.backward();
      return l;
    });
    expect(loss).toBe(9);
    expect(w.data[0]).toBeCloseTo(3 - 0.1 * 6, 15);
  });

  it('float32 parameters keep float32 state and take float64 gradients', () => {
    const w = new Tensor(Float32Array.from([1, 2]), [2], 'float32');
    const opt = new Adam([w], { lr: 0.1 });
    w.grad = tensor([0.5, -0.5]);
    opt.step();
    expect(w.data).toBeInstanceOf(Float32Array);
    expect((opt.state.get(w)!.expAvg as Tensor).dtype).toBe('float32');
    // first Adam step moves each parameter by lr against the gradient's sign
    expect(w.data[0]).toBeCloseTo(0.9, 6);
    expect(w.data[1]).toBeCloseTo(2.1, 6);
  });

  it('a scheduler state dict resumes the schedule', () => {
    const w = tensor([1]);
    const opt = new SGD([w], { lr: 1 });
    const s = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
    s.step();
    s.step();
    s.step();
    const saved = s.stateDict();
    expect(saved.lastEpoch).toBe(3);
    expect(s.getLastLr()).toEqual([0.5]);
    const opt2 = new SGD([tensor([1])], { lr: 1 });
    const s2 = new StepLR(opt2, { stepSize: 2, gamma: 0.5 });
    s2.loadStateDict(saved);
    opt2.paramGroups[0]!.lr = 0.5;
    s2.step();
    s.step();
    expect(opt2.paramGroups[0]!.lr).toBe(opt.paramGroups[0]!.lr);
  });
});
