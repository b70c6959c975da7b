// UDL CM20315 Shallow (summarised in shared/seeds/README.md), Deep and Deep2: the 1-1-3 shallow
// network's intermediates, network composition with its number of linear regions, and deep
// networks in matrix form. Reference values: tests/fixtures/gen_nn.py (numpy, the notebooks' code).
import { readFileSync } from 'node:fs';
import { arange, tensor } from '@gradkit/core';
import {
  compose,
  composeShallowToMatrix,
  countLinearRegions,
  deepNetwork,
  relu,
  type Shallow113Params,
  shallow1_1_3,
  shallowNetwork,
  shallowToMatrix,
} from '@gradkit/nn';
import { describe, expect, it } from 'vitest';

const fx = JSON.parse(readFileSync(new URL('../fixtures/nn_book.json', import.meta.url), 'utf8'));
const n1: Shallow113Params = fx.n1;
const n2: Shallow113Params = fx.n2;

function expectAllClose(a: number[], b: number[], tol = 1e-12) {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('Shallow: the 1-1-3 network returns every intermediate the notebook plots', () => {
  it('pre-activations, activations, weighted activations and output match numpy', () => {
    const x = arange(-1, 1, 0.01);
    const r = shallow1_1_3(
      x,
      relu,
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
    const ref = fx.shallow_n1;
    for (const k of ['y', 'pre1', 'pre2', 'pre3', 'act1', 'act2', 'act3', 'wAct1', 'wAct2', 'wAct3'] as const)
      expectAllClose(r[k].toList(), ref[k]);
  });
  it('is differentiable in its parameters (dy/dphi3 = act3)', () => {
    const phi3 = tensor(9.3, { requiresGrad: true });
    const x = tensor([0.8, 0.9]);
    const r = shallow1_1_3(x, relu, 1, -2, -3, phi3, 0, -1, 0, 1, -0.67, 1);
    r.y.sum().backward();
    expect(phi3.grad!.item()).toBeCloseTo(0.13 + 0.23, 12);
  });
});

describe('Deep: composing networks multiplies linear regions', () => {
  const x = arange(-1, 1, 0.001);
  const f1 = (t: any) => shallowNetwork(t, n1);
  const f2 = (t: any) => shallowNetwork(t, n2);
  const cases: [string, (t: any) => any][] = [
    ['net1', f1],
    ['net2', f2],
    ['net12', compose(f1, f2)],
    ['net12_phi1_neg', compose(f1, (t) => shallowNetwork(t, { ...n2, phi1: -n2.phi1 }))],
    ['net12_n1_phi1_half', compose((t) => shallowNetwork(t, { ...n1, phi1: n1.phi1 * 0.5 }), f2)],
    ['net11', compose(f1, f1)],
    ['net112', compose(f1, f1, f2)],
  ];
  for (const [name, f] of cases) {
    it(`${name}: outputs match numpy and countLinearRegions finds ${fx.deep_compositions[name].regions} regions`, () => {
      const y = f(x);
      expectAllClose(y.toList(), fx.deep_compositions[name].y);
      expect(countLinearRegions(x, y).count).toBe(fx.deep_compositions[name].regions);
    });
  }
});

describe('Deep2: networks in matrix form (examples in columns)', () => {
  it('one shallow network in matrix form equals shallow1_1_3', () => {
    const x = arange(-1, 1, 0.01).reshape([1, -1]);
    const { betas, omegas } = shallowToMatrix(n1);
    const { output } = deepNetwork(x, betas, omegas);
    expect(output.shape).toEqual([1, 200]);
    expectAllClose(output.toList(), shallowNetwork(x, n1).toList());
  });
  it('the composition of two networks is a two-hidden-layer network (eq. 4.5-4.7)', () => {
    const ref = fx.deep2;
    const { betas, omegas } = composeShallowToMatrix(n1, n2);
    for (let k = 0; k < 3; k++) {
      expectAllClose(betas[k]!.toList(), ref.betas[k].flat());
      expectAllClose(omegas[k]!.toList(), ref.omegas[k].flat());
    }
    const { output, activations } = deepNetwork(tensor(ref.x), betas, omegas);
    expect(activations.map((h) => h.shape)).toEqual([
      [3, 200],
      [3, 200],
    ]);
    expectAllClose(output.toList(), ref.y.flat());
  });
  it('the 4-5-2-4-1 network of the notebook (D_i=4, D_1=5, D_2=2, D_3=4, D_o=1) on 10 columns', () => {
    const ref = fx.deep2_random;
    const { output, activations } = deepNetwork(tensor(ref.x), ref.betas, ref.omegas);
    expect(activations.map((h) => h.shape)).toEqual([
      [5, 10],
      [2, 10],
      [4, 10],
    ]);
    for (let k = 0; k < 3; k++) expectAllClose(activations[k]!.toList(), ref.h[k].flat());
    expectAllClose(output.toList(), ref.y.flat());
  });
  it('names the layer whose sizes do not chain', () => {
    const ref = fx.deep2_random;
    expect(() =>
      deepNetwork(tensor(ref.x), ref.betas, [ref.omegas[0], ref.omegas[0], ref.omegas[2], ref.omegas[3]]),
    ).toThrow(/omegas\[1\] must be \[D_2, 5\]/);
  });
});
