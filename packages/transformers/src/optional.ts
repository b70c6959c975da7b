/**
 * The optional peer dependencies: `onnxruntime-node` (the `ort` backend in Node, provider probes),
 * `onnxruntime-web` (the `ort-web` backend, the `wasm` provider) and `@huggingface/transformers`
 * (the `transformers` backend, `tokenizerFromJson`, hub tokenizers). None is installed with
 * `@gradkit/transformers` (the TypeScript backend needs none of them); each is imported on first
 * use, and a missing one becomes a `MissingPeerError` naming the package, what needs it and the
 * install command.
 */
import { GradkitError } from '@gradkit/core';

/** The packages `@gradkit/transformers` loads on demand (its optional peer dependencies). */
export const OPTIONAL_PEERS = ['onnxruntime-node', 'onnxruntime-web', '@huggingface/transformers'] as const;
/** One of `OPTIONAL_PEERS`. */
export type OptionalPeer = (typeof OPTIONAL_PEERS)[number];

/**
 * An optional peer dependency is not installed. `message`:
 * `loadBackend: the ort backend needs onnxruntime-node: npm install onnxruntime-node`.
 *
 * @example
 *   try { await loadBackend('ort', dir); }
 *   catch (e) { if (e instanceof MissingPeerError) console.error(e.install); }  // 'npm install onnxruntime-node'
 */
export class MissingPeerError extends GradkitError {
  /** The package to install. */
  readonly packageName: OptionalPeer;
  /** What needs it (`'the ort backend'`, ...). */
  readonly feature: string;
  /** The command that installs it. */
  readonly install: string;

  constructor(op: string, packageName: OptionalPeer, feature: string, cause?: unknown) {
    const install = `npm install ${packageName}`;
    super(op, `${feature} needs ${packageName}: ${install}`);
    this.packageName = packageName;
    this.feature = feature;
    this.install = install;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** Does `e` say that `pkg` itself (not a file inside it, not one of its dependencies) cannot be found? */
export function isMissingModule(e: unknown, pkg: string): boolean {
  if (!e || typeof e !== 'object') return false;
  const { message } = e as { message?: unknown };
  if (typeof message !== 'string') return false;
  const esc = pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // Node: Cannot find package 'x' / Cannot find module 'x'; vite: Failed to load url x;
  // browsers: Failed to resolve module specifier "x"
  return new RegExp(
    `Cannot find (package|module) ['"]${esc}['"]|Failed to (load url|resolve module specifier) (['"]${esc}['"]|${esc}(?=[\\s),]|$))`,
  ).test(message);
}

/**
 * Rethrow (`import('pkg').catch(importFailed)`): the `.catch` tells bundlers (esbuild) that a
 * package they cannot resolve is a run-time failure, not a build error, so a browser bundle of
 * `@gradkit/transformers` builds without the optional peers it does not use.
 */
export function importFailed(e: unknown): never {
  throw e;
}

let override: ((pkg: OptionalPeer) => Promise<unknown>) | null = null;

/**
 * Replace how optional peers are loaded (`null` restores `import()`); for tests that simulate a
 * missing package: `setOptionalImporter(async (pkg) => { throw missing(pkg); })`.
 */
export function setOptionalImporter(fn: ((pkg: OptionalPeer) => Promise<unknown>) | null): void {
  override = fn;
}

/**
 * `await importer()` (a literal `import('pkg').catch(importFailed)`, so bundlers see it), turning "module not found"
 * for `pkg` into a `MissingPeerError` for `op` naming `feature`.
 *
 * @example
 *   const ort = await importOptional('onnxruntime-node', 'the ort backend', 'loadOrtModel', () =>
 *     import('onnxruntime-node').catch(importFailed));
 */
export async function importOptional<T>(
  pkg: OptionalPeer,
  feature: string,
  op: string,
  importer: () => Promise<T>,
): Promise<T> {
  try {
    return override ? ((await override(pkg)) as T) : await importer();
  } catch (e) {
    if (isMissingModule(e, pkg)) throw new MissingPeerError(op, pkg, feature, e);
    throw e;
  }
}

/**
 * `resolve()` (e.g. `require.resolve(pkg)`), turning "module not found" into a `MissingPeerError`;
 * consults the test importer first (when set) so a simulated missing package fails here too.
 */
export async function resolveOptional(
  pkg: OptionalPeer,
  feature: string,
  op: string,
  resolve: () => string,
): Promise<string> {
  try {
    if (override) await override(pkg);
    return resolve();
  } catch (e) {
    if (isMissingModule(e, pkg)) throw new MissingPeerError(op, pkg, feature, e);
    throw e;
  }
}
