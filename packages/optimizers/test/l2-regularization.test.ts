// withL2Regularization / l2Penalty: UDL notebook 9.1 run with numpy
// (tests/fixtures/gen_udl_l2_regularization.py -> udl_l2_regularization.json, 1e-12 absolute: the
// same float64 operations in the same order) and finite differences of the gradient.
import { readFileSync } from 'node:fs';
import { ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  descend,
  gabor,
  gaborObjective,
  gradientDescentStepFixedLearningRate,
  l2Penalty,
  withL2Regularization,
} from '../src/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/udl_l2_regularization.json', import.meta.url), 'utf8'),
) as {
  phi_all: number[][];
  phi_all_reg: number[][];
  grid: { phi0: number; phi1: number; loss: number; reg_term: number; loss2: number }[];
};

const maxPathDiff = (path: number[][], ref: number[][]) =>
  Math.max(...path.flatMap((p, j) => [Math.abs(p[0]! - ref[0]![j]!), Math.abs(p[1]! - ref[1]![j]!)]));

describe('withL2Regularization (UDL 9.1)', () => {
  const reg = withL2Regularization(gaborObjective, 0.2, [0, 12.5]);

  it('reproduces the notebook descents with and without the penalty (numpy)', () => {
    const plain = descend([2.6, 8.5], 41, (p) =>
      gradientDescentStepFixedLearningRate(p, gaborObjective, 0.1),
    );
    const withReg = descend([2.6, 8.5], 41, (p) => gradientDescentStepFixedLearningRate(p, reg, 0.1));
    expect(maxPathDiff(plain, fx.phi_all)).toBeLessThan(1e-12);
    expect(maxPathDiff(withReg, fx.phi_all_reg)).toBeLessThan(1e-12);
  });

  it('loss, penalty and penalised loss on the notebook grid (numpy)', () => {
    for (const p of fx.grid) {
      expect(l2Penalty([p.phi0, p.phi1], [0, 12.5])).toBeCloseTo(p.reg_term, 12);
      expect(reg.loss([p.phi0, p.phi1])).toBeCloseTo(p.loss2, 12);
      expect(gaborObjective.loss([p.phi0, p.phi1])).toBeCloseTo(p.loss, 12);
    }
  });

  it('its gradient matches central finite differences', () => {
    for (const phi of [
      [2.6, 8.5],
      [-1, 15],
      [0.3, 12.2],
    ]) {
      const g = reg.grad(phi);
      const h = 1e-6;
      for (let i = 0; i < 2; i++) {
        const up = [...phi];
        const dn = [...phi];
        up[i]! += h;
        dn[i]! -= h;
        expect(g[i]!).toBeCloseTo((reg.loss(up) - reg.loss(dn)) / (2 * h), 5);
      }
    }
  });

  it('defaults the centre to 0 (the squared norm of UDL eq. 9.5) and keeps a surface a surface', () => {
    expect(l2Penalty([3, 4])).toBe(25);
    const s = withL2Regularization(gabor, 0.5);
    expect(s.name).toBe('gabor+l2(0.5)');
    expect(s.init).toEqual(gabor.init);
    expect(s.loss([1, 2]) - gabor.loss([1, 2])).toBeCloseTo(0.5 * 5, 12);
    expect(s.grad([1, 2])[1]! - gabor.grad([1, 2])[1]!).toBeCloseTo(2, 12);
  });

  it('names the argument on bad input', () => {
    expect(() => withL2Regularization(gaborObjective, -1)).toThrow(ValueError);
    expect(() => withL2Regularization(gaborObjective, -1)).toThrow(/withL2Regularization: lambda must be/);
    expect(() => withL2Regularization(gaborObjective, 0.1, [0]).loss([1, 2])).toThrow(/center has 1 entries/);
    expect(() => l2Penalty([1], [Number.NaN])).toThrow(/l2Penalty: center must be/);
  });
});
