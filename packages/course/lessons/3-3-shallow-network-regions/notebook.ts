/**
 * Notebook 3.3 — Shallow network regions (`3_3_Shallow_Network_Regions.md`), the notebook
 * translated to library calls: the maximum number of linear regions of a shallow network with
 * `D_i` inputs and `D` hidden units (Zaslavsky's formula, UDL section 3.3, figure 3.9) and the
 * number of its parameters. The TODOs are `@gradkit/nn`'s functions: `number_regions` is
 * `numberRegions` (an exact `bigint`, Python's `sum(math.comb(D, j) for j in range(Di + 1))`) and
 * `number_parameters` is `numberParameters` (one output: `D_i·D + D + D + 1`).
 */
import { numberParameters, numberRegions } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';

/** The input dimensions of both figures: `dims = np.array([1,5,10,50,100])`. */
export const DIMS: readonly number[] = Object.freeze([1, 5, 10, 50, 100]);

/**
 * Figure 3.9a's `regions`, `[5, 1000]`: row `c` holds `number_regions(min(D_i, D), D)` for
 * `D = 0..999` with `D_i = DIMS[c]`, as the float64 numpy stores.
 */
export function regionsByHiddenUnits(): number[][] {
  return DIMS.map((Di) => Array.from({ length: 1000 }, (_, D) => Number(numberRegions(Math.min(Di, D), D))));
}

/**
 * Figure 3.9b's `regions` and `params`, `[5, 200]` each: for `c_hidden = 1..199`,
 * `D = int(c_hidden * 500 / D_i)` hidden units, `D_i·D + D + D + 1` parameters and
 * `number_regions(min(D_i, D), D)` regions; column 0 stays 0 (the notebook's `np.zeros`).
 */
export function regionsByParameters(): { regions: number[][]; params: number[][] } {
  const regions = DIMS.map(() => new Array<number>(200).fill(0));
  const params = DIMS.map(() => new Array<number>(200).fill(0));
  DIMS.forEach((Di, c) => {
    for (let h = 1; h < 200; h++) {
      const D = Math.trunc((h * 500) / Di);
      params[c]![h] = Di * D + D + D + 1;
      regions[c]![h] = Number(numberRegions(Math.min(Di, D), D));
    }
  });
  return { regions, params };
}

export function run(nb: Notebook): void {
  // Zaslavsky's formula (figure 3.8j: three lines cut the plane into 7 regions)
  let N: bigint | number = numberRegions(2, 3);
  nb.show('N', N);
  nb.print(`Di=2, D=3, Number of regions = ${N}, True value = 7`);

  N = numberRegions(10, 50);
  nb.show('N', N);
  nb.print(`Di=10, D=50, Number of regions = ${N}, True value = 13432735556`);

  // Fewer hidden units than inputs: math.comb(D, j) is 0 for j > D, so nothing fails
  N = numberRegions(10, 8);
  nb.show('N', N);
  nb.print(`Di=10, D=8, Number of regions = ${N}, True value = 256`);

  let D = 8;
  const Di = 10;
  N = 2 ** D;
  const N2 = numberRegions(D, D);
  nb.show('N', N);
  nb.setAll({ Di, N2 });
  nb.print(`Di=10, D=8, Number of regions = ${N}, Number of regions = ${N2}, True value = 256`);

  // Figure 3.9a: regions against hidden units
  const dims = [...DIMS];
  for (const D_i of dims) nb.print(`Counting regions for ${D_i} input dimensions`);
  let regions = regionsByHiddenUnits();
  D = 999;
  nb.setAll({ dims, regions });

  // number_parameters
  N = numberParameters(10, 8);
  nb.show('N', N);
  nb.print(`Di=10, D=8, Number of parameters = ${N}, True value = 97`);

  // Figure 3.9b: regions against parameters
  for (const D_i of dims) nb.print(`Counting regions for ${D_i} input dimensions`);
  const byParams = regionsByParameters();
  regions = byParams.regions;
  const params = byParams.params;
  const c_dim = dims.length - 1;
  const c_hidden = 199;
  const D_i = dims[c_dim]!;
  D = Math.trunc((c_hidden * 500) / D_i);
  nb.setAll({ regions, params, c_dim, c_hidden, D_i, D });
}
