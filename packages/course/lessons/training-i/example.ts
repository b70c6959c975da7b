import { lineSearch } from '@gradkit/optimizers';

// Training I's loss with two valleys, minimised by bracketing on [0, 1].
const loss = (phi: number) =>
  1 - 0.5 * Math.exp(-((phi - 0.65) ** 2) / 0.1) - 0.45 * Math.exp(-((phi - 0.35) ** 2) / 0.02);
const r = lineSearch(loss);
console.log(
  `minimum at φ = ${r.soln.toFixed(4)} after ${r.nIter} iterations, loss ${loss(r.soln).toFixed(4)}`,
);
