/**
 * Backward rules of every differentiable op of @gradkit/conv against central finite
 * differences (core's `checkGrad`, float64, eps 1e-6, rtol 1e-6, atol 1e-8): input, weight and
 * bias of conv1d/conv2d/convTranspose1d/convTranspose2d over strides, padding, dilation and
 * groups; the poolings; and second derivatives (the gradient of a gradient) of conv2d and
 * max/avg pooling. Plus the errors for bad input, which must name the function, the argument
 * and the shapes.
 */
import { checkGrad, DTypeError, grad, RandomState, type Tensor, ValueError } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import {
  adaptiveAvgPool1d,
  adaptiveAvgPool2d,
  avgPool1d,
  avgPool2d,
  Conv2d,
  conv1d,
  conv1dReference,
  conv2d,
  conv2dReference,
  convNumpy1,
  convNumpy2,
  convNumpy4,
  convTranspose1d,
  convTranspose2d,
  heInitLinear,
  maxPool1d,
  maxPool2d,
  mnist1dConvNet,
} from '../src/index.js';

const rng = new RandomState(7);
const randn = (...shape: number[]) => rng.randn(...shape) as Tensor;
// a fixed random projection makes the scalar loss sensitive to every output element
const project = (y: Tensor, seed: number) => y.mul(new RandomState(seed).randn(...y.shape) as Tensor).sum();
const tol = { eps: 1e-6, rtol: 1e-6, atol: 1e-8 };

function expectGradOk(f: (p: Record<string, Tensor>) => Tensor, params: Record<string, Tensor>): void {
  const r = checkGrad(f, params, tol);
  expect(r.ok, `worst ${JSON.stringify(r.worst)}`).toBe(true);
  expect(r.count).toBe(Object.values(params).reduce((a, t) => a + t.size, 0));
}

describe('finite differences: input, weight and bias', () => {
  const cases2d = [
    { x: [2, 3, 5, 6], w: [4, 3, 3, 3], o: { stride: 2, padding: 1 } },
    {
      x: [1, 4, 6, 5],
      w: [6, 2, 2, 3],
      o: { groups: 2, dilation: [2, 1] as [number, number], padding: [1, 0] as [number, number] },
    },
    { x: [1, 2, 5, 5], w: [3, 2, 4, 2], o: { padding: 'same' as const } },
  ];
  for (const c of cases2d)
    it(`conv2d ${JSON.stringify(c)}`, () => {
      const p = { x: randn(...c.x), w: randn(...c.w), b: randn(c.w[0]!) };
      expectGradOk(({ x, w, b }) => project(conv2d(x!, w!, { ...c.o, bias: b! }), 1), p);
    });

  it('conv1d: figure 10.7 layer (stride 2, valid) and groups + dilation + padding', () => {
    expectGradOk(({ x, w, b }) => project(conv1d(x!, w!, { stride: 2, bias: b! }), 2), {
      x: randn(2, 1, 11),
      w: randn(3, 1, 3),
      b: randn(3),
    });
    expectGradOk(
      ({ x, w, b }) => project(conv1d(x!, w!, { groups: 2, dilation: 2, padding: 2, bias: b! }), 3),
      {
        x: randn(2, 4, 9),
        w: randn(6, 2, 3),
        b: randn(6),
      },
    );
  });

  it('convTranspose2d and convTranspose1d', () => {
    expectGradOk(
      ({ x, w, b }) =>
        project(convTranspose2d(x!, w!, { stride: 2, padding: 1, outputPadding: 1, bias: b! }), 4),
      { x: randn(1, 3, 3, 4), w: randn(3, 2, 3, 3), b: randn(2) },
    );
    expectGradOk(
      ({ x, w, b }) => project(convTranspose1d(x!, w!, { stride: 3, padding: 1, groups: 1, bias: b! }), 5),
      {
        x: randn(2, 3, 4),
        w: randn(3, 2, 3),
        b: randn(2),
      },
    );
  });

  it('pooling: max (distinct values), average and adaptive', () => {
    // max pooling is differentiable where the maximum of each window is unique: random values
    expectGradOk(({ x }) => project(maxPool2d(x!, 3, { stride: 2, padding: 1 }), 6), {
      x: randn(1, 2, 7, 7),
    });
    expectGradOk(({ x }) => project(maxPool1d(x!, 2), 7), { x: randn(2, 2, 9) });
    expectGradOk(({ x }) => project(avgPool2d(x!, 3, { stride: 2, padding: 1, countIncludePad: false }), 8), {
      x: randn(1, 2, 7, 6),
    });
    expectGradOk(({ x }) => project(avgPool1d(x!, 3, { stride: 2, padding: 1 }), 9), { x: randn(2, 2, 9) });
    expectGradOk(({ x }) => project(adaptiveAvgPool2d(x!, [3, 2]), 10), { x: randn(1, 2, 7, 5) });
    expectGradOk(({ x }) => project(adaptiveAvgPool1d(x!, 4), 11), { x: randn(2, 1, 10) });
  });
});

describe('second derivatives by finite differences of the gradient', () => {
  it('conv2d: d/d(x, w) of Σ (∂L/∂x)² where L = Σ P ⊙ conv2d(x, w)²', () => {
    const loss = (x: Tensor, w: Tensor) => {
      const y = conv2d(x, w, { stride: 2, padding: 1 });
      return project(y.mul(y), 12);
    };
    const dLdx = grad(loss, { argnums: 0 });
    expectGradOk(
      ({ x, w }) => {
        const g = dLdx(x!, w!) as Tensor;
        return g.mul(g).sum();
      },
      { x: randn(1, 2, 5, 5), w: randn(3, 2, 3, 3) },
    );
  });

  it('pooling: gradient of the gradient through max and average pooling of a squared input', () => {
    for (const pool of [(t: Tensor) => maxPool2d(t, 2), (t: Tensor) => avgPool2d(t, 2, { padding: 1 })]) {
      const dLdx = grad((x: Tensor) => project(pool(x.mul(x)), 13));
      expectGradOk(
        ({ x }) => {
          const g = dLdx(x!) as Tensor;
          return project(g, 14);
        },
        { x: randn(1, 2, 4, 4) },
      );
    }
  });
});

