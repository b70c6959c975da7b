export function convOutputSize(
  size: number,
  padding: number,
  dilation: number,
  kernel: number,
  stride: number,
): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}
