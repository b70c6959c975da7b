/**
 * `gradkit demo` section of Notebook 8.4, High-dimensional spaces (the CM20315 Coursework IV, whose
 * data-sum check this section keeps): the geometry of high-dimensional spaces. (a) seed 0, 1000 standard-normal points in 2D/100D/1000D (columns are
 * examples, as in the notebook); the data sum must be 1036.321; ratio of the largest to the
 * smallest pairwise distance; (b) volume of the unit-diameter hypersphere in 1..10 dimensions;
 * (c) the proportion of a hypersphere's volume in the outer 1% of its radius.
 */
import { distanceRatio, hypersphereVolume, outerShellVolumeFraction, sum } from '@gradkit/core';
import { courseworkIVData } from '@gradkit/datasets';
import { defineSection } from '../../src/types.js';
import { OUTER_SHELL_DIMS } from './notebook.js';

/** The notebook's check value: `np.sum(x_1000D)` after `np.random.seed(0)` and the three draws. */
export const EXPECTED_DATA_SUM = 1036.321;
const N_DATA = 1000;
const DISTANCE_DIMS = [2, 100, 1000];

/** Numbers of the High-dimensional spaces (Coursework IV) section. */
export interface CourseworkIvResult {
  seed: number;
  nData: number;
  /** `np.sum(x_1000D)`; the notebook says it should print 1036.321. */
  dataSum: number;
  expectedDataSum: number;
  distanceRatios: { dims: number; ratio: number }[];
  hypersphereVolumes: { dims: number; volume: number }[];
  outerShellProportions: { dims: number; proportion: number }[];
  /** The three numbers the coursework asks to submit. */
  answers: { distanceRatio1000D: number; volume10D: number; outerShell300D: number };
}

const f3 = (x: number) => x.toFixed(3);

/** The section: part (a), (b) and (c) with the library's geometry functions. */
export const section = defineSection<CourseworkIvResult>({
  title: 'High-dimensional spaces (Notebook 8.4, Coursework IV): high-dimensional geometry',
  run(ctx) {
    // Part (a): np.random.seed(0); three draws of shape (n_dim, n_data), in this order.
    const { x2D, x100D, x1000D } = courseworkIVData({ seed: 0, nData: N_DATA });
    const data = [x2D, x100D, x1000D];
    const dataSum = sum(x1000D).item();
    ctx.log(`data drawn; sum of the 1000-D data ${f3(dataSum)}`);
    const distanceRatios = DISTANCE_DIMS.map((dims, i) => {
      const ratio = distanceRatio(data[i]!);
      ctx.log(`distance ratio ${dims}D = ${f3(ratio)}`);
      return { dims, ratio };
    });
    // Part (b): unit-diameter hypersphere volumes.
    const hypersphereVolumes = Array.from({ length: 10 }, (_, i) => ({
      dims: i + 1,
      volume: hypersphereVolume(1.0, i + 1),
    }));
    // Part (c): proportion of the volume in the outer 1% of the radius.
    const outerShellProportions = OUTER_SHELL_DIMS.map((dims) => ({
      dims,
      proportion: outerShellVolumeFraction(dims, 0.01),
    }));
    return {
      seed: 0,
      nData: N_DATA,
      dataSum,
      expectedDataSum: EXPECTED_DATA_SUM,
      distanceRatios,
      hypersphereVolumes,
      outerShellProportions,
      answers: {
        distanceRatio1000D: distanceRatios[2]!.ratio,
        volume10D: hypersphereVolumes[9]!.volume,
        outerShell300D: outerShellProportions[9]!.proportion,
      },
    };
  },
  render(r) {
    const ok = f3(r.dataSum) === f3(r.expectedDataSum);
    return [
      '(a) How close are random points in high dimensions?',
      `Sum of your data is ${f3(r.dataSum)}, Should be ${f3(r.expectedDataSum)}  ${ok ? '[ok]' : '[MISMATCH]'}`,
      ...r.distanceRatios.map((d) => `Ratio of largest to smallest distance ${d.dims}D: ${f3(d.ratio)}`),
      '',
      '(b) Volume of a hypersphere of diameter 1',
      ...r.hypersphereVolumes.map(
        (v) => `Volume of unit diameter hypersphere in ${v.dims} dimensions is ${f3(v.volume)}`,
      ),
      '',
      '(c) Proportion of the volume in the outer 1% of the radius',
      ...r.outerShellProportions.map(
        (p) =>
          `Proportion of volume in outer 1 percent of radius in ${p.dims} dimensions =${f3(p.proportion)}`,
      ),
      '',
      'Answers to submit:',
      `  distance ratio in 1000D          ${f3(r.answers.distanceRatio1000D)}`,
      `  hypersphere volume in 10D        ${f3(r.answers.volume10D)}`,
      `  outer-1% proportion in 300D      ${f3(r.answers.outerShell300D)}`,
    ];
  },
});
