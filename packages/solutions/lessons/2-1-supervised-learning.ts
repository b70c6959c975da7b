export function f(x: number[], phi0: number, phi1: number): number[] {
  return x.map((xi) => phi0 + phi1 * xi);
}

export function computeLoss(x: number[], y: number[], phi0: number, phi1: number): number {
  const pred = f(x, phi0, phi1);
  let loss = 0;
  for (let i = 0; i < x.length; i++) loss += (pred[i]! - y[i]!) ** 2;
  return loss;
}

export function fitLine(x: number[], y: number[], phi0: number, phi1: number): [number, number] {
  // The best phi0 for a fixed phi1 sets dL/dphi0 = 0: phi0 = mean(y - phi1 x).
  // The best phi1 for a fixed phi0 sets dL/dphi1 = 0: phi1 = sum(x (y - phi0)) / sum(x^2).
  const n = x.length;
  let sxx = 0;
  for (const xi of x) sxx += xi * xi;
  for (let sweep = 0; sweep < 10000; sweep++) {
    let s0 = 0;
    for (let i = 0; i < n; i++) s0 += y[i]! - phi1 * x[i]!;
    const new0 = s0 / n;
    let s1 = 0;
    for (let i = 0; i < n; i++) s1 += x[i]! * (y[i]! - new0);
    const new1 = s1 / sxx;
    const moved = Math.max(Math.abs(new0 - phi0), Math.abs(new1 - phi1));
    phi0 = new0;
    phi1 = new1;
    if (moved < 1e-12) break;
  }
  return [phi0, phi1];
}
