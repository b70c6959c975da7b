/**
 * The `ort` backend in browsers: a `CausalLM` over an onnxruntime-web session (WebGPU or
 * WebAssembly execution provider) on the same Hugging Face / Optimum decoder-with-past ONNX file
 * as the Node `ort` backend (see `ort-core.ts` for the contract). Same validation at load, same
 * zero-length past on the first step, same `KVCache` layout, so every decoding strategy runs on it
 * unchanged. Runs anywhere onnxruntime-web runs (browsers; Node with `wasm` for tests).
 *
 * Execution providers are tried in the caller's order (default `['webgpu', 'wasm']`): `webgpu`
 * is skipped with its reason when `navigator.gpu` is missing or no adapter is granted (no GPU,
 * GPU blocked, or a browser without WebGPU), and any provider whose session fails to start is
 * skipped with ONNX Runtime's message; `model.providerReport` says which runs and why.
 * Responsiveness: with `webgpu` the graph runs on the GPU and `run` awaits it; the `wasm` provider
 * computes on the calling thread unless onnxruntime-web's proxy worker is switched on
 * (`ort.env.wasm.proxy = true` before loading, then pass `{ ort }`), which keeps a page's main
 * thread free as the Node backend's worker thread does.
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { CausalLMConfig } from '../model.js';
import { importFailed, importOptional } from '../optional.js';
import {
  causalConfigFromJson,
  type DecoderLayout,
  ONNX_DECODER_FILES,
  type OnnxValueInfo,
  OrtCausalLM,
  type ProviderReport,
  type RunnerOutput,
  type RunnerTensor,
  type SessionRunner,
  validateDecoder,
} from './ort-core.js';

/** The parts of the onnxruntime-web module the backend uses (`import * as ort from 'onnxruntime-web'`). */
export interface OrtWebModule {
  InferenceSession: {
    create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtWebSession>;
  };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => unknown;
  env: { wasm: { numThreads?: number; proxy?: boolean } };
}

/** The parts of an onnxruntime-web `InferenceSession` the backend uses. */
export interface OrtWebSession {
  readonly inputMetadata: readonly unknown[];
  readonly outputMetadata: readonly unknown[];
  run(
    feeds: Record<string, unknown>,
  ): Promise<
    Record<
      string,
      { data: unknown; dims: readonly number[]; location?: string; getData?: () => Promise<unknown> }
    >
  >;
  release(): Promise<void>;
}

/** Options of `loadOrtWebModel`. */
export interface OrtWebModelOptions {
  /** Execution providers to try, in order (default `['webgpu', 'wasm']`); onnxruntime-web's names (`webgpu`, `wasm`, `webnn`, ...). */
  providers?: readonly string[];
  /** The onnxruntime-web module to use (default: `await import('onnxruntime-web')`); pass `onnxruntime-web/webgpu`, a CDN copy, or one with `env` already set. */
  ort?: OrtWebModule;
  /** Receives the provider report when a provider was skipped (default: `console.warn`). */
  onFallback?: (message: string) => void;
  /** Extra onnxruntime-web session options (graph optimisation level, ...). */
  sessionOptions?: Record<string, unknown>;
  /** `fetch` to use for URLs (default: the global `fetch`). */
  fetch?: (url: string) => Promise<{
    ok: boolean;
    status: number;
    statusText?: string;
    arrayBuffer(): Promise<ArrayBuffer>;
    text(): Promise<string>;
  }>;
}

/** A model given by its bytes (or URL) and its Hugging Face `config.json` (object, text, or `CausalLMConfig`). */
export interface OrtWebModelSource {
  /** The decoder ONNX file: its bytes, or a URL to fetch. */
  model: Uint8Array | ArrayBuffer | string;
  /** `config.json` as an object, as text, or a `CausalLMConfig`. */
  config: unknown;
  /** Name used in error messages (default: the URL, or `model.onnx`). */
  name?: string;
}

const op = 'loadOrtWebModel';

async function fetchOk(fetchFn: NonNullable<OrtWebModelOptions['fetch']>, url: string, what: string) {
  let res: Awaited<ReturnType<NonNullable<OrtWebModelOptions['fetch']>>>;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new ValueError(op, `could not fetch ${url} (${(e as Error).message}); expected ${what}`);
  }
  return res;
}

