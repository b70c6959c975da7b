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
 * `[B, H, 0, D]`. Inference runs in a worker thread by default (`options.worker`), so the event
 * loop stays responsive; `worker: false` calls `InferenceSession.run` on this thread.
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
   * Run the session in a worker thread (default `true`), so the event loop stays free during
   * inference. `false` runs on this thread: onnxruntime-node's `session.run` is asynchronous in
   * form but executes the graph on the JavaScript thread, so timers and I/O wait for each step.
   */
  worker?: boolean;
  /** The model's config (default: `config.json` beside the ONNX file or its `onnx/` folder). */
  config?: CausalLMConfig;
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
      runner = await (options.worker === false ? InProcessRunner : WorkerRunner).create(
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
