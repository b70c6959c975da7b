export function sigmoid(preactivation: number[]): number[] {
  return preactivation.map((z) => 1 / (1 + Math.exp(-10 * z)));
}

export function heaviside(preactivation: number[]): number[] {
  return preactivation.map((z) => (z >= 0 ? 1 : 0));
}
