// PyTorch parity for @gradkit/nn: activations (values and gradients) and an MLP with the
// coursework's architecture (Linear/ReLU/Linear/ReLU/Linear + cross-entropy), forward and
// backward from the same weights. Fixture: tests/fixtures/gen_nn_torch.py (PyTorch 1.13).
// Tolerances: float64 1e-12 (relative + absolute); float32 2e-5 (PyTorch sums in another order).
import { readFileSync } from 'node:fs';
import { mul, sigmoid, sum, type Tensor, tanh, tensor } from '@gradkit/core';
import { crossEntropy } from '@gradkit/losses';
import { describe, expect, it } from 'vitest';
import {
  GELU,
  gelu,
  LeakyReLU,
  Linear,
  leakyRelu,
  ReLU,
  relu,
  Sequential,
  Softplus,
  softplus,
} from '../src/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../../tests/fixtures/nn_torch.json', import.meta.url), 'utf8'),
);

type Nested = number | Nested[];
const flat = (a: Nested): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a]);
function expectClose(actual: Nested, expected: Nested, tol: number) {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!) / (1 + Math.abs(e[i]!)));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('activations against PyTorch (float64, values and gradients)', () => {
  const { x, cotangent, cases } = fx.activations;
  const fns: Record<string, (t: Tensor) => Tensor> = {
    relu: (t) => relu(t),
    'leaky_relu_0.1': (t) => leakyRelu(t, 0.1),
    leaky_relu_default: (t) => new LeakyReLU().call(t),
    gelu: (t) => gelu(t),
    gelu_tanh: (t) => new GELU('tanh').call(t),
    softplus: (t) => softplus(t),
    softplus_beta2_th5: (t) => new Softplus(2, 5).call(t),
    sigmoid: (t) => sigmoid(t),
    tanh: (t) => tanh(t),
  };
  for (const [name, f] of Object.entries(fns)) {
    it(name, () => {
      const xt = tensor(x, { requiresGrad: true });
      const y = f(xt);
      expectClose(y.toList(), cases[name].value, 1e-12);
      sum(mul(y, tensor(cotangent))).backward();
      expectClose(xt.grad!.toList(), cases[name].grad, 1e-12);
    });
  }
});

describe('coursework-style MLP against PyTorch: same weights, same logits, loss and gradients', () => {
  for (const [key, dtype, tol] of [
    ['mlp_float64', 'float64', 1e-12],
    ['mlp_float32', 'float32', 2e-5],
  ] as const) {
    it(`${dtype}`, () => {
      const c = fx[key];
      // the initial values are replaced by loadStateDict; any random source will do
      const rng = {
        uniform: (_l: number, _h: number, s: number[]) => new Float64Array(s.reduce((a, b) => a * b, 1)),
        normal: () => 0,
      };
      const model = new Sequential(
        new Linear(40, 16, { rng, dtype }),
        new ReLU(),
        new Linear(16, 16, { rng, dtype }),
        new ReLU(),
        new Linear(16, 10, { rng, dtype }),
      );
      const state: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries<Nested>(c.state)) state[k] = tensor(v as number[], { dtype });
      model.loadStateDict(state);
      const logits = model.call(tensor(c.x, { dtype }));
      expect(logits.dtype).toBe(dtype);
      expectClose(logits.toList(), c.logits, tol);
      const loss = crossEntropy(logits, tensor(c.y, { dtype: 'int32' }));
      expect(Math.abs(loss.item() - c.loss)).toBeLessThanOrEqual(tol * (1 + Math.abs(c.loss)));
      loss.backward();
      const names = [...model.namedParameters()].map(([n]) => n);
      expect(names).toEqual(Object.keys(c.grads));
      for (const [n, p] of model.namedParameters()) expectClose(p.grad!.toList(), c.grads[n], tol);
    });
  }
});
