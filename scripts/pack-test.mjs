#!/usr/bin/env node
// Proof of packaging (`node scripts/pack-test.mjs`; CI runs it through tests/test/release.test.ts):
//   1. builds the publishable packages (packages/*) with `pnpm -r build`;
//   2. packs them with `pnpm -r pack` (pnpm rewrites `workspace:^` to real version ranges);
//   3. checks every tarball: the root entry (dist/index.js or `exports['.']`) with its .d.ts, README.md, package.json present,
//      no sources/tests/benches, no `workspace:` ranges left;
//   4. installs the tarballs with `npm install --offline` into a scratch project created in the
//      OS temp directory, outside the workspace (no registry needed: our packages depend only on
//      each other; a package that gains external dependencies is packed and checked but not
//      installed, and the summary says so);
//   5. in that project, `import { tensor } from '@gradkit/core'` runs and computes, every installed
//      package imports, a tree-shaken browser bundle of core (esbuild) keeps the Tensor methods
//      and autograd wiring, and TypeScript (NodeNext) type-checks an import of each package.
// Logs go to stderr; the last stdout line is one JSON summary. Exit status 0 when every check
// passes. Options: --skip-build (use the dist/ already built), --keep (keep the scratch folders).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const skipBuild = args.has('--skip-build');
const keep = args.has('--keep');
const started = Date.now();
const log = (...parts) =>
  process.stderr.write(`[pack-test ${((Date.now() - started) / 1000).toFixed(1)} s] ${parts.join(' ')}\n`);

/** Run a command; throw with its output when it fails. */
function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw new Error(`${cmd} ${cmdArgs.join(' ')}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${cmdArgs.join(' ')} exited with ${r.status}\n${r.stdout ?? ''}\n${r.stderr ?? ''}`,
    );
  return r.stdout;
}

/** esbuild, as installed with tsx (the workspace's TypeScript runner); null when absent. */
function loadEsbuild() {
  try {
    const fromRoot = createRequire(join(root, 'package.json'));
    return createRequire(fromRoot.resolve('tsx/package.json'))('esbuild');
  } catch {
    return null;
  }
}

/** pnpm: the one running this script, else `pnpm` on PATH, else the pinned version through npx. */
function findPnpm() {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && existsSync(execPath)) return [process.execPath, [execPath]];
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return ['pnpm', []];
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager ?? 'pnpm@10';
  return ['npx', ['-y', pinned]];
}

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
  return ok;
};

const [pnpmCmd, pnpmPre] = findPnpm();
const pnpm = (pnpmArgs, opts) => run(pnpmCmd, [...pnpmPre, ...pnpmArgs], { cwd: root, ...opts });

