/**
 * The exercise checker, in three steps so that a grader can keep the verdict away from the code it
 * grades:
 *
 * 1. {@link buildCases} — the exercise's fixed and randomized cases with the reference values
 *    (runs where the student's code never runs);
 * 2. {@link callSubmission} — call the student's function on each case's arguments and keep only
 *    what came back, as plain data (runs beside the student's code, e.g. in a sandboxed process);
 * 3. {@link judge} — compare what came back with the reference values and write the report.
 *
 * {@link checkExercise} does all three in one process (tests, in-page checks, examples); the CLI's
 * grader runs step 2 in a sandboxed child process and steps 1 and 3 in its own.
 *
 * @example
 *   import { checkExercise, getLesson } from '@gradkit/course';
 *   const ex = getLesson('5-1-least-squares-loss').exercises[0];
 *   const report = checkExercise(ex, { normalPdf: (y, mu, s) => Math.exp(-((y - mu) ** 2) / (2 * s * s)) / Math.sqrt(2 * Math.PI * s * s) });
 *   report.status; // 'pass'
 */
import { RandomState, Tensor } from '@gradkit/core';
import type { CaseFailure, CheckCase, Exercise, ExerciseReport, Harness, HarnessCall } from './types.js';

/** Plain data: tensors become nested lists (numpy's shapes), typed arrays plain arrays. */
export function toPlain(value: unknown): unknown {
  if (value instanceof Tensor) return value.ndim === 0 ? value.item() : value.toList();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as Float64Array);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, {
        value: toPlain(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
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
      if (!Object.hasOwn(r, k)) return { type: true, message: `${path}: missing field "${k}"` };
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

/** A function argument the grader rebuilds from the lesson's harness (see {@link HarnessCall}). */
export function harnessCall(name: string, ...params: unknown[]): HarnessCall {
  return { $harness: name, params };
}

export function isHarnessCall(value: unknown): value is HarnessCall {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as HarnessCall).$harness === 'string' &&
    Array.isArray((value as HarnessCall).params)
  );
}

/**
 * The arguments of a case as the student's function receives them: fresh copies of arrays and
 * objects (a mutation cannot change the reference), harness markers replaced by the functions
 * the lesson's harness builds.
 */
export function materializeArgs(args: readonly unknown[], harness: Harness | undefined): unknown[] {
  return args.map((a) => {
    if (isHarnessCall(a)) {
      const factory = harness ? Object.hasOwn(harness, a.$harness) && harness[a.$harness] : undefined;
      if (typeof factory !== 'function')
        throw new Error(`the lesson has no harness function ${JSON.stringify(a.$harness)}`);
      return (factory as (...p: unknown[]) => unknown)(...a.params);
    }
    if (typeof a === 'function' || a instanceof Tensor) return a;
    return a && typeof a === 'object' ? structuredClone(a) : a;
  });
}

/**
 * Every case of an exercise: the fixed ones, then `property.trials` randomized ones. Throws (an
 * internal error of the exercise, not the student's) when the reference cannot be built.
 */
export function buildCases(exercise: Exercise): CheckCase[] {
  const spec = exercise.check;
  const cases = spec.cases();
  if (spec.property) {
    const rng = new RandomState(spec.property.seed);
    for (let t = 0; t < spec.property.trials; t++) cases.push(spec.property.generate(rng, t));
  }
  return cases;
}

/** What one call of the student's function gave: a plain value, an exception, or a Promise. */
export type CallOutcome =
  | { kind: 'value'; value: unknown }
  | { kind: 'threw'; message: string; todo: boolean }
  | { kind: 'promise' }
  | { kind: 'missing'; received: string };

function isTodo(e: unknown): boolean {
  return e instanceof Error && /^TODO\b/.test(e.message);
}

/**
 * Call the exported function `name` of a submission on each case's arguments (`argsList`, already
 * materialized). Returns one outcome per case, or a single `missing` outcome when the module
 * does not export a function of that name. Never throws for the student's mistakes.
 */
