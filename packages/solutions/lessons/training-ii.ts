export function lineGradient(data: { x: number[]; y: number[] }, phi: number[]): [number, number] {
  let g0 = 0;
  let g1 = 0;
  for (let i = 0; i < data.x.length; i++) {
    const r = 2 * (phi[0]! + phi[1]! * data.x[i]! - data.y[i]!);
    g0 += r;
    g1 += r * data.x[i]!;
  }
  return [g0, g1];
}
