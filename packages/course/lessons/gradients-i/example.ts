import { grad, type Tensor, tensor } from '@gradkit/core';

// y = β4 + ω4 log[β3 + ω3 cos[β2 + ω2 exp[β1 + ω1 sin[β0 + ω0 x]]]] at the notebook's values.
const x = 2.3;
const y = (p: { beta: Tensor; omega: Tensor }) => {
  const b = (k: number) => p.beta.index(k);
  const w = (k: number) => p.omega.index(k);
  const h1 = b(0).add(w(0).mul(x)).sin();
  const h2 = b(1).add(w(1).mul(h1)).exp();
  const h3 = b(2).add(w(2).mul(h2)).cos();
  const h4 = b(3).add(w(3).mul(h3)).log();
  return b(4).add(w(4).mul(h4));
};
const params = { beta: tensor([1.0, 2.0, -3.0, 0.4, -0.3]), omega: tensor([0.1, -0.4, 2.0, 3.0, -0.5]) };
const d = grad(y)(params) as { beta: Tensor; omega: Tensor };
console.log('y =', y(params).item().toFixed(6));
console.log('dy/dβ:', d.beta.toArray());
console.log('dy/dω:', d.omega.toArray());
