/**
 * Compile a student's solution file (TypeScript or JavaScript) into one ES module for the
 * grader's child, with esbuild, in the grader's own (trusted, unsandboxed) process. Hence the
 * import gate: nothing the student writes may make this process read a file the student could not.
 *
 * What graded code may import:
 * - its own files: relative or absolute paths that resolve (real paths: symbolic links followed)
 *   to a file inside the submission's folder, with a JavaScript/TypeScript extension (`.ts .tsx
 *   .mts .cts .js .jsx .mjs .cjs`), bundled into the module;
 * - the library packages {@link LIBRARY_PACKAGES} by their bare names, left as placeholders
 *   (`gradkit-import:@gradkit/core`) that the grader links, per exercise, to facades of the
 *   child's runtime (see `runtime.ts`).
 *
 * Refused, each with a message naming the import: import attributes (`with { type: 'text' }`,
 * `'json'`, ...), paths outside the folder, files of any other type (`.json`, `.txt`, ...), Node
 * built-ins, other npm packages, `@gradkit/course`, `@gradkit/solutions` and the packages' subpaths,
 * and `import()` with a computed specifier. No `tsconfig.json` is read (`tsconfigRaw`): a
 * tsconfig's `extends` or `paths` could otherwise name any file. Type-only imports vanish when
 * the TypeScript is compiled, so `import type { Lesson } from '@gradkit/course'` is fine.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/** The library packages graded code may import (their default entries). */
export const LIBRARY_PACKAGES = [
  '@gradkit/core',
  '@gradkit/losses',
  '@gradkit/nn',
  '@gradkit/optimizers',
  '@gradkit/conv',
  '@gradkit/datasets',
  '@gradkit/transformers',
] as const;
export type LibraryPackage = (typeof LIBRARY_PACKAGES)[number];

/** The prefix of a library import left for the grader to link. */
export const PLACEHOLDER = 'gradkit-import:';

/** The extensions of the files graded code may import. */
export const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** A named import of a library package (`import { a as b } from '@gradkit/x'`: `a`). */
export interface NamedImport {
  pkg: LibraryPackage;
  name: string;
}

/** The result of compiling a solution: the module's code, or the compiler's messages. */
export type CompileResult =
  | { ok: true; code: string; packages: LibraryPackage[]; named: NamedImport[] }
  | { ok: false; message: string };

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** TypeScript's NodeNext convention: `./x.js` names `./x.ts` when only that exists. */
const TS_TWINS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** The file a relative or absolute import names, or an error message. */
function resolveLocal(
  spec: string,
  resolveDir: string,
  folder: string,
): { path: string } | { error: string } {
  const named = JSON.stringify(spec);
  const base = resolve(resolveDir, spec);
  if (!within(folder, base))
    return { error: `graded code may import only files inside the solution's folder, received ${named}` };
  const ext = extname(base);
  const candidates: string[] = [];
  if ((CODE_EXTENSIONS as readonly string[]).includes(ext)) {
    candidates.push(base);
    for (const twin of TS_TWINS[ext] ?? []) candidates.push(base.slice(0, -ext.length) + twin);
  } else if (ext && isFile(base)) {
    return {
      error: `graded code may import only JavaScript/TypeScript files (${CODE_EXTENSIONS.join(' ')}), received ${named}`,
    };
  } else {
    for (const e of CODE_EXTENSIONS) candidates.push(base + e);
    for (const e of CODE_EXTENSIONS) candidates.push(join(base, `index${e}`));
  }
  for (const c of candidates) {
    if (!isFile(c)) continue;
    let real: string;
    try {
      real = realpathSync(c);
    } catch {
      continue;
    }
    if (!within(folder, real))
      return {
        error: `graded code may import only files inside the solution's folder, received ${named} (a link to a file outside it)`,
      };
    if (!(CODE_EXTENSIONS as readonly string[]).includes(extname(real)))
      return {
        error: `graded code may import only JavaScript/TypeScript files (${CODE_EXTENSIONS.join(' ')}), received ${named}`,
      };
    return { path: real };
  }
  return { error: `cannot find the file ${named} in the solution's folder` };
}