// The publishable packages: packages/* that are not private.
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir, file: join(root, 'packages', dir, 'package.json') }))
  .filter(({ file }) => existsSync(file))
  .map(({ dir, file }) => ({ dir, pkg: JSON.parse(readFileSync(file, 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);
log(`packages: ${packages.map((p) => p.pkg.name).join(', ')}`);

const summary = {
  packages: {},
  installed: [],
  notInstalled: {},
  coreCheck: null,
  bundleCheck: null,
  typesCheck: null,
};

let packDir = null;
let scratch = null;

async function main() {
  // 1. build
  if (!skipBuild) {
    log('building packages/* (pnpm -r build) ...');
    pnpm(['-r', '--filter', './packages/*', 'run', 'build']);
  }

  // 2. pack
  packDir = mkdtempSync(join(tmpdir(), 'gradkit-tarballs-'));
  log(`packing into ${packDir} ...`);
  pnpm(['-r', '--filter', './packages/*', 'pack', '--pack-destination', packDir]);
  const tarballs = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));

  // 3. inspect every tarball
  const FORBIDDEN = [
    /^package\/src\//,
    /^package\/test\//,
    /^package\/bench\//,
    /\.test\.[cm]?[jt]s$/,
    /tsconfig.*\.json$/,
  ];
  const REQUIRED = ['package/package.json', 'package/README.md'];
  for (const { pkg } of packages) {
    const stem = pkg.name.replace(/^@/, '').replace('/', '-');
    const tarball = tarballs.find((f) => f === `${stem}-${pkg.version}.tgz`);
    if (!check(tarball, `${pkg.name}: no tarball ${stem}-${pkg.version}.tgz in ${tarballs.join(', ')}`))
      continue;
    const path = join(packDir, tarball);
    const files = run('tar', ['-tzf', path]).split('\n').filter(Boolean);
    // the root entry's JavaScript and declarations (dist/index.js, or where `exports` points)
    const root = pkg.publishConfig?.exports?.['.'] ?? pkg.exports?.['.'];
    const entry = (typeof root === 'string' ? root : (root?.default ?? './dist/index.js')).replace(
      /^\.\//,
      '',
    );
    for (const req of [...REQUIRED, `package/${entry}`, `package/${entry.replace(/\.js$/, '.d.ts')}`])
      check(files.includes(req), `${pkg.name}: ${req.slice(8)} missing from ${tarball}`);
    const bad = files.filter((f) => FORBIDDEN.some((re) => re.test(f)));
    check(
      bad.length === 0,
      `${pkg.name}: ${tarball} ships files it should not: ${bad.slice(0, 5).join(', ')}`,
    );
    const packed = JSON.parse(run('tar', ['-xzOf', path, 'package/package.json']));
    const deps = { ...packed.dependencies, ...packed.peerDependencies };
    const unresolved = Object.entries(deps).filter(([, range]) => String(range).startsWith('workspace:'));
    check(
      unresolved.length === 0,
      `${pkg.name}: workspace ranges left in the tarball: ${JSON.stringify(unresolved)}`,
    );
    const external = Object.keys(deps).filter((d) => !d.startsWith('@gradkit/'));
    summary.packages[pkg.name] = { tarball, files: files.length, dependencies: deps, external };
  }

  // Which tarballs can be installed offline: no external dependency, none in their @gradkit closure.
  const installable = new Set();
  const canInstall = (name, seen = new Set()) => {
    const info = summary.packages[name];
    if (!info || info.external.length) return false;
    if (seen.has(name)) return true;
    seen.add(name);
    return Object.keys(info.dependencies).every((d) => canInstall(d, seen));
  };
  for (const name of Object.keys(summary.packages)) {
    if (canInstall(name)) installable.add(name);
    else summary.notInstalled[name] = 'has external dependencies (offline install needs only local tarballs)';
  }
  for (const [name, why] of Object.entries(summary.notInstalled)) log(`not installed: ${name} (${why})`);
  check(
    installable.has('@gradkit/core'),
    '@gradkit/core cannot be installed offline (it must have no dependencies)',
  );

  // 4. install into a scratch project outside the workspace
  scratch = mkdtempSync(join(tmpdir(), 'gradkit-scratch-'));
  check(relative(root, scratch).startsWith(`..${sep}`), `scratch project ${scratch} is inside the workspace`);
  writeFileSync(
    join(scratch, 'package.json'),
    `${JSON.stringify({ name: 'gradkit-pack-test', private: true, type: 'module' }, null, 2)}\n`,
  );
  const toInstall = [...installable].map((name) => join(packDir, summary.packages[name].tarball));
  if (toInstall.length) {
    log(`npm install --offline ${toInstall.length} tarball(s) into ${scratch} ...`);
    run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--ignore-scripts',
        ...toInstall,
      ],
      {
        cwd: scratch,
        env: {
          ...process.env,
          npm_config_cache: join(packDir, '.npm-cache'),
          npm_config_update_notifier: 'false',
        },
      },
    );
    summary.installed = [...installable];
  }

  // 5a. runtime: ESM import from the installed packages, not the workspace
  if (installable.has('@gradkit/core')) {
    const others = summary.installed.filter((n) => n !== '@gradkit/core');
    const script = `
      import { tensor, add } from '@gradkit/core';
      const a = tensor([[1, 2], [3, 4]]);
      const b = add(a, 10);
      const others = {};
      for (const name of ${JSON.stringify(others)}) {
      try { others[name] = Object.keys(await import(name)).length; }
      catch (error) { others[name] = 'import failed: ' + error.message; }
    }
      console.log(JSON.stringify({
        resolved: import.meta.resolve('@gradkit/core'),
        shape: b.shape, dtype: b.dtype, values: b.toArray(), method: a.mul(2).toArray(), others,
      }));`;
    const out = JSON.parse(
      run(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch }).trim(),
    );
    summary.coreCheck = out;
    check(
      fileURLToPath(out.resolved).startsWith(join(scratch, 'node_modules')),
      `@gradkit/core resolved to ${out.resolved}, not inside the scratch project`,
    );
    check(JSON.stringify(out.shape) === '[2,2]', `tensor shape ${JSON.stringify(out.shape)}, expected [2,2]`);
    check(out.dtype === 'float64', `tensor dtype ${out.dtype}, expected float64`);
    check(
      JSON.stringify(out.values) === '[[11,12],[13,14]]',
      `add(a, 10) gave ${JSON.stringify(out.values)}`,
    );
    check(JSON.stringify(out.method) === '[[2,4],[6,8]]', `a.mul(2) gave ${JSON.stringify(out.method)}`);
    for (const [name, n] of Object.entries(out.others)) check(typeof n === 'number', `${name}: ${n}`);
    log(`import { tensor } from '@gradkit/core' works: add(a, 10) = ${JSON.stringify(out.values)}`);
  }

  // 5b. bundling: a browser bundle of @gradkit/core (esbuild, tree shaking on) still has the Tensor
  // methods and the autograd wiring that modules install as side effects (package.json
  // `sideEffects` must list them), and pulls in no Node built-ins.
  if (installable.has('@gradkit/core')) {
    const esbuild = loadEsbuild();
    if (!esbuild) log('esbuild not found (it comes with tsx): bundle check skipped');
    else {
      writeFileSync(
        join(scratch, 'bundle-entry.mjs'),
        [
          "import { tensor } from '@gradkit/core';",
          'const x = tensor([1, 2, 3], { requiresGrad: true });',
          'const y = x.exp().sum();',
          'y.backward();',
          'console.log(JSON.stringify({ y: y.item(), grad: x.grad.toList() }));',
          '',
        ].join('\n'),
      );
      const outfile = join(scratch, 'bundle.mjs');
      let built = true;
      try {
        await esbuild.build({
          entryPoints: [join(scratch, 'bundle-entry.mjs')],
          absWorkingDir: scratch,
          bundle: true,
          format: 'esm',
          platform: 'browser',
          treeShaking: true,
          outfile,
          logLevel: 'silent',
        });
      } catch (error) {
        built = false;
        check(false, `esbuild could not bundle @gradkit/core for the browser: ${error.message}`);
      }
      if (built) {
        const r = spawnSync(process.execPath, [outfile], { cwd: scratch, encoding: 'utf8' });
        const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
        let out = null;
        try {
          out = JSON.parse(r.stdout.trim());
        } catch {}
        const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.abs(b);
        const ok =
          r.status === 0 &&
          out &&
          close(out.y, e[0] + e[1] + e[2]) &&
          out.grad.every((g, i) => close(g, e[i]));
        summary.bundleCheck = ok ? 'ok' : `${r.stdout}${r.stderr}`.trim();
        check(
          ok,
          `the tree-shaken browser bundle of @gradkit/core failed (sideEffects?):\n${summary.bundleCheck}`,
        );
        if (ok)
          log(
            'a tree-shaken browser bundle (esbuild) keeps Tensor methods and autograd: exp().sum().backward() ok',
          );
      }
    }
  }

  // 5c. types: a NodeNext TypeScript project type-checks against the packed .d.ts files
  if (summary.installed.length) {
    const lines = summary.installed.map((name, i) => `import * as pkg${i} from '${name}';`);
    lines.push(
      "import { tensor, type Tensor } from '@gradkit/core';",
      'const t: Tensor = tensor([1, 2, 3]);',
      'const n: number = t.size;',
      `export const all = [${summary.installed.map((_, i) => `pkg${i}`).join(', ')}, n];`,
    );
    writeFileSync(join(scratch, 'check.ts'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['check.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: scratch, encoding: 'utf8' });
    summary.typesCheck = r.status === 0 ? 'ok' : `${r.stdout}${r.stderr}`.trim();
    check(r.status === 0, `TypeScript could not type-check the installed packages:\n${summary.typesCheck}`);
    if (r.status === 0) log('TypeScript (NodeNext, skipLibCheck false) type-checks the packed .d.ts files');
  }
}

try {
  await main();
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
}

if (keep) log(`kept: ${packDir} ${scratch}`);
else for (const dir of [packDir, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
summary.ok = failures.length === 0;
summary.failures = failures;
summary.seconds = Math.round((Date.now() - started) / 100) / 10;
for (const f of failures) log(`FAIL ${f}`);
log(summary.ok ? `all checks passed in ${summary.seconds} s` : `${failures.length} check(s) failed`);
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(summary.ok ? 0 : 1);
