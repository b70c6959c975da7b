// Web worker: the in-page exercise checker of the lesson pages (ExerciseEditor.vue). It strips the
// student's TypeScript with sucrase, evaluates the module with a `require` that links only the
// library packages a graded file may import (those of `gradkit grade`), and checks every exercise
// of the lesson with @gradkit/course's `checkExercise`, the checker behind `gradkit grade`. The
// page starts a fresh worker per Run or Check and terminates it after its time limit, so an
// infinite loop costs nothing but the worker.
//
// What differs from the CLI's grader: no process sandbox (the code is the reader's own, in the
// reader's browser) and one file (no imports of other files). As in the grader, the library
// exports that compute an exercise's answer are hidden from the submission while that exercise
// runs (see `hiddenNames`), so a file that re-exports the library's answer fails here as there.
import * as conv from '@gradkit/conv';
import * as core from '@gradkit/core';
import { checkExercise, type Exercise, type ExerciseReport, type Lesson, preview } from '@gradkit/course';
import * as datasets from '@gradkit/datasets';
import * as losses from '@gradkit/losses';
import * as nn from '@gradkit/nn';
import * as optimizers from '@gradkit/optimizers';
import { transform } from 'sucrase';

/**
 * The library packages graded code may import (the CLI grader's LIBRARY_PACKAGES), as loaded in
 * this worker. @gradkit/transformers (its GPT-2 tokenizer's ranks are more than half of what the
 * worker would load) is imported only for a file that imports it ({@link loadImported}): a package
 * the file does not import cannot matter to its check.
 */
const LIBRARY: Record<string, Record<string, unknown>> = {
  '@gradkit/core': core,
  '@gradkit/losses': losses,
  '@gradkit/nn': nn,
  '@gradkit/optimizers': optimizers,
  '@gradkit/conv': conv,
  '@gradkit/datasets': datasets,
};
/** The packages loaded when a file imports them. */
const LAZY: Record<string, () => Promise<Record<string, unknown>>> = {
  '@gradkit/transformers': () => import('@gradkit/transformers'),
};
const LIBRARY_NAMES = [...Object.keys(LIBRARY), ...Object.keys(LAZY)];

