// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to load a module the import gate never saw: import() with a specifier computed at run
// time (a Node built-in here). Refused at compile time.
const name = ['node', 'child_process'].join(':');

export async function normalPdf(y: number, mu: number, sigma: number): Promise<number> {
  const cp = await import(name);
  return Number(cp.execSync('echo 0'));
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  return 0;
}
