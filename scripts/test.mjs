#!/usr/bin/env node
// Runs the whole workspace's vitest suite once and closes with the totals line CI reads:
// `N passed, N failed` (plus `, N skipped`). Extra arguments go to vitest (e.g. a path filter).
//
// A whole-suite run (no arguments) where the browser tests run also starts the course site's build
// (apps/docs/scripts/build.mjs --if-stale) beside vitest from the first second, its log in
// .artifacts/site-build.log: the end-to-end files, queued last (vitest.config.ts), find it built
// instead of building it themselves while the other tests wait on them (their own build waits for
// this one under the build's lock and rebuilds only if a source changed meanwhile or it failed).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWasm } from './ensure-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.artifacts', 'vitest.json');
mkdirSync(dirname(out), { recursive: true });
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
ensureWasm(root);
const args = [
  vitest,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
];
const browserTests = existsSync('/usr/bin/chromium') || process.env.GRADKIT_REQUIRE_CHROMIUM === '1';
let site = null;
if (process.argv.length === 2 && browserTests) {
  const log = openSync(join(root, '.artifacts', 'site-build.log'), 'w');
  site = spawn(process.execPath, [join(root, 'apps', 'docs', 'scripts', 'build.mjs'), '--if-stale'], {
    cwd: join(root, 'apps', 'docs'),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
}
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
// A build still running when vitest is done is stopped. (Its exit is not seen here: spawnSync held
// the event loop, so the child object still reads as running; a signal to a finished, unreaped child
// does nothing.)
site?.kill();
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(out)) {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests ?? 0;
  // failed tests, plus test files that failed before running any test (import or syntax errors)
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  failed = (report.numFailedTests ?? 0) + brokenFiles;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else failed = 1;
if (r.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
