// fuseModules replaces each Linear directly followed by a ReLU with a LinearReLU (core's fused
// linearRelu) and the ReLU with an Identity: outputs and parameter gradients bit-identical
// (Object.is) to the unfused chain, parameters and state-dict keys unchanged; subclassed modules
// and other activations are left alone.
import { backward, noGrad, RandomState, sum, type Tensor, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { fuseModules, Identity, Linear, LinearReLU, ReLU, relu, Sequential, Tanh } from '../src/index.js';

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++)
    if (!Object.is(a[i], b[i])) expect(`${what}[${i}] ${a[i]}`).toBe(`${what}[${i}] ${b[i]}`);
}

function mlp(seed: number): Sequential {
  const rng = new RandomState(seed);
  return new Sequential(
    new Linear(40, 100, { rng }),
    new ReLU(),
    new Linear(100, 100, { rng }),
    new ReLU(),
    new Linear(100, 10, { rng }),
  );
}

describe('fuseModules: Linear → ReLU as LinearReLU', () => {
  it('replaces the pairs in place, sharing the parameters under the same names', () => {
    const plain = mlp(5);
    const params = plain.parameters();
    const keys = Object.keys(plain.stateDict());
    const fused = fuseModules(plain);
    expect(fused).toBe(plain);
    expect([...fused].map((m) => m.constructor)).toEqual([
      LinearReLU,
      Identity,
      LinearReLU,
      Identity,
      Linear,
    ]);
    expect(fused.parameters()).toHaveLength(params.length);
    fused.parameters().forEach((p, i) => expect(p).toBe(params[i]));
    expect(Object.keys(fused.stateDict())).toEqual(keys);
    expect(fused.toString()).toContain('(0): LinearReLU(40→100)');
  });

  it('same output and parameter gradients as the unfused chain, bit for bit', () => {
    const rng = new RandomState(3);
    const x = tensor(rng.randn(100, 40), { dtype: 'float32' });
    const c = tensor(rng.randn(100, 10), { dtype: 'float32' });
    const fused = fuseModules(mlp(5));
    const plain = mlp(5);
    const y = fused.call(x);
    // unfused reference: each module's forward, the functional relu in between
    const m = [...plain] as [Linear, ReLU, Linear, ReLU, Linear];
    const yRef = m[4].forward(relu(m[2].forward(relu(m[0].forward(x)))));
    sameBits(y.data, yRef.data, 'output');
    expect(y.gradFn?.inputs[0]?.gradFn?.name).toBe('linearRelu');
    // two steps: the second backward accumulates into the gradient buffers of the first
    backward(sum(y.mul(c)));
    backward(sum(yRef.mul(c)));
    backward(sum(fused.call(x).mul(c)));
    backward(sum(m[4].forward(relu(m[2].forward(relu(m[0].forward(x))))).mul(c)));
    const pf = fused.parameters();
    const pp = plain.parameters();
    pf.forEach((p, i) => sameBits(p.grad!.data, pp[i]!.grad!.data, `grad ${i}`));
  });

  it('under noGrad the hidden layers reuse their output arrays: values unchanged, the model output fresh', () => {
    const rng = new RandomState(4);
    const xa = tensor(rng.randn(50, 40), { dtype: 'float32' });
    const xb = tensor(rng.randn(20, 40), { dtype: 'float32' });
    const fused = fuseModules(mlp(9)).eval();
    const plain = [...mlp(9)] as [Linear, ReLU, Linear, ReLU, Linear];
    const ref = (x: Tensor) => plain[4].forward(relu(plain[2].forward(relu(plain[0].forward(x)))));
    const ya = noGrad(() => fused.call(xa));
    const yb = noGrad(() => fused.call(xb));
    const ya2 = noGrad(() => fused.call(xa));
    sameBits(ya.data, ref(xa).data, 'a');
    sameBits(yb.data, ref(xb).data, 'b');
    sameBits(ya2.data, ya.data, 'a again');
    expect(ya2.data).not.toBe(ya.data);
    // the two hidden LinearReLUs feed a linear layer: each reuses one array across noGrad calls
    const hidden = fused.get(2) as LinearReLU;
    expect([(fused.get(0) as LinearReLU).reuseOutput, hidden.reuseOutput]).toEqual([true, true]);
    const h = tensor(rng.randn(7, 100), { dtype: 'float32' });
    expect(noGrad(() => hidden.call(h)).data.buffer).toBe(noGrad(() => hidden.call(h)).data.buffer);
    expect(hidden.call(h).data.buffer).not.toBe(hidden.call(h).data.buffer); // with autograd: fresh
    // a deeper stack (three pairs), and a pair whose output ends the model (fresh: no reuse)
    const deep = fuseModules(
      new Sequential(
        new Linear(5, 6, { rng }),
        new ReLU(),
        new Linear(6, 7, { rng }),
        new ReLU(),
        new Linear(7, 6, { rng }),
        new ReLU(),
        new Linear(6, 2, { rng }),
        new ReLU(),
      ),
    );
    expect([0, 2, 4, 6].map((i) => (deep.get(i) as LinearReLU).reuseOutput)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    const x = tensor(rng.randn(9, 5), { dtype: 'float32' });
    sameBits(noGrad(() => deep.call(x)).data, deep.call(x).data, 'deep');
    // a layer applied to its own output does not write over its input
    const square = new LinearReLU(new Linear(6, 6, { rng }), { reuseOutput: true });
    const once = noGrad(() => square.call(tensor(rng.randn(3, 6), { dtype: 'float32' })));
    const want = Array.from(square.call(once).data);
    sameBits(noGrad(() => square.call(once)).data, want, 'own output');
  });

  it('a subclassed ReLU / Linear and other activations are not fused', () => {
    class LoudReLU extends ReLU {
      calls = 0;
      override forward(x: Tensor): Tensor {
        this.calls++;
        return super.forward(x);
      }
    }
    class MyLinear extends Linear {}
    const rng = new RandomState(2);
    const loud = new LoudReLU();
    const net = fuseModules(new Sequential(new Linear(3, 4, { rng }), loud, new Linear(4, 2, { rng })));
    net.call(tensor([[1, 2, 3]], { dtype: 'float32' }));
    expect(loud.calls).toBe(1);
    const mine = fuseModules(new Sequential(new MyLinear(3, 4, { rng }), new ReLU()));
    expect(mine.get(0)).toBeInstanceOf(MyLinear);
    const t = fuseModules(new Sequential(new Linear(3, 4, { rng }), new Tanh()));
    expect(t.call(tensor([[1, 2, 3]], { dtype: 'float32' })).gradFn?.name).not.toBe('linearRelu');
  });

  it('fuses nested Sequentials; a bad input names the layer', () => {
    const net = fuseModules(new Sequential(mlp(1), new ReLU()));
    expect((net.get(0) as Sequential).get(0)).toBeInstanceOf(LinearReLU);
    expect(() => net.call(tensor([[1, 2, 3]], { dtype: 'float32' }))).toThrow(
      /LinearReLU\(40→100\) '0\.0': expected input with 40 features/,
    );
    expect(() => mlp(1).call(tensor([[1, 2, 3]], { dtype: 'float32' }))).toThrow(
      /Linear\(40→100\) '0': expected input with 40 features/,
    );
  });
});
