/**
 * The grader: `gradeFile(lessonId, file)` compiles a student's solution file with esbuild and runs
 * every exercise of the lesson against the packages' reference values and randomized property
 * checks (`checkExercise` of `@gradkit/core`) inside a sandboxed child process.
 *
 * Isolation: the student's code runs in a child Node process (`worker.ts`) under Node's permission
 * model (`--experimental-permission`, see `sandbox.ts`). It may read only the grader's package,
 * the workspace packages that serve lessons, their npm dependencies and the temporary folder with
 * the compiled solution — not `packages/solutions` (the reference solutions), not the student's
 * own folder (its relative imports are bundled at compile time), not the rest of the disk — and
 * may not write files, start processes or load native addons. Code that escapes the compile-time
 * import gate (`new Function('return process')()`, `process.getBuiltinModule('fs')`, an `import()`
 * built from strings, `module.createRequire`) gets Node's `ERR_ACCESS_DENIED`;
 * `process.binding` is refused too. The child has an empty environment, a heap limit
 * (`--max-old-space-size`; memory outside the heap, such as typed arrays, is capped by watching
 * the child's resident memory on Linux), captured stdout/stderr, and a time limit per exercise
 * enforced by the parent (the child is killed and a fresh one grades the remaining exercises).
 * Its imports are also restricted at compile time to `@gradkit/*` packages and its own files.
 * The permission model is Node's, not a container: network sockets and CPU use (beyond the time
 * limit) are not restricted, and the child runs as the user who runs the grader.
 *
 * A student's mistake never crashes the grader: wrong values (`fail`), exceptions (`error`), wrong
 * types (`type`), a missing export (`missing`), an untouched stub (`todo`), an infinite loop
 * (`timeout`) and a memory blow-up (`memory`) each become the exercise's status in the report.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExerciseReport, Lesson } from '@gradkit/core';
import { compileSolution, linkSolution } from './compile.js';
import { DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_MS } from './limits.js';
import { childCommand } from './sandbox.js';
import type { ParentMessage, WorkerInput, WorkerMessage } from './worker.js';

/** Limits for one grading run. */
export interface GradeOptions {
  /** Wall-clock limit per exercise (and for loading the module), in ms. Default 5000. */
  timeLimitMs?: number;
  /** Heap limit of the grading child process (V8 old generation), in MiB. Default 256. */
  memoryLimitMb?: number;
}

/** The grader's report for one solution file. */
export interface GradeReport {
  lesson: string;
  title: string;
  file: string;
  /** Exercises that passed / exercises in the lesson. */
  passed: number;
  total: number;
  /** Percentage of the lesson's exercises that passed (0–100). */
  score: number;
  exercises: (ExerciseReport & { title: string })[];
  /** What the student's code printed (stdout and stderr), truncated to 10 000 characters. */
  output: string;
  /** Milliseconds spent (compile + run). */
  ms: number;
}

const OUTPUT_LIMIT = 10_000;
/** Memory beyond the heap limit a worker may hold outside the V8 heap (typed arrays), in MiB. */
const EXTERNAL_MARGIN_MB = 256;
/** Extra time for importing the solution module (the module loader's work), in ms. */
const LOAD_SLACK_MS = 2000;
/** How long a child that finished its exercises may take to exit on its own, in ms. */
const EXIT_GRACE_MS = 500;
/** Limit for starting a worker and loading the lesson's package (not the student's time). */
const STARTUP_LIMIT_MS = 120_000;

