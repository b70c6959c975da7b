/**
 * The `ort` backend: a `CausalLM` over an ONNX Runtime (onnxruntime-node) session on a GPT-2
 * style decoder ONNX file in the Hugging Face / Optimum layout (see `model.ts` for the contract):
 *
 *   input_ids [B, T] int64, attention_mask [B, P+T] int64, position_ids [B, T] int64 (optional),
 *   past_key_values.{l}.key / .value [B, H, P, D] float32, use_cache_branch [1] bool (merged decoders only)
 *   → logits [B, T, V], present.{l}.key / .value [B, H, P+T, D]
 *
 * The model's inputs and outputs are checked against this contract at load (names, element types,
 * ranks, fixed sizes against `config.json`). The first step feeds a zero-length past
 * `[B, H, 0, D]`. Where inference runs is `options.worker`: by default (`'auto'`) a worker
 * thread for models of {@link WORKER_MIN_MODEL_BYTES} or more, so the event loop stays responsive
 * during their long steps, and this thread for smaller ones, whose steps are shorter than the
 * thread hop is worth; `true` / `false` choose.
 * Execution providers are tried in the caller's order (`['cuda', 'webgpu', 'cpu']`): a provider
 * that is unusable on this machine (see `providers.ts`) or whose session fails to start is skipped
 * and the next one is tried; `model.providerReport` says which runs and why the others were skipped.
 *
 * Node only (`@gradkit/transformers/node`): onnxruntime-node is a native addon.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { CausalLMConfig } from '../model.js';
import { importFailed, importOptional } from '../optional.js';
import {
  causalConfigFromJson,
  type DecoderLayout,
  ONNX_DECODER_FILES,
  OrtCausalLM,
  type ProviderReport,
  type SessionRunner,
  validateDecoder,
} from './ort-core.js';
import { InProcessRunner, WorkerRunner } from './ort-runner.js';
import { EXECUTION_PROVIDERS, providerStatus } from './providers.js';

/** Options of `loadOrtModel`. */
export interface OrtModelOptions {
  /**
   * Execution providers to try, in order (default `['cpu']`), e.g. `['cuda', 'tensorrt', 'webgpu', 'cpu']`.
   * An unusable provider is skipped with its reason; if none starts, loading fails with all reasons.
   */
  providers?: readonly string[];
  /** Receives the provider report when a provider was skipped (default: `console.warn`). Pass `() => {}` to silence. */
  onFallback?: (message: string) => void;
  /**
   * Extra onnxruntime-node session options (its `InferenceSession.SessionOptions`:
   * `graphOptimizationLevel`, `intraOpNumThreads`, ...; typed as `object` so these declarations
   * compile without onnxruntime-node, an optional peer, installed).
   */
  sessionOptions?: object;
  /**
   * Run the session in a worker thread (`true`), so the event loop stays free during inference,
   * or on this thread (`false`): onnxruntime-node's `session.run` is asynchronous in form but
   * executes the graph on the JavaScript thread, so timers and I/O wait for each step. The default
   * `'auto'` picks the worker for a model whose ONNX file (with its external data) has
   * {@link WORKER_MIN_MODEL_BYTES} or more, this thread below: a decoding step of such a small model
   * takes about as long as the hop to a worker and back (0.2–0.3 ms on a 2-core machine; the tiny
   * default GPT-2, 13 MB, steps in 0.4 ms), and `generate` lets the event loop run every 8 ms
   * between steps.
   */
  worker?: boolean | 'auto';
  /** The model's config (default: `config.json` beside the ONNX file or its `onnx/` folder). */
  config?: CausalLMConfig;
}

/**
 * From this many bytes of model (the ONNX file and its external data), `worker: 'auto'` runs the
 * session in a worker thread: 64 MiB, 16M float32 parameters, a decoding step of about 2 ms or
 * more on one CPU core.
 */
export const WORKER_MIN_MODEL_BYTES = 64 * 2 ** 20;

/** The bytes of an ONNX file with the external-data files beside it named after it (`<file>_data`, `<file>.data`). */
export function onnxModelBytes(file: string): number {
  let bytes = statSync(file).size;
  for (const extra of [`${file}_data`, `${file}.data`])
    if (existsSync(extra) && statSync(extra).isFile()) bytes += statSync(extra).size;
  return bytes;
}

function useWorker(worker: boolean | 'auto' | undefined, file: string): boolean {
  if (worker === undefined || worker === 'auto') return onnxModelBytes(file) >= WORKER_MIN_MODEL_BYTES;
  return worker;
}