/** Loads the lazily imported packages the compiled file `require`s. */
async function loadImported(js: string): Promise<void> {
  for (const [, spec] of js.matchAll(/\brequire\(\s*(['"])(@gradkit\/[\w-]+)\1\s*\)/g))
    if (spec! in LAZY && !(spec! in LIBRARY)) LIBRARY[spec!] = await LAZY[spec!]!();
}

declare global {
  interface ImportMeta {
    glob<T>(pattern: string): Record<string, () => Promise<T>>;
  }
}

/**
 * Each lesson's definition (its exercises, their checks, its harness), one chunk per lesson
 * fetched when a Check needs it: the worker does not carry the whole course registry.
 */
const LESSONS = import.meta.glob<{ default: Lesson }>('../../../../packages/course/lessons/*/index.ts');

async function loadLesson(id: string): Promise<Lesson> {
  const key = Object.keys(LESSONS).find((k) => k.endsWith(`/lessons/${id}/index.ts`));
  if (!key) throw new Error(`no lesson ${JSON.stringify(id)}`);
  const lesson = (await LESSONS[key]!()).default;
  if (lesson.id !== id) throw new Error(`lessons/${id}/index.ts defines the lesson ${lesson.id}`);
  return lesson;
}

/** A job from the page: run the file, or check it against the lesson's exercises. */
export type ExerciseJob = { type: 'run' | 'check'; lesson: string; code: string };

/**
 * One exercise's report as the page shows it: the checker's report with the exercise's title,
 * the failed cases' values as short previews (a received value may be anything; a message
 * between threads carries only data).
 */
export type PageReport = Omit<ExerciseReport, 'failures'> & {
  title: string;
  failures: { case: string; message: string; expected: string; received: string }[];
};

function pageReport(ex: Exercise, r: ExerciseReport): PageReport {
  return {
    ...r,
    title: ex.title,
    failures: r.failures.map((f) => ({
      case: f.case,
      message: f.message,
      expected: preview(f.expected),
      received: preview(f.received),
    })),
  };
}

/** What the worker posts back. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'compile-error'; message: string }
  | { type: 'start'; id: string }
  | { type: 'report'; report: PageReport }
  | { type: 'ran'; ok: boolean; message?: string; exports: string[]; output: string }
  | { type: 'done'; output: string }
  | { type: 'failed'; message: string };

const post = (m: WorkerMessage) => postMessage(m);

/** An import the page refuses (reported like a compile error). */
class ImportRefused extends Error {}

/** Why a specifier is refused, or null for a library package. */
function refusal(spec: string): string | null {
  if (LIBRARY_NAMES.includes(spec)) return null;
  const named = JSON.stringify(spec);
  if (spec === '@gradkit/course' || spec.startsWith('@gradkit/course/'))
    return `graded code may not import the course package (${spec}): it holds the exercises' checkers; a type-only import (import type) is fine`;
  if (spec.startsWith('@gradkit/'))
    return `graded code may import only the library packages ${LIBRARY_NAMES.join(', ')} (by these names), received ${named}`;
  if (spec.startsWith('.') || spec.startsWith('/'))
    return `in the page your file is the whole submission: it may import only the library packages ${LIBRARY_NAMES.join(', ')}, received ${named} (the CLI's grader accepts files next to it)`;
  return `graded code may only import the library packages ${LIBRARY_NAMES.join(', ')}, received ${named}`;
}

/**
 * What a submission may not use while `exercise` runs, per package (the CLI grader's rule): the
 * exports named like the exercise's `check.export`, those its `check.reference` lists, and any
 * other export that is the very same function or class as one of those (a re-export).
 */
export function hiddenNames(exercise: Exercise): Map<string, Set<string>> {
  const { export: name, reference = {} } = exercise.check;
  const answers = new Set<unknown>();
  for (const [pkg, mod] of Object.entries(LIBRARY)) {
    if (Object.hasOwn(mod, name)) answers.add(mod[name]);
    for (const n of reference[pkg] ?? []) if (Object.hasOwn(mod, n)) answers.add(mod[n]);
  }
  const hidden = new Map<string, Set<string>>();
  for (const [pkg, mod] of Object.entries(LIBRARY)) {
    const names = new Set<string>([name, ...(reference[pkg] ?? [])]);
    for (const [n, v] of Object.entries(mod))
      if ((typeof v === 'function' || (typeof v === 'object' && v !== null)) && answers.has(v)) names.add(n);
    hidden.set(pkg, names);
  }
  return hidden;
}

/** The package's exports with the hidden ones replaced by functions that explain why. */
function facade(pkg: string, hidden: Set<string> | undefined, exerciseId: string | null) {
  const mod = LIBRARY[pkg];
  if (!mod) throw new Error(`${pkg} was not loaded for this file (import it with an import statement)`);
  const out: Record<string, unknown> = { ...mod };
  for (const n of hidden ?? [])
    if (Object.hasOwn(mod, n))
      out[n] = () => {
        throw new Error(
          `the submission uses ${n} from ${pkg}, which computes this exercise's answer (hidden while exercise ${exerciseId} runs)`,
        );
      };
  return Object.freeze(out);
}

/** Strip the TypeScript and turn the imports into `require` calls (sucrase). */
function compile(code: string, lesson: string): { ok: true; js: string } | { ok: false; message: string } {
  try {
    const js = transform(code, {
      transforms: ['typescript', 'imports'],
      filePath: `${lesson}.ts`,
      production: true,
    }).code;
    return { ok: true, js };
  } catch (e) {
    return {
      ok: false,
      message: `the solution file does not compile:\n${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

let output = '';
const OUTPUT_LIMIT = 10_000;
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...parts: unknown[]) => {
    if (output.length >= OUTPUT_LIMIT) return;
    const line = parts
      .map((p) => {
        if (typeof p === 'string') return p;
        if (p instanceof core.Tensor) return p.toString();
        try {
          return JSON.stringify(p) ?? String(p);
        } catch {
          return String(p);
        }
      })
      .join(' ');
    output = `${output}${line}\n`.slice(0, OUTPUT_LIMIT);
  };
}

/** Evaluate the compiled module with the library packages (minus `hidden`) as its imports. */
function evaluate(
  js: string,
  hidden: Map<string, Set<string>> | null,
  exerciseId: string | null,
): Record<string, unknown> {
  const facades = new Map<string, Record<string, unknown>>();
  const require = (spec: string) => {
    const why = refusal(String(spec));
    if (why) throw new ImportRefused(why);
    let f = facades.get(spec);
    if (!f) {
      f = facade(spec, hidden?.get(spec), exerciseId);
      facades.set(spec, f);
    }
    return f;
  };
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', js)(require, module, module.exports);
  return module.exports;
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : `threw ${String(e)}`);

function errorReport(ex: Exercise, status: ExerciseReport['status'], message: string): PageReport {
  return { id: ex.id, title: ex.title, status, passed: 0, total: 0, failures: [], message };
}

async function run(job: ExerciseJob): Promise<void> {
  output = '';
  const compiled = compile(job.code, job.lesson);
  if (!compiled.ok) {
    post({ type: 'compile-error', message: compiled.message });
    return;
  }
  await loadImported(compiled.js);
  if (job.type === 'run') {
    try {
      const exports = evaluate(compiled.js, null, null);
      post({
        type: 'ran',
        ok: true,
        exports: Object.keys(exports).filter((k) => k !== '__esModule'),
        output,
      });
    } catch (e) {
      const message = e instanceof ImportRefused ? e.message : `the module threw ${describe(e)}`;
      post({ type: 'ran', ok: false, message, exports: [], output });
    }
    return;
  }
  const lesson = await loadLesson(job.lesson);
  for (const ex of lesson.exercises) {
    post({ type: 'start', id: ex.id });
    let report: PageReport;
    let module: Record<string, unknown> | null = null;
    try {
      module = evaluate(compiled.js, hiddenNames(ex), ex.id);
    } catch (e) {
      if (e instanceof ImportRefused) {
        post({ type: 'compile-error', message: `the solution file does not compile:\n${e.message}` });
        return;
      }
      report = errorReport(ex, 'error', `loading the module threw ${describe(e)}`);
    }
    if (module) {
      try {
        report = pageReport(ex, checkExercise(ex, module, lesson.harness));
      } catch (e) {
        report = errorReport(ex, 'error', `checking the returned values threw ${describe(e)}`);
      }
    }
    post({ type: 'report', report: report! });
  }
  post({ type: 'done', output });
}

self.onmessage = (e: MessageEvent<ExerciseJob>) => {
  run(e.data).catch((err) => post({ type: 'failed', message: describe(err) }));
};

// The page sends the job only after this message: a module worker that is still evaluating its
// imports (@gradkit/core instantiates WebAssembly with a top-level await) would drop it.
post({ type: 'ready' });
