export function lineSearch(loss: (phi: number) => number, threshold = 0.0001, maxIter = 10): number {
  let a = 0;
  let b = 0.33;
  let c = 0.66;
  let d = 1.0;
  let nIter = 0;
  while (nIter < maxIter) {
    nIter += 1;
    if (Math.abs(b - c) < threshold) break;
    const [la, lb, lc, ld] = [loss(a), loss(b), loss(c), loss(d)];
    if (la <= lb && la <= lc && la <= ld) {
      b /= 2;
      c /= 2;
      d /= 2;
      continue;
    }
    if (lb < lc) {
      d = c;
    } else {
      a = b;
    }
    b = a + (d - a) / 3;
    c = a + (2 * (d - a)) / 3;
  }
  return (b + c) / 2;
}
