// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to make a wrong answer compare as right by patching the built-ins a checker uses in the
// realm where the student's module runs: Math.abs always 0 (so |received - expected| <= tol),
// Number.isNaN always true, Object.hasOwn always true, JSON.stringify and Array.isArray lying.
// Its answers are all wrong.
Math.abs = () => 0;
Number.isNaN = () => true;
Object.hasOwn = () => true;
Array.isArray = () => false;
JSON.stringify = () => '"pass"';

console.log(`patch-math: Math.abs(-5) = ${Math.abs(-5)}`);

export function normalPdf(y: number, mu: number, sigma: number): number {
  return 1e9;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  return Number.NaN;
}
