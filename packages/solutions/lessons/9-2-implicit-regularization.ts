export function regTerm(
  phi0: number,
  phi1: number,
  alpha: number,
  lossGradient: (phi0: number, phi1: number) => [number, number],
): number {
  const [g0, g1] = lossGradient(phi0, phi1);
  return (alpha / 4) * (g0 * g0 + g1 * g1);
}
