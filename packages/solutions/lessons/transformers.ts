export function greedyToken(probs: number[]): number {
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i]! > probs[best]!) best = i;
  return best;
}

export function topKFilter(probs: number[], k: number): number[] {
  if (k >= probs.length) return [...probs];
  const kth = [...probs].sort((a, b) => b - a)[k - 1]!;
  const kept = probs.map((p) => (p < kth ? 0 : p));
  const s = kept.reduce((a, b) => a + b, 0);
  return kept.map((p) => p / s);
}
