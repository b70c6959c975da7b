/**
 * The operating-system side of the grader's isolation: the command line of the child process that
 * runs a student's code under Node's permission model (`--experimental-permission`).
 *
 * The child may read only what grading needs — the grader's own package (`apps/cli`), the
 * workspace packages that serve lessons (every `packages/*` except the private
 * `@gradkit/solutions`), the pnpm store's package folders, and the temporary folder holding the
 * compiled solution — and may not write files, start processes, load native addons, or (outside
 * source mode) start worker threads. Node checks a path as written, without following symbolic
 * links, so no allowed folder may contain a link to the reference solutions: the store's hoisting
 * folder `node_modules/.pnpm/node_modules` (which links `@gradkit/solutions`) and `tests/` are left
 * out, and every allowed path is checked against the solutions' real path.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when the grader runs from its TypeScript sources (tsx, vitest) rather than from dist. */
export const SOURCE_MODE = import.meta.url.endsWith('.ts');

/** The grader's package folder (`apps/cli`) and the workspace root above it. */
const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROOT = join(CLI_DIR, '..', '..');

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function packageName(dir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name ?? null;
  } catch {
    return null;
  }
}

/** The folders of the workspace packages the child may read (all but `@gradkit/solutions`). */
function packageDirs(): { allowed: string[]; solutions: string[] } {
  const allowed: string[] = [];
  const solutions: string[] = [];
  const consider = (dir: string) => {
    const real = realOrNull(dir);
    if (!real || !existsSync(join(real, 'package.json'))) return;
    if (packageName(real) === '@gradkit/solutions') solutions.push(real);
    else allowed.push(real);
  };
  const packages = join(ROOT, 'packages');
  if (existsSync(packages)) for (const d of readdirSync(packages)) consider(join(packages, d));
  // Outside the monorepo layout: the @gradkit packages the cli depends on, wherever they live.
  const scoped = join(CLI_DIR, 'node_modules', '@gradkit');
  if (existsSync(scoped)) for (const d of readdirSync(scoped)) consider(join(scoped, d));
  return { allowed: [...new Set(allowed)], solutions: [...new Set(solutions)] };
}

/** The dependency folders: each package folder of the pnpm store, or a plain node_modules. */
function dependencyDirs(): string[] {
  const store = join(ROOT, 'node_modules', '.pnpm');
  if (existsSync(store))
    return readdirSync(store, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules')
      .map((e) => join(store, e.name));
  const modules = join(ROOT, 'node_modules');
  return existsSync(modules) && !existsSync(join(modules, '@gradkit', 'solutions')) ? [modules] : [];
}

let cachedReadable: string[] | null = null;

/**
 * The folders a grading child may read, besides its own temporary folder. Throws when one of them
 * is, or lies inside, the reference solutions (a misconfigured workspace), rather than grade unsafely.
 */
export function readableDirs(): string[] {
  if (cachedReadable) return cachedReadable;
  const { allowed, solutions } = packageDirs();
  const dirs = [realOrNull(CLI_DIR) ?? CLI_DIR, ...allowed, ...dependencyDirs()];
  for (const d of dirs)
    for (const s of solutions) {
      const rel = relative(s, d);
      if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep)))
        throw new Error(`the grader's sandbox would expose the reference solutions (${d})`);
    }
  cachedReadable = dirs;
  return dirs;
}

let sourceCache: Promise<string> | null = null;

/**
 * Source mode only: compile the TypeScript the child loads (the workspace packages' and the cli's
 * `src/`) to JavaScript in a temporary folder, once per process (see `ts-hooks.mjs`).
 */
export function compiledSources(): Promise<string> {
  sourceCache ??= (async () => {
    const { build } = await import('esbuild');
    const entryPoints: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (/\.[cm]?ts$/.test(e.name) && !e.name.endsWith('.d.ts')) entryPoints.push(path);
      }
    };
    for (const pkg of [CLI_DIR, ...packageDirs().allowed]) {
      const src = join(pkg, 'src');
      if (existsSync(src)) walk(src);
    }
    const dir = mkdtempSync(join(tmpdir(), 'gradkit-grader-js-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await build({
      entryPoints,
      outdir: dir,
      outbase: realOrNull(ROOT) ?? ROOT,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      bundle: false,
      logLevel: 'silent',
      outExtension: { '.js': '.js' },
    });
    return dir;
  })();
  sourceCache.catch(() => {
    sourceCache = null;
  });
  return sourceCache;
}

/** The child's entry module and Node options (permission flags, heap limit, loader). */
export async function childCommand(
  gradeDir: string,
  memoryLimitMb: number,
): Promise<{ entry: string; execArgv: string[] }> {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  // Several --allow-fs-read flags (not a comma list) and module.register's data: Node 20.7+.
  if (major < 20 || (major === 20 && minor < 7))
    throw new Error(`the grader's sandbox needs Node 20.7 or newer (this is ${process.version})`);
  const read = [gradeDir, ...readableDirs()];
  const execArgv = [
    '--experimental-permission',
    ...read.map((d) => `--allow-fs-read=${d}`),
    `--max-old-space-size=${memoryLimitMb}`,
    // The permission model's ExperimentalWarning is the grader's, not the student's output.
    '--no-warnings',
  ];
  if (!SOURCE_MODE) return { entry: fileURLToPath(new URL('./worker.js', import.meta.url)), execArgv };
  const cacheDir = await compiledSources();
  const hooks = new URL('./ts-hooks.mjs', import.meta.url).href;
  const root = realOrNull(ROOT) ?? ROOT;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}, { data: ${JSON.stringify({ root, cacheDir })} });`;
  execArgv.push(
    `--allow-fs-read=${cacheDir}`,
    // module.register runs the hooks on a thread of their own.
    '--allow-worker',
    '--conditions=@gradkit/source',
    `--import=data:text/javascript,${encodeURIComponent(register)}`,
  );
  return { entry: fileURLToPath(new URL('./worker.ts', import.meta.url)), execArgv };
}
