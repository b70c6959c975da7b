/**
 * Coursework IV's figures: the pairwise distances of normal points in 2, 100 and 1000 dimensions,
 * the volume of the ball of diameter 1, and the share of a ball's volume in the outer 1% of the radius.
 */
import { hypersphereVolume, outerShellVolumeFraction, type Tensor } from '@gradkit/core';
import { courseworkIVData } from '@gradkit/datasets';
import { distanceHistogram, type Figure, functionPlot } from '@gradkit/plot';

/** The Euclidean distances between the columns (examples) of `x` `[D, N]`, pairs i < j. */
function pairwiseDistances(x: Tensor): number[] {
  const [D, N] = x.shape as [number, number];
  const d = x.data as Float64Array;
  const out: number[] = [];
  for (let i = 0; i < N; i++)
    for (let j = i + 1; j < N; j++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += (d[k * N + i]! - d[k * N + j]!) ** 2;
      out.push(Math.sqrt(s));
    }
  return out;
}

export const figures: Record<string, () => Figure> = {
  'coursework-iv-distances': () => {
    const { x2D, x100D, x1000D } = courseworkIVData({ nData: 120 });
    return distanceHistogram({
      groups: [
        { name: 'D = 2', values: pairwiseDistances(x2D) },
        { name: 'D = 100', values: pairwiseDistances(x100D) },
        { name: 'D = 1000', values: pairwiseDistances(x1000D) },
      ],
      bins: 30,
      title: 'Pairwise distances of 120 standard normal points',
    });
  },
  'coursework-iv-volume': () => {
    // Volume of a hypersphere of radius 0.5 (diameter 1, inside the unit cube):
    // V = π^{D/2} r^D / Γ(D/2 + 1), on a log10 scale (it falls to 2e-14 by D = 30).
    const D = Array.from({ length: 30 }, (_, i) => i + 1);
    return functionPlot({
      x: D,
      series: [{ name: 'log10 volume', y: D.map((d) => Math.log10(hypersphereVolume(1, d))) }],
      xLabel: 'dimension D',
      yLabel: 'log10 volume of the ball of diameter 1',
      title: 'The ball of diameter 1 vanishes as the dimension grows',
    });
  },
  'coursework-iv-outer-shell': () => {
    // The share of the ball's volume in the outer 1% of its radius, 1 − 0.99^D, up to D = 300.
    const D = Array.from({ length: 300 }, (_, i) => i + 1);
    return functionPlot({
      x: D,
      series: [{ name: 'share in the outer 1%', y: D.map((d) => outerShellVolumeFraction(d)) }],
      xLabel: 'dimension D',
      yLabel: 'share of the volume in the outer 1% of the radius',
      yDomain: [0, 1],
      title: 'The volume of a high-dimensional ball lives near its surface',
    });
  },
};
