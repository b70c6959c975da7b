/**
 * The grader's child process (started by `gradeFile` under Node's permission model, see
 * `sandbox.ts`): imports the lesson (from the package that serves it), resolves the `@gradkit/*`
 * imports of the student's compiled module for the parent (which links and writes it: this
 * process may not write files), then imports the module and runs `checkExercise` for each
 * requested exercise, sending a message before and after each one so the parent can attribute a
 * time-out or an out-of-memory kill to the exercise that caused it. This process never loads
 * `@gradkit/solutions`, and cannot read it.
 */
import { pathToFileURL } from 'node:url';
import { checkExercise, type ExerciseReport } from '@gradkit/core';
import { loadPackageLessons } from './catalog.js';

/** What the parent sends first. */
export interface WorkerInput {
  packageName: string;
  lessonId: string;
  exerciseIds: string[];
  /** The `@gradkit/*` specifiers the compiled student module imports (see `compileSolution`). */
  imports: string[];
  /** Where the parent writes the linked module. */
  moduleFile: string;
}

/** Messages the parent sends. */
export type ParentMessage = { type: 'input'; input: WorkerInput } | { type: 'run' };

/** Messages the child sends. */
export type WorkerMessage =
  | { type: 'hello' }
  /** The module URLs of `input.imports` (a specifier that does not resolve is left out). */
  | { type: 'resolved'; urls: Record<string, string> }
  | { type: 'ready' }
  | { type: 'loaded' }
  | { type: 'start'; id: string }
  | { type: 'report'; report: ExerciseReport }
  | { type: 'fatal'; message: string };

/** JSON-safe copy: non-finite numbers and functions as strings, cycles cut. */
function jsonSafe(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (typeof v === 'function') return '[function]';
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol') return v.toString();
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
  return text === undefined ? null : JSON.parse(text);
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : `threw ${String(e)}`;
}

// The IPC functions, taken before the student's code could replace them.
const send = process.send?.bind(process) as ((m: WorkerMessage) => boolean) | undefined;
const post = (m: WorkerMessage) => void send?.(m);
const inbox: ParentMessage[] = [];
let waiting: ((m: ParentMessage) => void) | null = null;
function receive(): Promise<ParentMessage> {
  const m = inbox.shift();
  if (m) return Promise.resolve(m);
  return new Promise((resolve) => {
    waiting = resolve;
  });
}

async function main(input: WorkerInput): Promise<void> {
  const lessons = await loadPackageLessons(input.packageName);
  const lesson = lessons.find((l) => l.id === input.lessonId);
  if (!lesson) {
    post({ type: 'fatal', message: `no lesson ${JSON.stringify(input.lessonId)} in ${input.packageName}` });
    return;
  }
  const urls: Record<string, string> = {};
  for (const spec of input.imports) {
    try {
      urls[spec] = import.meta.resolve(spec);
    } catch {
      // The parent reports it.
    }
  }
  post({ type: 'resolved', urls });
  if ((await receive()).type !== 'run') return;
  post({ type: 'ready' });
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(input.moduleFile).href)) as Record<string, unknown>;
  } catch (e) {
    post({ type: 'fatal', message: `loading the solution file threw ${describeError(e)}` });
    return;
  }
  post({ type: 'loaded' });
  for (const id of input.exerciseIds) {
    const exercise = lesson.exercises.find((x) => x.id === id)!;
    post({ type: 'start', id });
    let report: ExerciseReport;
    try {
      report = checkExercise(exercise, mod);
    } catch (e) {
      // checkExercise catches the student's exceptions; this is a stack overflow or the like.
      report = {
        id,
        status: 'error',
        passed: 0,
        total: 0,
        failures: [],
        message: describeError(e),
        hint: exercise.check.hint,
      };
    }
    post({ type: 'report', report: jsonSafe(report) as ExerciseReport });
  }
}

if (process.send) {
  process.on('message', (m: ParentMessage) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(m);
    } else inbox.push(m);
  });
  void receive().then((m) => {
    if (m.type !== 'input') return;
    main(m.input).catch((e: unknown) => post({ type: 'fatal', message: describeError(e) }));
  });
  post({ type: 'hello' });
}
