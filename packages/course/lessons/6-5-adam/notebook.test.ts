// Notebook 6.5: `gradkit run 6-5-adam` (udlbook/6_5_Adam.md). The notebook prints nothing and has
// no recorded outputs; its four paths are compared with tests/fixtures/udl_training.json (`adam`:
// numpy, the notebook's code with its TODOs completed by UDL eqs. 6.13–6.17,
// tests/fixtures/gen_udl_training.py), and its text's claims are asserted: normalized gradients
// "never actually converge — the solution just bounces back and forth between the last two
// points", Adam converges.
//
// The gradient is a central finite difference with δ = 1e-5, which multiplies the last-bit
// differences between JavaScript's and glibc's `exp` by 1e5: paths agree with numpy to ~1e-11,
// except the α = 1.0 gradient descent, which overshoots the valley every step and amplifies them
// to ~1e-5 over 40 steps; that run is checked step by step from numpy's own points instead.
import { readFileSync } from 'node:fs';
import { Adam, minimize } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import {
  adam,
  adamSurface,
  adamWithoutBiasCorrection,
  type GradPath,
  getLossGradient,
  loss,
  normalizedGradients,
  START_POSN,
} from './notebook.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_training.json', import.meta.url), 'utf8'),
).adam as {
  grad_descent_200: GradPath;
  grad_descent_40: GradPath;
  normalized_gradients: GradPath;
  adam: GradPath;
  loss_at_start: number;
  grid_size: number;
};

const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, r) => row.map((v, j) => Math.abs(v - b[r]![j]!))));

