// PyTorch parity for the activation functions of UDL figure 3.13 and notebook 3.4 beyond
// relu/leaky ReLU/GELU/softplus/sigmoid/tanh (those are in torch-parity.test.ts): elu, selu,
// silu, swish, prelu, hardtanh and heaviside, as functions and as modules, values and gradients.
// Fixture: tests/fixtures/gen_nn_activations_extra.py (PyTorch 1.13, float64). Tolerance 1e-12
// (|a − e| / (1 + |e|)); elu's negative branch is expm1 here and exp(z) − 1 in PyTorch 1.13,
// which agree to 1e-15 on the fixture's grid (no |z| < 1e-8).
import { readFileSync } from 'node:fs';
import {
  DTypeError,
  GradkitError,
  grad,
  mul,
  ShapeError,
  sum,
  type Tensor,
  tensor,
  ValueError,
} from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  ELU,
  elu,
  Hardtanh,
  hardtanh,
  heaviside,
  PReLU,
  prelu,
  SELU,
  SELU_ALPHA,
  SELU_SCALE,
  SiLU,
  selu,
  silu,
  swish,
} from '../src/index.js';

interface Case {
  value: number[];
  grad: number[];
}
const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/nn_activations_extra.json', import.meta.url), 'utf8'),
) as {
  versions: Record<string, string>;
  x: number[];
  cotangent: number[];
  cases: Record<string, Case>;
  heaviside: Record<string, number[]>;
  prelu_channels: {
    x: number[][][];
    weight: number[];
    cotangent: number[][][];
    value: number[][][];
    grad_x: number[][][];
    grad_weight: number[];
  };
  prelu_shared_grad_weight: number[];
};

type Nested = number | Nested[];
const flat = (a: Nested): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a]);
function expectClose(actual: Nested, expected: Nested, tol = 1e-12) {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!) / (1 + Math.abs(e[i]!)));
  expect(worst).toBeLessThanOrEqual(tol);
}

/** f's values at the fixture's grid and the gradient of sum(f(z) · cotangent). */
function run(f: (t: Tensor) => Tensor): { value: number[]; grad: number[] } {
  const z = tensor(fx.x, { dtype: 'float64', requiresGrad: true });
  const y = f(z);
  sum(mul(y, tensor(fx.cotangent, { dtype: 'float64' }))).backward();
  return { value: y.toList() as number[], grad: z.grad!.toList() as number[] };
}

const f64 = { dtype: 'float64' } as const;

