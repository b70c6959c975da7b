/**
 * Proof of packaging: scripts/pack-test.mjs builds and packs every publishable package
 * (`pnpm -r pack`), installs the tarballs offline into a scratch project outside the workspace and
 * imports `@gradkit/core` there (see CONTRIBUTING.md, "Releasing").
 *
 * Release readiness: scripts/release-check.mjs audits every publishable package's manifest
 * (exports with types, files, sideEffects, LICENSE, README install line, a changeset, runtime
 * dependencies = what the sources import), then in a temporary copy of the workspace runs
 * `changeset version`, builds, runs `pnpm -r publish --dry-run` (against an unreachable registry: no
 * upload, no network) and `pnpm -r pack` of every package (the packed manifests keep no `@gradkit/source`
 * condition), installs only @gradkit/losses in a fresh project, and measures each package's
 * third-party install closure (@gradkit/transformers: its ONNX runtimes are optional peers).
 *
 * One file runs both, the packing first: scripts/pack-test.mjs builds every package's dist/ in the
 * checkout, and release-check (--reuse-dist) copies those instead of compiling them a second time
 * (the packages' builds are most of either script's time).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ReleaseSummary {
  ok: boolean;
  failures: string[];
  packages: Record<
    string,
    {
      issues: string[];
      version?: string;
      changelogEntries?: number;
      publishDryRun?: string;
      tarball?: { file: string; files: number; bytes: number };
      dependencies?: string[];
      optionalPeers?: string[];
      install?: { bytes: number; packages: number; names: string[]; largest: string[] };
      publishedExports?: Record<string, unknown>;
    }
  >;
  changesetVersion: Record<string, string> | null;
  losses: {
    closure: string[];
    installed?: string[];
    tree?: string[];
    run?: { s: number; p: number[]; ce: number };
  } | null;
}

const publishable = readdirSync(join(root, 'packages'))
  .map(
    (dir) =>
      JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      },
  )
  .filter((p) => !p.private)
  .map((p) => p.name)
  .sort();

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

describe('release readiness', () => {
  it('changeset version, publish --dry-run and pack succeed; @gradkit/losses installs alone with @gradkit/core', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [join(root, 'scripts', 'release-check.mjs'), '--reuse-dist'],
          { cwd: root, maxBuffer: 64 << 20, timeout: 580_000 },
          (error, out, err) =>
            resolve({ code: error ? Number(error.code) || 1 : 0, stdout: out, stderr: err }),
        );
      },
    );
    let summary: ReleaseSummary;
    try {
      summary = JSON.parse(stdout.trimEnd().split('\n').pop() ?? '');
    } catch {
      throw new Error(`release-check printed no JSON summary (exit ${code}):\n${stderr}`);
    }
    expect(summary.failures, stderr.slice(-4000)).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(code).toBe(0);
    // every publishable package was audited, versioned, dry-run published and packed
    expect(Object.keys(summary.packages).sort()).toEqual(publishable);
    for (const name of publishable) {
      const info = summary.packages[name]!;
      expect(info.issues, name).toEqual([]);
      expect(info.version, name).toMatch(/^0\.0\.0 → \d+\.\d+\.\d+$/);
      expect(info.changelogEntries, name).toBeGreaterThan(0);
      expect(info.publishDryRun, name).toBe('ok');
      expect(info.tarball?.file, name).toBe(
        `${name.slice(1).replace('/', '-')}-${summary.changesetVersion![name]}.tgz`,
      );
      // the packed manifest's exports lead to dist/ only (publishConfig.exports), never to src/
      expect(JSON.stringify(info.publishedExports), name).not.toContain('@gradkit/source');
      // (@gradkit/course compiles src/ and its lesson folders side by side: dist/src/, dist/lessons/)
      const dist = name === '@gradkit/course' ? './dist/src' : './dist';
      expect(info.publishedExports?.['.'], name).toEqual({
        types: `${dist}/index.d.ts`,
        default: `${dist}/index.js`,
      });
    }
    // @gradkit/transformers alone installs no ONNX Runtime or transformers.js (optional peers):
    // its third-party closure is js-tiktoken and protobufjs (~26 MB), not ~650 MB
    const tf = summary.packages['@gradkit/transformers']!;
    expect(tf.optionalPeers).toEqual(['@huggingface/transformers', 'onnxruntime-node', 'onnxruntime-web']);
    for (const peer of tf.optionalPeers!) expect(tf.install?.names).not.toContain(peer);
    expect(tf.install?.names).toContain('js-tiktoken');
    expect(tf.install!.bytes).toBeLessThan(50e6);
    // the fresh project holds @gradkit/losses and its one dependency, nothing else
    expect(summary.losses?.closure).toEqual(['@gradkit/losses', '@gradkit/core']);
    expect(summary.losses?.installed).toEqual(['@gradkit/core', '@gradkit/losses']);
    expect(summary.losses?.tree?.map((l) => l.trim().replace(/@[^@]+$/, ''))).toEqual([
      '@gradkit/losses',
      '@gradkit/core',
    ]);
    expect(summary.losses?.run?.s).toBe(-Math.log(2)); // logSigmoid(0) = log(1/2)
  }, 600_000);
});
