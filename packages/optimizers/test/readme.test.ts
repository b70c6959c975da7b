// The README example, run as written (so it cannot rot).
import { tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { minimize, pathological, SGD, StepLR } from '../src/index.js';

describe('README example', () => {
  it('runs', () => {
    const w = tensor([[0.1, -0.2]], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    const opt = new SGD([{ params: { weight: w }, weightDecay: 3 }, { params: { bias: b } }], {
      lr: 0.05,
      momentum: 0.9,
    });
    const sched = new StepLR(opt, { stepSize: 10, gamma: 0.5 });
    for (let epoch = 0; epoch < 20; epoch++) {
      const loss = w.sum().add(b.sum()).mul(w.sum().add(b.sum()));
      loss.backward();
      opt.step();
      opt.zeroGrad();
      sched.step();
    }
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.0125, 15);
    const t = minimize(pathological, [5, 5], { optimizer: 'adam', lr: 10, steps: 100 });
    expect(t.points.length).toBe(100);
    expect(t.points[0]).toEqual([5, 5, pathological.loss([5, 5])]);
  });
});
