import { noGrad, RandomState, Tensor } from '@gradkit/core';
import { crossEntropy } from '@gradkit/losses';
import type { Sequential } from '@gradkit/nn';
import { describe, expect, it } from 'vitest';
import { Conv1d, Conv2d, Dropout2d, mnist1dConvNet, mnistConvNet } from '../src/index.js';

const count = (m: Sequential) => m.parameters().reduce((a, p) => a + p.size, 0);

describe('conv modules', () => {
  it('Conv1d default init is U(-1/sqrt(fanIn), 1/sqrt(fanIn)) as PyTorch', () => {
    const conv = new Conv1d(15, 15, 3, { rng: new RandomState(0) });
    const bound = 1 / Math.sqrt(45);
    expect([...conv.weight.shape]).toEqual([15, 15, 3]);
    const w = conv.weight.toList();
    expect(Math.max(...w)).toBeLessThanOrEqual(bound);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-bound);
    expect(Math.max(...w)).toBeGreaterThan(0.9 * bound);
    expect(conv.bias!.size).toBe(15);
  });

  it('figure 10.7 network: [N, 1, 40] → [N, 10] with 2050 parameters (as PyTorch counts them)', () => {
    const net = mnist1dConvNet({ rng: new RandomState(1) });
    const y = noGrad(() => net.call(new Tensor(new Float32Array(7 * 40), [7, 1, 40], 'float32')));
    expect([...y.shape]).toEqual([7, 10]);
    // conv 1·15·3+15, 15·15·3+15 twice, linear 60·10+10
    expect(count(net)).toBe(60 + 690 + 690 + 610);
    expect([...net.namedParameters()].map(([n]) => n)).toContain('7.weight');
  });

  it('Convolution III network: [N, 1, 28, 28] → [N, 10] log-probabilities, 21840 parameters', () => {
    const net = mnistConvNet({ rng: new RandomState(2) }).eval();
    const y = noGrad(() =>
      net.call(new Tensor(new Float32Array(2 * 784).fill(0.5), [2, 1, 28, 28], 'float32')),
    );
    expect([...y.shape]).toEqual([2, 10]);
    expect(count(net)).toBe(260 + 5020 + 16050 + 510);
    const probs = y.toList().slice(0, 10).map(Math.exp);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('a wrong channel count names the layer', () => {
    const net = mnist1dConvNet({ rng: new RandomState(1) });
    expect(() => net.call(new Tensor(new Float32Array(2 * 2 * 40), [2, 2, 40], 'float32'))).toThrow(
      /Conv1d\(1→15, k=3, stride=2\) '0': expected input \[N, 1, L\], received shape \[2,2,40\]/,
    );
    expect(() => new Conv2d(3, 4, 3).call(new Tensor(new Float32Array(16), [1, 1, 4, 4], 'float32'))).toThrow(
      /Conv2d\(3→4, k=3x3\)/,
    );
  });

  it('Dropout2d zeroes whole channels in training and is the identity in eval', () => {
    const d = new Dropout2d(0.5, { rng: new RandomState(3) });
    const x = new Tensor(new Float32Array(4 * 6 * 9).fill(1), [4, 6, 9], 'float32');
    const y = d.call(x).toList();
    for (let ch = 0; ch < 24; ch++) {
      const plane = y.slice(ch * 9, ch * 9 + 9);
      expect(new Set(plane).size).toBe(1);
      expect([0, 2]).toContain(plane[0]);
    }
    expect(d.eval().call(x)).toBe(x);
  });

  it('both networks train: loss falls on a small generated stand-in (SGD)', () => {
    const rng = new RandomState(0);
    // MNIST-1D-like stand-in: class k is a bump at position 4k (plus noise)
    const n = 60;
    const x = new Float32Array(n * 40);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = i % 10;
      labels[i] = k;
      for (let j = 0; j < 40; j++)
        x[i * 40 + j] = Math.exp(-((j - 4 * k - 2) ** 2) / 4) + 0.05 * (rng.randn() as number);
    }
    const X = new Tensor(x, [n, 1, 40], 'float32');
    const Y = new Tensor(labels, [n], 'int32');
    const net = mnist1dConvNet({ rng });
    const loss0 = noGrad(() => crossEntropy(net.call(X), Y).item());
    for (let step = 0; step < 60; step++) {
      net.zeroGrad();
      crossEntropy(net.call(X), Y).backward();
      for (const p of net.parameters()) for (let i = 0; i < p.size; i++) p.data[i]! -= 0.5 * p.grad!.data[i]!;
    }
    const loss1 = noGrad(() => crossEntropy(net.call(X), Y).item());
    expect(loss1).toBeLessThan(0.5 * loss0);

    // 2-D stand-in: 28x28 images with a bright square in one of 4 quadrants
    const m = 16;
    const img = new Float32Array(m * 784);
    const lab = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const q = i % 4;
      lab[i] = q;
      const [oy, ox] = [q < 2 ? 3 : 16, q % 2 ? 16 : 3];
      for (let yy = 0; yy < 9; yy++)
        for (let xx = 0; xx < 9; xx++) img[i * 784 + (oy + yy) * 28 + ox + xx] = 1;
    }
    const net2 = mnistConvNet({ rng, dropout: 0.1 });
    const X2 = new Tensor(img, [m, 1, 28, 28], 'float32');
    const Y2 = new Tensor(lab, [m], 'int32');
    const nll = (out: Tensor) => crossEntropy(out, Y2); // log-softmax is idempotent under cross-entropy
    const l0 = noGrad(() => nll(net2.eval().call(X2)).item());
    net2.train();
    for (let step = 0; step < 15; step++) {
      net2.zeroGrad();
      nll(net2.call(X2)).backward();
      for (const p of net2.parameters())
        for (let i = 0; i < p.size; i++) p.data[i]! -= 0.1 * p.grad!.data[i]!;
    }
    const l1 = noGrad(() => nll(net2.eval().call(X2)).item());
    expect(l1).toBeLessThan(l0);
  });
});
