// Notebook 6.1: the line search with its three rules completed.
export function lineSearch(lossFunction: (phi: number) => number, thresh = 0.0001, maxIter = 10): number {
  let a = 0;
  let b = 0.33;
  let c = 0.66;
  let d = 1.0;
  let nIter = 0;
  while (Math.abs(b - c) > thresh && nIter < maxIter) {
    nIter = nIter + 1;
    const lossa = lossFunction(a);
    const lossb = lossFunction(b);
    const lossc = lossFunction(c);
    const lossd = lossFunction(d);

    // Rule #1: a is the lowest: bring b, c, d half way towards a
    if (lossa <= lossb && lossa <= lossc && lossa <= lossd) {
      b = a + (b - a) / 2;
      c = a + (c - a) / 2;
      d = a + (d - a) / 2;
      continue;
    }
    // Rule #2: b lower than c: the minimum is not beyond c
    if (lossb < lossc) {
      d = c;
      b = a + (d - a) / 3;
      c = a + (2 * (d - a)) / 3;
      continue;
    }
    // Rule #3: c lower than b: the minimum is not before b
    a = b;
    b = a + (d - a) / 3;
    c = a + (2 * (d - a)) / 3;
  }
  return (b + c) / 2;
}
