/**
 * The grader's worker thread: imports the lesson (from the package that serves it), then the
 * student's compiled module, and runs `checkExercise` for each requested exercise, posting a
 * message before and after each one so the parent can attribute a time-out or an out-of-memory
 * kill to the exercise that caused it. This thread never loads `@gradkit/solutions`.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { checkExercise, type ExerciseReport } from '@gradkit/core';
import { loadPackageLessons } from './catalog.js';
import { linkSolution } from './compile.js';

/** What the parent passes in `workerData`. */
export interface WorkerInput {
  packageName: string;
  lessonId: string;
  exerciseIds: string[];
  /** The compiled student module (see `compileSolution`) and where to write it once linked. */
  code: string;
  moduleFile: string;
}

/** Messages the worker posts. */
export type WorkerMessage =
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

async function main(input: WorkerInput): Promise<void> {
  const port = parentPort!;
  const post = (m: WorkerMessage) => port.postMessage(m);
  const lessons = await loadPackageLessons(input.packageName);
  const lesson = lessons.find((l) => l.id === input.lessonId);
  if (!lesson) {
    post({ type: 'fatal', message: `no lesson ${JSON.stringify(input.lessonId)} in ${input.packageName}` });
    return;
  }
  try {
    writeFileSync(
      input.moduleFile,
      linkSolution(input.code, (spec) => import.meta.resolve(spec)),
    );
  } catch (e) {
    post({ type: 'fatal', message: describeError(e) });
    return;
  }
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

if (parentPort) {
  main(workerData as WorkerInput).catch((e: unknown) => {
    parentPort!.postMessage({ type: 'fatal', message: describeError(e) } satisfies WorkerMessage);
  });
}
