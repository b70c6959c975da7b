// conv1dRelu / conv2dRelu (and the ConvReLU1d/ConvReLU2d modules): relu(conv(x, w) + b) in the
// convolution's output pass must give the composition's values and gradients bit for bit, on
// both backends, in float32 and float64, with and without bias, and differentiate twice.
import { gradients, RandomState, type Tensor, withBackend } from '@gradkit/core';
import { Flatten, fuseModules, Linear, ReLU, relu, Sequential } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import {
  Conv1d,
  Conv2d,
  ConvReLU1d,
  ConvReLU2d,
  conv1d,
  conv1dRelu,
  conv2d,
  conv2dRelu,
  mnistConvNet,
} from '../src/index.js';

const rng = new RandomState(3);
const randn = (shape: number[], dtype: 'float32' | 'float64') =>
  (rng.randn(...shape) as Tensor).astype(dtype).requiresGrad_();

/** Same bits, element by element (Object.is also tells +0 from −0). */
function expectSameBits(a: Tensor, b: Tensor): void {
  expect([...a.shape]).toEqual([...b.shape]);
  let differ = 0;
  for (let i = 0; i < a.size; i++) if (!Object.is(a.data[i], b.data[i])) differ++;
  expect(differ).toBe(0);
}

type Conv = (x: Tensor, w: Tensor, o: Record<string, unknown>) => Tensor;
const cases: {
  name: string;
  plain: Conv;
  fused: Conv;
  x: number[];
  w: number[];
  opts: Record<string, unknown>;
}[] = [
  // figure 10.7's layers (no padding: the direct float32 kernel) and padded / strided / grouped ones
  {
    name: 'conv1d k3 s2',
    plain: conv1d as Conv,
    fused: conv1dRelu as Conv,
    x: [7, 3, 40],
    w: [5, 3, 3],
    opts: { stride: 2 },
  },
  {
    name: 'conv1d padded, dilated',
    plain: conv1d as Conv,
    fused: conv1dRelu as Conv,
    x: [4, 2, 17],
    w: [6, 2, 3],
    opts: { padding: 2, dilation: 2 },
  },
  {
    name: 'conv2d grouped',
    plain: conv2d as Conv,
    fused: conv2dRelu as Conv,
    x: [3, 4, 9, 8],
    w: [6, 2, 3, 2],
    opts: { groups: 2, stride: [2, 1] },
  },
  {
    name: 'conv2d same',
    plain: conv2d as Conv,
    fused: conv2dRelu as Conv,
    x: [2, 3, 6, 7],
    w: [4, 3, 3, 3],
    opts: { padding: 'same' },
  },
];

