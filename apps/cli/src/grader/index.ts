/**
 * The grader: `gradeFile(lessonId, file)` compiles a student's solution file with esbuild and runs
 * every exercise of the lesson against the packages' reference values and randomized property
 * checks (`checkExercise` of `@gradkit/core`) inside a worker thread with resource limits.
 *
 * Isolation: the student's code runs in its own V8 isolate (a `worker_threads` Worker) with a heap
 * limit (`resourceLimits`; memory outside the heap, such as typed arrays, is capped by watching the
 * process's resident memory), an empty environment, captured stdout/stderr, and a time limit per
 * exercise enforced by the parent (the worker is terminated and a fresh one grades the remaining
 * exercises). Its imports are restricted at compile time to `@gradkit/*` packages and its own files;
 * the private `@gradkit/solutions` package is refused, and the grader never loads it. This is an
 * isolate, not an operating-system sandbox: the code runs with the user's file permissions.
 *
 * A student's mistake never crashes the grader: wrong values (`fail`), exceptions (`error`), wrong
 * types (`type`), a missing export (`missing`), an untouched stub (`todo`), an infinite loop
 * (`timeout`) and a memory blow-up (`memory`) each become the exercise's status in the report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExerciseReport, Lesson } from '@gradkit/core';
import { compileSolution } from './compile.js';
import type { WorkerInput, WorkerMessage } from './worker.js';

/** Limits for one grading run. */
export interface GradeOptions {
  /** Wall-clock limit per exercise (and for loading the module), in ms. Default 5000. */
  timeLimitMs?: number;
  /** Heap limit of the worker (V8 old generation), in MiB. Default 256. */
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
/** Limit for starting a worker and loading the lesson's package (not the student's time). */
const STARTUP_LIMIT_MS = 120_000;

/** file: URL of tsx's ESM register API (`tsx/esm/api`, its `import` export). */
function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}

/**
 * The worker's entry: `worker.js` next to this file in dist; from the sources (`pnpm gradkit`
 * runs them with tsx) a small script that registers tsx in the worker, whose loader hooks a
 * worker does not inherit, and then imports `worker.ts`.
 */
function workerEntry(): { entry: URL | string; eval: boolean; execArgv?: string[] } {
  if (!import.meta.url.endsWith('.ts'))
    return { entry: new URL('./worker.js', import.meta.url), eval: false };
  const tsx = tsxEsmApi();
  const worker = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); }).catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'fatal', message: 'the grader worker failed to start: ' + (e && e.message) }); });`;
  // Workspace packages resolve to their TypeScript sources, as under `pnpm gradkit` and vitest.
  const conditions = process.execArgv.some((a) => a.includes('@gradkit/source'))
    ? []
    : ['--conditions=@gradkit/source'];
  return { entry: code, eval: true, execArgv: [...process.execArgv, ...conditions] };
}

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
  const timeLimitMs = options.timeLimitMs ?? 5000;
  const memoryLimitMb = options.memoryLimitMb ?? 256;
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
    const dir = mkdtempSync(join(tmpdir(), 'gradkit-grade-'));
    try {
      const moduleFile = join(dir, 'solution.mjs');
      let remaining = lesson.exercises.map((e) => e.id);
      while (remaining.length) {
        const run = await runWorker(
          {
            packageName: lesson.package,
            lessonId: lesson.id,
            exerciseIds: remaining,
            code: compiled.code,
            moduleFile,
          },
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

/** Run one worker over `input.exerciseIds` until it finishes, dies, or runs out of time. */
function runWorker(input: WorkerInput, timeLimitMs: number, memoryLimitMb: number): Promise<WorkerRun> {
  return new Promise((resolvePromise) => {
    const run: WorkerRun = { reports: [], current: null, failure: null, output: '' };
    const { entry, eval: isEval, execArgv } = workerEntry();
    const worker = new Worker(entry, {
      eval: isEval,
      ...(execArgv ? { execArgv } : {}),
      workerData: input,
      env: {},
      stdout: true,
      stderr: true,
      resourceLimits: {
        maxOldGenerationSizeMb: memoryLimitMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, memoryLimitMb >> 3)),
        stackSizeMb: 4,
      },
    });
    const capture = (chunk: Buffer | string) => {
      if (run.output.length <= OUTPUT_LIMIT) run.output += String(chunk);
    };
    worker.stdout.on('data', capture);
    worker.stderr.on('data', capture);
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let watch: NodeJS.Timeout | undefined;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      void worker.terminate().finally(() => resolvePromise(run));
    };
    const arm = (what: string, ms = timeLimitMs) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const why = ms < STARTUP_LIMIT_MS ? ' (an infinite loop?)' : '';
        run.failure = { status: 'timeout', message: `${what} did not finish within ${ms} ms${why}` };
        finish();
      }, ms);
    };
    // Starting the worker and loading the lesson's package is the grader's own work: a generous
    // limit; the student's time starts when the worker is ready to import the solution.
    arm('starting the grader worker', STARTUP_LIMIT_MS);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        // The module's top-level code is the student's; the loader's own work gets some slack.
        arm('loading the solution file', timeLimitMs + LOAD_SLACK_MS);
        // Typed arrays live outside the V8 heap that resourceLimits caps: watch the process's
        // resident memory too, from here on (the grader's own modules are loaded by now).
        const base = process.memoryUsage.rss();
        const cap = (memoryLimitMb + EXTERNAL_MARGIN_MB) * 2 ** 20;
        watch = setInterval(() => {
          if (process.memoryUsage.rss() - base > cap) {
            run.failure = {
              status: 'memory',
              message: `ran out of memory (more than ${memoryLimitMb + EXTERNAL_MARGIN_MB} MiB, typed arrays included)`,
            };
            finish();
          }
        }, 20);
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
    worker.on('error', (e: Error & { code?: string }) => {
      if (settled) return;
      run.failure =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              status: 'memory',
              message: `ran out of memory (the grader's heap limit is ${memoryLimitMb} MiB)`,
            }
          : { status: 'error', message: `${e.name}: ${e.message}` };
      finish();
    });
    worker.on('exit', () => {
      if (settled) return;
      if (run.reports.length < input.exerciseIds.length && !run.failure)
        run.failure = { status: 'error', message: 'the solution ended the grader worker (process.exit?)' };
      finish();
    });
  });
}
