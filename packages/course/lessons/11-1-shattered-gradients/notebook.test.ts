// Notebook 11.1: `gradkit run 11-1-shattered-gradients` prints the finite-difference check of the
// 3-layer network's dy/dx and records the derivatives dy/dx of the 1-, 24- and 50-layer networks
// (D = 200, Glorot, np.random.seed(1)) on 256 inputs in [-2, 2) and the autocorrelation of the 1-
// and 50-layer ones (11_1_Shattered_Gradients.md; the notebook has no recorded outputs).
// Reference: tests/fixtures/udl_shattered_gradients.json (numpy 2.4.6, the notebook's code with its
// TODOs completed: tests/fixtures/gen_udl_shattered_gradients.py). The weights are numpy's stream
// exactly; np.matmul sums through OpenBLAS in another order, so the derivatives and outputs are
// compared at 1e-10 of the largest magnitude of each curve, the autocorrelation at 1e-10.
import { readFileSync } from 'node:fs';
import { RandomState, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/run.js';
import { autocorr, calcInputOutputGradient, initParams } from './notebook.js';

interface Fixture {
  finite_difference: {
    dydx: number;
    y: number;
    dydx_fd: number;
    printed: string;
    weights_first: number[][];
    biases_first: number[][];
  };
  derivatives: Record<string, { x_in: number[]; dydx: number[]; y: number[] }>;
  autocorr: Record<string, { ac_raw: number[]; x: number[]; y: number[] }>;
}
const fx = JSON.parse(
  readFileSync(new URL('../../../../tests/fixtures/udl_shattered_gradients.json', import.meta.url), 'utf8'),
) as Fixture;

const maxAbs = (v: number[]) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const expectClose = (actual: number[], expected: number[], rel = 1e-10) => {
  expect(actual.length).toBe(expected.length);
  const tol = rel * maxAbs(expected);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!), `entry ${i}`).toBeLessThanOrEqual(tol));
};

describe('11-1-shattered-gradients notebook', async () => {
  const { values, report } = await runLesson('11-1-shattered-gradients');

  it('prints the finite-difference check of the 3-layer network', () => {
    expect(report).toEqual([fx.finite_difference.printed]);
    expect(report[0]).toBe('Gradient calculation=0.013250, Finite difference gradient=0.013250');
    const fd = fx.finite_difference;
    expect(Math.abs((values.dydx as number[][])[0]![0]! - fd.dydx)).toBeLessThanOrEqual(
      1e-12 * Math.abs(fd.dydx),
    );
    expect(Math.abs((values.y as number[][])[0]![0]! - fd.y)).toBeLessThanOrEqual(1e-12 * Math.abs(fd.y));
    // the finite difference divides a 1e-8 step: its last digits carry the rounding of y1 and y2
    expect(Math.abs((values.dydx_fd as number[][])[0]![0]! - fd.dydx_fd)).toBeLessThanOrEqual(1e-6);
  });

  it('draws the weights and biases from numpy’s stream (seed 1, Glorot order)', () => {
    const { allWeights, allBiases } = initParams(3, 200);
    expect(allWeights.map((w) => Array.from(w.data.slice(0, 3)))).toEqual(fx.finite_difference.weights_first);
    expect(allBiases.map((b) => Array.from(b.data.slice(0, 3)))).toEqual(fx.finite_difference.biases_first);
    expect(allWeights.map((w) => w.shape)).toEqual([
      [200, 1],
      [200, 200],
      [200, 200],
      [1, 200],
    ]);
  });

  it('the derivatives of the 1-, 24- and 50-layer networks (the TODO) equal numpy’s', () => {
    const plots = values['plot_derivatives(K,D)'] as { K: number; x_in: number[][]; dydx: number[][] }[];
    expect(plots.map((p) => p.K)).toEqual([1, 24, 50]);
    for (const p of plots) {
      const ref = fx.derivatives[String(p.K)]!;
      expect(p.x_in[0]).toEqual(ref.x_in);
      expectClose(p.dydx[0]!, ref.dydx);
    }
    // the magnitude falls with depth: about 4e-2, 2e-5 and 3e-9
    const m = plots.map((p) => maxAbs(p.dydx[0]!));
    expect(m[1]! / m[0]!).toBeLessThan(1e-3);
    expect(m[2]! / m[1]!).toBeLessThan(1e-3);
  });

  it('the outputs y equal numpy’s on the whole grid', () => {
    const plots = values['plot_derivatives(K,D)'] as { K: number; y: number[][] }[];
    for (const p of plots) expectClose(p.y[0]!, fx.derivatives[String(p.K)]!.y);
  });

  it('the autocorrelation (the TODO, np.correlate mode same) of the 1- and 50-layer networks', () => {
    const plots = values['plot_autocorr(K,D)'] as { K: number; x: number[]; y: number[] }[];
    expect(plots.map((p) => p.K)).toEqual([1, 50]);
    for (const p of plots) {
      const ref = fx.autocorr[String(p.K)]!;
      expect(p.x).toEqual(ref.x);
      expect(p.y[0]).toBe(1);
      expectClose(p.y, ref.y);
    }
    const raw = autocorr(tensor(fx.derivatives['50']!.dydx)).toArray() as number[];
    expectClose(raw, fx.autocorr['50']!.ac_raw);
    // deeper: the correlation falls faster with distance
    expect(plots[1]!.y[10]!).toBeLessThan(plots[0]!.y[10]!);
  });

  it('dy/dx agrees with central finite differences (the 24-layer network, five inputs)', () => {
    const { allWeights, allBiases } = initParams(24, 200, new RandomState());
    const xs = tensor([[-1.5, -0.3, 0.1, 0.77, 1.9]]);
    const { dydx } = calcInputOutputGradient(xs, allWeights, allBiases);
    const h = 1e-6;
    const up = calcInputOutputGradient(xs.add(h), allWeights, allBiases).y;
    const down = calcInputOutputGradient(xs.sub(h), allWeights, allBiases).y;
    const fd = up.sub(down).div(2 * h);
    expectClose(Array.from(dydx.data), Array.from(fd.data), 1e-4);
  });
});
