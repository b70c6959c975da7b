// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries what the old source-mode child allowed: starting a worker thread (outside the lockdown,
// with its own `process`), and reading the process report (`process.report`: the environment,
// the command line with the sandbox's paths, the loaded libraries). Its answers are wrong.
const tries: string[] = [];
try {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  new Worker('process.kill(process.ppid)', { eval: true });
  tries.push('worker: started');
} catch (e) {
  tries.push(`worker: ${e.constructor.name}`);
}
try {
  tries.push(`report: ${JSON.stringify(process.report.getReport()).length} characters`);
} catch (e) {
  tries.push(`report: ${e.constructor.name}`);
}
console.log(`workers-report: ${tries.join(', ')}`);

export function normalPdf(y: number, mu: number, sigma: number): number {
  return 2;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  return 2;
}
