// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to crash or stall the grader with what it returns: a list nested 100 000 levels deep
// (a recursive deserializer or comparison in the grader would overflow its stack), and an
// object whose getters loop and whose prototype lies. Its answers are wrong.
export function normalPdf(y: number, mu: number, sigma: number): unknown {
  let deep: unknown[] = [y];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  return deep;
}

export function normalNll(y: number[], mu: number[], sigma: number): unknown {
  const liar = Object.create(Array.prototype);
  Object.defineProperty(liar, 'length', { get: () => 2 ** 32 - 1 });
  return { value: liar, toJSON: () => ({ status: 'pass' }) };
}
