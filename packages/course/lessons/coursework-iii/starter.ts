// gradkit lesson coursework-iii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson coursework-iii coursework-iii.ts
// --- exercise resample: Augmentation by stretching: resample a signal
/** x (samples at linspace(0, 1, x.length)) linearly interpolated at linspace(0, 1, n). */
export function resample(x: number[], n: number): number[] {
  throw new Error('TODO: linear interpolation at n equally spaced points');
}
