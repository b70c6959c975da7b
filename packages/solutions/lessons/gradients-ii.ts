export function indicatorFunction(f: number[]): number[] {
  return f.map((v) => (v >= 0 ? 1 : 0));
}