describe('activation functions against PyTorch (float64, values and gradients)', () => {
  it('the fixture records how it was made', () => {
    expect(fx.versions.torch).toBe('1.13.0a0');
  });
  const fns: Record<string, [string, (t: Tensor) => Tensor][]> = {
    elu: [
      ['elu(z)', (t) => elu(t)],
      ['new ELU()', (t) => new ELU().call(t)],
    ],
    'elu_0.5': [
      ['elu(z, 0.5)', (t) => elu(t, 0.5)],
      ['new ELU(0.5)', (t) => new ELU(0.5).call(t)],
    ],
    selu: [
      ['selu(z)', (t) => selu(t)],
      ['new SELU()', (t) => new SELU().call(t)],
    ],
    silu: [
      ['silu(z)', (t) => silu(t)],
      ['new SiLU()', (t) => new SiLU().call(t)],
      ['swish(z, 1)', (t) => swish(t, 1)],
    ],
    'swish_0.4': [['swish(z, 0.4)', (t) => swish(t, 0.4)]],
    'swish_1.4': [['swish(z, 1.4)', (t) => swish(t, 1.4)]],
    'prelu_0.25': [
      ['prelu(z, 0.25)', (t) => prelu(t, 0.25)],
      ['prelu(z, [0.25])', (t) => prelu(t, tensor([0.25], f64))],
      ['new PReLU()', (t) => new PReLU({ dtype: 'float64' }).call(t)],
    ],
    hardtanh: [
      ['hardtanh(z)', (t) => hardtanh(t)],
      ['new Hardtanh()', (t) => new Hardtanh().call(t)],
    ],
    'hardtanh_-2_3': [
      ['hardtanh(z, -2, 3)', (t) => hardtanh(t, -2, 3)],
      ['new Hardtanh(-2, 3)', (t) => new Hardtanh(-2, 3).call(t)],
    ],
  };
  for (const [name, forms] of Object.entries(fns))
    for (const [label, f] of forms)
      it(`${name}: ${label}`, () => {
        const r = run(f);
        expectClose(r.value, fx.cases[name]!.value);
        expectClose(r.grad, fx.cases[name]!.grad);
      });

  it('heaviside(z, values) for values 0, 0.5, 1 (torch.heaviside); its derivative in z is 0', () => {
    for (const v of ['0.0', '0.5', '1.0']) {
      expect(heaviside(tensor(fx.x, f64), Number(v)).toList()).toEqual(fx.heaviside[v]);
      const r = run((t) => heaviside(t, Number(v)));
      expect(r.grad.every((g) => g === 0)).toBe(true);
    }
    // values as a tensor that broadcasts, and its gradient: the cotangent where z == 0
    const values = tensor([0.5], { dtype: 'float64', requiresGrad: true });
    const z = tensor([-1, 0, 0, 2], f64);
    const y = heaviside(z, values);
    expect(y.toList()).toEqual([0, 0.5, 0.5, 1]);
    sum(mul(y, tensor([1, 2, 3, 4], f64))).backward();
    expect(values.grad!.toList()).toEqual([5]);
    // NaN gives 0, as PyTorch (numpy gives NaN)
    expect(heaviside(tensor([Number.NaN]), 1).toList()).toEqual([0]);
  });

  it('prelu with one slope per channel ([N, C, L] input, channel axis 1): values and both gradients', () => {
    const c = fx.prelu_channels;
    for (const form of ['function', 'module'] as const) {
      const x = tensor(c.x, { dtype: 'float64', requiresGrad: true });
      let w: Tensor;
      let y: Tensor;
      if (form === 'function') {
        w = tensor(c.weight, { dtype: 'float64', requiresGrad: true });
        y = prelu(x, w);
      } else {
        const m = new PReLU({ numParameters: 3, dtype: 'float64' });
        m.weight.data.set(c.weight);
        expect(m.numSlopes).toBe(3);
        expect(m.parameters()).toHaveLength(1);
        w = m.weight;
        y = m.call(x);
      }
      expectClose(y.toArray() as Nested, c.value);
      sum(mul(y, tensor(c.cotangent, f64))).backward();
      expectClose(x.grad!.toArray() as Nested, c.grad_x);
      expectClose(w.grad!.toList() as number[], c.grad_weight);
    }
  });

  it("prelu's shared slope gets the sum of z·g over the entries with z ≤ 0", () => {
    const m = new PReLU({ dtype: 'float64' });
    const z = tensor(fx.x, f64);
    sum(mul(m.call(z), tensor(fx.cotangent, f64))).backward();
    expectClose(m.weight.grad!.toList() as number[], fx.prelu_shared_grad_weight);
  });
});

describe('doc comment examples and the book’s definitions', () => {
  it('elu, selu, silu, swish, prelu, hardtanh, heaviside as documented', () => {
    expect(elu(tensor([-1, 0, 2])).toArray()).toEqual([-0.6321205588285577, 0, 2]);
    expect(elu(tensor([-1]), 0.5).item()).toBeCloseTo(-0.31606027941427883, 15);
    expectClose(
      selu(tensor([-1, 1])).toArray() as number[],
      [-1.1113307378125625, 1.0507009873554805],
      1e-15,
    );
    expect(SELU_SCALE * SELU_ALPHA * (Math.exp(-1) - 1)).toBeCloseTo(-1.1113307378125625, 15);
    expectClose(
      silu(tensor([-1, 0, 1])).toArray() as number[],
      [-0.2689414213699951, 0, 0.7310585786300049],
      1e-15,
    );
    expect(swish(tensor([1]), 1.4).item()).toBeCloseTo(0.8021838885585818, 15);
    expect(prelu(tensor([-2, 3]), 0.25).toArray()).toEqual([-0.5, 3]);
    expectClose(
      prelu(
        tensor([
          [-1, -1],
          [2, -4],
        ]),
        tensor([0.1, 0.2]),
      ).toArray() as Nested,
      [
        [-0.1, -0.2],
        [2, -0.8],
      ],
      1e-7,
    );
    expect(hardtanh(tensor([-3, 0.5, 3])).toArray()).toEqual([-1, 0.5, 1]);
    expect(heaviside(tensor([-0.5, 0, 0.5]), 1).toArray()).toEqual([0, 1, 1]);
    expect(heaviside(tensor([-0.5, 0, 0.5]), 0.5).toArray()).toEqual([0, 0.5, 1]);
  });
  it('swish tends to the ReLU as β grows and is z/2 at β = 0 (UDL figure 3.13f)', () => {
    const z = tensor([-3, -1, 1, 3], f64);
    expectClose(swish(z, 0).toList() as number[], [-1.5, -0.5, 0.5, 1.5], 1e-15);
    expectClose(swish(z, 50).toList() as number[], [0, 0, 1, 3], 1e-20 + 1e-15);
  });
  it('second derivatives through the backward rules (createGraph): elu″ = α e^z below 0, 0 above', () => {
    const d2 = grad(grad((t: Tensor) => sum(elu(t, 0.5))));
    expect((d2(tensor(-1, f64)) as Tensor).item()).toBeCloseTo(0.5 * Math.exp(-1), 15);
    expect((d2(tensor(2, f64)) as Tensor).item()).toBe(0);
  });
  it('module descriptions', () => {
    expect(new ELU(0.5).describe()).toBe('ELU(alpha=0.5)');
    expect(new SELU().describe()).toBe('SELU()');
    expect(new SiLU().describe()).toBe('SiLU()');
    expect(new Hardtanh(-2, 3).describe()).toBe('Hardtanh(minVal=-2, maxVal=3)');
    expect(new PReLU({ numParameters: 4 }).describe()).toBe('PReLU(numParameters=4)');
    const m = new PReLU();
    expect(m.weight.dtype).toBe('float32');
    expect(m.weight.toList()).toEqual([0.25]);
    expect(m.numParameters()).toBe(1);
  });
});

