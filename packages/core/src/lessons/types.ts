/**
 * Lessons as data: the types every gradkit package uses to publish the lessons it serves, and the
 * checker that grades a student's function against the library's reference values and randomized
 * property checks.
 *
 * A {@link Lesson} names its seed notebook, learning goals, figures (figure kinds of
 * `@gradkit/plot`) and {@link Exercise}s. Each exercise mirrors one of the notebook's TODOs: a
 * prompt, a starter `.ts` file (a typed stub that throws `'TODO'`) and a {@link CheckSpec}. The
 * reference values come from the library itself (the library is the reference implementation);
 * the worked solutions live in the private `@gradkit/solutions` package.
 *
 * @example
 *   import { checkExercise } from '@gradkit/core';
 *   import { lossesLessons } from '@gradkit/losses';
 *   const ex = lossesLessons[0].exercises[0];
 *   const report = checkExercise(ex, { normalPdf: (y, mu, s) => Math.exp(-((y - mu) ** 2) / (2 * s * s)) / Math.sqrt(2 * Math.PI * s * s) });
 *   report.status; // 'pass'
 */
import { RandomState } from '../random/index.js';
import { Tensor } from '../tensor.js';

/** One lesson: a seed notebook's material as data. */
export interface Lesson {
  /** Stable id, e.g. `loss-i` (used by `gradkit grade --lesson`). */
  id: string;
  title: string;
  /** The npm package that serves it, e.g. `@gradkit/losses`. */
  package: string;
  /** The seed notebook's file name (under the course's `seeds/`). */
  seed: string;
  /** A short markdown introduction (rendered on the lesson's page). */
  summary: string;
  goals: string[];
  /** Figure kinds from `@gradkit/plot` that illustrate the lesson. */
  figures: string[];
  exercises: Exercise[];
}

/** One graded exercise (one of the notebook's TODOs). */
export interface Exercise {
  /** Id unique within the lesson, e.g. `normal-pdf`. */
  id: string;
  title: string;
  /** What to write (markdown). */
  prompt: string;
  /** A starter `.ts` file: imports, a typed stub that throws `'TODO'`. */
  starter: string;
  check: CheckSpec;
}

/** One checked call: arguments and the reference result. */
export interface CheckCase {
  name: string;
  args: unknown[];
  expected: unknown;
}

/** How an exercise is checked. */
export interface CheckSpec {
  /** The name the student's module must export (a function). */
  export: string;
  /** Fixed cases with reference values computed by the library (the notebook's inputs first). */
  cases: () => CheckCase[];
  /** Randomized property checks: `trials` cases drawn from `RandomState(seed)`. */
  property?: { trials: number; seed: number; generate: (rng: RandomState, trial: number) => CheckCase };
  /** Tolerance: |received − expected| <= atol + rtol·|expected| (defaults 1e-6, 1e-9). */
  rtol?: number;
  atol?: number;
  /**
   * A custom comparison (e.g. a sampled token must be one of the top k). Returns `null` when the
   * received value is right, else a message.
   */
  compare?: (received: unknown, expected: unknown, args: unknown[]) => string | null;
  /** A hint printed with a wrong answer. */
  hint: string;
}

/** Why an exercise did not pass. */
export type ExerciseStatus = 'pass' | 'fail' | 'error' | 'type' | 'missing' | 'timeout' | 'memory' | 'todo';

/** One failed case. */
export interface CaseFailure {
  case: string;
  args: unknown;
  expected: unknown;
  received: unknown;
  message: string;
}

/** The result of checking one exercise. */
export interface ExerciseReport {
  id: string;
  status: ExerciseStatus;
  passed: number;
  total: number;
  /** The first few failures (at most 3). */
  failures: CaseFailure[];
  /** The exercise's hint when it did not pass; the error message for `error`/`timeout`/`memory`. */
  message?: string;
  hint?: string;
}

