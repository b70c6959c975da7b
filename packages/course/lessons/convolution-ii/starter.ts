// gradkit lesson convolution-ii: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson convolution-ii convolution-ii.ts
// --- exercise output-size: The output size of a convolution
/** Output length along one dimension. */
export function convOutputSize(
  size: number,
  padding: number,
  dilation: number,
  kernel: number,
  stride: number,
): number {
  throw new Error('TODO');
}
