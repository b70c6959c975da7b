/**
 * Compile a student's solution file (TypeScript or JavaScript) into one ES module for the grader's
 * worker, with esbuild. The student's own relative imports are bundled in; `@gradkit/*` packages
 * stay external, rewritten to the exact module URLs the grader itself loads (so a `Tensor` the
 * student returns is the grader's `Tensor`). Everything else is refused at compile time with a
 * message: Node built-ins (`node:fs`, `child_process`, ...), other npm packages, and any file of
 * the private `@gradkit/solutions` package (the reference solutions).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

/** The result of compiling a solution: the module's code, or the compiler's messages. */
export type CompileResult = { ok: true; code: string } | { ok: false; message: string };

const SOLUTIONS = '@gradkit/solutions';
const PLACEHOLDER = 'gradkit-import:';

/** The name of the nearest package.json above `file` (cached per directory). */
const packageNames = new Map<string, string | null>();
function packageNameOf(file: string): string | null {
  let dir = dirname(file);
  const seen: string[] = [];
  let name: string | null = null;
  for (;;) {
    const cached = packageNames.get(dir);
    if (cached !== undefined) {
      name = cached;
      break;
    }
    seen.push(dir);
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        name = (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name ?? null;
      } catch {
        name = null;
      }
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  for (const d of seen) packageNames.set(d, name);
  return name;
}

/** esbuild plugin: the import policy of graded code (see the module comment). */
function gatePlugin(entry: string): Plugin {
  return {
    name: 'gradkit-grader-gate',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const spec = args.path;
        if (spec.startsWith('.') || spec.startsWith('/')) return undefined; // the student's own files
        if (spec === SOLUTIONS || spec.startsWith(`${SOLUTIONS}/`))
          return { errors: [{ text: `graded code may not import the reference solutions (${spec})` }] };
        // Resolved by the worker (linkSolution), the way its own imports resolve.
        if (/^@gradkit\/[a-z0-9-]+(\/[\w./-]*)?$/.test(spec))
          return { path: `${PLACEHOLDER}${spec}`, external: true };
        return {
          errors: [
            {
              text: `graded code may only import @gradkit packages and its own files, received ${JSON.stringify(spec)}`,
            },
          ],
        };
      });
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        if (args.path !== entry && packageNameOf(args.path) === SOLUTIONS)
          return { errors: [{ text: `graded code may not import the reference solutions (${args.path})` }] };
        return undefined;
      });
    },
  };
}

/**
 * Compile `file` (an absolute path) to one ES module whose `@gradkit/*` imports are placeholders
 * (`gradkit-import:@gradkit/core`) that {@link linkSolution} replaces with module URLs. Syntax errors and refused imports come back
 * as `{ ok: false, message }` (esbuild's messages with file:line:column), never as a throw.
 */
export async function compileSolution(file: string): Promise<CompileResult> {
  const { build } = await import('esbuild');
  try {
    const out = await build({
      entryPoints: [file],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      sourcemap: false,
      plugins: [gatePlugin(file)],
    });
    const code = out.outputFiles[0]!.text;
    // import(expression) would escape the import policy above (esbuild leaves it as it is).
    if (/\bimport\s*\((?!\s*["']gradkit-import:)/.test(code))
      return {
        ok: false,
        message:
          'the solution file does not compile:\ngraded code may not use import() with a computed specifier',
      };
    return { ok: true, code };
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
      const lines = errors.map((e) =>
        e.location
          ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}\n    ${e.location.lineText}`
          : e.text,
      );
      return { ok: false, message: `the solution file does not compile:\n${lines.join('\n')}` };
    }
    return {
      ok: false,
      message: `the solution file does not compile: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Replace the placeholders of a compiled module with the URLs `resolve` gives (the worker passes
 * its own `import.meta.resolve`, so the student's `@gradkit/core` is the grader's instance).
 * Throws an Error naming the package when one does not resolve.
 */
export function linkSolution(code: string, resolve: (specifier: string) => string): string {
  return code.replace(/(["'])gradkit-import:(@gradkit\/[^"']+)\1/g, (_m, quote: string, spec: string) => {
    let url: string;
    try {
      url = resolve(spec);
    } catch {
      throw new Error(`cannot resolve ${spec}: the grader does not have this gradkit package`);
    }
    return `${quote}${url}${quote}`;
  });
}
