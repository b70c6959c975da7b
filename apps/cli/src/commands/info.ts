/**
 * `gradkit info`: the gradkit packages this CLI runs on (name, version, where they resolve) and
 * the runtime (Node version, platform, and which of `@gradkit/core`'s kernels run). `--json` gives
 * the same as one object.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { getBackend, getNumThreads, wasmFma, wasmStatus } from '@gradkit/core';
import type { Command } from 'commander';
import { type CommonOptions, cliPackage, emitResult, formatTable } from '../util.js';

/** One gradkit package as seen from the CLI. */
export interface PackageInfo {
  name: string;
  version: string;
  /** Directory the package resolves to. */
  path: string;
}

/** What `gradkit info` reports. */
export interface InfoResult {
  cli: { name: string; version: string };
  packages: PackageInfo[];
  node: string;
  platform: string;
  arch: string;
  /** `@gradkit/core`'s kernels in this process: the backend, the WebAssembly module's load status, whether it is the relaxed-SIMD (FMA) build, and GEMM threads. */
  kernels: { backend: string; wasm: string; fma: boolean; threads: number };
}

/** The `@gradkit/*` packages the CLI depends on, resolved the way its imports resolve them. */
export function gradkitPackages(): PackageInfo[] {
  const require = createRequire(import.meta.url);
  return Object.keys(cliPackage.dependencies ?? {})
    .filter((name) => name.startsWith('@gradkit/'))
    .sort()
    .map((name) => {
      const file = require.resolve(`${name}/package.json`);
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
      return { name, version: pkg.version, path: dirname(file) };
    });
}

/** Collect the info report. */
export function collectInfo(): InfoResult {
  return {
    cli: { name: cliPackage.name, version: cliPackage.version },
    packages: gradkitPackages(),
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    kernels: { backend: getBackend(), wasm: wasmStatus(), fma: wasmFma(), threads: getNumThreads() },
  };
}

export function register(program: Command): void {
  program
    .command('info')
    .description('print the gradkit packages and versions, and the Node.js runtime')
    .action((opts: CommonOptions) => {
      emitResult(collectInfo(), opts, (r) => [
        `${r.cli.name} ${r.cli.version}`,
        `node ${r.node} (${r.platform}-${r.arch})`,
        `kernels: ${r.kernels.backend} (WebAssembly ${r.kernels.wasm}${r.kernels.fma ? ', relaxed SIMD: FMA' : ', plain SIMD'}), ${r.kernels.threads} GEMM thread${r.kernels.threads === 1 ? '' : 's'}`,
        '',
        ...formatTable(r.packages as unknown as Record<string, unknown>[], ['name', 'version', 'path']),
      ]);
    });
}
