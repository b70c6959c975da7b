/**
 * CM20315 Coursework IV (`udl-cm20315-coursework_iv.md`), the notebook translated to library calls:
 * the geometry of high-dimensional spaces (UDL chapter 8, the curse of dimensionality). The three
 * TODOs are `@gradkit/core`'s geometry functions: `distance_ratio` is `distanceRatio` (part a),
 * `volume_of_hypersphere` is `hypersphereVolume` (V = π^{D/2} r^D / Γ(D/2 + 1), problem 8.7,
 * part b) and `get_prop_of_volume_in_outer_1_percent` is `outerShellVolumeFraction`
 * (1 − 0.99^D, part c). The data are `@gradkit/datasets`' `courseworkIVData`: `np.random.seed(0)`
 * and the notebook's three `np.random.normal(size=(n_dim, n_data))` draws, bit for bit.
 */
import { distanceRatio, hypersphereVolume, outerShellVolumeFraction, sum } from '@gradkit/core';
import { courseworkIVData } from '@gradkit/datasets';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's dimensions of part (c), in order. */
export const OUTER_SHELL_DIMS = [1, 2, 10, 20, 50, 100, 150, 200, 250, 300] as const;

export function run(nb: Notebook): void {
  // Part (a): np.random.seed(0); 1000 examples (columns) in 2, 100 and 1000 dimensions (rows).
  const n_data = 1000;
  const { x2D: x_2D, x100D: x_100D, x1000D: x_1000D } = courseworkIVData({ seed: 0, nData: n_data });
  const dataSum = sum(x_1000D).item();
  nb.show('np.sum(x_1000D)', dataSum);
  nb.print(pyFormat('Sum of your data is %3.3f, Should be %3.3f', dataSum, 1036.321));

  for (const [name, x] of [
    ['2D', x_2D],
    ['100D', x_100D],
    ['1000D', x_1000D],
  ] as const) {
    const ratio = distanceRatio(x);
    nb.show(`distance_ratio(x_${name})`, ratio);
    nb.print(pyFormat(`Ratio of largest to smallest distance ${name}: %3.3f`, ratio));
  }
  nb.print('**Note down the last of these three numbers, you will need to submit it for your coursework**');

  // Part (b): the volume of a hypersphere of diameter 1 in 1..10 dimensions.
  const diameter = 1.0;
  let c_dim = 0;
  for (c_dim = 1; c_dim < 11; c_dim++) {
    const volume = hypersphereVolume(diameter, c_dim);
    nb.show('volume_of_hypersphere(diameter, c_dim)', volume, { loop: true });
    nb.print(pyFormat('Volume of unit diameter hypersphere in %d dimensions is %3.3f', c_dim, volume));
  }
  nb.print('**Note down the last of these ten numbers, you will need to submit it for your coursework**');

  // Part (c): the proportion of the volume in the outer 1% of the radius.
  for (c_dim of OUTER_SHELL_DIMS) {
    const proportion = outerShellVolumeFraction(c_dim, 0.01);
    nb.show('get_prop_of_volume_in_outer_1_percent(c_dim)', proportion, { loop: true });
    nb.print(
      pyFormat(
        'Proportion of volume in outer 1 percent of radius in %d dimensions =%3.3f',
        c_dim,
        proportion,
      ),
    );
  }
  nb.print('**Note down the last of these ten numbers, you will need to submit it for your coursework**');

  nb.setAll({ n_data, n_dim: 1000, x_2D, x_100D, x_1000D, diameter, c_dim });
}
