/**
 * The grader child's runtime: one esbuild build (ESM, code splitting) per grader process into a
 * temporary folder, the only code the child can read besides the exercise's own folder:
 *
 * - `worker.mjs`: the child's entry (`worker.ts`);
 * - `pkg/<name>.mjs`: one entry per library package graded code may import
 *   ({@link LIBRARY_PACKAGES}: their default entries, sources in source mode, `dist` otherwise;
 *   their optional native or browser peers stay out);
 * - `harness/<lesson>.mjs`: each lesson's `harness.ts`, which may import only those packages (and
 *   another lesson's harness.ts, to grade that lesson's exercises);
 * - shared chunks, so a `Tensor` built by a harness, by the library and by the student's code is
 *   one class.
 *
 * `@gradkit/course` (lessons, checkers, reference cases) and `@gradkit/solutions` never enter it:
 * the build refuses them. Per exercise, {@link writeExercise} writes the submission's module,
 * linked to facades that re-export each package except the names hidden for that exercise (its
 * `check.export` and `check.reference`), and the job with the cases' arguments (as data).
 */
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serialize } from 'node:v8';
import { Tensor } from '@gradkit/core';
import { type Exercise, isHarnessCall, type Lesson, lessons } from '@gradkit/course';
import { courseRoot, lessonFile } from '@gradkit/course/node';
import type { Plugin } from 'esbuild';
import { LIBRARY_PACKAGES, type LibraryPackage, PLACEHOLDER } from './compile.js';
import { type Job, TENSOR_MARK } from './protocol.js';

/** True when the grader runs from its TypeScript sources (tsx, vitest) rather than from dist. */
export const SOURCE_MODE = import.meta.url.endsWith('.ts');

/** The grader's package folder (`apps/cli`). */
const CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** npm packages the library loads on demand that graded code never needs (native addons, browser builds, model hubs). */
const LEFT_OUT = ['onnxruntime-node', 'onnxruntime-web', 'onnxruntime-common', '@huggingface/transformers'];

/** A built runtime. */
export interface Runtime {
  /** The folder (real path). */
  dir: string;
  /** The child's entry module (path). */
  worker: string;
  /** Each library package: its entry module's URL and export names. */
  packages: Map<LibraryPackage, { url: string; exports: string[] }>;
  /** Each lesson's harness module URL, by lesson id. */
  harness: Map<string, string>;
  /** Lessons whose harness could not be built, with why. */
  harnessErrors: Map<string, string>;
  /** Milliseconds the build took. */
  buildMs: number;
}

const short = (pkg: string) => pkg.slice('@gradkit/'.length);

/**
 * Another lesson's harness, as a harness may import it (`../<lesson>/harness.js`): a lesson that
 * grades another's exercises re-exports that lesson's harness. What it loads is checked like any
 * harness (it must be a registered lesson's harness.ts, importing only the library packages).
 */
const SIBLING_HARNESS = /^\.\.\/[\w.-]+\/harness(\.[jt]s)?$/;

/** The harness files to bundle: every registered lesson's, and the graded one's. */
function harnessFiles(extra?: Lesson): Map<string, string> {
  const files = new Map<string, string>();
  for (const l of extra ? [...lessons, extra] : lessons) {
    const file = lessonFile(l, 'harness.ts');
    if (file) files.set(l.id, realpathSync(file));
  }
  return files;
}

function runtimePlugin(harness: Map<string, string>, bad: Map<string, string>): Plugin {
  const harnessOf = new Map([...harness].map(([id, file]) => [file, id]));
  const course = realpathSync(courseRoot());
  const inCourse = (p: string) => p === course || p.startsWith(course + sep);
  return {
    name: 'gradkit-grader-runtime',
    setup(build) {
      build.onResolve({ filter: /^gradkit-pkg:/ }, (args) => ({
        path: args.path.slice('gradkit-pkg:'.length),
        namespace: 'gradkit-pkg',
      }));
      build.onLoad({ filter: /.*/, namespace: 'gradkit-pkg' }, (args) => ({
        contents: `export * from ${JSON.stringify(args.path)};\n`,
        resolveDir: CLI_DIR,
        loader: 'js',
      }));
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const id = harnessOf.get(args.importer);
        if (
          id !== undefined &&
          !(LIBRARY_PACKAGES as readonly string[]).includes(args.path) &&
          !SIBLING_HARNESS.test(args.path)
        ) {
          const message = `lessons/${id}/harness.ts may import only the library packages (${LIBRARY_PACKAGES.join(', ')}) and other lessons' harness.ts, not ${JSON.stringify(args.path)}`;
          bad.set(id, message);
          return { errors: [{ text: message }] };
        }
        if (/^@gradkit\/(course|solutions)(\/|$)/.test(args.path))
          return { errors: [{ text: `the grader's runtime may not include ${args.path}` }] };
        return undefined;
      });
      // Nothing of the course package but the harness files themselves.
      const courseFiles = new RegExp(`^${(course + sep).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
      build.onLoad({ filter: courseFiles }, (args) => {
        if (inCourse(args.path) && !harnessOf.has(args.path))
          return { errors: [{ text: `the grader's runtime may not include ${args.path}` }] };
        return undefined;
      });
    },
  };
}

