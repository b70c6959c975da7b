#!/usr/bin/env node
// Runs the whole workspace's vitest suite once and closes with the totals line CI reads:
// `N passed, N failed` (plus `, N skipped`). Extra arguments go to vitest (e.g. a path filter).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
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
