#!/usr/bin/env node
// Release readiness (`node scripts/release-check.mjs`; CI runs it through tests/test/release.test.ts).
// scripts/pack-test.mjs proves the packed tarballs install and import; this script proves a release
// can be cut, in a temporary copy of the workspace (the checkout is never modified):
//   1. audits every publishable package (packages/* not private): name, licence, description,
//      `exports` (types first, a `.d.ts` beside every `.js`), `files` (dist, README.md, CHANGELOG.md),
//      `sideEffects`, a LICENSE file, a README with its install line, a changeset, that its
//      runtime dependencies are exactly the bare modules its sources import (nothing unused), that
//      optional peer dependencies are also devDependencies and only loaded by `import()` (or
//      `import type`), and that `publishConfig.exports` is `exports` without the monorepo's
//      `@gradkit/source` condition (pnpm publishes those instead); it also measures each package's
//      third-party install closure (`dependencies`, recursively, as installed in the checkout);
//   2. runs `changeset version` in the copy: every package gets a CHANGELOG.md holding its
//      changesets and a new version, internal ranges follow, private packages are left alone;
//   3. builds the packages in the copy (tsc; no declaration may import an optional peer), then
//      runs `pnpm -r publish --dry-run` (each package) against an unreachable registry (127.0.0.1:9; no
//      network: the dry run packs and reports without uploading), packs them all (`pnpm -r pack`)
//      and checks each tarball: CHANGELOG.md, README.md, LICENSE, every `exports` target, the new
//      version, no `workspace:` ranges, no `@gradkit/source` condition;
//   4. installs only the @gradkit/losses tarball (with its one dependency's tarball, @gradkit/core)
//      into a fresh project with `npm install --offline` and checks the installed tree is exactly
//      losses → core, then imports it and computes.
// Logs go to stderr; the last stdout line is one JSON summary; exit status 0 when every check passes.
// Options: --keep (keep the temporary folders); --reuse-dist (copy each package's dist/ from the
// checkout where it is newer than everything it is built from, as scripts/pack-test.mjs leaves it,
// instead of building it again in the copy: the version `changeset version` writes is not compiled
// into any output).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const reuseDist = process.argv.includes('--reuse-dist');
const started = Date.now();
const log = (...parts) =>
  process.stderr.write(
    `[release-check ${((Date.now() - started) / 1000).toFixed(1)} s] ${parts.join(' ')}\n`,
  );
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
  return ok;
};
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Run a command asynchronously (for a few in parallel); resolves to { status, stdout, stderr }. */
function runAsync(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.on('error', (e) => resolve({ status: -1, stdout, stderr: `${stderr}${e.message}` }));
  });
}

async function pool(items, width, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

/** pnpm: `pnpm` on PATH, else the pinned version through npx. */
function findPnpm() {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && existsSync(execPath)) return [process.execPath, [execPath]];
  if (spawnSync('pnpm', ['--version'], { encoding: 'utf8' }).status === 0) return ['pnpm', []];
  return ['npx', ['-y', readJson(join(root, 'package.json')).packageManager ?? 'pnpm@10']];
}
const [pnpmCmd, pnpmPre] = findPnpm();

const workspaceDirs = ['packages', 'apps', 'apps/examples']
  .flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)).map((n) => join(d, n)) : []))
  .concat(['tests'])
  .filter((d) => existsSync(join(root, d, 'package.json')));
const publishable = workspaceDirs
  .filter((d) => d.startsWith('packages/'))
  .map((dir) => ({ dir, pkg: readJson(join(root, dir, 'package.json')) }))
  .filter(({ pkg }) => !pkg.private);
log(`publishable: ${publishable.map((p) => p.pkg.name).join(', ')}`);

const summary = { packages: {}, changesetVersion: null, losses: null };

/** Every file under dir (recursively), relative paths. */
/** The folders of a package whose TypeScript is compiled into dist/: `src`, and `lessons` where there is one. */
function sourceFolders(dir) {
  return ['src', 'lessons'].filter((f) => existsSync(join(root, dir, f)));
}

function walk(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules'
        ? []
        : walk(join(dir, e.name), base)
      : [relative(base, join(dir, e.name))],
  );
}

