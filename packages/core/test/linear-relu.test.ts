// linearRelu (fused max(x Wᵀ + b, 0)) against linear followed by the ReLU: values, first and
// second derivatives bit-identical (Object.is on every element), on both backends.
import { describe, expect, it } from 'vitest';
import {
  backward,
  gradients,
  initWasm,
  linear,
  linearRelu,
  maximum,
  mul,
  noGrad,
  RandomState,
  sum,
  tensor,
  withBackend,
} from '../src/index.js';
import { reluForward } from '../src/kernels/index.js';

await initWasm();
const rs = new RandomState(11);

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    if (!Object.is(a[i], b[i])) expect(`${what}[${i}] ${a[i]}`).toBe(`${what}[${i}] ${b[i]}`);
}

const t = (shape: number[], dtype: 'float32' | 'float64', requiresGrad = false) =>
  tensor(rs.uniform(-1, 1, shape), { dtype, requiresGrad });

describe('linearRelu', () => {
  for (const backend of ['js', 'wasm'] as const)
    for (const dtype of ['float32', 'float64'] as const)
      it(`${backend} ${dtype}: values and gradients equal linear then ReLU, bit for bit`, () => {
        withBackend(backend, () => {
          for (const xs of [[5, 3], [2, 4, 3], [3], [100, 40], [1, 300]]) {
            const inF = xs[xs.length - 1]!;
            const outF = inF === 40 ? 100 : inF === 300 ? 257 : 4;
            for (const withBias of [true, false]) {
              const x = t(xs, dtype, true);
              const w = t([outF, inF], dtype, true);
              const b = withBias ? t([outF], dtype, true) : null;
              const y = linearRelu(x, w, b);
              const z = linear(x, w, b);
              const relu = z.data.slice();
              reluForward(z.data as Float32Array, relu as Float32Array);
              sameBits(y.data, relu, 'value');
              expect(y.shape).toEqual(z.shape);
              expect(y.gradFn?.name).toBe('linearRelu');
              // d/dz Σ c·relu(z) = c·[z > 0] (+0 elsewhere): the composite's gradient through linear
              const c = t(y.shape as number[], dtype);
              const masked = tensor(
                Array.from(c.data, (v, i) => (relu[i]! > 0 ? v : 0)),
                { dtype },
              ).reshape(y.shape as number[]);
              const inputs = b ? [x, w, b] : [x, w];
              const got = gradients(sum(mul(y, c)), inputs);
              const want = gradients(sum(mul(linear(x, w, b), masked)), inputs);
              got.forEach((g, i) => sameBits(g.data, want[i]!.data, `grad ${i} ${xs}`));
              // the engine's backward() (parameter-gradient buffers) gives the same
              backward(sum(mul(linearRelu(x, w, b), c)));
              sameBits(w.grad!.data, want[1]!.data, 'w.grad');
              if (b) sameBits(b.grad!.data, want[2]!.data, 'b.grad');
            }
          }
        });
      });

  it('reused buffers for gradients inside backward() never leak: gradients() results and .grad stay intact', () => {
    const x = t([8, 5], 'float32');
    const w1 = t([6, 5], 'float32', true);
    const b1 = t([6], 'float32', true);
    const w2 = t([3, 6], 'float32', true);
    const net = () => {
      const h = linearRelu(x, w1, b1);
      return { h, y: linear(h, w2) };
    };
    const { h, y } = net();
    const [gh] = gradients(sum(y), [h], { retainGraph: true });
    const before = Array.from(gh!.data);
    backward(sum(y)); // retained graph: second pass over the same nodes
    const g1 = Array.from(w1.grad!.data);
    for (let step = 0; step < 3; step++) backward(sum(net().y.mul(step + 2)));
    sameBits(gh!.data, before, 'gradients() result after later passes');
    // w1.grad = g1 · (1 + 2 + 3 + 4) computed pass by pass, as the unfused chain does
    const w1b = w1.detach().requiresGrad_();
    const b1b = b1.detach().requiresGrad_();
    const w2b = w2.detach().requiresGrad_();
    for (let step = 0; step < 4; step++) {
      const hh = linear(x, w1b, b1b);
      const mask = tensor(
        Array.from(hh.data, (v) => (v > 0 ? 1 : 0)),
        { dtype: 'float32' },
      ).reshape([8, 6]);
      backward(sum(linear(mul(hh, mask), w2b).mul(step + 1)));
    }
    expect(g1.length).toBe(30);
    w1.grad!.data.forEach((v, i) => expect(v).toBeCloseTo(w1b.grad!.data[i]!, 4));
  });

  it('second derivatives (createGraph) equal the composite', () => {
    const x = t([4, 3], 'float64', true);
    const w = t([5, 3], 'float64', true);
    const b = t([5], 'float64', true);
    const f = (fused: boolean) => {
      const y = fused ? linearRelu(x, w, b) : maximum(linear(x, w, b), 0);
      const [gx] = gradients(sum(mul(y, y)), [x], { createGraph: true });
      return gradients(sum(mul(gx!, gx!)), [w, b]);
    };
    const a = f(true);
    const e = f(false);
    a.forEach((g, i) => g.data.forEach((v, k) => expect(v).toBeCloseTo(e[i]!.data[k]!, 12)));
  });

  it('NaN propagates; integer inputs compose linear and maximum', () => {
    const y = linearRelu(
      tensor([[Number.NaN, 1]]),
      tensor([
        [1, 0],
        [0, -1],
      ]),
      tensor([0, 0]),
    );
    expect(Number.isNaN(y.data[0])).toBe(true);
    expect(
      linearRelu(
        tensor([[1, 2]]),
        tensor([
          [1, 0],
          [0, -1],
        ]),
        tensor([0, 0]),
      ).toArray(),
    ).toEqual([[1, 0]]);
    const yi = linearRelu(
      tensor([[1, -2]], { dtype: 'int32' }),
      tensor(
        [
          [1, 0],
          [0, 1],
        ],
        { dtype: 'int32' },
      ),
      tensor([0, 1], { dtype: 'int32' }),
    );
    expect(yi.dtype).toBe('int32');
    expect(yi.toArray()).toEqual([[1, 0]]);
  });

  it('options.out: the result written into a given tensor (noGrad only), checked like PyTorch', () => {
    const x = t([6, 3], 'float32');
    const w = t([4, 3], 'float32');
    const b = t([4], 'float32');
    for (const f of [linear, linearRelu]) {
      const out = tensor(new Float32Array(24)).reshape([6, 4]);
      const r = f(x, w, b, { out });
      expect(r).toBe(out);
      sameBits(out.data, f(x, w, b).data, f.name);
      expect(() => f(x, w, b, { out: tensor(new Float32Array(20)).reshape([5, 4]) })).toThrow(
        /out has shape \[5,4\]/,
      );
      expect(() => f(x, w, b, { out: tensor(new Float64Array(24)).reshape([6, 4]) })).toThrow(
        /out has dtype float64/,
      );
      const wg = t([4, 3], 'float32', true);
      expect(() => f(x, wg, b, { out })).toThrow(/not differentiable/);
      expect(noGrad(() => f(x, wg, b, { out }))).toBe(out);
      const xo = tensor(new Float32Array(24)).reshape([6, 4]);
      expect(() => f(xo, t([4, 4], 'float32'), null, { out: xo })).toThrow(/share storage/);
    }
  });

  it('reports bad shapes as linearRelu', () => {
    expect(() => linearRelu(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(
      /linearRelu: input must have shape/,
    );
  });
});
