/**
 * Notebook 9.2's figure (book figure 9.3): tiny steps (close to the gradient flow) and steps of
 * 0.05 from the same start over the contours of the loss; the two paths end in different places.
 */
import { linspace, type Tensor } from '@gradkit/core';
import { type Figure, lossContour } from '@gradkit/plot';
import { gradDescent, loss, START } from './notebook.js';

/** The columns `(φ0, φ1)` of a `[2, n]` path whose index passes `keep`. */
function points(path: Tensor, keep: (i: number) => boolean): [number, number][] {
  const [row0, row1] = path.toArray() as [number[], number[]];
  const out: [number, number][] = [];
  row0.forEach((p0, i) => {
    if (keep(i)) out.push([p0, row1[i]!]);
  });
  return out;
}

export const figures: Record<string, () => Figure> = {
  'implicit-regularization': () => {
    // The loss on a 70 × 70 grid over the notebook's window [-0.8, 0.5]² (row-major [φ1, φ0]).
    const x = linspace(-0.8, 0.5, 70).toList() as number[];
    const values = x.flatMap((p1) => x.map((p0) => loss(p0, p1)));
    const tiny = points(gradDescent(START, 2000, 0.001), (i) => i < 2000 && i % 20 === 0);
    const typical = points(gradDescent(START, 100, 0.05), (i) => i < 100);
    return lossContour({
      x,
      y: x,
      values,
      trajectories: [
        { name: 'tiny lr', points: tiny },
        { name: 'lr 0.05', points: typical },
      ],
      xLabel: 'φ0',
      yLabel: 'φ1',
      title: 'UDL 9.2: small steps follow the gradient flow',
      legend: 'top-left',
    });
  },
};
