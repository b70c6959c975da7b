// Sequential runs a Linear directly followed by a ReLU as core's fused linearRelu: outputs and
// parameter gradients bit-identical (Object.is) to calling the modules one by one; patched or
// subclassed modules are left alone.
import { backward, noGrad, RandomState, sum, type Tensor, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { Linear, ReLU, relu, Sequential, Tanh } from '../src/index.js';

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

describe('Sequential fuses Linear → ReLU', () => {
  it('same output and parameter gradients as the unfused chain, bit for bit', () => {
    const rng = new RandomState(3);
    const x = tensor(rng.randn(100, 40), { dtype: 'float32' });
    const c = tensor(rng.randn(100, 10), { dtype: 'float32' });
    const fused = mlp(5);
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

  it('in eval mode without gradients the values are the same', () => {
    const x = tensor(new RandomState(1).randn(7, 40), { dtype: 'float32' });
    const fused = mlp(9).eval();
    const plain = [...mlp(9)] as [Linear, ReLU, Linear, ReLU, Linear];
    const want = plain[4].forward(relu(plain[2].forward(relu(plain[0].forward(x)))));
    sameBits(fused.call(x).data, want.data, 'output');
  });

  it('under noGrad, intermediate outputs reuse two buffers across calls; results unchanged and independent', () => {
    const rng = new RandomState(4);
    const net = mlp(6);
    const plain = [...mlp(6)] as [Linear, ReLU, Linear, ReLU, Linear];
    const ref = (x: Tensor) => plain[4].forward(relu(plain[2].forward(relu(plain[0].forward(x)))));
    const xa = tensor(rng.randn(50, 40), { dtype: 'float32' });
    const xb = tensor(rng.randn(20, 40), { dtype: 'float32' });
    const ya = noGrad(() => net.call(xa));
    const yb = noGrad(() => net.call(xb)); // smaller batch: views of the same buffers
    const ya2 = noGrad(() => net.call(xa));
    sameBits(ya.data, ref(xa).data, 'a');
    sameBits(yb.data, ref(xb).data, 'b');
    sameBits(ya2.data, ya.data, 'a again');
    expect(ya2.data).not.toBe(ya.data); // the output itself is always fresh
    // a deeper stack: three pairs in a row alternate the two buffers
    const deep = new Sequential(
      new Linear(5, 6, { rng }),
      new ReLU(),
      new Linear(6, 7, { rng }),
      new ReLU(),
      new Linear(7, 6, { rng }),
      new ReLU(),
      new Linear(6, 2, { rng }),
    );
    const x = tensor(rng.randn(9, 5), { dtype: 'float32' });
    const withGrad = deep.call(x);
    sameBits(noGrad(() => deep.call(x)).data, withGrad.data, 'deep');
  });

  it('a subclassed or patched ReLU / Linear is called as written', () => {
    class LoudReLU extends ReLU {
      calls = 0;
      override forward(x: Tensor): Tensor {
        this.calls++;
        return super.forward(x);
      }
    }
    const rng = new RandomState(2);
    const loud = new LoudReLU();
    const net = new Sequential(new Linear(3, 4, { rng }), loud, new Linear(4, 2, { rng }));
    net.call(tensor([[1, 2, 3]], { dtype: 'float32' }));
    expect(loud.calls).toBe(1);
    const lin = new Linear(3, 4, { rng });
    let seen = 0;
    lin.forward = (x: Tensor) => {
      seen++;
      return Linear.prototype.forward.call(lin, x);
    };
    new Sequential(lin, new ReLU()).call(tensor([[1, 2, 3]], { dtype: 'float32' }));
    expect(seen).toBe(1);
    // other activations are not fused
    const t = new Sequential(new Linear(3, 4, { rng }), new Tanh());
    expect(t.call(tensor([[1, 2, 3]], { dtype: 'float32' })).gradFn?.name).not.toBe('linearRelu');
  });

  it('a bad input still names the Linear layer', () => {
    expect(() => mlp(1).call(tensor([[1, 2, 3]], { dtype: 'float32' }))).toThrow(
      /Linear\(40→100\) '0': expected input with 40 features/,
    );
  });
});
