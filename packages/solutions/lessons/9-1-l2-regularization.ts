export function computeRegTerm(phi0: number, phi1: number): number {
  return phi0 * phi0 + (phi1 - 12.5) * (phi1 - 12.5);
}

export function dregdphi0(phi: number[], lambda: number): number {
  return 2 * lambda * phi[0]!;
}

export function dregdphi1(phi: number[], lambda: number): number {
  return 2 * lambda * (phi[1]! - 12.5);
}
