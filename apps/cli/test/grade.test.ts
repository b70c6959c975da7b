/**
 * `gradkit grade` as a student runs it (spawned processes): a correct solution, wrong values and
 * types (expected vs received, the hint, the student's output kept out of stdout's JSON), the
 * starter that `gradkit lessons --starter` writes (todo), lessons by id or alias, usage errors
 * (an unknown lesson lists the ids; the limits name their bounds), and hostile submissions,
 * which score 0 with the isolation that ran in the report.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessonIds } from '@gradkit/course';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const NODE_ARGS = ['--conditions=@gradkit/source', '--import', 'tsx'];
const dir = mkdtempSync(join(tmpdir(), 'gradkit-grade-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const solution = join(root, 'packages', 'solutions', 'lessons', '5-1-least-squares-loss.ts');
const hostile = (name: string) => join(root, 'apps', 'cli', 'test', 'hostile', name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function gradkit(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...NODE_ARGS, main, ...args],
      { cwd: root, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

function lastJson(run: Run): any {
  const lines = run.stdout.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]!);
}

function file(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/** `gradkit grade --json` on a solution: the report and the exit status. */
async function grade(lesson: string, path: string, ...extra: string[]) {
  const run = await gradkit('grade', '--lesson', lesson, path, '--json', ...extra);
  const report = lastJson(run);
  const status = Object.fromEntries(
    (report.exercises ?? []).map((e: { id: string; status: string }) => [e.id, e.status]),
  );
  return { run, report, status };
}

describe('gradkit grade', () => {
  it('passes a correct solution (exit 0) and fails wrong values and wrong types (exit 2) with expected vs received', async () => {
    const wrong = file(
      'loss-i-wrong.ts',
      `export function normalPdf(y: number, mu: number, sigma: number): number {
  console.log('debug print from the student');
  return Math.exp(-((y - mu) ** 2) / (2 * sigma)) / Math.sqrt(2 * Math.PI * sigma);
}
export function normalNll(y: number[], mu: number[], sigma: number): string {
  return 'twelve';
}`,
    );
    const [good, bad, plain] = await Promise.all([
      grade('loss-i', solution),
      grade('loss-i', wrong),
      gradkit('grade', '--lesson', 'loss-i', wrong),
    ]);
    expect(good.run.code).toBe(0);
    expect(good.report).toMatchObject({ lesson: '5-1-least-squares-loss', passed: 4, total: 4, score: 100 });
    expect(['namespaces', 'process']).toContain(good.report.sandbox);
    expect(
      good.report.exercises.every(
        (e: { passed: number; total: number }) => e.passed === e.total && e.total > 3,
      ),
    ).toBe(true);

    expect(bad.run.code).toBe(2);
    // the wrong file writes two of the four functions: the other two are missing
    expect(bad.status).toEqual({
      'normal-pdf': 'fail',
      'normal-likelihood': 'missing',
      'normal-nll': 'type',
      'sum-of-squares': 'missing',
    });
    const pdf = bad.report.exercises[0];
    expect(pdf.failures[0].message).toMatch(/^result: expected [\d.e-]+, received [\d.e-]+$/);
    expect(pdf.hint).toContain('sigma²');
    const nll = bad.report.exercises.find((e: { id: string }) => e.id === 'normal-nll');
    expect(nll.failures[0].message).toContain('expected a number, received string');
    // The student's console output is captured into the report, never mixed into stdout's JSON.
    expect(bad.report.output).toContain('debug print from the student');
    expect(bad.run.stdout.trim().split('\n')).toHaveLength(1);

    expect(plain.code).toBe(2);
    expect(plain.stdout).toContain('0/4 exercises pass');
    expect(plain.stdout).toMatch(/^sandbox: (namespaces|Node permission model)/m);
    expect(plain.stdout).toMatch(/FAIL\s+normal-pdf/);
    expect(plain.stdout).toMatch(/TYPE\s+normal-nll/);
    expect(plain.stdout).toContain('hint: The variance is sigma²');
  });

  it('grades the starter written by gradkit lessons --starter as todo, and takes an earlier id of a lesson', async () => {
    const starter = join(dir, 'loss-i-starter.ts');
    const written = await gradkit('lessons', 'loss-i', '--starter', starter);
    expect(written.code, written.stderr).toBe(0);
    const [todo, alias] = await Promise.all([grade('loss-i', starter), grade('loss', solution)]);
    expect(todo.run.code).toBe(2);
    expect(todo.status).toEqual({
      'normal-pdf': 'todo',
      'normal-likelihood': 'todo',
      'normal-nll': 'todo',
      'sum-of-squares': 'todo',
    });
    expect(alias.run.code).toBe(0);
    expect(alias.report.lesson).toBe('5-1-least-squares-loss');
  });

  it('rejects an unknown lesson (listing the ids), a missing file and limits beyond what timers and V8 express (exit 1)', async () => {
    const [lesson, missing, time, memory, longest] = await Promise.all([
      gradkit('grade', '--lesson', 'loss-x', join(dir, 'x.ts'), '--json'),
      gradkit('grade', '--lesson', 'loss-i', join(dir, 'nope.ts'), '--json'),
      gradkit('grade', '--lesson', 'loss-i', solution, '--time-limit', '2147483648', '--json'),
      gradkit('grade', '--lesson', 'loss-i', solution, '--memory-limit', '9999999999', '--json'),
      grade('loss-i', solution, '--time-limit', '2147483647'),
    ]);
    expect(lesson.code).toBe(1);
    expect(lastJson(lesson).error.message).toBe(
      `--lesson expects one of ${lessonIds().join('|')} (or an earlier id of one), received "loss-x"`,
    );
    expect(missing.code).toBe(1);
    expect(lastJson(missing).error.message).toContain('(not found)');
    expect(time.code).toBe(1);
    expect(lastJson(time).error.message).toBe(
      '--time-limit expects an integer in [100, 2147483647] (milliseconds; 2147483647 = 2^31 - 1 is the longest delay a Node timer can express), received "2147483648"',
    );
    expect(memory.code).toBe(1);
    expect(lastJson(memory).error.message).toContain('--memory-limit expects an integer in [16, 1048576]');
    // The longest limit is applied as given (it used to overflow into 1 ms and time out).
    expect(longest.run.code).toBe(0);
    expect(longest.report.score).toBe(100);
  });

  it('scores hostile submissions 0: a forged report, a kill of the grader, a file read at compile time', async () => {
    const [forge, kill, passwd] = await Promise.all([
      grade('loss-i', hostile('forge-report.ts')),
      grade('loss-i', hostile('kill-grader.ts')),
      grade('loss-i', hostile('read-passwd.ts')),
    ]);
    for (const r of [forge, kill, passwd]) {
      expect(r.run.code).toBe(2);
      expect(r.report.score).toBe(0);
    }
    expect([forge.status['normal-pdf'], forge.status['normal-nll']]).toEqual(['fail', 'fail']);
    expect(kill.report.output).toContain('kill(ppid): TypeError');
    expect(passwd.report.exercises[0].message).toContain('graded code may not use import attributes');
    expect(passwd.run.stdout + passwd.run.stderr).not.toContain('root:x:0:0');
  });
});
