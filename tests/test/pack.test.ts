/**
 * Proof of packaging: scripts/pack-test.mjs builds and packs every publishable package
 * (`pnpm -r pack`), installs the tarballs offline into a scratch project outside the workspace and
 * imports `@gradkit/core` there (see CONTRIBUTING.md, "Releasing"). This test runs it so CI does.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface PackSummary {
  ok: boolean;
  failures: string[];
  packages: Record<string, { tarball: string; files: number; dependencies: Record<string, string> }>;
  installed: string[];
  notInstalled: Record<string, string>;
  coreCheck: {
    resolved: string;
    shape: number[];
    dtype: string;
    values: number[][];
    method: number[][];
  } | null;
  bundleCheck: string | null;
  typesCheck: string | null;
}

describe('pnpm -r pack tarballs install and import outside the workspace', () => {
  it('builds, packs, installs offline and imports @gradkit/core', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [join(root, 'scripts', 'pack-test.mjs')],
          { cwd: root, maxBuffer: 64 << 20, timeout: 290_000 },
          (error, out, err) =>
            resolve({ code: error ? Number(error.code) || 1 : 0, stdout: out, stderr: err }),
        );
      },
    );
    const last = stdout.trimEnd().split('\n').pop() ?? '';
    let summary: PackSummary;
    try {
      summary = JSON.parse(last);
    } catch {
      throw new Error(`pack-test printed no JSON summary (exit ${code}):\n${stderr}`);
    }
    expect(summary.failures, stderr).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(code).toBe(0);
    // Every publishable package was packed with its workspace ranges rewritten.
    expect(Object.keys(summary.packages)).toContain('@gradkit/core');
    for (const info of Object.values(summary.packages)) {
      for (const range of Object.values(info.dependencies)) expect(range).not.toMatch(/^workspace:/);
    }
    // The import ran from the scratch project's node_modules, not from the workspace.
    expect(summary.installed).toContain('@gradkit/core');
    expect(summary.coreCheck?.resolved).toMatch(
      /gradkit-scratch-[^/]+\/node_modules\/@gradkit\/core\/dist\/index\.js$/,
    );
    expect(summary.coreCheck?.values).toEqual([
      [11, 12],
      [13, 14],
    ]);
    // A tree-shaken browser bundle keeps the Tensor methods and autograd (package.json sideEffects).
    expect(summary.bundleCheck).toBe('ok');
    expect(summary.typesCheck).toBe('ok');
  }, 300_000);
});
