// gradkit lesson 8-4-high-dimensional-spaces: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 8-4-high-dimensional-spaces 8-4-high-dimensional-spaces.ts
// biome-ignore lint/correctness/noUnusedImports: Γ for volumeOfHypersphere, imported for the student
import { gammaScalar, lgammaScalar } from '@gradkit/core';

// --- exercise distance-ratio: The ratio of the largest to the smallest distance
/** max_{i<j} ‖x_i − x_j‖ / min_{i<j} ‖x_i − x_j‖ for the columns x_i of x ([D][N]). */
export function distanceRatio(x: number[][]): number {
  throw new Error('TODO');
}

// --- exercise hypersphere-volume: The volume of a hypersphere
/** π^{D/2} / Γ(D/2 + 1) · (diameter/2)^D. */
export function volumeOfHypersphere(diameter: number, dimensions: number): number {
  throw new Error('TODO');
}

// --- exercise outer-shell: The proportion of volume in the outer 1%
/** 1 − V(0.99 r) / V(r) in D dimensions. */
export function propOfVolumeInOuter1Percent(dimension: number): number {
  throw new Error('TODO');
}