describe('bad input: errors name the function, the argument and the shapes', () => {
  const x = randn(2, 3, 5, 5);
  it('convolutions', () => {
    expect(() => conv2d(x, randn(4, 3, 3, 3), { groups: 0 })).toThrow(ValueError);
    expect(() => conv2d(x, randn(4, 3, 3, 3), { groups: 1.5 })).toThrow(
      /conv2d: groups must be a positive integer, received 1.5/,
    );
    expect(() => conv2d(x, randn(4, 3, 3, 3), { stride: 0 })).toThrow(
      /conv2d: stride must be an integer >= 1/,
    );
    expect(() => conv2d(x, randn(4, 3, 3, 3), { bias: randn(3) })).toThrow(
      /conv2d: bias must have shape \[4\]/,
    );
    expect(() => conv2d(x, randn(4, 3, 3))).toThrow(
      /conv2d: weight must have 4 dimensions \[O, C\/groups, KH, KW\], received shape \[4,3,3\]/,
    );
    expect(() => conv2d(x, randn(4, 3, 3, 3).astype('float32'))).toThrow(DTypeError);
    expect(() => conv1d(randn(2, 3, 4), randn(2, 3, 5))).toThrow(/conv1d: kernel larger than padded input/);
    expect(() => conv1d(randn(2, 3, 4), randn(2, 2, 3))).toThrow(
      /conv1d: channel mismatch: input shape \[2,3,4\] has 3 channels but weight shape \[2,2,3\]/,
    );
    expect(() => convTranspose2d(x, randn(2, 2, 3, 3))).toThrow(
      /convTranspose2d: channel mismatch: input shape \[2,3,5,5\] has 3 channels but weight shape \[2,2,3,3\] expects 2/,
    );
    expect(() => convTranspose2d(x, randn(3, 2, 3, 3), { stride: 2, outputPadding: 2 })).toThrow(
      /outputPadding \[2,2\] must be smaller than stride \[2,2\] or dilation \[1,1\]/,
    );
    expect(() => convTranspose2d(x, randn(3, 2, 1, 1), { padding: 3 })).toThrow(
      /output size \[-1,-1\] is not positive for input shape \[2,3,5,5\]/,
    );
    expect(() => convTranspose1d(randn(1, 3, 4), randn(3, 2, 3), { stride: 0 })).toThrow(
      /convTranspose1d: stride must be an integer >= 1, received 0/,
    );
  });
  it('the loop references', () => {
    expect(() => conv2dReference(x, randn(1, 3, 7, 7))).toThrow(
      /conv2dReference: kernel larger than padded input/,
    );
    expect(() => conv1dReference(randn(1, 2, 5), randn(1, 3, 3))).toThrow(
      /conv1dReference: channel mismatch/,
    );
    expect(() => convNumpy1(x, randn(1, 3, 3, 3))).toThrow(
      /convNumpy1: this step handles one image with one channel/,
    );
    expect(() => convNumpy2(randn(1, 1, 2, 2), randn(1, 1, 5, 5), 1, 1)).toThrow(
      /convNumpy2: kernel larger than padded input: image \[1,1,2,2\] padded by 1 is smaller than the kernel \[5,5\]/,
    );
    expect(() => convNumpy4(x, randn(2, 3, 3, 3), 0)).toThrow(
      /convNumpy4: stride must be an integer >= 1, received 0/,
    );
  });
  it('pooling and modules', () => {
    expect(() => maxPool2d(randn(4, 4), 2)).toThrow(/maxPool2d: input must have 3 or 4 dimensions/);
    expect(() => maxPool2d(x, 7)).toThrow(/maxPool2d: kernel larger than padded input/);
    expect(() => avgPool2d(x, 2, { padding: 2 })).toThrow(
      /avgPool2d: padding should be at most half of the kernel size/,
    );
    expect(() => new Conv2d(3, 4, 3, { groups: 2 })).toThrow(
      /Conv2d: groups=2 must divide inChannels=3 and outChannels=4/,
    );
    expect(() => new Conv2d(3, 4, 0)).toThrow(/Conv2d: kernelSize must be an integer >= 1/);
  });
});

describe("the notebooks' He initialisation", () => {
  it('heInitLinear: kaiming-uniform Linear weights U(-√(6/fanIn), √(6/fanIn)), zero biases, convs untouched', () => {
    const net = mnist1dConvNet({ rng: new RandomState(3) });
    const conv0 = net.parameters()[0]!.toList();
    heInitLinear(net, new RandomState(4));
    const params = Object.fromEntries(net.namedParameters());
    expect(params['0.weight']!.toList()).toEqual(conv0);
    const w = params['7.weight']!.toList();
    const bound = Math.sqrt(6 / 60);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.9 * bound); // 600 draws fill the range
    expect(params['7.bias']!.toList().every((v) => v === 0)).toBe(true);
    const viaOption = Object.fromEntries(
      mnist1dConvNet({ rng: new RandomState(3), heInit: true }).namedParameters(),
    );
    expect(viaOption['0.weight']!.toList()).toEqual(conv0);
    expect(viaOption['7.bias']!.toList().every((v) => v === 0)).toBe(true);
  });
});
