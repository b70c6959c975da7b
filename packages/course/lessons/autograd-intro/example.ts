import { grad, linspace, type Tensor, tensor } from '@gradkit/core';

// g = grad(f): a new function that returns df/dx (the notebook's autograd.grad).
const f = (x: Tensor) => x.mul(x).sum();
const g = grad(f);
console.log("f'(x) at x = -2, 0, 3:", (g(tensor([-2, 0, 3])) as Tensor).toArray()); // 2x

// Linear regression by gradient descent: 100 steps on 8 points of y = 2x + 1.
const x = linspace(-1, 1, 8);
const y = x.mul(2).add(1);
const loss = (p: { w: Tensor; b: Tensor }) => x.mul(p.w).add(p.b).sub(y).square().mean();
let params = { w: tensor(0), b: tensor(0) };
for (let step = 0; step < 100; step++) {
  const d = grad(loss)(params) as { w: Tensor; b: Tensor };
  params = { w: params.w.sub(d.w.mul(0.3)), b: params.b.sub(d.b.mul(0.3)) };
}
console.log('w, b after 100 steps:', params.w.item().toFixed(3), params.b.item().toFixed(3));
