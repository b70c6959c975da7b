/**
 * Module loader hooks for the grader's sandboxed child process when the grader runs from its
 * TypeScript sources (`pnpm gradkit`, vitest). tsx cannot run there: its esbuild transform spawns a
 * child process, which the sandbox forbids. Instead the parent transpiles the workspace's
 * TypeScript ahead of time (one esbuild build into a temporary folder, see `sandbox.ts`) and these
 * hooks serve that JavaScript under the original `.ts` URLs (so `import.meta.url` is unchanged),
 * resolving NodeNext `./x.js` specifiers to `./x.ts` files the way tsx does.
 *
 * Registered with `module.register(url, { data: { root, cacheDir } })`.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

let root = '';
let cacheDir = '';

/** @param {{ root: string, cacheDir: string }} data */
export function initialize(data) {
  root = data.root;
  cacheDir = data.cacheDir;
}

/** `./x.js` that does not exist → `./x.ts` (TypeScript's NodeNext convention). */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (
      error?.code === 'ERR_MODULE_NOT_FOUND' &&
      /^(\.{1,2}\/|\/|file:)/.test(specifier) &&
      specifier.endsWith('.js')
    )
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    throw error;
  }
}

/** A `.ts` module → the JavaScript the parent compiled for it. */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && /\.[cm]?ts$/.test(url)) {
    const file = fileURLToPath(url);
    // The permission model's verdict on the module itself (ERR_ACCESS_DENIED outside the allowed
    // folders), before any compiled copy is served.
    readFileSync(file);
    const compiled = join(cacheDir, relative(root, file)).replace(/\.([cm]?)ts$/, '.$1js');
    let source;
    try {
      source = readFileSync(compiled, 'utf8');
    } catch {
      throw new Error(
        `the grader has no compiled JavaScript for ${file} (only the workspace packages' TypeScript is compiled)`,
      );
    }
    return { format: 'module', source, shortCircuit: true };
  }
  return nextLoad(url, context);
}