export function callSubmission(
  module: Record<string, unknown>,
  name: string,
  argsList: readonly unknown[][],
): CallOutcome[] {
  const fn = module[name];
  if (typeof fn !== 'function')
    return [{ kind: 'missing', received: fn === undefined ? 'nothing' : typeof fn }];
  return argsList.map((args): CallOutcome => {
    let received: unknown;
    try {
      received = (fn as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : `threw ${preview(e)}`;
      return { kind: 'threw', message, todo: isTodo(e) };
    }
    if (received instanceof Promise) {
      received.catch(() => undefined); // a rejected promise must not become an unhandled rejection
      return { kind: 'promise' };
    }
    return { kind: 'value', value: toPlain(received) };
  });
}

function pushFailure(report: ExerciseReport, c: CheckCase, received: unknown, message: string): void {
  if (report.failures.length >= 3) return;
  const failure: CaseFailure = {
    case: c.name,
    args: c.args.map((a) => (typeof a === 'function' || isHarnessCall(a) ? '[function]' : toPlain(a))),
    expected: toPlain(c.expected),
    received,
    message,
  };
  report.failures.push(failure);
}

/**
 * The verdict: compare the outcomes of the student's calls with the cases' reference values. An
 * outcome list of the wrong length (a submission that did not run every case) fails the missing
 * cases. Runs where the student's code never ran, so nothing it did can change the comparison.
 */
export function judge(
  exercise: Exercise,
  cases: readonly CheckCase[],
  outcomes: readonly CallOutcome[],
): ExerciseReport {
  const spec = exercise.check;
  const report: ExerciseReport = {
    id: exercise.id,
    status: 'pass',
    passed: 0,
    total: cases.length,
    failures: [],
  };
  const first = outcomes[0];
  if (first?.kind === 'missing') {
    report.status = 'missing';
    report.total = 0;
    report.message = `the solution file does not export a function "${spec.export}" (received ${first.received})`;
    return report;
  }
  let sawType = false;
  let sawError = false;
  let sawTodo = false;
  cases.forEach((c, i) => {
    const outcome = outcomes[i];
    if (!outcome || outcome.kind === 'missing') {
      sawError = true;
      pushFailure(report, c, undefined, 'the function was not called on this case');
      return;
    }
    if (outcome.kind === 'threw') {
      if (outcome.todo) sawTodo = true;
      else sawError = true;
      pushFailure(report, c, undefined, `threw ${outcome.message}`);
      return;
    }
    if (outcome.kind === 'promise') {
      sawType = true;
      pushFailure(report, c, '[Promise]', 'returned a Promise; the function must be synchronous');
      return;
    }
    const expected = toPlain(c.expected);
    let message: string | null;
    if (spec.compare) {
      try {
        message = spec.compare(outcome.value, expected, c.args);
      } catch (e) {
        message = `the received value could not be compared (${e instanceof Error ? e.message : String(e)})`;
      }
    } else {
      const m = compareValues(outcome.value, expected, spec.rtol ?? 1e-6, spec.atol ?? 1e-9);
      if (m?.type) sawType = true;
      message = m ? m.message : null;
    }
    if (message === null) report.passed++;
    else pushFailure(report, c, outcome.value, message);
  });
  if (report.passed < report.total) {
    report.status = sawTodo && report.passed === 0 ? 'todo' : sawError ? 'error' : sawType ? 'type' : 'fail';
    report.hint = spec.hint;
    if (report.status === 'todo') report.message = 'the stub still throws TODO';
  }
  return report;
}

/** A report for an exercise whose reference cases could not be built (a bug of the exercise). */
export function internalErrorReport(exercise: Exercise, error: unknown): ExerciseReport {
  return {
    id: exercise.id,
    status: 'error',
    passed: 0,
    total: 0,
    failures: [],
    message: `internal error: the checker of exercise "${exercise.id}" failed to build its reference cases (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`,
  };
}

/**
 * Check a student's module against an exercise in this process: build the cases, call the
 * student's function, judge. Never throws for a student's mistake: a missing export, an
 * exception, a wrong type or a wrong value become the report's `status`.
 *
 * This is no sandbox: the student's code shares the process (and could patch what the comparison
 * uses). Infinite loops and memory blow-ups cannot be caught here either. `gradkit grade` runs
 * the student's code in an isolated child process instead.
 */
export function checkExercise(
  exercise: Exercise,
  studentModule: Record<string, unknown>,
  harness?: Harness,
): ExerciseReport {
  let cases: CheckCase[];
  let argsList: unknown[][];
  try {
    cases = buildCases(exercise);
    argsList = cases.map((c) => materializeArgs(c.args, harness));
  } catch (e) {
    return internalErrorReport(exercise, e);
  }
  return judge(exercise, cases, callSubmission(studentModule, exercise.check.export, argsList));
}
