/**
 * A mask of ones with a zero at each of the lowest `percentSparse` (0 to 1) of `absoluteWeights`:
 * drop `int(percentSparse · n)` entries, the smallest ones. `[5, 6, 0, 1, 7]` at 0.4 gives
 * `[1, 1, 0, 0, 1]`.
 */
export function getMask(absoluteWeights: number[], percentSparse: number): number[] {
  const numToDrop = Math.trunc(percentSparse * absoluteWeights.length); // Python's int()
  // indices from the smallest magnitude up (ties in index order)
  const order = absoluteWeights
    .map((_, i) => i)
    .sort((a, b) => absoluteWeights[a]! - absoluteWeights[b]! || a - b);
  const mask = absoluteWeights.map(() => 1);
  for (const i of order.slice(0, numToDrop)) mask[i] = 0;
  return mask;
}