/** Grade a solution given as source text (written to a temporary `.ts` file first). */
export async function gradeSource(
  lesson: Lesson,
  source: string,
  options: GradeOptions = {},
): Promise<GradeReport> {
  const dir = mkdtempSync(join(tmpdir(), 'gradkit-submission-'));
  try {
    const file = join(dir, `${lesson.id}.ts`);
    writeFileSync(file, source);
    const report = await gradeFile(lesson, file, options);
    return { ...report, file: `${lesson.id}.ts` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Grade the solution file `file` (a `.ts` or `.js` path) against every exercise of `lesson`. */
export async function gradeFile(
  lesson: Lesson,
  file: string,
  options: GradeOptions = {},
): Promise<GradeReport> {
  const start = performance.now();
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
  const path = resolve(file);
  const titles = new Map(lesson.exercises.map((e) => [e.id, e.title]));
  const reports = new Map<string, ExerciseReport>();
  let output = '';
  const compiled = await compileSolution(path);
  if (!compiled.ok) {
    for (const ex of lesson.exercises)
      reports.set(ex.id, {
        id: ex.id,
        status: 'error',
        passed: 0,
        total: 0,
        failures: [],
        message: compiled.message,
      });
  } else {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'gradkit-grade-')));
    try {
      const moduleFile = join(dir, 'solution.mjs');
      const imports = [
        ...new Set(
          [...compiled.code.matchAll(/["']gradkit-import:(@gradkit\/[^"']+)["']/g)].map((m) => m[1]!),
        ),
      ];
      let remaining = lesson.exercises.map((e) => e.id);
      while (remaining.length) {
        const run = await runWorker(
          {
            packageName: lesson.package,
            lessonId: lesson.id,
            exerciseIds: remaining,
            imports,
            moduleFile,
          },
          compiled.code,
          dir,
          timeLimitMs,
          memoryLimitMb,
        );
        output += run.output;
        for (const r of run.reports) reports.set(r.id, r);
        const done = new Set(run.reports.map((r) => r.id));
        const left = remaining.filter((id) => !done.has(id));
        if (run.failure) {
          // The exercise that was running when the worker died (or, while loading, all of them).
          const victims = run.current ? [run.current] : left;
          for (const id of victims)
            reports.set(id, {
              id,
              status: run.failure.status,
              passed: 0,
              total: 0,
              failures: [],
              message: run.failure.message,
              hint: lesson.exercises.find((e) => e.id === id)?.check.hint,
            });
          remaining = left.filter((id) => !victims.includes(id));
        } else remaining = [];
      }
      for (const id of lesson.exercises.map((e) => e.id))
        if (!reports.has(id))
          reports.set(id, {
            id,
            status: 'error',
            passed: 0,
            total: 0,
            failures: [],
            message: 'the grader worker stopped before this exercise',
          });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const exercises = lesson.exercises.map((e) => ({
    ...(reports.get(e.id) as ExerciseReport),
    title: titles.get(e.id)!,
  }));
  const passed = exercises.filter((e) => e.status === 'pass').length;
  return {
    lesson: lesson.id,
    title: lesson.title,
    file,
    passed,
    total: exercises.length,
    score: exercises.length ? Math.round((1000 * passed) / exercises.length) / 10 : 0,
    exercises,
    output: output.length > OUTPUT_LIMIT ? `${output.slice(0, OUTPUT_LIMIT)}\n[output truncated]` : output,
    ms: Math.round(performance.now() - start),
  };
}

interface WorkerRun {
  reports: ExerciseReport[];
  /** The exercise that was running when the worker stopped early. */
  current: string | null;
  failure: { status: 'timeout' | 'memory' | 'error'; message: string } | null;
  output: string;
}

/** Resident memory of process `pid` in bytes (Linux `/proc`), or null where it cannot be read. */
function residentBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Run one sandboxed child process over `input.exerciseIds` until it finishes, dies, or runs out of
 * time; `code` is the compiled module, linked here once the child has resolved its imports.
 */
function runWorker(
  input: WorkerInput,
  code: string,
  gradeDir: string,
  timeLimitMs: number,
  memoryLimitMb: number,
): Promise<WorkerRun> {
  return new Promise((resolvePromise) => {
    const run: WorkerRun = { reports: [], current: null, failure: null, output: '' };
    let settled = false;
    let child: ChildProcess | null = null;
    let timer: NodeJS.Timeout | undefined;
    let watch: NodeJS.Timeout | undefined;
    let errTail = '';
    let closed = false;
    let whenClosed: (() => void) | null = null;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      if (!child || closed) {
        resolvePromise(run);
        return;
      }
      // Resolve once the child's output is drained ('close'). A child that finished its exercises
      // is asked to leave (no IPC, nothing to do) and killed if the student's timers keep it alive.
      whenClosed = () => resolvePromise(run);
      if (run.failure === null && child.connected) {
        child.disconnect();
        const c = child;
        setTimeout(() => c.kill('SIGKILL'), EXIT_GRACE_MS).unref();
      } else child.kill('SIGKILL');
    };
    const arm = (what: string, ms = timeLimitMs) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const why = ms < STARTUP_LIMIT_MS ? ' (an infinite loop?)' : '';
        run.failure = { status: 'timeout', message: `${what} did not finish within ${ms} ms${why}` };
        finish();
      }, ms);
    };
    // Starting the child and loading the lesson's package is the grader's own work: a generous
    // limit; the student's time starts when the child is ready to import the solution.
    arm('starting the grader worker', STARTUP_LIMIT_MS);
    childCommand(gradeDir, memoryLimitMb).then(
      ({ entry, execArgv }) => {
        if (settled) return;
        const proc = fork(entry, [], {
          execArgv,
          env: {},
          cwd: gradeDir,
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        });
        child = proc;
        const send = (m: ParentMessage) => {
          if (proc.connected) proc.send(m);
        };
        proc.stdout!.on('data', (chunk: Buffer) => {
          if (run.output.length <= OUTPUT_LIMIT) run.output += String(chunk);
        });
        proc.stderr!.on('data', (chunk: Buffer) => {
          const text = String(chunk);
          if (run.output.length <= OUTPUT_LIMIT) run.output += text;
          errTail = (errTail + text).slice(-4096);
        });
        proc.on('message', (m: WorkerMessage) => {
          if (settled) return;
          if (m.type === 'hello') send({ type: 'input', input });
          else if (m.type === 'resolved') {
            try {
              writeFileSync(
                input.moduleFile,
                linkSolution(code, (spec) => {
                  const url = m.urls[spec];
                  if (!url) throw new Error(`cannot resolve ${spec}`);
                  return url;
                }),
              );
            } catch (e) {
              run.failure = {
                status: 'error',
                message: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
              };
              finish();
              return;
            }
            send({ type: 'run' });
          } else if (m.type === 'ready') {
            // The module's top-level code is the student's; the loader's own work gets some slack.
            arm('loading the solution file', timeLimitMs + LOAD_SLACK_MS);
            // Typed arrays live outside the V8 heap that --max-old-space-size caps: watch the
            // child's resident memory too, from here on (the grader's own modules are loaded by now).
            const base = residentBytes(proc.pid!);
            if (base !== null) {
              const cap = (memoryLimitMb + EXTERNAL_MARGIN_MB) * 2 ** 20;
              watch = setInterval(() => {
                const now = residentBytes(proc.pid!);
                if (now !== null && now - base > cap) {
                  run.failure = {
                    status: 'memory',
                    message: `ran out of memory (more than ${memoryLimitMb + EXTERNAL_MARGIN_MB} MiB, typed arrays included)`,
                  };
                  finish();
                }
              }, 20);
            }
          } else if (m.type === 'loaded') arm('the exercise');
          else if (m.type === 'start') {
            run.current = m.id;
            arm(`exercise ${m.id}`);
          } else if (m.type === 'report') {
            run.reports.push(m.report);
            run.current = null;
            if (run.reports.length === input.exerciseIds.length) finish();
          } else if (m.type === 'fatal') {
            run.failure = { status: 'error', message: m.message };
            finish();
          }
        });
        proc.on('error', (e: Error) => {
          if (settled) return;
          run.failure = { status: 'error', message: `the grader worker failed: ${e.message}` };
          finish();
        });
        // 'close' comes after the child's last message and output.
        // The child is done when it has exited and its output is drained (counted here: the
        // 'close' event does not come after the parent disconnects the IPC channel).
        let exitCode: number | null = null;
        let signal: NodeJS.Signals | null = null;
        let pending = 3;
        const closedOne = () => {
          if (--pending === 0) onClose();
        };
        proc.stdout!.on('close', closedOne);
        proc.stderr!.on('close', closedOne);
        proc.on('exit', (code, sig) => {
          exitCode = code;
          signal = sig;
          closedOne();
        });
        const onClose = () => {
          closed = true;
          if (settled) {
            whenClosed?.();
            return;
          }
          const oom = /heap out of memory|Reached heap limit/.test(errTail);
          if (oom) {
            // V8's own report of the crash is the grader's, not the student's output.
            const at = run.output.search(/\n?<--- Last few GCs --->|\n?FATAL ERROR:/);
            if (at >= 0) run.output = run.output.slice(0, at);
            run.failure = {
              status: 'memory',
              message: `ran out of memory (the grader's heap limit is ${memoryLimitMb} MiB)`,
            };
          } else if (run.reports.length < input.exerciseIds.length && !run.failure)
            run.failure = {
              status: 'error',
              message: signal
                ? `the grader worker was killed (${signal})`
                : exitCode === 0
                  ? 'the solution ended the grader worker (process.exit?)'
                  : `the solution ended the grader worker (exit code ${exitCode}): ${errTail.trim().split('\n').slice(-3).join(' ').slice(0, 500)}`,
            };
          finish();
        };
      },
      (e: unknown) => {
        run.failure = {
          status: 'error',
          message: `the grader worker failed to start: ${e instanceof Error ? e.message : String(e)}`,
        };
        finish();
      },
    );
  });
}
