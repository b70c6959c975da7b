// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to exhaust the grader's memory with what it returns (the grader must read it to judge
// it): half a million numbers for one scalar answer, and an object with a hundred thousand
// keys (each a property the grader's heap would have to build). Its answers are wrong.
export function normalPdf(y: number, mu: number, sigma: number): number[] {
  return new Array(500_000).fill(y);
}

export function normalNll(y: number[], mu: number[], sigma: number): Record<string, number> {
  const keys: Record<string, number> = {};
  for (let i = 0; i < 100_000; i++) keys[`k${i}`] = i;
  return keys;
}
