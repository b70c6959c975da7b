// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to get past the compile-time import gate at run time: a function built from a string
// that calls import() with a specifier built at run time (node:net, node:fs, the runtime's
// library module of @gradkit/losses without its facade), and eval. Its answers are wrong.
const tries: string[] = [];
for (const [name, f] of [
  ['new Function', () => new Function('s', ['return imp', 'ort(s)'].join(''))(['node', 'net'].join(':'))],
  ['Function()', () => Function('return this')()],
  ['eval', () => (0, eval)('1 + 1')],
  ['AsyncFunction', () => new (Object.getPrototypeOf(async () => {}).constructor)('return 1')()],
]) {
  try {
    f();
    tries.push(`${name}: ran`);
  } catch (e) {
    tries.push(`${name}: ${e.constructor.name}`);
  }
}
console.log(`code-generation: ${tries.join(', ')}`);

export function normalPdf(y: number, mu: number, sigma: number): number {
  return 3;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  return 3;
}
