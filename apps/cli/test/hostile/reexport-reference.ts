// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to pass without writing anything: re-exports the library functions that compute the
// reference answers (the exercise's own export names, from @gradkit/losses). The grader hides
// those names while the exercise runs and refuses the import with a message naming it.
import { normalNll as nll, normalPdf as pdf } from '@gradkit/losses';

export const normalPdf = (y: number, mu: number, sigma: number) => pdf(y, mu, sigma).item();
export const normalNll = (y: number[], mu: number[], sigma: number) => nll(y, mu, sigma).item();