/** The bare module specifiers a source file imports (static, dynamic, `export … from`, type-only). */
function bareImports(source) {
  const out = new Set();
  // comments mention packages in examples (`import … from '@gradkit/losses'`): drop them first
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  // `require.resolve('pkg/…')` (createRequire) names a package too: a file it locates, not code
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire(?:\.resolve)?\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1];
    if (
      spec.startsWith('.') ||
      spec.startsWith('/') ||
      spec.startsWith('node:') ||
      builtinModules.includes(spec.split('/')[0])
    )
      continue;
    out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return out;
}

/** `exports` without the `@gradkit/source` condition (what a published manifest must hold). */
function withoutSource(exports) {
  if (!exports || typeof exports !== 'object') return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([cond]) => cond !== '@gradkit/source')
      .map(([k, v]) => [k, withoutSource(v)]),
  );
}

/** Does `exports` (at any depth) name the `@gradkit/source` condition? */
const hasSourceCondition = (exports) => JSON.stringify(exports ?? {}).includes('"@gradkit/source"');

/** Directory of an installed package `dep` as seen from `fromDir` (node_modules lookup upwards), or null. */
function findInstalled(dep, fromDir) {
  for (let d = fromDir; ; d = dirname(d)) {
    const c = join(d, 'node_modules', dep);
    if (existsSync(join(c, 'package.json'))) return realpathSync(c);
    if (dirname(d) === d) return null;
  }
}

/**
 * The third-party packages `npm install <pkg>` would add (its `dependencies` and the
 * `optionalDependencies` installed here, recursively; workspace packages are walked through but not
 * counted) with their sizes on disk, from the checkout's installed tree.
 */
function installClosure(dir, pkg) {
  const seen = new Map();
  const queue = [[realpathSync(join(root, dir)), pkg, true]];
  while (queue.length) {
    const [at, manifest, top] = queue.shift();
    const deps = { ...(manifest.dependencies ?? {}), ...(top ? {} : (manifest.optionalDependencies ?? {})) };
    for (const dep of Object.keys(deps)) {
      const found = findInstalled(dep, at);
      if (!found || seen.has(found)) continue;
      const m = readJson(join(found, 'package.json'));
      const workspace = !found.split('/').includes('node_modules');
      let bytes = 0;
      if (!workspace) for (const f of walk(found)) bytes += statSync(join(found, f)).size;
      seen.set(found, { name: m.name, version: m.version, bytes, workspace });
      queue.push([found, m, false]);
    }
  }
  const thirdParty = [...seen.values()].filter((p) => !p.workspace);
  return {
    bytes: thirdParty.reduce((a, p) => a + p.bytes, 0),
    packages: thirdParty.length,
    names: thirdParty.map((p) => p.name).sort(),
    largest: thirdParty
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((p) => `${p.name}@${p.version} ${(p.bytes / 1e6).toFixed(1)} MB`),
  };
}

/** Static value imports (`import x from 'pkg'`, `export … from 'pkg'`) of `pkg` or its subpaths in a source file. */
function staticValueImports(source, pkg) {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const esc = pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(
    `^\\s*(import|export)\\s+(?!type\\b)[^;]*?\\bfrom\\s*['"]${esc}(/[^'"]*)?['"]|^\\s*import\\s*['"]${esc}(/[^'"]*)?['"]`,
    'gm',
  );
  return [...text.matchAll(re)].map((m) => m[0].trim());
}

// 1. audit
const changesets = readdirSync(join(root, '.changeset'))
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => ({ file: f, text: readFileSync(join(root, '.changeset', f), 'utf8') }));
/** Does a changeset's front matter release `name` (`"@gradkit/x": minor`, either quote)? */
const releases = (c, name) =>
  new RegExp(`^\\s*["']${name.replace('/', '\\/')}["']\\s*:`, 'm').test(c.text.split('---')[1] ?? '');
