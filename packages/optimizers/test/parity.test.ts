// PyTorch parity: every optimizer/option combination on the same random gradients, float64,
// and every LR schedule per epoch. Fixture: tests/fixtures/gen_optim_parity.py (PyTorch 1.13).
import { readFileSync } from 'node:fs';
import { Tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  Adagrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  MultiStepLR,
  type Optimizer,
  RMSprop,
  SGD,
  StepLR,
} from '../src/index.js';

interface Fixture {
  shapes: number[][];
  init: number[][];
  grads: number[][][];
  cases: { optimizer: string; options: Record<string, unknown>; trajectory: number[][][] }[];
  groupCases: {
    optimizer: string;
    groups: Record<string, unknown>[];
    defaults: Record<string, unknown>;
    trajectory: number[][][];
  }[];
  schedules: { scheduler: string; options: Record<string, unknown>; lrs: number[][] }[];
}
const fx: Fixture = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/optim_parity.json', import.meta.url), 'utf8'),
);
const TOL = 1e-10;

const CTORS: Record<string, new (params: any, options: any) => Optimizer<any>> = {
  SGD,
  Adagrad,
  RMSprop,
  Adam,
  AdamW,
};

function makeParams(): Tensor[] {
  return fx.init.map((v, i) => new Tensor(Float64Array.from(v), fx.shapes[i]!));
}

function runCase(opt: Optimizer<{ lr: number }>, params: Tensor[], expected: number[][][]): number {
  let worst = 0;
  expected.forEach((stepValues, t) => {
    params.forEach((p, i) => {
      p.grad = new Tensor(Float64Array.from(fx.grads[t]![i]!), p.shape);
    });
    opt.step();
    params.forEach((p, i) => {
      stepValues[i]!.forEach((v, k) => {
        worst = Math.max(worst, Math.abs(p.data[k]! - v) / Math.max(1, Math.abs(v)));
      });
    });
  });
  return worst;
}

describe('optimizers equal PyTorch 1.13 in float64 on random gradients', () => {
  for (const c of fx.cases) {
    it(`${c.optimizer} ${JSON.stringify(c.options)}`, () => {
      const params = makeParams();
      const opt = new CTORS[c.optimizer]!(params, c.options);
      expect(runCase(opt, params, c.trajectory)).toBeLessThan(TOL);
    });
  }
  for (const c of fx.groupCases) {
    it(`${c.optimizer} with parameter groups ${JSON.stringify(c.groups)}`, () => {
      const params = makeParams();
      const opt = new CTORS[c.optimizer]!(
        c.groups.map((g, i) => ({ ...g, params: [params[i]!] })),
        c.defaults,
      );
      expect(runCase(opt, params, c.trajectory)).toBeLessThan(TOL);
    });
  }
});

describe('LR schedules equal PyTorch per epoch', () => {
  const SCHED: Record<string, new (opt: any, o: any) => { step(): void; closedFormLr(): number[] }> = {
    StepLR,
    MultiStepLR,
    ExponentialLR,
    CosineAnnealingLR,
    LinearLR,
  };
  for (const s of fx.schedules) {
    it(`${s.scheduler} ${JSON.stringify(s.options)}`, () => {
      const p = new Tensor(new Float64Array(1), [1]);
      const q = new Tensor(new Float64Array(1), [1]);
      const opt = new SGD([{ params: [p] }, { params: [q], lr: 0.3 }], { lr: 0.05 });
      const sched = new SCHED[s.scheduler]!(opt, s.options);
      const got: number[][] = [opt.paramGroups.map((g) => g.lr)];
      for (let e = 0; e < s.lrs.length - 1; e++) {
        p.grad = new Tensor(new Float64Array(1), [1]);
        q.grad = new Tensor(new Float64Array(1), [1]);
        opt.step();
        sched.step();
        got.push(opt.paramGroups.map((g) => g.lr));
        // The closed form agrees with the recursive form (PyTorch's `_get_closed_form_lr`).
        const closed = sched.closedFormLr();
        closed.forEach((v, i) => expect(Math.abs(v - got[got.length - 1]![i]!)).toBeLessThan(1e-12));
      }
      s.lrs.forEach((row, e) => row.forEach((v, i) => expect(Math.abs(got[e]![i]! - v)).toBeLessThan(1e-15)));
    });
  }
});
