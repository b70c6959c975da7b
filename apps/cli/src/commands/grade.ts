/**
 * `gradkit grade --lesson ID FILE.ts`: grade a student's solution file against every exercise of
 * a lesson of the registry (`@gradkit/course`; an earlier id, an alias, works too): reference
 * values and randomized property checks computed in this process, the student's function called
 * in a sandboxed child process per exercise (see `../grader/index.ts`) with a time limit and a
 * heap limit. Prints one block per exercise (status, cases passed, the first failures with
 * expected vs received, the hint) and the isolation that ran; `--json` gives the `GradeReport`
 * as one object on the last stdout line.
 *
 * Exit status: 0 when every exercise passes, 2 when some do not (the report is still printed),
 * 1 for a usage error (unknown lesson, missing file).
 */
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { GradeReport } from '../grader/index.js';
import { gradingLimitOptions } from '../grader/limits.js';
import { type CommonOptions, emitResult, log, UsageError } from '../util.js';

/** Options of `gradkit grade`. */
export interface GradeCommandOptions extends CommonOptions {
  lesson: string;
  timeLimit: number;
  memoryLimit: number;
}

const MARK: Record<string, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'ERROR',
  type: 'TYPE',
  missing: 'MISSING',
  timeout: 'TIMEOUT',
  memory: 'MEMORY',
  todo: 'TODO',
};

const show = (v: unknown) => {
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)); // bigints as 7n (numberRegions)
  return s === undefined ? String(v) : s.length > 100 ? `${s.slice(0, 97)}...` : s;
};

/** The human-readable report. */
export function renderGrade(r: GradeReport): string[] {
  const lines = [
    `${r.lesson}: ${r.title}`,
    `${r.file}: ${r.passed}/${r.total} exercises pass (${r.score}%)`,
    `sandbox: ${r.sandbox === 'namespaces' ? 'namespaces (no network, no view of other processes) + Node permission model' : 'Node permission model + JS lockdown (no namespaces on this machine)'}`,
    '',
  ];
  for (const e of r.exercises) {
    const cases = e.total ? ` ${e.passed}/${e.total} cases` : '';
    lines.push(`  ${MARK[e.status] ?? e.status}  ${e.id}: ${e.title}${cases}`);
    if (e.status === 'pass') continue;
    if (e.message) lines.push(...e.message.split('\n').map((l) => `      ${l}`));
    for (const f of e.failures) {
      lines.push(`      case "${f.case}": ${f.message}`);
      if (f.expected !== undefined && !f.message.includes('expected'))
        lines.push(`        expected ${show(f.expected)}`);
    }
    if (e.hint) lines.push(`      hint: ${e.hint}`);
  }
  return lines;
}

export function register(program: Command): void {
  const grade = program
    .command('grade')
    .description(
      "grade a student's solution file against a lesson's exercises (sandboxed child process, time and memory limits)",
    )
    .argument('<file>', "the solution file (.ts or .js), e.g. the lesson's starter with the TODOs filled in")
    .requiredOption('--lesson <id>', 'the lesson id, or an earlier id of it (see gradkit lessons)');
  gradingLimitOptions(grade).action(async (file: string, opts: GradeCommandOptions) => {
    const { findLesson, lessonIds } = await import('@gradkit/course');
    const lesson = findLesson(opts.lesson);
    if (!lesson)
      throw new UsageError(
        `--lesson expects one of ${lessonIds().join('|')} (or an earlier id of one), received ${JSON.stringify(opts.lesson)}`,
      );
    if (!lesson.exercises.length) throw new UsageError(`--lesson ${lesson.id} has no graded exercises`);
    if (!existsSync(file) || !statSync(file).isFile())
      throw new UsageError(`<file> expects a solution file, received ${JSON.stringify(file)} (not found)`);
    const { gradeFile } = await import('../grader/index.js');
    log(`grading ${file} against ${lesson.id} (${lesson.exercises.length} exercises)`);
    const report = await gradeFile(lesson, file, {
      timeLimitMs: opts.timeLimit,
      memoryLimitMb: opts.memoryLimit,
    });
    if (report.output && !opts.json) log(`output of the solution:\n${report.output.trimEnd()}`);
    emitResult(report, opts, renderGrade);
    if (report.passed < report.total) process.exitCode = 2;
  });
}