/**
 * A temporary folder `gradkit-<kind>-<pid>-XXXXXX`, removed when this process exits normally.
 * (A process killed by a signal cannot clean up: {@link removeStale} does it later.)
 */
export function tempFolder(kind: 'runtime' | 'grade' | 'submission'): string {
  removeStale();
  return realpathSync(mkdtempSync(join(tmpdir(), `gradkit-${kind}-${process.pid}-`)));
}

let staleRemoved = false;

/** Remove the grader's temporary folders left by processes that no longer run (once per process). */
function removeStale(): void {
  if (staleRemoved) return;
  staleRemoved = true;
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^gradkit-(?:runtime|grade|submission)-(\d+)-/.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
      continue; // still running
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') continue;
    }
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/**
 * Build a runtime with these harness files (lesson id → real path). Use {@link getRuntime}; this is
 * exported for tests.
 * @internal
 */
export async function buildRuntime(harness: Map<string, string>): Promise<Runtime> {
  const start = performance.now();
  const { build: esbuild } = await import('esbuild');
  const dir = tempFolder('runtime');
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const worker = fileURLToPath(new URL(SOURCE_MODE ? './worker.ts' : './worker.js', import.meta.url));
  let included = new Map(harness);
  const harnessErrors = new Map<string, string>();
  for (;;) {
    const bad = new Map<string, string>();
    try {
      const out = await esbuild({
        entryPoints: [
          { in: worker, out: 'worker' },
          ...LIBRARY_PACKAGES.map((p) => ({ in: `gradkit-pkg:${p}`, out: `pkg/${short(p)}` })),
          ...[...included].map(([id, file]) => ({ in: file, out: `harness/${id}` })),
        ],
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        outdir: dir,
        outExtension: { '.js': '.mjs' },
        conditions: SOURCE_MODE ? ['@gradkit/source'] : [],
        external: LEFT_OUT,
        absWorkingDir: CLI_DIR,
        metafile: true,
        logLevel: 'silent',
        plugins: [runtimePlugin(included, bad)],
      });
      const packages = new Map<LibraryPackage, { url: string; exports: string[] }>();
      for (const p of LIBRARY_PACKAGES) {
        const file = join(dir, 'pkg', `${short(p)}.mjs`);
        const meta = Object.entries(out.metafile.outputs).find(([k]) => resolve(CLI_DIR, k) === file);
        if (!meta) throw new Error(`the grader's runtime has no module for ${p}`);
        packages.set(p, { url: pathToFileURL(file).href, exports: meta[1].exports });
      }
      return {
        dir,
        worker: join(dir, 'worker.mjs'),
        packages,
        harness: new Map(
          [...included.keys()].map((id) => [id, pathToFileURL(join(dir, 'harness', `${id}.mjs`)).href]),
        ),
        harnessErrors,
        buildMs: Math.round(performance.now() - start),
      };
    } catch (error) {
      // A harness that imports what it may not: leave that lesson's harness out and say why.
      if (!bad.size) {
        rmSync(dir, { recursive: true, force: true });
        const errors = (error as { errors?: { text: string }[] }).errors;
        throw new Error(
          `the grader's runtime failed to build: ${errors?.length ? errors.map((e) => e.text).join('; ') : (error as Error).message}`,
        );
      }
      for (const [id, message] of bad) {
        harnessErrors.set(id, message);
        included.delete(id);
      }
      included = new Map(included);
    }
  }
}

const built = new Map<string, Promise<Runtime>>();

/**
 * The runtime for grading `lesson` (built on first use, then shared by every grading in this
 * process; a lesson outside the registry with a harness of its own gets a build of its own).
 */
export function getRuntime(lesson?: Lesson): Promise<Runtime> {
  const files = harnessFiles(lesson);
  const key = JSON.stringify([...files].sort());
  let runtime = built.get(key);
  if (!runtime) {
    runtime = buildRuntime(files);
    built.set(key, runtime);
    runtime.catch(() => built.delete(key));
  }
  return runtime;
}

/**
 * A case's arguments as data for the child: harness markers stay markers, tensors become
 * {@link TENSOR_MARK} records (copies), arrays and plain objects are copied. Throws for a bare
 * function (an exercise must pass functions as `harnessCall` markers).
 */