describe('fused convolution + relu equals relu(conv(...)) bit for bit', () => {
  for (const backend of ['wasm', 'js'] as const)
    for (const dtype of ['float32', 'float64'] as const)
      for (const c of cases)
        for (const withBias of [true, false])
          it(`${c.name}, ${dtype}, ${withBias ? 'bias' : 'no bias'}, ${backend} backend: values and gradients`, () => {
            withBackend(backend, () => {
              const x = randn(c.x, dtype);
              const w = randn(c.w, dtype);
              const b = withBias ? randn([c.w[0]!], dtype) : null;
              const opts = { ...c.opts, bias: b };
              const ref = relu(c.plain(x, w, opts));
              const got = c.fused(x, w, opts);
              expectSameBits(got, ref);
              const seed = (rng.randn(...ref.shape) as Tensor).astype(dtype);
              const inputs = b ? [x, w, b] : [x, w];
              const gRef = gradients(ref, inputs, { gradOutput: seed });
              const gGot = gradients(got, inputs, { gradOutput: seed });
              for (let i = 0; i < inputs.length; i++) expectSameBits(gGot[i]!, gRef[i]!);
            });
          });

  it('second derivatives (createGraph) agree with the composition', () => {
    const x = randn([3, 2, 11], 'float64');
    const w = randn([4, 2, 3], 'float64');
    const b = randn([4], 'float64');
    const seed = rng.randn(3, 4, 5) as Tensor;
    const f = (y: Tensor) => {
      const [gx] = gradients(y.mul(y).sum(), [x], { createGraph: true });
      return gradients(gx!.mul(seed.sum()).sum(), [w, b]);
    };
    const ref = f(relu(conv1d(x, w, { bias: b, stride: 2 })));
    const got = f(conv1dRelu(x, w, { bias: b, stride: 2 }));
    for (let i = 0; i < ref.length; i++) {
      expect([...got[i]!.shape]).toEqual([...ref[i]!.shape]);
      for (let j = 0; j < ref[i]!.size; j++) expect(got[i]!.data[j]).toBeCloseTo(ref[i]!.data[j]!, 12);
    }
  });

  it('ConvReLU1d is relu(Conv1d.forward), shares its parameters and checks its input like Conv1d', () => {
    const m = new Conv1d(2, 3, 3, { stride: 2, rng: new RandomState(0) });
    const fused = new ConvReLU1d(m);
    const x = randn([5, 2, 21], 'float32');
    expectSameBits(fused.call(x), relu(m.forward(x)));
    expect(fused.parameters()).toEqual(m.parameters());
    expect(() => fused.call(randn([5, 4, 21], 'float32'))).toThrow(/expected input \[N, 2, L\]/);
  });

  it('ConvReLU2d is relu(Conv2d.forward); fuseModules fuses only adjacent pairs of mnistConvNet', () => {
    const m = new Conv2d(2, 4, 3, { padding: 1, rng: new RandomState(1) });
    const x = randn([3, 2, 7, 6], 'float32');
    expectSameBits(new ConvReLU2d(m).call(x), relu(m.forward(x)));
    // Conv2d → MaxPool2d → ReLU is not a pair; Linear(320→50) → ReLU is
    const net = fuseModules(mnistConvNet({ rng: new RandomState(2) }));
    expect([...net].map((l) => l.constructor.name)).toEqual([
      'Conv2d',
      'MaxPool2d',
      'ReLU',
      'Conv2d',
      'Dropout2d',
      'MaxPool2d',
      'ReLU',
      'Flatten',
      'LinearReLU',
      'Identity',
      'Linear',
      'LogSoftmax',
    ]);
  });

  it('fuseModules runs Conv1d → ReLU as conv1dRelu: same output and parameter gradients as unfused', () => {
    const build = () => {
      const r = new RandomState(5);
      return new Sequential(
        new Conv1d(1, 6, 3, { stride: 2, rng: r }),
        new ReLU(),
        new Conv1d(6, 6, 3, { stride: 2, rng: r }),
        new ReLU(),
        new Flatten(),
        new Linear(54, 4, { rng: r }),
      );
    };
    const fused = fuseModules(build());
    const plain = build();
    expect(Object.keys(fused.stateDict())).toEqual(Object.keys(plain.stateDict()));
    const x = (rng.randn(8, 1, 40) as Tensor).astype('float32');
    const yf = fused.call(x);
    const yp = plain.call(x);
    expectSameBits(yf, yp);
    // the fused graph has conv2dRelu nodes and no relu node
    const names = new Set<string>();
    const walk = (t: Tensor) => {
      if (!t.gradFn || names.has(`${t.gradFn.name}:${names.size}`)) return;
      names.add(t.gradFn.name);
      for (const c of t.gradFn.inputs) walk(c);
    };
    walk(yf);
    expect(names.has('conv2dRelu')).toBe(true);
    expect(names.has('relu')).toBe(false);
    yf.sum().backward();
    yp.sum().backward();
    const pf = fused.parameters();
    const pp = plain.parameters();
    for (let i = 0; i < pf.length; i++) expectSameBits(pf[i]!.grad!, pp[i]!.grad!);
  });
});
