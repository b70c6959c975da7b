// D2L 3.7 weight decay (d2l-3.7-weight-decay-exercises.md): HighDimData with 20 training
// examples and 200 inputs; the scratch L2 penalty and the optimizer's weight decay (on the
// weights only, through a parameter group). Reference: tests/fixtures/gen_optim_weight_decay.py
// (PyTorch 1.13, float64, random numbers from numpy's RandomState(0) so gradkit draws the same).
import { readFileSync } from 'node:fs';
import { add, matmul, mean, mul, RandomState, sub, sum, Tensor } from '@gradkit/core';
import { SGD } from '@gradkit/optimizers';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(readFileSync(new URL('../fixtures/optim_weight_decay.json', import.meta.url), 'utf8'));
const NUM_TRAIN = 20;
const NUM_VAL = 100;
const NUM_INPUTS = 200;
const BATCH = 5;
const EPOCHS = 10;
const LR = 0.01;

/** HighDimData drawn from RandomState(0): X [120, 200], y [120, 1], initial w [200, 1], permutations. */
function highDimData() {
  const rs = new RandomState(0);
  const n = NUM_TRAIN + NUM_VAL;
  const X = rs.randn(n, NUM_INPUTS) as Tensor;
  const noise = rs.randn(n, 1) as Tensor;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < NUM_INPUTS; k++) s += X.data[i * NUM_INPUTS + k]! * 0.01;
    y[i] = s + 0.05 + noise.data[i]! * 0.01;
  }
  const w0 = rs.normal(0, 0.01, [NUM_INPUTS, 1]) as Tensor;
  const perms = Array.from({ length: EPOCHS }, () => Array.from((rs.permutation(NUM_TRAIN) as Tensor).data));
  return { X: X.data as Float64Array, y, w0: w0.data as Float64Array, perms };
}

function rows(src: Float64Array, idx: readonly number[], width: number): Tensor {
  const out = new Float64Array(idx.length * width);
  idx.forEach((r, i) => out.set(src.subarray(r * width, (r + 1) * width), i * width));
  return new Tensor(out, [idx.length, width]);
}

const l2Penalty = (w: Tensor) => mul(sum(mul(w, w)), 0.5);

/**
 * Train the linear model for 10 epochs. `kind`:
 * - 'scratch': mean((ŷ − y)²/2) + λ·l2_penalty(w), plain SGD (D2L's WeightDecayScratch);
 * - 'concise': MSE, SGD with weightDecay λ on the weights' group only (D2L's WeightDecay);
 * - 'decay-halfmse': mean((ŷ − y)²/2), SGD weightDecay λ on the weights (equivalent to 'scratch').
 */
function train(kind: 'scratch' | 'concise' | 'decay-halfmse', lambda: number) {
  const d = highDimData();
  const w = new Tensor(d.w0.slice(), [NUM_INPUTS, 1]);
  const b = new Tensor(new Float64Array(1), [1]);
  w.requiresGrad = true;
  b.requiresGrad = true;
  const opt =
    kind === 'scratch'
      ? new SGD([w, b], { lr: LR })
      : new SGD([{ params: { weight: w }, weightDecay: lambda }, { params: { bias: b } }], { lr: LR });
  for (let e = 0; e < EPOCHS; e++) {
    for (let k = 0; k < NUM_TRAIN; k += BATCH) {
      const idx = d.perms[e]!.slice(k, k + BATCH);
      const xb = rows(d.X, idx, NUM_INPUTS);
      const yb = rows(d.y, idx, 1);
      const r = sub(add(matmul(xb, w), b), yb);
      let loss = kind === 'concise' ? mean(mul(r, r)) : mean(mul(mul(r, r), 0.5));
      if (kind === 'scratch') loss = add(loss, mul(l2Penalty(w), lambda));
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
  }
  const mse = (from: number, to: number) => {
    const idx = Array.from({ length: to - from }, (_, i) => from + i);
    const r = sub(add(matmul(rows(d.X, idx, NUM_INPUTS), w), b), rows(d.y, idx, 1));
    return mean(mul(r, r)).item();
  };
  return {
    l2Penalty: l2Penalty(w).item(),
    trainMse: mse(0, NUM_TRAIN),
    valMse: mse(NUM_TRAIN, NUM_TRAIN + NUM_VAL),
    w: Array.from(w.data.slice(0, 5)),
    b: b.data[0]!,
  };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('D2L 3.7 weight decay on HighDimData (20 examples, 200 inputs)', () => {
  it('the data and initial weights are numpy RandomState(0) draws', () => {
    const d = highDimData();
    expect(d.X.length).toBe(120 * 200);
    expect(d.perms[0]!.slice().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  for (const kind of ['scratch', 'concise'] as const) {
    it(`${kind}: l2 penalty of w, train and validation loss equal PyTorch for every lambda`, () => {
      for (const ref of fx[kind]) {
        const got = train(kind, ref.lambda);
        expect(rel(got.l2Penalty, ref.l2Penalty)).toBeLessThan(1e-9);
        expect(rel(got.trainMse, ref.trainMse)).toBeLessThan(1e-6);
        expect(rel(got.valMse, ref.valMse)).toBeLessThan(1e-9);
        got.w.forEach((v, i) => expect(Math.abs(v - ref.w[i])).toBeLessThan(1e-12));
        expect(Math.abs(got.b - ref.b)).toBeLessThan(1e-12);
      }
    });

    it(`${kind}: the L2 norm of w falls as lambda rises, and validation loss improves over lambda 0`, () => {
      const norms = fx[kind].map((r: { lambda: number }) => train(kind, r.lambda));
      for (let i = 1; i < norms.length; i++)
        expect(norms[i]!.l2Penalty).toBeLessThan(norms[i - 1]!.l2Penalty);
      expect(norms[2]!.valMse).toBeLessThan(norms[0]!.valMse); // lambda 3, the lesson's value
      expect(norms[0]!.trainMse).toBeLessThan(norms[3]!.trainMse); // no decay fits the 20 points best
    });
  }

  it("the scratch penalty λ‖w‖²/2 and the optimizer's weightDecay λ are the same update", () => {
    for (const lambda of [1, 3]) {
      const a = train('scratch', lambda);
      const b = train('decay-halfmse', lambda);
      expect(rel(b.l2Penalty, a.l2Penalty)).toBeLessThan(1e-12);
      b.w.forEach((v, i) => expect(Math.abs(v - a.w[i]!)).toBeLessThan(1e-14));
    }
  });
});