describe('6-5-adam notebook', async () => {
  const { values, report } = await runLesson('6-5-adam');
  const paths = values['grad_path1#all'] as GradPath[];

  it('prints nothing; draws the loss on the 200 × 200 grid of np.arange(-1, 1, 0.01)', () => {
    expect(report).toEqual([]);
    const lf = values.loss_function as number[][];
    expect([lf.length, lf[0]!.length]).toEqual([fx.grid_size, fx.grid_size]);
    // rows are φ1, columns φ0: loss_function[idphi0, idphi1] = loss(phi1, phi0)
    expect(lf[10]![30]).toBe(loss(-1 + 30 * 0.01, -1 + 10 * 0.01));
    expect((values.phi0mesh as number[][])[10]![30]).toBeCloseTo(-0.7, 14);
    expect((values.phi1mesh as number[][])[10]![30]).toBeCloseTo(-0.9, 14);
    expect(loss(START_POSN[0], START_POSN[1])).toBeCloseTo(fx.loss_at_start, 15);
    expect(values.start_posn).toEqual([[-0.7], [-0.9]]);
  });

  it('gradient descent: 200 steps of α = 0.08 equal numpy; 40 steps of α = 1.0 follow numpy step by step', () => {
    expect(paths).toHaveLength(3);
    expect(paths[0]![0]).toHaveLength(201);
    expect(maxDiff(paths[0]!, fx.grad_descent_200)).toBeLessThan(1e-10);
    const gd40 = values.grad_path2 as GradPath;
    expect(gd40[0]).toHaveLength(41);
    expect(maxDiff(gd40, fx.grad_descent_40)).toBeLessThan(1e-4);
    const [p0, p1] = fx.grad_descent_40;
    for (let i = 0; i < 40; i++) {
      const g = getLossGradient(p0[i]!, p1[i]!);
      expect(Math.abs(p0[i]! - 1.0 * g[0] - p0[i + 1]!)).toBeLessThan(1e-10);
      expect(Math.abs(p1[i]! - 1.0 * g[1] - p1[i + 1]!)).toBeLessThan(1e-10);
    }
    // α = 1.0 oscillates across the valley in φ1: the sign of φ1 keeps flipping
    const flips = gd40[1].slice(1).filter((v, i) => Math.sign(v) !== Math.sign(gd40[1][i]!)).length;
    expect(flips).toBeGreaterThan(20);
  });

  it('normalized gradients (eqs. 6.13–6.14) equal numpy and end bouncing between the last two points', () => {
    const norm = paths[1]!;
    expect(norm[0]).toHaveLength(41);
    expect(maxDiff(norm, fx.normalized_gradients)).toBeLessThan(1e-12);
    // every coordinate moves exactly ±α = 0.08 per step
    for (let i = 0; i < 40; i++)
      for (const r of [0, 1])
        expect(Math.abs(Math.abs(norm[r]![i + 1]! - norm[r]![i]!) - 0.08)).toBeLessThan(1e-12);
    const n = 40;
    for (const r of [0, 1]) {
      expect(norm[r]![n]).toBeCloseTo(norm[r]![n - 2]!, 12);
      expect(norm[r]![n - 1]).toBeCloseTo(norm[r]![n - 3]!, 12);
    }
    expect(norm[0]![n]).toBeCloseTo(0.74, 12);
    expect(norm[0]![n - 1]).toBeCloseTo(0.66, 12);
  });

  it('Adam (eqs. 6.15–6.17) equals numpy and converges near the minimum (0.7, 0)', () => {
    const a = values.grad_path1 as GradPath;
    expect(a).toEqual(paths[2]);
    expect(a[0]).toHaveLength(61);
    expect(maxDiff(a, fx.adam)).toBeLessThan(1e-10);
    expect(Math.hypot(a[0][60]! - 0.7, a[1][60]!)).toBeLessThan(0.05);
    expect(loss(a[0][60]!, a[1][60]!)).toBeLessThan(2e-3);
    // gradient descent with α = 0.08 is still far away after the same 60 steps
    expect(loss(paths[0]![0][60]!, paths[0]![1][60]!)).toBeGreaterThan(10 * loss(a[0][60]!, a[1][60]!));
  });

  it("the book's Adam, written out, is @gradkit/optimizers' (PyTorch's) Adam(lr, betas = [β, γ], eps)", () => {
    // eqs. 6.15–6.17 as the notebook's TODOs write them
    const book: number[][] = [[...START_POSN]];
    let m = [0, 0];
    let v = [0, 0];
    for (let t = 0; t < 60; t++) {
      const phi = book[t]!;
      const g = getLossGradient(phi[0]!, phi[1]!);
      m = m.map((mk, k) => 0.9 * mk + 0.1 * g[k]!);
      v = v.map((vk, k) => 0.99 * vk + (1 - 0.99) * g[k]! * g[k]!);
      const mt = m.map((mk) => mk / (1 - 0.9 ** (t + 1)));
      const vt = v.map((vk) => vk / (1 - 0.99 ** (t + 1)));
      book.push(phi.map((p, k) => p - (0.05 * mt[k]!) / (Math.sqrt(vt[k]!) + 1e-20)));
    }
    const lib = adam(START_POSN, 60, 0.05);
    expect(maxDiff(lib, [book.map((p) => p[0]!), book.map((p) => p[1]!)])).toBeLessThan(1e-10);
    const viaClass = minimize(adamSurface, START_POSN, {
      optimizer: (p) => new Adam(p, { lr: 0.05, betas: [0.9, 0.99], eps: 1e-20 }),
      steps: 60,
    });
    expect(viaClass.final).toEqual([lib[0][60], lib[1][60]]);
  });

  it('without bias correction (eq. 6.16) the early steps are up to twice α; β = γ = 0 is normalized gradients', () => {
    const raw = adamWithoutBiasCorrection(START_POSN, 60, 0.05);
    const corrected = adam(START_POSN, 60, 0.05);
    const stepLen = (p: GradPath, i: number) => Math.abs(p[0][i + 1]! - p[0][i]!);
    expect(stepLen(raw, 0)).toBeCloseTo(0.05, 12); // t = 1: (1 − β)/√(1 − γ) = 1
    expect(stepLen(raw, 14)).toBeGreaterThan(1.5 * stepLen(corrected, 14));
    expect(
      maxDiff(
        adamWithoutBiasCorrection(START_POSN, 10, 0.08, 0, 0),
        normalizedGradients(START_POSN, 10, 0.08),
      ),
    ).toBe(0);
  });
});
