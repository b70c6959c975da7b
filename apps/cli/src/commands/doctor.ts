/**
 * `gradkit doctor`: which ONNX Runtime execution providers this machine can run (cpu, webgpu,
 * cuda, tensorrt in onnxruntime-node; wasm in onnxruntime-web) and why the others cannot, with the
 * fix. Every provider the checks call usable is also probed: a session is started on it and a
 * tiny graph is run (`--no-probe` skips that). `--json`: the last stdout line is one object
 * `{"providers": [{"name", "runtime", "usable", "reason", "found", "probe"?}], "recommended", ...}`.
 */
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { type CommonOptions, emitResult, formatTable, log } from '../util.js';

/** Options of `gradkit doctor`. */
export interface DoctorOptions extends CommonOptions {
  probe: boolean;
}

/** One provider in the report. */
export interface DoctorProvider {
  name: string;
  runtime: string;
  usable: boolean;
  reason: string;
  found: string[];
  /** Result of starting a session on it (only for providers that pass the checks, unless `--no-probe`). */
  probe?: { ok: boolean; ms: number; error?: string };
}

/** What `gradkit doctor` reports. */
export interface DoctorResult {
  providers: DoctorProvider[];
  /** The first provider of cuda, tensorrt, webgpu, cpu that is usable (and probed ok): what `--provider` should list first. */
  recommended: string;
  versions: { 'onnxruntime-node': string; 'onnxruntime-web': string; '@huggingface/transformers': string };
  platform: string;
  arch: string;
  node: string;
}

function version(name: string): string {
  const require = createRequire(import.meta.url);
  for (const spec of [`${name}/package.json`, name]) {
    try {
      let file = require.resolve(spec, { paths: [require.resolve('@gradkit/transformers/package.json')] });
      while (!file.endsWith('package.json') && file !== '/') {
        file = file.replace(/\/[^/]*$/, '');
        try {
          return (require(`${file}/package.json`) as { version: string }).version;
        } catch {
          /* go up */
        }
      }
      return (require(file) as { version: string }).version;
    } catch {
      /* try the next spec */
    }
  }
  return 'not installed';
}

/** Collect the report (probing usable providers unless `probe` is false). */
export async function collectDoctor(probe = true): Promise<DoctorResult> {
  const { detectProviders, probeProvider } = await import('@gradkit/transformers/node');
  const providers: DoctorProvider[] = detectProviders().map((p) => ({ ...p }));
  if (probe)
    for (const p of providers) {
      if (!p.usable) continue;
      log(`doctor: probing ${p.name} (${p.runtime}) ...`);
      p.probe = await probeProvider(p.name);
      if (!p.probe.ok) {
        p.usable = false;
        p.reason = `${p.reason}, but a session failed to run: ${p.probe.error}`;
      }
    }
  const recommended =
    ['cuda', 'tensorrt', 'webgpu', 'cpu'].find((n) => providers.some((p) => p.name === n && p.usable)) ??
    'none';
  return {
    providers,
    recommended,
    versions: {
      'onnxruntime-node': version('onnxruntime-node'),
      'onnxruntime-web': version('onnxruntime-web'),
      '@huggingface/transformers': version('@huggingface/transformers'),
    },
    platform: process.platform,
    arch: process.arch,
    node: process.versions.node,
  };
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description(
      'report each ONNX Runtime execution provider (cpu, webgpu, cuda, tensorrt, wasm) and why it is usable or not',
    )
    .option('--no-probe', 'only check files and devices; do not start a session on each usable provider')
    .action(async (opts: DoctorOptions) => {
      const result = await collectDoctor(opts.probe);
      emitResult(result, opts, (r) => [
        `onnxruntime-node ${r.versions['onnxruntime-node']}, onnxruntime-web ${r.versions['onnxruntime-web']}, transformers.js ${r.versions['@huggingface/transformers']} on ${r.platform}-${r.arch}, node ${r.node}`,
        '',
        ...formatTable(
          r.providers.map((p) => ({
            provider: p.name,
            runtime: p.runtime,
            usable: p.usable ? 'yes' : 'no',
            probe: p.probe ? (p.probe.ok ? `ok ${p.probe.ms.toFixed(0)} ms` : 'failed') : '-',
            why: p.reason,
          })),
        ),
        '',
        `recommended: --provider ${r.recommended === 'cpu' || r.recommended === 'none' ? 'cpu' : `${r.recommended},cpu`}`,
      ]);
    });
}
