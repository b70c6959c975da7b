export interface TwoLayerResult {
  y: number[];
  layer2Pre: number[][];
  hPrime: number[][];
  phiHPrime: number[][];
}

const relu = (z: number) => Math.max(0, z);

export function shallow1133(x: number[], phi: number[], psi: number[][], theta: number[][]): TwoLayerResult {
  const units = [1, 2, 3];
  const y: number[] = [];
  const layer2Pre: number[][] = [[], [], []];
  const hPrime: number[][] = [[], [], []];
  const phiHPrime: number[][] = [[], [], []];
  for (const xi of x) {
    // layer 1 (eq. 4.7)
    const h = units.map((d) => relu(theta[d]![0]! + theta[d]![1]! * xi));
    let out = phi[0]!;
    for (const d of units) {
      // layer 2 (eq. 4.8)
      const pre = psi[d]![0]! + psi[d]![1]! * h[0]! + psi[d]![2]! * h[1]! + psi[d]![3]! * h[2]!;
      const act = relu(pre);
      layer2Pre[d - 1]!.push(pre);
      hPrime[d - 1]!.push(act);
      phiHPrime[d - 1]!.push(phi[d]! * act);
      // output (eq. 4.9)
      out += phi[d]! * act;
    }
    y.push(out);
  }
  return { y, layer2Pre, hPrime, phiHPrime };
}
