/**
 * The grader: `gradeFile(lesson, file)` compiles a student's solution file and grades every
 * exercise of the lesson, with a verdict the graded code cannot forge.
 *
 * What runs where:
 * - here, in the grader's process (trusted; no student code ever runs here): compiling the file
 *   through the import gate (`compile.ts`), building each exercise's cases with their reference
 *   values (`buildCases` of `@gradkit/course`), and the verdict (`judge`), on the cases built
 *   here and the values the child sent back, checked as untrusted data (`protocol.ts`);
 * - in a child process per exercise (`worker.ts`, from the runtime bundle of `runtime.ts`, under
 *   `sandbox.ts`'s isolation): loading the submission, linked to library facades that hide the
 *   exercise's answer, and calling its function on the cases' arguments. The child gets the
 *   arguments as data and never sees an expected value; it cannot read the course package, the
 *   reference solutions or anything but its runtime and its exercise's folder.
 *
 * Limits: a wall-clock limit per exercise (`timeLimitMs`; loading the module gets it plus 2 s), a
 * V8 heap limit per child (`memoryLimitMb`) and, on Linux, a cap on the child's resident memory
 * (typed arrays live outside the heap). A student's mistake never crashes the grader: wrong
 * values (`fail`), exceptions (`error`), wrong types (`type`), a missing export (`missing`), an
 * untouched stub (`todo`), an infinite loop (`timeout`) and a memory blow-up (`memory`) each
 * become the exercise's status.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import {
  buildCases,
  type CallOutcome,
  type CheckCase,
  type Exercise,
  type ExerciseReport,
  internalErrorReport,
  isHarnessCall,
  judge,
  type Lesson,
  toPlain,
} from '@gradkit/course';
import { compileSolution, type LibraryPackage, type NamedImport } from './compile.js';
import { checkLimits, DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_MS } from './limits.js';
import { cleanOutcomes, FrameReader, MAX_FRAME_BYTES, readChildMessage } from './protocol.js';
import {
  encodeArgs,
  getRuntime,
  type Hidden,
  hiddenNames,
  libraryNamespaces,
  type Namespaces,
  type Runtime,
  tempFolder,
  writeExercise,
} from './runtime.js';
import {
  childCommand,
  firstChild,
  forks,
  type Isolation,
  type Launcher,
  launcher,
  residentBytes,
} from './sandbox.js';

export type { Isolation } from './sandbox.js';

/** Limits for one grading run. */
export interface GradeOptions {
  /** Wall-clock limit per exercise, in ms (loading the module gets 2 s more). Default 5000, at most 2^31 − 1. */
  timeLimitMs?: number;
  /** Heap limit of each exercise's child process (V8 old generation), in MiB. Default 256. */
  memoryLimitMb?: number;
  /**
   * `'auto'` (default): namespaces where the machine allows them; `'process'`: the JS lockdown
   * and Node's permission model only (for tests and debugging).
   */
  isolation?: 'auto' | 'process';
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
  /**
   * What the student's code printed (stdout and stderr), one section per exercise (the module
   * loads once per exercise), truncated to 10 000 characters.
   */
  output: string;
  /** Milliseconds spent (compile + run). */
  ms: number;
  /**
   * The isolation the children ran under: `namespaces` (Linux user, network and PID namespaces,
   * plus everything below) or `process` (Node's permission model and the child's JS lockdown).
   */
  sandbox: Isolation;
}

const OUTPUT_LIMIT = 10_000;
/** Memory beyond the heap limit a child may hold outside the V8 heap (typed arrays), in MiB. */
const EXTERNAL_MARGIN_MB = 256;
/** Extra time for importing the solution module (the module loader's work), in ms. */
const LOAD_SLACK_MS = 2000;
/** Limit for starting a child and loading the library (the grader's work, not the student's), in ms. */
const STARTUP_LIMIT_MS = 60_000;
/** How long to wait for a killed child's streams to close, in ms. */
const CLOSE_GRACE_MS = 2000;
/** The longest delay a Node timer takes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Children alive now: killed (with their process groups) if the grader exits first. */
const live = new Set<ChildProcess>();
let exitHook = false;
function killGroup(proc: ChildProcess): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  try {
    proc.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Do the grader's one-time work now (the isolation probe, the runtime bundle, loading the
 * library), e.g. when a server starts, so that the first submission does not wait for it.
 */
export async function warmGrader(): Promise<void> {
  launcher();
  await Promise.all([getRuntime(), libraryNamespaces()]);
}

