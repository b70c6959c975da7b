// gradkit lesson training-i: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson training-i training-i.ts
// --- exercise line-search: Line search by bracketing
/** Bracketing line search on [0, 1]; returns (b + c) / 2. */
export function lineSearch(loss: (phi: number) => number, threshold = 0.0001, maxIter = 10): number {
  let a = 0;
  let b = 0.33;
  let c = 0.66;
  let d = 1.0;
  let nIter = 0;
  while (nIter < maxIter) {
    nIter += 1;
    if (Math.abs(b - c) < threshold) break;
    // TODO: the three rules
    throw new Error('TODO: rules 1-3');
  }
  throw new Error('TODO: the final solution is the average of b and c');
}