/** `CausalLMConfig` from a `config.json` object or text, or a `CausalLMConfig` as is. */
function toConfig(config: unknown, file: string): CausalLMConfig {
  let json = config;
  if (typeof config === 'string') {
    try {
      json = JSON.parse(config);
    } catch (e) {
      throw new ValueError(
        op,
        `${file} is not valid JSON (${(e as Error).message}); expected a Hugging Face config.json`,
      );
    }
  }
  if (json && typeof json === 'object' && 'vocabSize' in json && 'numLayers' in json && 'numHeads' in json)
    return json as CausalLMConfig;
  return causalConfigFromJson(json, file);
}

/** A provider that cannot run here, with the reason, or `null` when it may. */
async function webProviderSkip(provider: string): Promise<string | null> {
  if (provider !== 'webgpu') return null;
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (!gpu)
    return 'navigator.gpu is undefined: this browser or runtime has no WebGPU (Chrome/Edge 113+, Safari 26+, Firefox 141+ on Windows; a secure context: https or localhost)';
  let adapter: unknown = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return `navigator.gpu.requestAdapter() failed: ${(e as Error).message}`;
  }
  if (!adapter)
    return 'navigator.gpu.requestAdapter() returned null: no usable GPU adapter (no GPU, GPU blocked, or the browser runs without GPU access)';
  return null;
}

/** A `SessionRunner` on an onnxruntime-web session (the graph runs where onnxruntime-web puts it). */
export class WebRunner implements SessionRunner {
  /** The `wasm` provider without onnxruntime-web's proxy worker computes on this thread. */
  readonly onThisThread: boolean;

  private constructor(
    private readonly ort: OrtWebModule,
    private readonly session: OrtWebSession,
    readonly provider: string,
    readonly failures: { provider: string; reason: string }[],
  ) {
    this.onThisThread = provider === 'wasm' && !ort.env.wasm.proxy;
  }

  get inputMetadata(): readonly OnnxValueInfo[] {
    return this.session.inputMetadata as OnnxValueInfo[];
  }

  get outputMetadata(): readonly OnnxValueInfo[] {
    return this.session.outputMetadata as OnnxValueInfo[];
  }

  /** Try `providers` in order (after `webProviderSkip`); the first whose session starts wins. */
  static async create(
    ort: OrtWebModule,
    model: Uint8Array,
    providers: readonly string[],
    sessionOptions: Record<string, unknown> = {},
    name = 'model.onnx',
  ): Promise<WebRunner> {
    const failures: { provider: string; reason: string }[] = [];
    for (const p of providers) {
      const skip = await webProviderSkip(p);
      if (skip) {
        failures.push({ provider: p, reason: skip });
        continue;
      }
      try {
        const session = await ort.InferenceSession.create(model, {
          ...sessionOptions,
          executionProviders: [p],
        });
        return new WebRunner(ort, session, p, failures);
      } catch (e) {
        failures.push({
          provider: p,
          reason: `the session failed to start: ${String((e as Error)?.message ?? e).split('\n')[0]}`,
        });
      }
    }
    throw new ValueError(
      op,
      `no execution provider could run ${name}: ${failures.map((f) => `${f.provider}: ${f.reason}`).join('; ')}`,
    );
  }

