/**
 * `gradkit lessons` and `gradkit grade` as a student runs them (spawned processes): the lesson
 * list (`--json`: a JSON array on the last line), a correct solution, and every way a solution
 * can go wrong — wrong values, wrong types, exceptions, a missing export, an infinite loop (time
 * limit), a memory blow-up (worker heap limit), code that does not compile, imports the grader
 * refuses (Node built-ins, the reference solutions), `process.exit` — each reported per exercise
 * without crashing the grader.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const main = join(root, 'apps', 'cli', 'src', 'main.ts');
const NODE_ARGS = ['--conditions=@gradkit/source', '--import', 'tsx'];
const dir = mkdtempSync(join(tmpdir(), 'gradkit-grade-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

describe('gradkit lessons', () => {
  it('--json prints a JSON array of every lesson on the last line; the plain listing is a table', async () => {
    const [json, plain] = await Promise.all([gradkit('lessons', '--json'), gradkit('lessons')]);
    expect(json.code).toBe(0);
    const list = lastJson(json);
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBe(21);
    const loss = list.find((l: { id: string }) => l.id === 'loss-i');
    expect(loss).toMatchObject({ package: '@gradkit/losses', seed: 'udl-cm20315-loss.md' });
    expect(loss.exercises.map((e: { id: string }) => e.id)).toEqual(['normal-pdf', 'normal-nll']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^id\s+title\s+package\s+seed\s+exercises$/m);
    expect(plain.stdout).toMatch(/21 lessons, \d+ graded exercises/);
  });
  it('shows one lesson and writes its starter file, which grades as todo', async () => {
    const starter = join(dir, 'deep2.ts');
    const shown = await gradkit('lessons', 'deep2', '--starter', starter, '--json');
    expect(shown.code, shown.stderr).toBe(0);
    const lesson = lastJson(shown);
    expect(lesson).toMatchObject({ id: 'deep2', package: '@gradkit/nn', seed: 'udl-cm20315-deep2.md' });
    expect(lesson.exercises.map((e: { export: string }) => e.export)).toEqual([
      'composedMatrices',
      'deepNetwork',
    ]);
    expect(lesson.exercises[0].prompt).toContain('UDL eqs. 4.5');
    expect(readFileSync(starter, 'utf8')).toBe(lesson.starter);
    const [again, graded] = await Promise.all([
      gradkit('lessons', 'deep2', '--starter', starter, '--json'),
      gradkit('grade', '--lesson', 'deep2', starter, '--json'),
    ]);
    expect(again.code).toBe(1);
    expect(lastJson(again).error.message).toContain('exists; pass --force to overwrite it');
    expect(graded.code).toBe(2);
    expect(lastJson(graded).exercises.map((e: { status: string }) => e.status)).toEqual(['todo', 'todo']);
  });
});

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
      grade('loss-i', join(root, 'packages', 'solutions', 'lessons', 'loss-i.ts')),
      grade('loss-i', wrong),
      gradkit('grade', '--lesson', 'loss-i', wrong),
    ]);
    expect(good.run.code).toBe(0);
    expect(good.report).toMatchObject({ lesson: 'loss-i', passed: 2, total: 2, score: 100 });
    expect(
      good.report.exercises.every(
        (e: { passed: number; total: number }) => e.passed === e.total && e.total > 3,
      ),
    ).toBe(true);

    expect(bad.run.code).toBe(2);
    expect(bad.status).toEqual({ 'normal-pdf': 'fail', 'normal-nll': 'type' });
    const pdf = bad.report.exercises[0];
    expect(pdf.failures[0].message).toMatch(/^result: expected [\d.e-]+, received [\d.e-]+$/);
    expect(pdf.hint).toContain('sigma²');
    expect(bad.report.exercises[1].failures[0].message).toContain('expected a number, received string');
    // The student's console output is captured into the report, never mixed into stdout's JSON.
    expect(bad.report.output).toContain('debug print from the student');
    expect(bad.run.stdout.trim().split('\n')).toHaveLength(1);

    expect(plain.code).toBe(2);
    expect(plain.stdout).toContain('0/2 exercises pass');
    expect(plain.stdout).toMatch(/FAIL\s+normal-pdf/);
    expect(plain.stdout).toMatch(/TYPE\s+normal-nll/);
    expect(plain.stdout).toContain('hint: The variance is sigma²');
  });

  it('rejects an unknown lesson and a missing file with a usage error (exit 1)', async () => {
    const [lesson, missing] = await Promise.all([
      gradkit('grade', '--lesson', 'loss-x', join(dir, 'x.ts'), '--json'),
      gradkit('grade', '--lesson', 'loss-i', join(dir, 'nope.ts'), '--json'),
    ]);
    expect(lesson.code).toBe(1);
    expect(lastJson(lesson).error.message).toMatch(
      /^--lesson expects one of autograd-intro\|.*loss-i\|.*, received "loss-x"$/,
    );
    expect(missing.code).toBe(1);
    expect(lastJson(missing).error.message).toContain('(not found)');
  });
});