for (const { dir, pkg } of publishable) {
  const name = pkg.name;
  const info = { dir, issues: [] };
  summary.packages[name] = info;
  const fail = (m) => check(false, `${name}: ${m}`) || info.issues.push(m);
  if (name !== `@gradkit/${dir.split('/')[1]}`) fail(`name should be @gradkit/${dir.split('/')[1]}`);
  if (pkg.license !== 'MIT') fail(`license ${pkg.license}, expected MIT`);
  if (!existsSync(join(root, dir, 'LICENSE'))) fail('no LICENSE file (npm ships it whatever `files` says)');
  if (!pkg.description || pkg.description.length < 20) fail('no description');
  if (pkg.type !== 'module') fail('"type" must be "module" (ESM only)');
  if (pkg.publishConfig?.access !== 'public') fail('publishConfig.access must be "public" (scoped package)');
  if (pkg.sideEffects === undefined) fail('"sideEffects" missing (bundlers then keep every module)');
  for (const f of ['dist', 'README.md', 'CHANGELOG.md'])
    if (!(pkg.files ?? []).includes(f)) fail(`"files" lacks ${f}: ${JSON.stringify(pkg.files)}`);
  if (!pkg.exports?.['.']) fail('no "exports" entry "."');
  for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
    if (sub === './package.json') continue;
    const keys = Object.keys(target);
    if (typeof target !== 'object' || !target.types || !target.default) {
      fail(`exports["${sub}"] needs "types" and "default", has ${JSON.stringify(target)}`);
      continue;
    }
    if (keys.indexOf('types') > keys.indexOf('default'))
      fail(`exports["${sub}"]: "types" must come before "default"`);
    if (target.types !== target.default.replace(/\.js$/, '.d.ts'))
      fail(`exports["${sub}"]: types ${target.types} does not sit beside ${target.default}`);
    if (!target.default.startsWith('./dist/'))
      fail(`exports["${sub}"].default ${target.default} is not under dist/`);
  }
  // pnpm pack/publish replace `exports` with `publishConfig.exports`: the published manifest must
  // not point the `@gradkit/source` condition at src/ (not shipped)
  if (hasSourceCondition(pkg.exports) || pkg.publishConfig?.exports) {
    const want = withoutSource(pkg.exports);
    if (JSON.stringify(pkg.publishConfig?.exports) !== JSON.stringify(want))
      fail(
        `publishConfig.exports must be exports without the "@gradkit/source" condition: ${JSON.stringify(want)}, has ${JSON.stringify(pkg.publishConfig?.exports)}`,
      );
  }
  const readme = existsSync(join(root, dir, 'README.md'))
    ? readFileSync(join(root, dir, 'README.md'), 'utf8')
    : '';
  if (!readme) fail('no README.md');
  else if (!new RegExp(`(npm install|pnpm add|yarn add)[^\\n]*${name.replace('/', '\\/')}`).test(readme))
    fail(`README.md has no install line (npm install ${name})`);
  if (!changesets.some((c) => releases(c, name)))
    fail('no changeset mentions it, so `changeset version` would not release it');
  // runtime dependencies = the bare modules the sources import (src/, and the lesson folders of
  // @gradkit/course, which ship compiled beside it)
  const imported = new Set();
  for (const folder of sourceFolders(dir))
    for (const f of walk(join(root, dir, folder)).filter((f) => /\.[cm]?ts$/.test(f) && !/\.test\./.test(f)))
      for (const s of bareImports(readFileSync(join(root, dir, folder, f), 'utf8'))) imported.add(s);
  imported.delete(name);
  const declared = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  const undeclared = [...imported].filter((d) => !declared.has(d));
  const unused = [...declared].filter((d) => !imported.has(d));
  if (undeclared.length) fail(`sources import ${undeclared.join(', ')} without declaring them`);
  if (unused.length)
    fail(
      `declares ${unused.join(', ')} but its sources never import them (installs would pull them in for nothing)`,
    );
  info.dependencies = [...declared].sort();
  // optional peers: installed for the workspace (devDependencies), loaded only on demand
  const optional = Object.keys(pkg.peerDependenciesMeta ?? {}).filter(
    (d) => pkg.peerDependenciesMeta[d]?.optional,
  );
  for (const d of optional) {
    if (!pkg.peerDependencies?.[d])
      fail(`peerDependenciesMeta marks ${d} optional but peerDependencies lacks it`);
    if (!pkg.devDependencies?.[d])
      fail(`optional peer ${d} is not a devDependency (the workspace's tests would lack it)`);
    if (pkg.dependencies?.[d]) fail(`${d} is both a dependency and an optional peer`);
    for (const folder of sourceFolders(dir))
      for (const f of walk(join(root, dir, folder)).filter(
        (f) => /\.[cm]?ts$/.test(f) && !/\.test\./.test(f),
      ))
        for (const line of staticValueImports(readFileSync(join(root, dir, folder, f), 'utf8'), d))
          fail(
            `${folder}/${f} imports the optional peer ${d} statically (${line}); load it with import() so a missing one is an error only where it is needed`,
          );
  }
  if (optional.length) info.optionalPeers = optional.sort();
  info.install = installClosure(dir, pkg);
  for (const d of optional)
    if (info.install.names.includes(d)) fail(`installing it pulls in the optional peer ${d}`);
}

