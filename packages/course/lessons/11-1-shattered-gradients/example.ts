import { arange, correlate, grad, RandomState, type Tensor } from '@gradkit/core';
import { relu } from '@gradkit/nn';

// dy/dx of a deep ReLU network (one input, one output, D units per layer, Glorot weights and
// biases) at 256 inputs, by autograd: each output depends only on its own input, so the gradient
// of their sum is the derivative at every input at once. Then its autocorrelation.
function network(depth: number, D = 200) {
  const rng = new RandomState(1);
  const s = Math.sqrt(1 / D);
  const sizes = [1, ...new Array<number>(depth).fill(D), 1];
  const layers = sizes.slice(1).map((out, k) => ({
    omega: rng.normal(0, s, [out, sizes[k]!]),
    beta: rng.normal(0, s, [out, 1]),
  }));
  return (x: Tensor) => {
    let h = x;
    layers.forEach(({ omega, beta }, k) => {
      const f = beta.add(omega.matmul(h));
      h = k < layers.length - 1 ? relu(f) : f;
    });
    return h;
  };
}

const x = arange(-2, 2, 4 / 256).reshape([1, 256]);
for (const depth of [1, 24, 50]) {
  const f = network(depth);
  const dydx = (grad((x: Tensor) => f(x).sum())(x) as Tensor).reshape([256]);
  const ac = correlate(dydx, dydx, 'same'); // np.correlate(dydx, dydx, mode='same')
  const atDistance = (d: number) => ac.data[128 + d * 64]! / ac.data[128]!; // 64 samples per unit
  const size = dydx.abs().max().item();
  console.log(
    `${depth} layers: max |dy/dx| ${size.toExponential(2)}, ` +
      `autocorrelation at distance 0.25 ${atDistance(0.25).toFixed(3)}, at 1 ${atDistance(1).toFixed(3)}`,
  );
}