function resolveOnnxFile(op: string, path: string): { file: string; dir: string } {
  if (!existsSync(path))
    throw new ValueError(
      op,
      `${path} does not exist; expected an ONNX file or a model directory with ${ONNX_DECODER_FILES.join(' or ')}`,
    );
  if (statSync(path).isFile()) {
    const d = dirname(path);
    return {
      file: path,
      dir:
        d.endsWith('onnx') &&
        existsSync(join(dirname(d), 'config.json')) &&
        !existsSync(join(d, 'config.json'))
          ? dirname(d)
          : d,
    };
  }
  for (const rel of ONNX_DECODER_FILES)
    if (existsSync(join(path, rel))) return { file: join(path, rel), dir: path };
  throw new ValueError(
    op,
    `${path} holds no decoder ONNX file; expected one of ${ONNX_DECODER_FILES.join(', ')} (export one with exportGpt2Onnx)`,
  );
}

/**
 * Load a decoder ONNX model (a `.onnx` file or a Hugging Face / Optimum model directory) into
 * onnxruntime-node, trying the execution providers in order.
 *
 * @example
 *   const model = await loadOrtModel('/tmp/tiny-gpt2-onnx', { providers: ['cuda', 'cpu'] });
 *   model.providerReport.message;      // 'running on cpu (skipped cuda: libonnxruntime_providers_cuda.so ... not in ...)'
 *   const { logits, present } = await model.forward([[464, 1266]], null);
 */
export async function loadOrtModel(path: string, options: OrtModelOptions = {}): Promise<OrtCausalLM> {
  const op = 'loadOrtModel';
  if (
    options.worker !== undefined &&
    options.worker !== true &&
    options.worker !== false &&
    options.worker !== 'auto'
  )
    throw new ValueError(
      op,
      `options.worker must be true, false or 'auto', received ${show(options.worker)}`,
    );
  const { file, dir } = resolveOnnxFile(op, path);
  // a clear error when onnxruntime-node (an optional peer) is missing, before the providers are checked
  await importOptional('onnxruntime-node', 'the ort backend', op, () =>
    import('onnxruntime-node').catch(importFailed),
  );
  let config = options.config;
  if (!config) {
    const cfgFile = join(dir, 'config.json');
    if (!existsSync(cfgFile) || !statSync(cfgFile).isFile())
      throw new ValueError(
        op,
        `${cfgFile} is ${existsSync(cfgFile) ? 'not a file (a directory?)' : 'missing'}; expected the model's Hugging Face config.json beside ${file} (or pass options.config)`,
      );
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(cfgFile, 'utf8'));
    } catch (e) {
      throw new ValueError(op, `${cfgFile} is not valid JSON (${(e as Error).message})`);
    }
    config = causalConfigFromJson(json, cfgFile);
  }
  const providers = options.providers ?? ['cpu'];
  if (!Array.isArray(providers) || providers.length === 0)
    throw new ValueError(
      op,
      `options.providers must be a non-empty list of execution providers (${EXECUTION_PROVIDERS.join(', ')}), received ${show(providers)}`,
    );
  const skipped: { provider: string; reason: string }[] = [];
  const candidates: string[] = [];
  for (const p of providers) {
    if (p === 'wasm')
      skipped.push({
        provider: p,
        reason: "wasm is onnxruntime-web's provider (browsers); onnxruntime-node runs cpu",
      });
    else {
      const status = providerStatus(p);
      if (status.usable) candidates.push(p);
      else skipped.push({ provider: p, reason: status.reason });
    }
  }
  let runner: SessionRunner | null = null;
  if (candidates.length > 0) {
    try {
      runner = await (useWorker(options.worker, file) ? WorkerRunner : InProcessRunner).create(
        file,
        candidates,
        options.sessionOptions,
      );
    } catch (e) {
      const failures = (e as { failures?: { provider: string; reason: string }[] }).failures;
      if (!failures) throw e;
      skipped.push(...failures);
    }
  }
  // keep the caller's order in the report
  const order = (p: string) => providers.indexOf(p);
  skipped.sort((a, b) => order(a.provider) - order(b.provider));
  if (!runner)
    throw new ValueError(
      op,
      `no execution provider could run ${file}: ${skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ')}`,
    );
  skipped.push(...runner.failures);
  skipped.sort((a, b) => order(a.provider) - order(b.provider));
  const chosen = runner.provider;
  const report: ProviderReport = {
    provider: chosen,
    skipped,
    message: `running on ${chosen}${skipped.length ? ` (skipped ${skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ')})` : ''}`,
  };
  if (skipped.length > 0)
    (options.onFallback ?? ((m: string) => console.warn(`[gradkit ort] ${m}`)))(report.message);
  let layout: DecoderLayout;
  try {
    layout = validateDecoder(runner.inputMetadata, runner.outputMetadata, config, file);
  } catch (e) {
    await runner.release();
    throw e;
  }
  return new OrtCausalLM(runner, config, layout, report, file);
}
