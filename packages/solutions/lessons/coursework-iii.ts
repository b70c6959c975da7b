export function resample(x: number[], n: number): number[] {
  const last = x.length - 1;
  return Array.from({ length: n }, (_, i) => {
    const p = (i / (n - 1)) * last;
    const j = Math.min(Math.floor(p), last - 1);
    const frac = p - j;
    return x[j]! * (1 - frac) + x[j + 1]! * frac;
  });
}
