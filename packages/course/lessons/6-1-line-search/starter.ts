// gradkit lesson 6-1-line-search: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 6-1-line-search 6-1-line-search.ts
// --- exercise line-search: Line search by bracketing
/** The notebook's line_search: bracketing on [0, 1]; returns the average of b and c. */
export function lineSearch(lossFunction: (phi: number) => number, thresh = 0.0001, maxIter = 10): number {
  // Initialize four points along the range we are going to search
  let a = 0;
  let b = 0.33;
  let c = 0.66;
  let d = 1.0;
  let nIter = 0;

  // While we haven't found the minimum closely enough
  while (Math.abs(b - c) > thresh && nIter < maxIter) {
    // Increment iteration counter (just to prevent an infinite loop)
    nIter = nIter + 1;

    // Calculate all four points
    const lossa = lossFunction(a);
    const lossb = lossFunction(b);
    const lossc = lossFunction(c);
    const lossd = lossFunction(d);

    // Rule #1: if the height at a is less than the heights at b, c and d, move b, c and d so
    // that they are half as far from a as they start
    // TODO: replace the block below with this rule
    // Rule #2: if the height at b is less than the height at c: d becomes c, and b and c
    // become 1/3 and 2/3 of the way between a and the new d
    // TODO: replace the block below with this rule
    // Rule #3: if the height at c is less than the height at b: a becomes b, and b and c
    // become 1/3 and 2/3 of the way between the new a and d
    // TODO: replace the block below with this rule
    throw new Error(`TODO: rules 1-3 (losses ${lossa}, ${lossb}, ${lossc}, ${lossd}; a=${a} d=${d})`);
  }

  // TODO: the final solution is the average of b and c
  throw new Error('TODO: return the average of b and c');
}
