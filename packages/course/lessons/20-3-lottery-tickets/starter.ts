// gradkit lesson 20-3-lottery-tickets: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 20-3-lottery-tickets 20-3-lottery-tickets.ts
// --- exercise get-mask: The magnitude-pruning mask
/**
 * A mask of ones with a zero at each of the lowest `percentSparse` (0 to 1) of `absoluteWeights`:
 * drop `int(percentSparse · n)` entries, the smallest ones. `[5, 6, 0, 1, 7]` at 0.4 gives
 * `[1, 1, 0, 0, 1]`.
 */
export function getMask(absoluteWeights: number[], percentSparse: number): number[] {
  throw new Error('TODO: zero the mask at the lowest percentSparse of the absolute weights');
}
