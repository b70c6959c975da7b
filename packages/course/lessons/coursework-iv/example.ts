import { lgammaScalar } from '@gradkit/core';
import { courseworkIVData } from '@gradkit/datasets';

// (a) the ratio of the largest to the smallest pairwise distance of 200 normal points.
const { x2D, x100D, x1000D } = courseworkIVData({ nData: 200 });
for (const [name, X] of [
  ['2D', x2D],
  ['100D', x100D],
  ['1000D', x1000D],
] as const) {
  const [D, N] = X.shape as [number, number];
  const v = X.data as Float64Array;
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < N; i++)
    for (let j = i + 1; j < N; j++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += (v[k * N + i]! - v[k * N + j]!) ** 2;
      lo = Math.min(lo, Math.sqrt(s));
      hi = Math.max(hi, Math.sqrt(s));
    }
  console.log(`${name}: largest / smallest distance = ${(hi / lo).toFixed(2)}`);
}
// (b) volume of the ball of diameter 1 and (c) its share in the outer 1% of the radius.
const volume = (D: number, r: number) =>
  Math.exp((D / 2) * Math.log(Math.PI) + D * Math.log(r) - lgammaScalar(D / 2 + 1));
for (const D of [2, 10, 20])
  console.log(`D = ${D}: volume ${volume(D, 0.5).toExponential(3)}, outer 1%: ${(1 - 0.99 ** D).toFixed(3)}`);
