import { distanceRatio, hypersphereVolume, outerShellVolumeFraction } from '@gradkit/core';
import { courseworkIVData } from '@gradkit/datasets';

// How close are points in high dimensions? np.random.seed(0), then 1000 standard-normal points
// (columns) in 2, 100 and 1000 dimensions (rows), as the notebook draws them.
const { x2D, x100D, x1000D } = courseworkIVData({ seed: 0, nData: 1000 });
for (const [name, x] of [
  ['2D', x2D],
  ['100D', x100D],
  ['1000D', x1000D],
] as const)
  console.log(`Ratio of largest to smallest distance ${name}: ${distanceRatio(x).toFixed(3)}`);

// The volume of the ball of diameter 1 (UDL problem 8.7), and its share in the outer 1% of the radius.
for (const D of [2, 10, 100, 300])
  console.log(
    `D = ${D}: volume ${hypersphereVolume(1, D).toExponential(3)}, outer 1%: ${outerShellVolumeFraction(D).toFixed(3)}`,
  );