describe('typed errors name the function, the argument, what came and what was expected', () => {
  const cases: [string, () => unknown, typeof GradkitError, RegExp][] = [
    [
      'elu alpha NaN',
      () => elu([1], Number.NaN),
      ValueError,
      /^elu: alpha must be a finite number, received NaN/,
    ],
    [
      'elu of bools',
      () => elu(tensor([true, false])),
      DTypeError,
      /^elu: input x must be numeric, received dtype bool/,
    ],
    ['selu of bools', () => selu(tensor([true])), DTypeError, /^selu: input x must be numeric/],
    [
      'swish beta Infinity',
      () => swish([1], Number.POSITIVE_INFINITY),
      ValueError,
      /^swish: beta must be a finite number, received Infinity/,
    ],
    ['silu of bools', () => silu(tensor([true])), DTypeError, /^silu: /],
    [
      'prelu weight per channel of the wrong length',
      () => prelu(tensor([[1, 2, 3]]), tensor([0.1, 0.2])),
      ShapeError,
      /^prelu: weight must have 1 element or one per channel \(shape \[3\].*received shape \[2\]/,
    ],
    ['prelu bool weight', () => prelu([1], tensor([true])), DTypeError, /^prelu: weight must be numeric/],
    [
      'hardtanh min > max',
      () => hardtanh([1], 2, 1),
      ValueError,
      /^hardtanh: minVal must be <= maxVal, received minVal 2 and maxVal 1/,
    ],
    [
      'hardtanh bound NaN',
      () => hardtanh([1], Number.NaN),
      ValueError,
      /^hardtanh: minVal must be a finite number/,
    ],
    [
      'Hardtanh bounds checked at construction',
      () => new Hardtanh(1, -1),
      ValueError,
      /^hardtanh: minVal must be <= maxVal/,
    ],
    [
      'heaviside bool values',
      () => heaviside([1], tensor([true])),
      DTypeError,
      /^heaviside: values must be numeric/,
    ],
    [
      'heaviside of bools',
      () => heaviside(tensor([true]), 1),
      DTypeError,
      /^heaviside: input x must be numeric/,
    ],
    [
      'PReLU numParameters 0',
      () => new PReLU({ numParameters: 0 }),
      ValueError,
      /^PReLU: numParameters must be a positive integer, received 0/,
    ],
    [
      'PReLU init NaN',
      () => new PReLU({ init: Number.NaN }),
      ValueError,
      /^PReLU: init must be a finite number/,
    ],
    [
      'PReLU dtype int32',
      () => new PReLU({ dtype: 'int32' as 'float32' }),
      ValueError,
      /^PReLU: dtype must be 'float32' or 'float64', received/,
    ],
  ];
  for (const [name, f, type, message] of cases)
    it(name, () => {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(type);
      expect(error).toBeInstanceOf(GradkitError);
      expect((error as Error).message).toMatch(message);
    });
});