export function encodeArgs(args: readonly unknown[]): unknown[] {
  const encode = (v: unknown, depth: number): unknown => {
    if (depth > 64) throw new Error('a case argument is nested deeper than 64 levels');
    if (typeof v === 'function')
      throw new Error(
        'a case argument is a function; the exercise must pass it as harnessCall(name, ...params) from the lesson harness',
      );
    if (v instanceof Tensor)
      return {
        [TENSOR_MARK]: {
          data: v.data.slice(),
          shape: [...v.shape],
          dtype: v.dtype,
          requiresGrad: v.requiresGrad,
        },
      };
    if (!v || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
    if (isHarnessCall(v)) return { $harness: v.$harness, params: v.params.map((p) => encode(p, depth + 1)) };
    if (Array.isArray(v)) return v.map((x) => encode(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, {
        value: encode(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  };
  return args.map((a) => encode(a, 0));
}

/** The library packages as the grader itself loaded them (the same code the runtime bundles). */
export type Namespaces = Map<LibraryPackage, Record<string, unknown>>;

let namespaces: Promise<Namespaces> | null = null;

/** Load the library packages' namespaces in this process (once). */
export function libraryNamespaces(): Promise<Namespaces> {
  namespaces ??= Promise.all(
    LIBRARY_PACKAGES.map(async (p) => [p, (await import(p)) as Record<string, unknown>] as const),
  ).then((entries) => new Map(entries));
  return namespaces;
}

/** The names hidden in each library package while an exercise runs. */
export type Hidden = Map<LibraryPackage, Set<string>>;

/**
 * What a submission may not import while `exercise` runs, per package: every export named like
 * the exercise's `check.export`, the names its `check.reference` lists for that package, and any
 * other export (in any package, under any name) that is the very same function or class as one
 * of those (a re-export).
 */
export function hiddenNames(exercise: Exercise, ns: Namespaces): Hidden {
  const { export: name, reference = {} } = exercise.check;
  const answers = new Set<unknown>();
  const isRef = (v: unknown) =>
    (typeof v === 'function' || (typeof v === 'object' && v !== null)) && answers.has(v);
  for (const [pkg, mod] of ns) {
    if (Object.hasOwn(mod, name)) answers.add(mod[name]);
    for (const n of reference[pkg] ?? []) if (Object.hasOwn(mod, n)) answers.add(mod[n]);
  }
  const hidden: Hidden = new Map();
  for (const [pkg, mod] of ns) {
    const names = new Set<string>([name, ...(reference[pkg] ?? [])]);
    for (const [n, v] of Object.entries(mod)) if (isRef(v)) names.add(n);
    hidden.set(pkg, names);
  }
  return hidden;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const exportName = (n: string) => (IDENT.test(n) ? n : JSON.stringify(n));

/** One exercise's folder, ready for the child. */
export interface ExerciseFiles {
  dir: string;
  job: string;
}

/**
 * Write one exercise's folder under `parent`: a facade per library package the submission
 * imports (the package's exports minus the hidden ones, which are replaced by functions that
 * throw a message naming the exercise), the submission's module linked to them, and `job.bin`.
 */
export function writeExercise(
  runtime: Runtime,
  parent: string,
  index: number,
  exercise: Exercise,
  compiled: { code: string; packages: LibraryPackage[] },
  hiddenIn: Hidden,
  harness: string | null,
  args: unknown[][],
  maxBytes: number,
): ExerciseFiles {
  const dir = join(parent, `exercise-${index}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const pkg of compiled.packages) {
    const entry = runtime.packages.get(pkg)!;
    const hidden = hiddenIn.get(pkg) ?? new Set<string>();
    const shown = entry.exports.filter((n) => !hidden.has(n));
    const stubs = entry.exports.filter((n) => hidden.has(n));
    const lines = [];
    if (shown.length)
      lines.push(`export { ${shown.map(exportName).join(', ')} } from ${JSON.stringify(entry.url)};`);
    if (stubs.length) {
      lines.push(
        `const hide = (name) => function hidden() { throw new Error(name + ${JSON.stringify(` of ${pkg} computes the answer of exercise ${exercise.id}: it is hidden from the submission while that exercise runs`)}); };`,
      );
      stubs.forEach((n, i) => {
        lines.push(`const hidden${i} = hide(${JSON.stringify(n)});`);
        lines.push(`export { hidden${i} as ${exportName(n)} };`);
      });
    }
    writeFileSync(join(dir, `facade-${short(pkg)}.mjs`), `${lines.join('\n')}\n`);
  }
  const linked = compiled.code.replace(
    new RegExp(`(["'])${PLACEHOLDER}(@gradkit\\/[a-z0-9-]+)\\1`, 'g'),
    (_m, q: string, spec: string) => `${q}./facade-${short(spec)}.mjs${q}`,
  );
  writeFileSync(join(dir, 'solution.mjs'), linked);
  const job: Job = {
    module: pathToFileURL(join(dir, 'solution.mjs')).href,
    exportName: exercise.check.export,
    harness,
    preload: compiled.packages.map((p) => runtime.packages.get(p)!.url),
    args,
    maxBytes,
  };
  const jobFile = join(dir, 'job.bin');
  writeFileSync(jobFile, serialize(job));
  return { dir, job: jobFile };
}

/** Is `path` inside `dir` (both real paths)? */
export function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}
