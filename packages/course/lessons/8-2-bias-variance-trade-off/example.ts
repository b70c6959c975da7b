import { lstsq, RandomState } from '@gradkit/core';

// The chapter-8 toy problem: 15 noisy points around exp(sin(2πx)), fitted in closed form by a
// network of n ReLUs with fixed joints at c/n (UDL figure 8.4), refitted on 100 data sets.
const trueFunction = (x: number) => Math.exp(Math.sin(x * (2 * 3.1413))); // the notebook's π is 3.1413
const xModel = Array.from({ length: 100 }, (_, i) => i / 99);
const basis = (x: number, n: number) => [1, ...Array.from({ length: n }, (_, c) => Math.max(x - c / n, 0))];
const rng = new RandomState(1);

for (const nHidden of [1, 3, 5, 12]) {
  const fits: number[][] = [];
  for (let d = 0; d < 100; d++) {
    const x = Array.from({ length: 15 }, (_, i) => rng.uniform(i / 15, (i + 1) / 15));
    const y = x.map((xi) => trueFunction(xi) + rng.normal(0, 0.3));
    const phi = lstsq(
      x.map((xi) => basis(xi, nHidden)),
      y,
    ).x.data;
    fits.push(xModel.map((xi) => basis(xi, nHidden).reduce((s, b, k) => s + b * phi[k]!, 0)));
  }
  const mean = xModel.map((_, j) => fits.reduce((s, f) => s + f[j]!, 0) / fits.length);
  const variance = xModel.map((_, j) => fits.reduce((s, f) => s + (f[j]! - mean[j]!) ** 2, 0) / fits.length);
  const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const bias = avg(mean.map((m, j) => (m - trueFunction(xModel[j]!)) ** 2));
  console.log(`${nHidden} hidden units: bias ${bias.toFixed(4)}, variance ${avg(variance).toFixed(4)}`);
}
