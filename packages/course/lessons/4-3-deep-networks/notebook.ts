/**
 * Notebook 4.3 — Deep networks (`4_3_Deep_Networks.md`), translated to library calls: the shallow
 * network of notebook 4.1 in matrix form (UDL eq. 4.15), the composition of two shallow networks as
 * one network with two hidden layers (eq. 4.5), and a random network with D_i = 4 inputs, hidden
 * layers of 5, 2 and 4 units and one output. The CM20315 practical "Deep2" (lesson `deep2`) runs
 * the same cells with 10 examples where this notebook draws 4 and prints two more lines, so both
 * lessons run `runMatrixNotebook` of `deep2/notebook.ts`. The TODOs are nn's `shallowToMatrix`,
 * `composeShallowToMatrix` and parameters drawn with the sizes `[D_{k+1}, 1]`, `[D_{k+1}, D_k]`.
 *
 * The notebook draws the random network with `np.random.normal` and no seed; this translation
 * seeds numpy's stream with 0 (`RandomState(0)`, as `deep2` and tests/fixtures/gen_udl_deep_networks.py
 * do), so the `x` and `y` it prints are reproducible.
 */
import type { Notebook } from '../../src/notebook.js';
import { runMatrixNotebook } from '../deep2/notebook.js';

export function run(nb: Notebook): void {
  runMatrixNotebook(nb, { n_data: 4, labels: true });
}