/**
 * The copy's `dir/node_modules`: links to the checkout's installed packages, except the workspace
 * packages (`@gradkit/*`), which link to their copies, so `pnpm pack` rewrites `workspace:^` with
 * the versions `changeset version` wrote in the copy.
 */
function linkNodeModules(dir) {
  const from = join(root, dir, 'node_modules');
  if (!existsSync(from)) return;
  const to = join(copy, dir, 'node_modules');
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry === '.bin' || entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      mkdirSync(join(to, entry), { recursive: true });
      for (const sub of readdirSync(join(from, entry))) {
        const name = `${entry}/${sub}`;
        const ws = workspaceDirs.find((d) => readJson(join(root, d, 'package.json')).name === name);
        symlinkSync(ws ? join(copy, ws) : realpathSync(join(from, entry, sub)), join(to, entry, sub), 'dir');
      }
    } else symlinkSync(realpathSync(join(from, entry)), join(to, entry), 'dir');
  }
}

/**
 * Whether the checkout's `dir/dist` was built after the last change to what it is built from: the
 * package's sources, the extra folders it ships, its manifest and tsconfigs and the workspace's
 * base config, all older than the package's entry point (`dist/index.js` or where `exports` points,
 * which every build writes; files an earlier layout left in dist/ keep their old times, so the
 * oldest file says nothing).
 */
function freshDist(dir, pkg) {
  const main = pkg.publishConfig?.exports?.['.'] ?? pkg.exports?.['.'];
  const entry = join(root, dir, typeof main === 'string' ? main : (main?.default ?? './dist/index.js'));
  if (!existsSync(entry)) return false;
  const inputs = [
    ...[
      'src',
      ...(pkg.files ?? []).filter((f) => !['dist', 'README.md', 'CHANGELOG.md'].includes(f)),
    ].flatMap((folder) => walk(join(root, dir, folder)).map((f) => join(root, dir, folder, f))),
    ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, dir, f)),
    join(root, 'tsconfig.base.json'),
  ].filter((f) => existsSync(f));
  return Math.max(...inputs.map((f) => statSync(f).mtimeMs)) < statSync(entry).mtimeMs;
}

let copy = null;
let packDir = null;
let project = null;

