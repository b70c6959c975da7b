export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function categoricalNll(y: number[], lambda: number[][]): number {
  let nll = 0;
  for (let i = 0; i < y.length; i++) nll -= Math.log(lambda[y[i]!]![i]!);
  return nll;
}