/** Grade a solution given as source text (written to a temporary `.ts` file first). */
export async function gradeSource(
  lesson: Lesson,
  source: string,
  options: GradeOptions = {},
): Promise<GradeReport> {
  const dir = tempFolder('submission');
  try {
    const file = join(dir, `${lesson.id}.ts`);
    writeFileSync(file, source);
    const report = await gradeFile(lesson, file, options);
    return { ...report, file: `${lesson.id}.ts` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const errorReport = (ex: Exercise, status: ExerciseReport['status'], message: string): ExerciseReport => ({
  id: ex.id,
  status,
  passed: 0,
  total: 0,
  failures: [],
  message,
  hint: ex.check.hint,
});

/** The first named import of a name hidden while `ex` runs, as the message that explains it. */
function hiddenImport(ex: Exercise, hidden: Hidden, named: readonly NamedImport[]): string | null {
  const hit = named.find((n) => hidden.get(n.pkg)?.has(n.name));
  return hit
    ? `the submission imports ${hit.name} from ${hit.pkg}, which computes this exercise's answer (hidden while exercise ${ex.id} runs)`
    : null;
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
  checkLimits(timeLimitMs, memoryLimitMb);
  const l = launcher(options.isolation);
  const reports = new Map<string, ExerciseReport>();
  let output = '';
  const compiled = await compileSolution(resolve(file));
  if (!compiled.ok) {
    for (const ex of lesson.exercises)
      reports.set(ex.id, { ...errorReport(ex, 'error', compiled.message), hint: undefined });
  } else {
    const [runtime, ns] = await Promise.all([getRuntime(lesson), libraryNamespaces()]);
    const dir = tempFolder('grade');
    try {
      for (const [index, ex] of lesson.exercises.entries()) {
        const r = await gradeExercise(
          lesson,
          ex,
          index,
          compiled,
          runtime,
          ns,
          dir,
          l,
          timeLimitMs,
          memoryLimitMb,
        );
        reports.set(ex.id, r.report);
        if (r.output) output += `--- ${ex.id} ---\n${r.output}${r.output.endsWith('\n') ? '' : '\n'}`;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const exercises = lesson.exercises.map((e) => {
    const r = reports.get(e.id)!;
    if (r.hint === undefined) delete r.hint;
    return { ...r, title: e.title };
  });
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
    sandbox: l.isolation,
  };
}

async function gradeExercise(
  lesson: Lesson,
  ex: Exercise,
  index: number,
  compiled: { code: string; packages: LibraryPackage[]; named: NamedImport[] },
  runtime: Runtime,
  ns: Namespaces,
  dir: string,
  l: Launcher,
  timeLimitMs: number,
  memoryLimitMb: number,
): Promise<{ report: ExerciseReport; output: string }> {
  // The reference side: built here, where the student's code never runs.
  let cases: CheckCase[];
  let args: unknown[][];
  try {
    cases = buildCases(ex);
    args = cases.map((c) => encodeArgs(c.args));
  } catch (e) {
    return { report: internalErrorReport(ex, e), output: '' };
  }
  const usesHarness = args.some((list) => list.some((a) => isHarnessCall(a)));
  const harness = runtime.harness.get(lesson.id) ?? null;
  if (usesHarness && !harness)
    return {
      report: internalErrorReport(
        ex,
        new Error(runtime.harnessErrors.get(lesson.id) ?? `lesson ${lesson.id} has no harness.ts`),
      ),
      output: '',
    };
  const hidden = hiddenNames(ex, ns);
  const refused = hiddenImport(ex, hidden, compiled.named);
  if (refused) return { report: errorReport(ex, 'error', refused), output: '' };
  const maxBytes = resultBytes(cases);
  const files = writeExercise(runtime, dir, index, ex, compiled, hidden, harness, args, maxBytes);
  const run = await runChild(ex, cases.length, maxBytes, runtime, files, l, timeLimitMs, memoryLimitMb);
  if (run.failure)
    return { report: errorReport(ex, run.failure.status, run.failure.message), output: run.output };
  return { report: judge(ex, cases, run.outcomes!), output: run.output };
}

/**
 * The most bytes the results of `cases` may take: right answers take about as many as the
 * expected values, so a few times that (and 1 MiB) is plenty, and the grader never holds more
 * than that of what a child sends, however it is built.
 */
function resultBytes(cases: readonly CheckCase[]): number {
  let expected: number;
  try {
    expected = serialize(cases.map((c) => toPlain(c.expected))).length;
  } catch {
    expected = MAX_FRAME_BYTES;
  }
  return Math.min(MAX_FRAME_BYTES, 2 ** 20 + 4 * expected);
}

interface ChildRun {
  outcomes: CallOutcome[] | null;
  failure: { status: 'timeout' | 'memory' | 'error'; message: string } | null;
  output: string;
}

/** Run one exercise's child until it sends its outcomes, fails, or runs out of time or memory. */
function runChild(
  ex: Exercise,
  caseCount: number,
  maxBytes: number,
  runtime: Runtime,
  files: { dir: string; job: string },
  l: Launcher,
  timeLimitMs: number,
  memoryLimitMb: number,
): Promise<ChildRun> {
  return new Promise((resolvePromise) => {
    const run: ChildRun = { outcomes: null, failure: null, output: '' };
    let phase: 'starting' | 'loading' | 'running' = 'starting';
    let settled = false;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let watch: NodeJS.Timeout | undefined;
    let errTail = '';
    const cpuSeconds = Math.min(2 ** 31, Math.ceil((2 * timeLimitMs + LOAD_SLACK_MS) / 1000) * 2 + 60);
    const { command, args } = childCommand(l, {
      runtimeDir: runtime.dir,
      exerciseDir: files.dir,
      worker: runtime.worker,
      job: files.job,
      memoryLimitMb,
      cpuSeconds,
    });
    const proc = spawn(command, args, {
      cwd: files.dir,
      env: {},
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      // A session of its own: a signal to the child's process group cannot reach the grader.
      detached: true,
    });
    live.add(proc);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const p of live) killGroup(p);
      });
    }
    const done = () => {
      live.delete(proc);
      resolvePromise(run);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      killGroup(proc);
      if (closed) done();
      else setTimeout(done, CLOSE_GRACE_MS).unref();
    };
    const fail = (status: 'timeout' | 'memory' | 'error', message: string) => {
      if (settled) return;
      run.failure = { status, message };
      finish();
    };
    const arm = (what: string, ms: number, student: boolean) => {
      clearTimeout(timer);
      const delay = Math.min(ms, MAX_TIMER_MS);
      timer = setTimeout(
        () =>
          fail('timeout', `${what} did not finish within ${ms} ms${student ? ' (an infinite loop?)' : ''}`),
        delay,
      );
    };
    arm('starting the grader worker', STARTUP_LIMIT_MS, false);

    proc.stdout!.on('data', (chunk: Buffer) => {
      if (run.output.length <= OUTPUT_LIMIT) run.output += String(chunk);
    });
    proc.stderr!.on('data', (chunk: Buffer) => {
      const text = String(chunk);
      if (run.output.length <= OUTPUT_LIMIT) run.output += text;
      errTail = (errTail + text).slice(-4096);
    });

    const startWatch = () => {
      // Typed arrays live outside the V8 heap that --max-old-space-size caps: watch the child's
      // resident memory too, from here on (the runtime's modules are loaded by now).
      const pid = forks(l) ? firstChild(proc.pid!) : proc.pid!;
      const base = pid === null ? null : residentBytes(pid);
      if (pid === null || base === null) return;
      const cap = (memoryLimitMb + EXTERNAL_MARGIN_MB) * 2 ** 20;
      watch = setInterval(() => {
        const now = residentBytes(pid);
        if (now !== null && now - base > cap)
          fail(
            'memory',
            `ran out of memory (more than ${memoryLimitMb + EXTERNAL_MARGIN_MB} MiB, typed arrays included)`,
          );
      }, 20);
    };

    const reader = new FrameReader(maxBytes, maxBytes + 4096);
    const channel = proc.stdio[3] as NodeJS.ReadableStream;
    channel.on('data', (chunk: Buffer) => {
      if (settled) return;
      for (const bytes of reader.push(chunk)) {
        let raw: unknown;
        try {
          raw = deserialize(bytes);
        } catch {
          fail(
            'error',
            'the grader worker sent a message that cannot be read (did the solution write to its channel?)',
          );
          return;
        }
        const m = readChildMessage(raw);
        if (!m) continue; // not a message the grader asked for: ignored
        if (m.t === 'ready' && phase === 'starting') {
          phase = 'loading';
          // The module's top-level code is the student's; the loader's own work gets some slack.
          arm('loading the solution file', timeLimitMs + LOAD_SLACK_MS, true);
          startWatch();
        } else if (m.t === 'loaded' && phase === 'loading') {
          phase = 'running';
          arm(`exercise ${ex.id}`, timeLimitMs, true);
        } else if (m.t === 'load-error' && phase !== 'running') {
          fail('error', m.message!);
        } else if (m.t === 'too-large' && phase === 'running') {
          fail(
            'error',
            `the solution's results take more than ${maxBytes} bytes (${m.bytes} by the time the grader stopped calling it), more than the grader accepts`,
          );
        } else if (m.t === 'result' && phase === 'running') {
          const outcomes = cleanOutcomes(m.outcomes, caseCount);
          if (!outcomes) fail('error', 'the grader worker sent malformed results');
          else {
            run.outcomes = outcomes;
            finish();
          }
        }
        if (settled) return;
      }
      if (reader.error) fail('error', reader.error);
    });
    channel.on('error', () => undefined);

    proc.on('error', (e: Error) => fail('error', `the grader worker failed to start: ${e.message}`));
    proc.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      closed = true;
      if (settled) {
        done();
        return;
      }
      if (/heap out of memory|Reached heap limit/.test(errTail)) {
        // V8's own report of the crash is the grader's, not the student's output.
        const at = run.output.search(/\n?<--- Last few GCs --->|\n?FATAL ERROR:|\n?#\s*\n# Fatal/);
        if (at >= 0) run.output = run.output.slice(0, at);
        fail('memory', `ran out of memory (the grader's heap limit is ${memoryLimitMb} MiB)`);
      } else if (signal === 'SIGXCPU') fail('timeout', `used more than ${cpuSeconds} seconds of CPU time`);
      else
        fail(
          'error',
          signal
            ? `the grader worker was killed (${signal})`
            : code === 0
              ? 'the solution ended the grader worker (process.exit?)'
              : `the solution ended the grader worker (exit code ${code}): ${errTail.trim().split('\n').slice(-3).join(' ').slice(0, 500)}`,
        );
    });
  });
}