/** esbuild plugin: the import policy of graded code (see the module comment). */
function gatePlugin(folder: string): Plugin {
  return {
    name: 'gradkit-grader-gate',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const spec = args.path;
        const named = JSON.stringify(spec);
        const attributes = Object.entries(args.with ?? {});
        if (attributes.length)
          return {
            errors: [
              {
                text: `graded code may not use import attributes: ${named} with { ${attributes.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }`,
              },
            ],
          };
        if ((LIBRARY_PACKAGES as readonly string[]).includes(spec))
          return { path: `${PLACEHOLDER}${spec}`, external: true };
        if (spec === '@gradkit/solutions' || spec.startsWith('@gradkit/solutions/'))
          return { errors: [{ text: `graded code may not import the reference solutions (${spec})` }] };
        if (spec === '@gradkit/course' || spec.startsWith('@gradkit/course/'))
          return {
            errors: [
              {
                text: `graded code may not import the course package (${spec}): it holds the exercises' checkers; a type-only import (import type) is fine`,
              },
            ],
          };
        if (spec.startsWith('@gradkit/'))
          return {
            errors: [
              {
                text: `graded code may import only the library packages ${LIBRARY_PACKAGES.join(', ')} (by these names) and its own files, received ${named}`,
              },
            ],
          };
        if (
          spec.startsWith('./') ||
          spec.startsWith('../') ||
          spec === '.' ||
          spec === '..' ||
          isAbsolute(spec)
        ) {
          const r = resolveLocal(spec, args.resolveDir || folder, folder);
          return 'error' in r ? { errors: [{ text: r.error }] } : { path: r.path };
        }
        return {
          errors: [
            {
              text: `graded code may only import @gradkit packages and its own files, received ${named}`,
            },
          ],
        };
      });
    },
  };
}

const NAMED_IMPORT = new RegExp(
  String.raw`\b(?:import|export)\s*(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*(["'])${PLACEHOLDER}(@gradkit\/[a-z0-9-]+)\2`,
  'g',
);

/** The names the compiled module imports from each library package by name. */
function namedImports(code: string): NamedImport[] {
  const out: NamedImport[] = [];
  for (const m of code.matchAll(NAMED_IMPORT)) {
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)[0]!
        .trim();
      if (name) out.push({ pkg: m[3] as LibraryPackage, name: name.replace(/^["']|["']$/g, '') });
    }
  }
  return out;
}

/**
 * Compile `file` to one ES module whose library imports are placeholders
 * (`gradkit-import:@gradkit/core`). Syntax errors and refused imports come back as
 * `{ ok: false, message }` (esbuild's messages with file:line:column; the offending line is
 * shown only for files inside the solution's folder), never as a throw.
 */
export async function compileSolution(file: string): Promise<CompileResult> {
  let entry: string;
  try {
    entry = realpathSync(file);
  } catch {
    return { ok: false, message: `the solution file ${JSON.stringify(file)} cannot be read` };
  }
  if (!(CODE_EXTENSIONS as readonly string[]).includes(extname(entry)))
    return {
      ok: false,
      message: `the solution file must be JavaScript or TypeScript (${CODE_EXTENSIONS.join(' ')}), received ${JSON.stringify(file)}`,
    };
  const folder = dirname(entry);
  const { build } = await import('esbuild');
  try {
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      sourcemap: false,
      absWorkingDir: folder,
      tsconfigRaw: {},
      plugins: [gatePlugin(folder)],
    });
    const code = out.outputFiles[0]!.text;
    // import(expression) would escape the import policy above (esbuild leaves it as it is).
    if (new RegExp(String.raw`\bimport\s*\((?!\s*["']${PLACEHOLDER})`).test(code))
      return {
        ok: false,
        message:
          'the solution file does not compile:\ngraded code may not use import() with a computed specifier',
      };
    const packages = [
      ...new Set(
        [...code.matchAll(new RegExp(String.raw`["']${PLACEHOLDER}(@gradkit\/[a-z0-9-]+)["']`, 'g'))].map(
          (m) => m[1] as LibraryPackage,
        ),
      ),
    ].filter((p) => (LIBRARY_PACKAGES as readonly string[]).includes(p));
    return { ok: true, code, packages, named: namedImports(code) };
  } catch (error) {
    const errors = (
      error as {
        errors?: {
          text: string;
          location?: { file: string; line: number; column: number; lineText: string } | null;
        }[];
      }
    ).errors;
    if (errors?.length) {
      const lines = errors.map((e) => {
        if (!e.location) return e.text;
        const where = `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}`;
        const own =
          within(folder, resolve(folder, e.location.file)) && existsSync(resolve(folder, e.location.file));
        return own ? `${where}\n    ${e.location.lineText}` : where;
      });
      return { ok: false, message: `the solution file does not compile:\n${lines.join('\n')}` };
    }
    return {
      ok: false,
      message: `the solution file does not compile: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
