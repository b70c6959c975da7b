import { tensor } from '@gradkit/core';
import { LOSS_I_Y, LOSS_X } from '@gradkit/datasets';
import { normalNll, sumOfSquares } from '@gradkit/losses';

// The notebook's shallow network with one output: f[x] = β1 + Ω1 ReLU[β0 + Ω0 x].
const f = (x: number, beta1: number) =>
  beta1 +
  [-2.0, -1.0, 7.0].reduce(
    (s, w, d) => s + w * Math.max(0, ([0.3, -1.0, -0.5][d] as number) + ([-1.0, 1.8, 0.65][d] as number) * x),
    0,
  );
const y = tensor([...LOSS_I_Y]);
for (const beta1 of [-0.2, 0.0, 0.2]) {
  const mu = tensor(LOSS_X.map((x) => f(x, beta1)));
  console.log(
    `β1 = ${beta1}: NLL ${normalNll(y, mu, 0.2).item().toFixed(3)}, sum of squares ${sumOfSquares(y, mu).item().toFixed(3)}`,
  );
}
