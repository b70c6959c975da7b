// CM20315 Shallow (summarised in shared/seeds/README.md): the 1-1-3 network with other activation
// functions, and the joints of its linear regions. Reference values: tests/fixtures/gen_nn.py.
import { readFileSync } from 'node:fs';
import { arange, sigmoid, tanh } from '@gradkit/core';
import {
  countLinearRegions,
  leakyRelu,
  relu,
  type Shallow113Params,
  shallow1_1_3,
  shallowNetwork,
} from '@gradkit/nn';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(readFileSync(new URL('../fixtures/nn_book.json', import.meta.url), 'utf8'));
const n1: Shallow113Params = fx.n1;
const n2: Shallow113Params = fx.n2;

describe('Shallow: other activation functions', () => {
  const x = arange(-1, 1, 0.01);
  const fns = {
    sigmoid: (z: any) => sigmoid(z),
    tanh: (z: any) => tanh(z),
    'leaky_relu_0.1': (z: any) => leakyRelu(z, 0.1),
  };
  for (const [name, fn] of Object.entries(fns)) {
    it(`${name}: every intermediate matches numpy`, () => {
      const r = shallow1_1_3(
        x,
        fn,
        n1.phi0,
        n1.phi1,
        n1.phi2,
        n1.phi3,
        n1.theta10,
        n1.theta11,
        n1.theta20,
        n1.theta21,
        n1.theta30,
        n1.theta31,
      );
      const ref = fx.shallow_activations[name];
      for (const k of ['y', 'pre1', 'act1', 'act3', 'wAct2'] as const) {
        const a = r[k].toList();
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - ref[k][i])).toBeLessThanOrEqual(1e-12);
      }
    });
  }
});

describe('Shallow: linear regions of a ReLU network are separated by the hidden units’ joints', () => {
  it('the joints are at x = -θk0/θk1 (book eq. 3.3), found from samples', () => {
    const x = arange(-1, 1, 0.001);
    for (const p of [n1, n2]) {
      const joints = [
        ...new Set(
          [-p.theta10 / p.theta11, -p.theta20 / p.theta21, -p.theta30 / p.theta31].map((v) => v + 0),
        ),
      ]
        .filter((v) => v > -1 && v < 0.999)
        .sort((a, b) => a - b);
      const r = countLinearRegions(x, shallowNetwork(x, p));
      expect(r.count).toBe(joints.length + 1);
      r.breakpoints.forEach((b, i) => expect(b).toBeCloseTo(joints[i]!, 9));
    }
  });
  it('a ReLU network with every unit inactive or linear over the range has one region', () => {
    const x = arange(-1, 1, 0.01);
    const p = { ...n1, theta10: 5, theta20: 5, theta30: 5 }; // joints at ±5, outside [-1, 1]
    expect(countLinearRegions(x, shallowNetwork(x, p, relu)).count).toBe(1);
  });
});
