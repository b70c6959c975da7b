import { grad, type Tensor } from '@gradkit/core';

// The toy model's loss ℓ = (β3 + ω3·cos[β2 + ω2·exp[β1 + ω1·sin[β0 + ω0·x]]] − y)², differentiated
// by autograd: the backward pass the notebook writes by hand, done by @gradkit/core.
type P = Record<'beta0' | 'beta1' | 'beta2' | 'beta3' | 'omega0' | 'omega1' | 'omega2' | 'omega3', Tensor>;
const x = 2.3;
const y = 2.0;
const lossFn = (p: P) => {
  const f0 = p.omega0.mul(x).add(p.beta0);
  const f1 = p.omega1.mul(f0.sin()).add(p.beta1);
  const f2 = p.omega2.mul(f1.exp()).add(p.beta2);
  const f3 = p.omega3.mul(f2.cos()).add(p.beta3);
  return f3.sub(y).mul(f3.sub(y));
};
const params = {
  beta0: 1.0,
  beta1: 2.0,
  beta2: -3.0,
  beta3: 0.4,
  omega0: 0.1,
  omega1: -0.4,
  omega2: 2.0,
  omega3: 3.0,
};
const d = grad(lossFn)(params) as Record<keyof P, number>;
for (const [name, value] of Object.entries(d)) console.log(`dld${name} = ${value.toFixed(3)}`);
// dldbeta0 = 2.281 … dldomega0 = 5.246, as the notebook's backward pass
