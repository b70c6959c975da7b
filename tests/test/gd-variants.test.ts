// The gradient-descent-variants seed (dl4cv): the six optimizers on the pathological-curvature
// and steep-optima surfaces, 100 updates, lr 10 and 0.05, recorded as the seed's train_curve,
// against PyTorch 1.13 (tests/fixtures/gen_optim_variants.py).
import { readFileSync } from 'node:fs';
import { Tensor } from '@gradkit/core';
import { minimize, type OptimizerName, pathological, SGD, steep } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';

interface Run {
  surface: 'pathological' | 'steep';
  optimizer: OptimizerName;
  lr: number;
  init: number[];
  dtype: 'float64' | 'float32';
  alpha: number | null;
  points: number[][];
  grads: number[][];
}
const fx: { runs: Run[] } = JSON.parse(
  readFileSync(new URL('../fixtures/optim_variants.json', import.meta.url), 'utf8'),
);
const SURF = { pathological, steep };

function worst(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => {
    row.forEach((v, k) => {
      m = Math.max(m, Math.abs(v - b[i]![k]!) / Math.max(1, Math.abs(b[i]![k]!)));
    });
  });
  return m;
}

const opts = (r: Run) => ({
  optimizer: r.optimizer,
  lr: r.lr,
  steps: 100,
  ...(r.alpha !== null && { alpha: r.alpha }),
});

describe('six optimizers (and AdamW) on the seed surfaces equal PyTorch, float64', () => {
  for (const r of fx.runs.filter((r) => r.dtype === 'float64')) {
    it(`${r.optimizer} on ${r.surface} (lr ${r.lr}): same gradients give the same 100 positions (1e-10)`, () => {
      // Drive the optimizer with the gradients PyTorch computed: a Surface that replays them.
      let i = 0;
      const replay = { ...SURF[r.surface], loss: () => r.points[i]![2]!, grad: () => r.grads[i++]! };
      const t = minimize(replay, r.init, opts(r));
      expect(t.points.length).toBe(100);
      expect(
        worst(
          t.params,
          r.points.map((p) => p.slice(0, 2)),
        ),
      ).toBeLessThan(1e-10);
    });

    it(`${r.optimizer} on ${r.surface}: the surface's loss and gradient at PyTorch's positions (1e-12)`, () => {
      const s = SURF[r.surface];
      r.points.forEach((p, k) => {
        const w = p.slice(0, 2);
        expect(Math.abs(s.loss(w) - p[2]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(p[2]!)));
        const g = s.grad(w);
        g.forEach((v, j) =>
          expect(Math.abs(v - r.grads[k]![j]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(r.grads[k]![j]!))),
        );
      });
    });

    it(`${r.optimizer} on ${r.surface}: free-running trajectory`, () => {
      const t = minimize(SURF[r.surface], r.init, opts(r));
      if (r.surface === 'steep') {
        expect(worst(t.points, r.points)).toBeLessThan(1e-10);
        return;
      }
      // At lr 10 the pathological surface is chaotic: PyTorch's SLEEF tanh/exp and libm differ in
      // the last bit at some positions, and that bit grows. Until the first step whose gradient
      // differs in any bit, the positions are identical; the ulp-level start of divergence is
      // what the same-gradient test above removes.
      let k = 0;
      while (k < 100 && t.grad[k]!.every((v, j) => v === r.grads[k]![j])) k++;
      expect(k).toBeGreaterThan(0);
      expect(
        worst(
          t.params.slice(0, k + 1),
          r.points.slice(0, k + 1).map((p) => p.slice(0, 2)),
        ),
      ).toBeLessThan(1e-10);
    });
  }
});

describe('the same runs in float32, as the seed builds its weights', () => {
  for (const r of fx.runs.filter((r) => r.dtype === 'float32')) {
    it(`${r.optimizer} on ${r.surface}, float32 parameters, PyTorch's float32 gradients (1e-5)`, () => {
      let i = 0;
      const replay = { ...SURF[r.surface], loss: () => r.points[i]![2]!, grad: () => r.grads[i++]! };
      const t = minimize(replay, r.init, { ...opts(r), dtype: 'float32' });
      expect(
        worst(
          t.params,
          r.points.map((p) => p.slice(0, 2)),
        ),
      ).toBeLessThan(1e-5);
    });
  }
});

describe('surfaces', () => {
  it('hand-written gradients equal autograd and finite differences', () => {
    for (const s of [pathological, steep]) {
      for (const w of [
        [0.3, -0.7],
        [-1.2, 0.4],
        [1.05, -0.45],
      ]) {
        const x = new Tensor(Float64Array.from(w), [2]);
        x.requiresGrad = true;
        const l = s.lossTensor!(x);
        expect(l.item()).toBeCloseTo(s.loss(w), 14);
        l.backward();
        const g = s.grad(w);
        const h = 1e-6;
        for (let k = 0; k < 2; k++) {
          expect(Math.abs(x.grad!.data[k]! - g[k]!)).toBeLessThan(1e-13);
          const up = [...w];
          const dn = [...w];
          up[k]! += h;
          dn[k]! -= h;
          expect(Math.abs((s.loss(up) - s.loss(dn)) / (2 * h) - g[k]!)).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('minimize with a tensor function uses autograd and gives the same trajectory', () => {
    const a = minimize(steep, [0.1, 0.2], { optimizer: 'adam', lr: 0.05, steps: 30 });
    const b = minimize((w) => steep.lossTensor!(w), [0.1, 0.2], { optimizer: 'adam', lr: 0.05, steps: 30 });
    expect(worst(a.points, b.points)).toBeLessThan(1e-12);
  });

  it('minimize accepts an optimizer factory (the seed optimizer_func)', () => {
    const a = minimize(pathological, [5, 5], {
      optimizer: (p) => new SGD(p, { lr: 10, momentum: 0.9 }),
      steps: 100,
    });
    const b = minimize(pathological, [5, 5], { optimizer: 'momentum', lr: 10, steps: 100 });
    expect(a.points).toEqual(b.points);
    // entry i is the position before update i; the final position comes after the last update
    expect(a.points[0]!.slice(0, 2)).toEqual([5, 5]);
    expect(a.final).not.toEqual(a.params[99]);
  });
});