async function main() {
  // 2. a temporary copy of the workspace: manifests, READMEs, LICENSEs, .changeset, the publishable
  // packages' sources and build configs; node_modules are links to the checkout's.
  copy = mkdtempSync(join(tmpdir(), 'gradkit-release-'));
  for (const f of ['package.json', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'LICENSE', '.npmrc'])
    if (existsSync(join(root, f))) cpSync(join(root, f), join(copy, f));
  cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  for (const dir of workspaceDirs) {
    mkdirSync(join(copy, dir), { recursive: true });
    for (const f of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json'])
      if (existsSync(join(root, dir, f))) cpSync(join(root, dir, f), join(copy, dir, f));
    linkNodeModules(dir);
  }
  for (const { dir, pkg } of publishable) {
    cpSync(join(root, dir, 'src'), join(copy, dir, 'src'), { recursive: true });
    for (const extra of pkg.files ?? [])
      if (!['dist', 'README.md', 'CHANGELOG.md'].includes(extra) && existsSync(join(root, dir, extra)))
        cpSync(join(root, dir, extra), join(copy, dir, extra), { recursive: true });
  }
  const before = Object.fromEntries(
    workspaceDirs.map((d) => [d, readJson(join(copy, d, 'package.json')).version]),
  );

  log('changeset version ...');
  run(process.execPath, [join(root, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], {
    cwd: copy,
  });
  const left = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  check(left.length === 0, `changeset version left ${left.join(', ')} unconsumed`);
  const versions = {};
  for (const dir of workspaceDirs) {
    const pkg = readJson(join(copy, dir, 'package.json'));
    const isPublic = publishable.some((p) => p.dir === dir);
    if (!isPublic) {
      check(
        pkg.version === before[dir],
        `${pkg.name} (private) was versioned ${before[dir]} → ${pkg.version}`,
      );
      check(!existsSync(join(copy, dir, 'CHANGELOG.md')), `${pkg.name} (private) got a CHANGELOG.md`);
      continue;
    }
    versions[pkg.name] = pkg.version;
    const info = summary.packages[pkg.name];
    info.version = `${before[dir]} → ${pkg.version}`;
    check(pkg.version !== before[dir], `${pkg.name}: changeset version left the version at ${pkg.version}`);
    const changelog = existsSync(join(copy, dir, 'CHANGELOG.md'))
      ? readFileSync(join(copy, dir, 'CHANGELOG.md'), 'utf8')
      : '';
    if (!check(changelog.length > 0, `${pkg.name}: no CHANGELOG.md after changeset version`)) continue;
    check(
      changelog.startsWith(`# ${pkg.name}\n`),
      `${pkg.name}: CHANGELOG.md does not start with "# ${pkg.name}"`,
    );
    check(
      changelog.includes(`## ${pkg.version}`),
      `${pkg.name}: CHANGELOG.md has no "## ${pkg.version}" section`,
    );
    const mine = changesets.filter((c) => releases(c, pkg.name));
    for (const c of mine) {
      const firstLine = c.text.split('---')[2].trim().split('\n')[0].slice(0, 60);
      check(
        changelog.includes(firstLine),
        `${pkg.name}: CHANGELOG.md lacks the changeset ${c.file} ("${firstLine}…")`,
      );
    }
    info.changelogEntries = mine.length;
  }
  for (const { dir } of publishable) {
    const pkg = readJson(join(copy, dir, 'package.json'));
    for (const [dep, range] of Object.entries(pkg.dependencies ?? {}))
      if (dep.startsWith('@gradkit/'))
        check(range === 'workspace:^', `${pkg.name}: dependency ${dep} is ${range}, expected workspace:^`);
  }
  summary.changesetVersion = versions;

  // 3. build in the copy (two at a time), then publish --dry-run and pack each package
  // --noCheck: emit JS and declarations without type-checking (`pnpm typecheck` and pack-test's
  // NodeNext check of the packed .d.ts files do that); this is the slow part of the run.
  const reused = reuseDist ? publishable.filter(({ dir, pkg }) => freshDist(dir, pkg)) : [];
  for (const { dir } of reused) cpSync(join(root, dir, 'dist'), join(copy, dir, 'dist'), { recursive: true });
  const toBuild = publishable.filter((p) => !reused.includes(p));
  if (reused.length) log(`reusing the checkout's dist/ of ${reused.map((p) => p.pkg.name).join(', ')}`);
  if (toBuild.length) log(`building ${toBuild.length} package(s) in the copy (tsc --noCheck) ...`);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const builds = await pool(toBuild, 2, ({ dir }) =>
    // the dependencies' sources (the workspace's condition), not their dist/: these build two at a
    // time, not in dependency order
    runAsync(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--customConditions', '@gradkit/source'],
      {
        cwd: join(copy, dir),
      },
    ),
  );
  builds.forEach((b, i) =>
    check(b.status === 0, `${toBuild[i].pkg.name}: tsc build failed\n${b.stdout}${b.stderr}`),
  );
  // declarations must compile without the optional peers installed (skipLibCheck: false): no
  // .d.ts may import one (type-only imports of them are fine in sources, not in what ships)
  for (const { dir, pkg } of publishable) {
    const optional = Object.keys(pkg.peerDependenciesMeta ?? {}).filter(
      (d) => pkg.peerDependenciesMeta[d]?.optional,
    );
    if (!optional.length) continue;
    const dist = join(copy, dir, 'dist');
    for (const f of walk(dist).filter((f) => f.endsWith('.d.ts')))
      for (const d of optional) {
        const text = readFileSync(join(dist, f), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
        const esc = d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        if (new RegExp(`(\\bfrom\\s*|\\bimport\\s*\\(\\s*)['"]${esc}(/[^'"]*)?['"]`).test(text))
          check(
            false,
            `${pkg.name}: dist/${f} imports the optional peer ${d}; users without it get a type error`,
          );
      }
  }

  packDir = mkdtempSync(join(tmpdir(), 'gradkit-release-tgz-'));
  // No network: the registry is a closed local port and failed requests are not retried. (pnpm
  // itself, when it runs through npx, is the cached pinned version.)
  const env = { ...process.env, npm_config_fetch_retries: '0', npm_config_update_notifier: 'false' };
  const registry = ['--registry', 'http://127.0.0.1:9/'];
  log('pnpm -r publish --dry-run (registry 127.0.0.1:9, nothing uploaded) and pnpm -r pack ...');
  // One recursive publish of the publishable packages (a pnpm process per package cost 29 s of
  // wall time against 19 s); each package's own `+ name@version` line says it went through.
  const filters = publishable.flatMap(({ dir }) => ['--filter', `./${dir}`]);
  const published = await runAsync(
    pnpmCmd,
    [...pnpmPre, '-r', ...filters, 'publish', '--dry-run', '--no-git-checks', ...registry],
    { cwd: copy, env },
  );
  for (const { pkg } of publishable) {
    const { name } = pkg;
    const ok = published.status === 0 && published.stdout.includes(`+ ${name}@${versions[name]}`);
    summary.packages[name].publishDryRun = ok ? 'ok' : `exit ${published.status}`;
    check(
      ok,
      `${name}: pnpm publish --dry-run failed (exit ${published.status})\n${published.stdout.slice(-2000)}${published.stderr.slice(-2000)}`,
    );
  }
  // One recursive pack of the publishable packages (a pnpm process each cost about a second of CPU).
  const packs = await runAsync(
    pnpmCmd,
    [...pnpmPre, '-r', ...filters, 'pack', '--pack-destination', packDir],
    {
      cwd: copy,
      env,
    },
  );
  check(packs.status === 0, `pnpm -r pack failed\n${packs.stdout}${packs.stderr}`);
  const tarballs = {};
  for (const { pkg } of publishable) {
    const name = pkg.name;
    const file = `${name.slice(1).replace('/', '-')}-${versions[name]}.tgz`;
    if (!check(existsSync(join(packDir, file)), `${name}: no tarball ${file}`)) continue;
    tarballs[name] = join(packDir, file);
    const files = run('tar', ['-tzf', join(packDir, file)])
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    const packed = JSON.parse(run('tar', ['-xzOf', join(packDir, file), 'package/package.json']));
    const info = summary.packages[name];
    info.tarball = { file, files: files.length, bytes: statSync(join(packDir, file)).size };
    for (const f of ['CHANGELOG.md', 'README.md', 'LICENSE', 'package.json'])
      check(files.includes(f), `${name}: ${file} lacks ${f}`);
    check(
      packed.version === versions[name],
      `${name}: packed version ${packed.version}, expected ${versions[name]}`,
    );
    for (const [sub, target] of Object.entries(packed.exports ?? {})) {
      if (typeof target === 'string') {
        check(
          files.includes(target.replace(/^\.\//, '')),
          `${name}: exports["${sub}"] → ${target} is not in the tarball`,
        );
        continue;
      }
      for (const [cond, path] of Object.entries(target)) {
        // a subpath pattern (`./dist/lessons/*.js`) must match files of the tarball
        const rel = path.replace(/^\.\//, '');
        const [head, tail] = rel.split('*');
        check(
          rel.includes('*')
            ? files.some(
                (f) => f.startsWith(head) && f.endsWith(tail) && f.length > head.length + tail.length,
              )
            : files.includes(rel),
          `${name}: exports["${sub}"].${cond} → ${path} is not in the tarball`,
        );
      }
    }
    // the monorepo's `@gradkit/source` condition points at src/, which is not shipped
    check(
      !hasSourceCondition(packed.exports),
      `${name}: the packed exports keep the "@gradkit/source" condition: ${JSON.stringify(packed.exports)}`,
    );
    check(
      !JSON.stringify({ ...packed, scripts: undefined }).includes('@gradkit/source'),
      `${name}: the packed package.json mentions "@gradkit/source" outside "scripts"`,
    );
    info.publishedExports = packed.exports;
    for (const [dep, range] of Object.entries({ ...packed.dependencies, ...packed.peerDependencies })) {
      check(!String(range).startsWith('workspace:'), `${name}: ${dep} still has the range ${range}`);
      if (dep.startsWith('@gradkit/'))
        check(range === `^${versions[dep]}`, `${name}: ${dep} range ${range}, expected ^${versions[dep]}`);
    }
  }

  // 4. only @gradkit/losses (plus what it declares) in a fresh project
  const want = ['@gradkit/losses'];
  for (let i = 0; i < want.length; i++) {
    const deps = Object.keys(
      JSON.parse(run('tar', ['-xzOf', tarballs[want[i]], 'package/package.json'])).dependencies ?? {},
    );
    for (const d of deps) if (!want.includes(d)) want.push(d);
  }
  summary.losses = { closure: [...want] };
  check(
    JSON.stringify(want) === JSON.stringify(['@gradkit/losses', '@gradkit/core']),
    `@gradkit/losses depends on ${want.slice(1).join(', ')}, expected only @gradkit/core`,
  );
  if (want.every((n) => tarballs[n])) {
    project = mkdtempSync(join(tmpdir(), 'gradkit-losses-only-'));
    // The user asks for @gradkit/losses only. With no registry, npm finds its dependencies' tarballs
    // through `overrides` (what a registry would serve for the same ranges).
    const overrides = Object.fromEntries(want.slice(1).map((n) => [n, `file:${tarballs[n]}`]));
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'losses-only', private: true, type: 'module', overrides }, null, 2)}\n`,
    );
    log(`npm install --offline @gradkit/losses into ${project} ...`);
    run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...registry,
        tarballs['@gradkit/losses'],
      ],
      { cwd: project, env },
    );
    const tree = JSON.parse(run('npm', ['ls', '--all', '--json'], { cwd: project, env }));
    const flat = [];
    const visit = (deps, depth) => {
      for (const [n, d] of Object.entries(deps ?? {})) {
        flat.push(`${'  '.repeat(depth)}${n}@${d.version}`);
        visit(d.dependencies, depth + 1);
      }
    };
    visit(tree.dependencies, 0);
    const installed = walk(join(project, 'node_modules'))
      .filter((f) => f.endsWith('package.json') && f.split('/').length === (f.startsWith('@') ? 3 : 2))
      .map((f) => dirname(f))
      .filter((n) => !n.startsWith('.'))
      .sort();
    summary.losses.tree = flat;
    summary.losses.installed = installed;
    check(
      JSON.stringify(installed) === JSON.stringify(['@gradkit/core', '@gradkit/losses']),
      `installing @gradkit/losses put ${installed.join(', ')} in node_modules; expected only @gradkit/core and @gradkit/losses`,
    );
    let bytes = 0;
    for (const f of walk(join(project, 'node_modules')))
      bytes += statSync(join(project, 'node_modules', f)).size;
    summary.losses.nodeModulesBytes = bytes;
    const script = `
      import { logSigmoid, softmax, crossEntropy } from '@gradkit/losses';
      import { tensor } from '@gradkit/core';
      const ce = crossEntropy(tensor([[0, Math.log(3)]]), tensor([1], { dtype: 'int32' }));
      console.log(JSON.stringify({ resolved: import.meta.resolve('@gradkit/losses'), s: logSigmoid(0).item(), p: softmax([0, Math.log(3)]).toList(), ce: ce.item() }));`;
    const out = JSON.parse(
      run(process.execPath, ['--input-type=module', '-e', script], { cwd: project }).trim(),
    );
    summary.losses.run = out;
    check(
      out.resolved.includes(`${project}/node_modules/@gradkit/losses/`),
      `@gradkit/losses resolved to ${out.resolved}`,
    );
    // log σ(0) = −ln 2; softmax([0, ln 3]) = [1/4, 3/4]; cross-entropy of class 1 = −ln(3/4)
    check(Math.abs(out.s + Math.log(2)) < 1e-15, `logSigmoid(0) = ${out.s}, expected ${-Math.log(2)}`);
    check(
      Math.abs(out.p[0] - 0.25) < 1e-15 && Math.abs(out.p[1] - 0.75) < 1e-15,
      `softmax([0, ln 3]) = ${out.p}`,
    );
    check(Math.abs(out.ce + Math.log(0.75)) < 1e-15, `crossEntropy = ${out.ce}, expected ${-Math.log(0.75)}`);
  }
}

try {
  await main();
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
}
if (keep) log(`kept: ${copy} ${packDir} ${project}`);
else for (const d of [copy, packDir, project]) if (d) rmSync(d, { recursive: true, force: true });
summary.ok = failures.length === 0;
summary.failures = failures;
summary.seconds = Math.round((Date.now() - started) / 100) / 10;
for (const f of failures) log(`FAIL ${f}`);
log(summary.ok ? `all checks passed in ${summary.seconds} s` : `${failures.length} check(s) failed`);
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(summary.ok ? 0 : 1);
