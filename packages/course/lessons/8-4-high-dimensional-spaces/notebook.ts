/**
 * Notebook 8.4, High-dimensional spaces (`8_4_High_Dimensional_Spaces.md`, UDL chapter 8: section
 * 8.4 and the chapter's notes on the curse of dimensionality; the same code as the CM20315
 * Coursework IV, formerly the lesson `coursework-iv`), the notebook translated to library calls.
 * The three TODOs are `@gradkit/core`'s geometry functions: `distance_ratio` is `distanceRatio`,
 * `volume_of_hypersphere` is `hypersphereVolume` (V = π^{D/2} r^D / Γ(D/2 + 1), UDL problem 8.7)
 * and `get_prop_of_volume_in_outer_1_percent` is `outerShellVolumeFraction` (1 − 0.99^D). The data
 * are `@gradkit/datasets`' `courseworkIVData`: `np.random.seed(0)` and the notebook's three
 * `np.random.normal(size=(n_dim, n_data))` draws, bit for bit. (The coursework version also prints
 * the data's sum, "Should be 1036.321", and asks to note down the last answer of each part; the
 * book's notebook does neither.)
 */
import { distanceRatio, hypersphereVolume, outerShellVolumeFraction } from '@gradkit/core';
import { courseworkIVData } from '@gradkit/datasets';
import type { Notebook } from '../../src/notebook.js';
import { pyFormat } from '../../src/pyformat.js';

/** The notebook's dimensions of part (c), in order. */
export const OUTER_SHELL_DIMS = [1, 2, 10, 20, 50, 100, 150, 200, 250, 300] as const;

export function run(nb: Notebook): void {
  // How close are points in high dimensions? np.random.seed(0); 1000 examples (columns) in 2,
  // 100 and 1000 dimensions (rows).
  const n_data = 1000;
  const { x2D: x_2D, x100D: x_100D, x1000D: x_1000D } = courseworkIVData({ seed: 0, nData: n_data });

  for (const [name, x] of [
    ['2D', x_2D],
    ['100D', x_100D],
    ['1000D', x_1000D],
  ] as const) {
    const ratio = distanceRatio(x);
    nb.show(`distance_ratio(x_${name})`, ratio);
    nb.print(pyFormat(`Ratio of largest to smallest distance ${name}: %3.3f`, ratio));
  }

  // Volume of a hypersphere: the volume of a hypersphere of diameter 1 in 1..10 dimensions.
  const diameter = 1.0;
  let c_dim = 0;
  for (c_dim = 1; c_dim < 11; c_dim++) {
    const volume = hypersphereVolume(diameter, c_dim);
    nb.show('volume_of_hypersphere(diameter, c_dim)', volume, { loop: true });
    nb.print(pyFormat('Volume of unit diameter hypersphere in %d dimensions is %3.3f', c_dim, volume));
  }

  // Proportion of hypersphere in outer shell: the proportion of the volume in the outer 1% of the radius.
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

  nb.setAll({ n_data, n_dim: 1000, x_2D, x_100D, x_1000D, diameter, c_dim });
}