  async run(feeds: Record<string, RunnerTensor>): Promise<Record<string, RunnerOutput>> {
    const ortFeeds: Record<string, unknown> = {};
    for (const [name, t] of Object.entries(feeds))
      ortFeeds[name] = new this.ort.Tensor(t.type, t.data, t.dims);
    const out = await this.session.run(ortFeeds);
    const result: Record<string, RunnerOutput> = {};
    for (const [name, t] of Object.entries(out)) {
      const data = t.location && t.location !== 'cpu' && t.getData ? await t.getData() : t.data;
      result[name] = { data: data as Float32Array, dims: t.dims };
    }
    return result;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/**
 * Load a decoder ONNX model into onnxruntime-web (browsers), trying the execution providers in
 * order (default `['webgpu', 'wasm']`). `source` is the URL of a Hugging Face / Optimum model
 * folder (fetches `config.json` and the first of `onnx/decoder_model_merged.onnx`,
 * `onnx/model.onnx`, ... that exists), or the model's bytes (or URL) with its config.
 * Errors name the URL or file and what was expected; the model is validated against the
 * decoder-with-past contract as in Node.
 *
 * @example
 *   import { generate, Gpt2Tokenizer, loadOrtWebModel } from '@gradkit/transformers';
 *   const model = await loadOrtWebModel('/models/tiny-gpt2-shakespeare-onnx/');
 *   model.provider;                      // 'ort-web:webgpu' (or 'ort-web:wasm' without a GPU)
 *   const tok = new Gpt2Tokenizer();
 *   (await generate(model, tok.encode('Shall I compare thee'), { strategy: 'greedy' }, tok)).text;
 */
export async function loadOrtWebModel(
  source: string | OrtWebModelSource,
  options: OrtWebModelOptions = {},
): Promise<OrtCausalLM> {
  const fetchFn = options.fetch ?? (globalThis as { fetch?: OrtWebModelOptions['fetch'] }).fetch;
  let bytes: Uint8Array;
  let config: CausalLMConfig;
  let name: string;
  if (typeof source === 'string') {
    if (!fetchFn)
      throw new ValueError(
        op,
        `a URL (${source}) needs fetch, which this runtime lacks; pass options.fetch or the model's bytes`,
      );
    const base = source.endsWith('/') ? source : `${source}/`;
    const cfgUrl = `${base}config.json`;
    const cfgRes = await fetchOk(fetchFn, cfgUrl, "the model's Hugging Face config.json");
    if (!cfgRes.ok)
      throw new ValueError(
        op,
        `${cfgUrl} answered ${cfgRes.status}${cfgRes.statusText ? ` ${cfgRes.statusText}` : ''}; expected the model's Hugging Face config.json`,
      );
    config = toConfig(await cfgRes.text(), cfgUrl);
    const tried: string[] = [];
    let found: Uint8Array | null = null;
    name = '';
    for (const rel of ONNX_DECODER_FILES) {
      const url = `${base}${rel}`;
      const res = await fetchOk(fetchFn, url, 'a decoder ONNX file');
      if (res.ok) {
        found = new Uint8Array(await res.arrayBuffer());
        name = url;
        break;
      }
      tried.push(`${rel} (${res.status})`);
    }
    if (!found)
      throw new ValueError(
        op,
        `${base} holds no decoder ONNX file: tried ${tried.join(', ')}; expected one of them (export one with exportGpt2Onnx)`,
      );
    bytes = found;
  } else {
    if (!source || typeof source !== 'object' || source.model === undefined)
      throw new ValueError(
        op,
        `source must be a model folder URL or { model, config }, received ${show(source)}`,
      );
    name = source.name ?? (typeof source.model === 'string' ? source.model : 'model.onnx');
    config = toConfig(source.config, `${name} config`);
    if (typeof source.model === 'string') {
      if (!fetchFn)
        throw new ValueError(
          op,
          `a URL (${source.model}) needs fetch, which this runtime lacks; pass the model's bytes`,
        );
      const res = await fetchOk(fetchFn, source.model, 'a decoder ONNX file');
      if (!res.ok)
        throw new ValueError(op, `${source.model} answered ${res.status}; expected a decoder ONNX file`);
      bytes = new Uint8Array(await res.arrayBuffer());
    } else bytes = source.model instanceof Uint8Array ? source.model : new Uint8Array(source.model);
  }
  const providers = options.providers ?? ['webgpu', 'wasm'];
  if (!Array.isArray(providers) || providers.length === 0)
    throw new ValueError(
      op,
      `options.providers must be a non-empty list of onnxruntime-web execution providers (webgpu, wasm, ...), received ${show(providers)}`,
    );
  const ort =
    options.ort ??
    ((await importOptional('onnxruntime-web', 'the ort-web backend', op, () =>
      import('onnxruntime-web').catch(importFailed),
    )) as unknown as OrtWebModule);
  const runner = await WebRunner.create(ort, bytes, providers, options.sessionOptions, name);
  const skipped = runner.failures;
  const report: ProviderReport = {
    provider: runner.provider,
    skipped,
    message: `running on ${runner.provider}${skipped.length ? ` (skipped ${skipped.map((s) => `${s.provider}: ${s.reason}`).join('; ')})` : ''}`,
  };
  if (skipped.length > 0)
    (options.onFallback ?? ((m: string) => console.warn(`[gradkit ort-web] ${m}`)))(report.message);
  let layout: DecoderLayout;
  try {
    layout = validateDecoder(runner.inputMetadata, runner.outputMetadata, config, name, op);
  } catch (e) {
    await runner.release();
    throw e;
  }
  return new OrtCausalLM(runner, config, layout, report, name, 'ort-web');
}
