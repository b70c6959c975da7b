// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to read a JSON file outside its folder at compile time (esbuild's JSON loader would
// inline it): the reference solutions' package.json, by a relative path that climbs out of the
// folder. Refused at compile time.
import solutions from '../../../../packages/solutions/package.json';

export function normalPdf(y: number, mu: number, sigma: number): number {
  throw new Error(JSON.stringify(solutions));
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  throw new Error(JSON.stringify(solutions));
}
