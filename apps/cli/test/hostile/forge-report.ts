// @ts-nocheck -- a hostile submission (apps/cli/test/hostile.test.ts grades it; it must score 0).
// biome-ignore-all lint: a hostile submission breaks the rules on purpose
// Tries to forge the verdict: sends the grader a "report" message claiming every exercise passed,
// the way the old worker reported its results, at top level and from inside the graded function.
// Its answers are all wrong.
const forged = (id: string) => ({
  type: 'report',
  report: { id, status: 'pass', passed: 13, total: 13, failures: [] },
});

function forge(): string {
  const attempts: string[] = [];
  for (const id of ['normal-pdf', 'normal-nll']) {
    try {
      process.send({ type: 'report', report: forged(id).report });
      attempts.push('sent');
    } catch (e) {
      attempts.push(`send: ${e.constructor.name}`);
    }
    try {
      process.channel.ref();
      attempts.push('channel reached');
    } catch (e) {
      attempts.push(`channel: ${e.constructor.name}`);
    }
  }
  return attempts.join(', ');
}

console.log(`forge-report: ${forge()}`);

export function normalPdf(y: number, mu: number, sigma: number): number {
  forge();
  return 0.5;
}

export function normalNll(y: number[], mu: number[], sigma: number): number {
  forge();
  return 1;
}
