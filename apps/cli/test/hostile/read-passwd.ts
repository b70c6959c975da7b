// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to read a file outside its folder at compile time: esbuild (in the grader's unsandboxed
// process) would inline the text of any file imported `with { type: 'text' }`, and the wrong
// answer's report would carry it back (over HTTP from `curriculum serve`). Refused at compile time.
import passwd from '/etc/passwd' with { type: 'text' };

export function normalPdf(y: number, mu: number, sigma: number): number {
  throw new Error(passwd);
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  throw new Error(passwd);
}
