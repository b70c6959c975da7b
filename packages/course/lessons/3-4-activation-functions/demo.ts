/**
 * `gradkit demo` section of notebook 3.4 (Activation functions): the notebook's invitation to
 * change the linear activation `lin[z] = a + b z` (a = 0, b = 1, then a = 0.5, b = −0.4). Whatever
 * a and b are, the network is a line, y = φ0 + Σ φk (a + b θk0) + (b Σ φk θk1) x: its fitted
 * intercept and slope, the formula's, and how far y strays from that line on [0, 1).
 */
import { arange } from '@gradkit/core';
import { type Shallow113Params, shallowNetworkParts } from '@gradkit/nn';
import { defineSection } from '../../src/types.js';
import { lin, SMOOTH_PARAMS } from './notebook.js';

/** One linear activation of the section. */
export interface LinearRow {
  a: number;
  b: number;
  /** y at x = 0 and its slope, read off the network's output. */
  intercept: number;
  slope: number;
  /** The same from the parameters: φ0 + Σ φk (a + b θk0) and b Σ φk θk1. */
  formulaIntercept: number;
  formulaSlope: number;
  /** max |y − (intercept + slope · x)| over x = arange(0, 1, 0.01). */
  maxDeviation: number;
}

/** The network with `lin(a, b)` on arange(0, 1, 0.01), as a line. */
export function linearNetwork(a: number, b: number, p: Shallow113Params = SMOOTH_PARAMS): LinearRow {
  const x = arange(0, 1, 0.01).toList() as number[];
  const y = shallowNetworkParts(x, p, lin(a, b)).y.toList() as number[];
  const slope = (y[99]! - y[0]!) / (x[99]! - x[0]!);
  const intercept = y[0]! - slope * x[0]!;
  const maxDeviation = Math.max(...y.map((v, i) => Math.abs(v - (intercept + slope * x[i]!))));
  const units: [number, number, number][] = [
    [p.phi1, p.theta10, p.theta11],
    [p.phi2, p.theta20, p.theta21],
    [p.phi3, p.theta30, p.theta31],
  ];
  return {
    a,
    b,
    intercept,
    slope,
    formulaIntercept: p.phi0 + units.reduce((s, [phi, t0]) => s + phi * (a + b * t0), 0),
    formulaSlope: b * units.reduce((s, [phi, , t1]) => s + phi * t1, 0),
    maxDeviation,
  };
}

const f4 = (v: number) => v.toFixed(4).padStart(8);

/** The section (`gradkit demo --only 3-4-activation-functions`). */
export const section = defineSection<{ rows: LinearRow[] }>({
  title: 'Activation functions: a linear activation makes the network a line',
  run(ctx) {
    const rows = [linearNetwork(0, 1), linearNetwork(0.5, -0.4)];
    ctx.log(`${rows.length} linear activations on x ∈ [0, 1)`);
    return { rows };
  },
  render: ({ rows }) => [
    'Notebook 3.4’s network (φ0..φ3 = 0.3, 0.5, −1, 0.9) with lin[z] = a + b z:',
    ...rows.map(
      (r) =>
        `  a = ${String(r.a).padStart(4)}, b = ${String(r.b).padStart(4)}: y = ${f4(r.intercept)} + ${f4(r.slope)} x (formula ${f4(r.formulaIntercept)} + ${f4(r.formulaSlope)} x), off the line by at most ${r.maxDeviation.toExponential(1)}`,
    ),
  ],
});