/** Plain JSON-able value: tensors become nested lists, typed arrays plain arrays. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Tensor) return value.ndim === 0 ? value.item() : value.toList();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as Float64Array);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** A short display of a value (arrays truncated). */
export function preview(v: unknown, max = 120): string {
  let s: string;
  try {
    s =
      typeof v === 'function'
        ? '[function]'
        : JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  } catch {
    s = String(v);
  }
  if (s === undefined) s = String(v);
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/**
 * Compare a received value with the expected one (both plain). Returns `null` when equal within
 * tolerance, else `{ type, message }` where `type` says whether the mismatch is one of types
 * (a string where a number was expected, an array of the wrong length) or of values.
 */
export function compareValues(
  received: unknown,
  expected: unknown,
  rtol = 1e-6,
  atol = 1e-9,
  path = 'result',
): { type: boolean; message: string } | null {
  const ke = kind(expected);
  const kr = kind(received);
  if (ke === 'number') {
    if (kr !== 'number')
      return {
        type: true,
        message: `${path}: expected a number, received ${kr === 'object' ? 'an object' : kr} ${preview(received, 40)}`,
      };
    const e = expected as number;
    const r = received as number;
    if (Number.isNaN(e) && Number.isNaN(r)) return null;
    if (e === r) return null;
    if (!(Math.abs(r - e) <= atol + rtol * Math.abs(e)))
      return { type: false, message: `${path}: expected ${e}, received ${r}` };
    return null;
  }
  if (ke === 'array') {
    if (kr !== 'array')
      return {
        type: true,
        message: `${path}: expected an array (or Tensor), received ${kr} ${preview(received, 40)}`,
      };
    const e = expected as unknown[];
    const r = received as unknown[];
    if (e.length !== r.length)
      return { type: true, message: `${path}: expected length ${e.length}, received length ${r.length}` };
    for (let i = 0; i < e.length; i++) {
      const m = compareValues(r[i], e[i], rtol, atol, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (ke === 'object') {
    if (kr !== 'object')
      return { type: true, message: `${path}: expected an object, received ${kr} ${preview(received, 40)}` };
    const r = received as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      if (!(k in r)) return { type: true, message: `${path}: missing field "${k}"` };
      const m = compareValues(r[k], v, rtol, atol, `${path}.${k}`);
      if (m) return m;
    }
    return null;
  }
  if (received !== expected) {
    return {
      type: kr !== ke,
      message: `${path}: expected ${preview(expected, 40)}, received ${preview(received, 40)}`,
    };
  }
  return null;
}

function isTodo(e: unknown): boolean {
  return e instanceof Error && /^TODO\b/.test(e.message);
}

/**
 * Check a student's module against an exercise: run the fixed cases, then the randomized ones,
 * comparing with the library's reference values. Never throws for a student's mistake: a missing
 * export, an exception, a wrong type or a wrong value become the report's `status`.
 *
 * Infinite loops and memory blow-ups cannot be caught here; the grader runs this inside a worker
 * with a time limit and `resourceLimits`.
 */
export function checkExercise(exercise: Exercise, studentModule: Record<string, unknown>): ExerciseReport {
  const spec = exercise.check;
  const fn = studentModule[spec.export];
  const report: ExerciseReport = { id: exercise.id, status: 'pass', passed: 0, total: 0, failures: [] };
  if (typeof fn !== 'function') {
    report.status = 'missing';
    report.message = `the solution file does not export a function "${spec.export}" (received ${fn === undefined ? 'nothing' : typeof fn})`;
    return report;
  }
  let cases: CheckCase[];
  try {
    cases = spec.cases();
    if (spec.property) {
      const rng = new RandomState(spec.property.seed);
      for (let t = 0; t < spec.property.trials; t++) cases.push(spec.property.generate(rng, t));
    }
  } catch (e) {
    // A bug in the exercise, not in the student's code: say so instead of blaming the solution.
    report.status = 'error';
    report.message = `internal error: the checker of exercise "${exercise.id}" failed to build its reference cases (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})`;
    return report;
  }
  report.total = cases.length;
  let sawType = false;
  let sawError = false;
  let sawTodo = false;
  for (const c of cases) {
    let received: unknown;
    try {
      received = toPlain((fn as (...a: unknown[]) => unknown)(...structuredCloneArgs(c.args)));
    } catch (e) {
      if (isTodo(e)) sawTodo = true;
      else sawError = true;
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : `threw ${preview(e)}`;
      pushFailure(report, c, undefined, `threw ${msg}`);
      continue;
    }
    if (received instanceof Promise) {
      received.catch(() => undefined); // a rejected promise must not become an unhandled rejection
      sawType = true;
      pushFailure(report, c, '[Promise]', 'returned a Promise; the function must be synchronous');
      continue;
    }
    const expected = toPlain(c.expected);
    let message: string | null;
    if (spec.compare) {
      message = spec.compare(received, expected, c.args);
    } else {
      const m = compareValues(received, expected, spec.rtol ?? 1e-6, spec.atol ?? 1e-9);
      if (m?.type) sawType = true;
      message = m ? m.message : null;
    }
    if (message === null) report.passed++;
    else pushFailure(report, c, received, message);
  }
  if (report.passed < report.total) {
    report.status = sawTodo && report.passed === 0 ? 'todo' : sawError ? 'error' : sawType ? 'type' : 'fail';
    report.hint = spec.hint;
    if (report.status === 'todo') report.message = 'the stub still throws TODO';
  }
  return report;
}

/** Give the student fresh copies of array/object arguments so a mutation cannot change the reference. */
function structuredCloneArgs(args: unknown[]): unknown[] {
  return args.map((a) =>
    typeof a === 'function' || a instanceof Tensor ? a : a && typeof a === 'object' ? structuredClone(a) : a,
  );
}

function pushFailure(report: ExerciseReport, c: CheckCase, received: unknown, message: string): void {
  if (report.failures.length >= 3) return;
  report.failures.push({
    case: c.name,
    args: c.args.map((a) => (typeof a === 'function' ? '[function]' : toPlain(a))),
    expected: toPlain(c.expected),
    received,
    message,
  });
}

/** The JSON-able part of a lesson (no checker functions): what `gradkit lessons --json` prints. */
export interface LessonSummary {
  id: string;
  title: string;
  package: string;
  seed: string;
  goals: string[];
  figures: string[];
  exercises: { id: string; title: string; export: string }[];
}

/** Drop a lesson's functions, keeping what a catalog or a site needs. */
export function summarizeLesson(lesson: Lesson): LessonSummary {
  return {
    id: lesson.id,
    title: lesson.title,
    package: lesson.package,
    seed: lesson.seed,
    goals: [...lesson.goals],
    figures: [...lesson.figures],
    exercises: lesson.exercises.map((e) => ({ id: e.id, title: e.title, export: e.check.export })),
  };
}

/**
 * A starter file for one exercise: a header naming the lesson, then `body` (imports and typed
 * stubs). Every stub throws `new Error('TODO')`, so an untouched starter is reported as `todo`.
 */
export function starterFile(lessonId: string, body: string): string {
  return `// gradkit lesson ${lessonId}: replace the TODO bodies, then run\n//   pnpm gradkit grade --lesson ${lessonId} ${lessonId}.ts\n${body.trim()}\n`;
}

/**
 * One starter file for a whole lesson: the exercises' starters merged (import lines de-duplicated
 * and placed first). This is the file `gradkit curriculum build` writes for students.
 */
export function lessonStarter(lesson: Lesson): string {
  const imports: string[] = [];
  const bodies: string[] = [];
  for (const ex of lesson.exercises) {
    const lines = ex.starter
      .split('\n')
      .filter((l) => !l.startsWith('// gradkit lesson') && !l.startsWith('//   pnpm gradkit grade'));
    const body: string[] = [];
    for (const l of lines) {
      if (/^import\s/.test(l)) {
        if (!imports.includes(l)) imports.push(l);
      } else body.push(l);
    }
    bodies.push(`// --- exercise ${ex.id}: ${ex.title}\n${body.join('\n').trim()}`);
  }
  return starterFile(lesson.id, [...imports, '', ...bodies.flatMap((b) => [b, ''])].join('\n'));
}
