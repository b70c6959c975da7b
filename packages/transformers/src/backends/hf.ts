/**
 * The `transformers` backend: a `CausalLM` over Hugging Face transformers.js
 * (`@huggingface/transformers`) `AutoModelForCausalLM`, for hub ids when remote models are
 * allowed (downloaded into `env.cacheDir`) and for local directories offline
 * (`env.allowRemoteModels = false`, `env.localModelPath`). A local directory needs
 * `config.json` and `onnx/model.onnx` (or `onnx/decoder_model_merged.onnx`), e.g. the output of
 * `exportGpt2Onnx`; no tokenizer files are needed since `forward` takes token ids.
 *
 * Each `forward` calls the model's own `forward({ input_ids, attention_mask, position_ids,
 * past_key_values })` and turns its `present.{l}.key/value` outputs into the `KVCache` layout of
 * `model.ts`. transformers.js runs onnxruntime-node on the JavaScript thread (each step holds
 * the event loop; use the `ort` backend, which runs in a worker, for servers and UIs).
 *
 * Node only (`@gradkit/transformers/node`).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { ValueError } from '@gradkit/core';
import {
  type CausalLM,
  type CausalLMConfig,
  checkForwardInputs,
  decoderForwardResult,
  type ForwardOptions,
  type ForwardResult,
  type KVCache,
  reorderKVCache,
} from '../model.js';
import { importFailed, importOptional } from '../optional.js';
import { causalConfigFromJson, type DecoderLayout, type OnnxValueInfo, validateDecoder } from './ort-core.js';

type HfModule = typeof import('@huggingface/transformers');
type HfModel = Awaited<ReturnType<HfModule['AutoModelForCausalLM']['from_pretrained']>>;
type HfTensor = InstanceType<HfModule['Tensor']>;

/**
 * The parts of a transformers.js `PreTrainedModel` that `TransformersCausalLM` exposes, typed
 * structurally so this package's declarations compile without `@huggingface/transformers` (an
 * optional peer) installed; cast to its `PreTrainedModel` for the rest.
 */
export interface TransformersJsModel {
  /** The model's Hugging Face config. */
  readonly config: unknown;
  /** One forward pass (`{ input_ids, attention_mask, position_ids, past_key_values }` → outputs). */
  forward(inputs: Record<string, unknown>): Promise<unknown>;
  /** transformers.js' own `generate`. */
  generate(options: Record<string, unknown>): Promise<unknown>;
  /** Release its ONNX Runtime sessions. */
  dispose(): Promise<unknown>;
}

/** Options of `loadTransformersModel`. */
export interface TransformersModelOptions {
  /**
   * Allow downloading hub models (transformers.js `env.allowRemoteModels`). Default: the current
   * `env.allowRemoteModels` (true unless changed) for hub ids; always `false` for a local directory.
   */
  allowRemoteModels?: boolean;
  /** Where offline hub ids are looked up (`env.localModelPath`); ignored for a local directory. */
  localModelPath?: string;
  /** Download cache (`env.cacheDir`). */
  cacheDir?: string;
  /** transformers.js device (`'cpu'` in Node by default; `'webgpu'`, `'cuda'` where available). */
  device?: string;
  /** Weights variant (`'fp32'` default; `'fp16'`, `'q8'`, ... pick `onnx/model_<dtype>.onnx`). */
  dtype?: string;
  /** Hub revision (branch, tag or commit). */
  revision?: string;
}

/** A float32 copy when `data` lives in a SharedArrayBuffer (ONNX Runtime's tensors reject those). */
function plain(data: Float32Array): Float32Array {
  return typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer
    ? data.slice()
    : data;
}

/**
 * Load a causal LM with transformers.js: a local model directory (offline) or a hub id
 * (downloaded when remote models are allowed). Errors name the flag or file that blocked the load.
 *
 * @example
 *   const model = await loadTransformersModel('/tmp/tiny-gpt2-onnx');           // offline directory
 *   const gpt2 = await loadTransformersModel('Xenova/gpt2');                     // hub id, online
 *   const { logits, present } = await model.forward([[464, 1266]], null);
 */
export async function loadTransformersModel(
  idOrDir: string,
  options: TransformersModelOptions = {},
): Promise<TransformersCausalLM> {
  const op = 'loadTransformersModel';
  if (typeof idOrDir !== 'string' || idOrDir.length === 0)
    throw new ValueError(op, `idOrDir must be a hub id or a directory, received ${String(idOrDir)}`);
  const hf = await importOptional('@huggingface/transformers', 'the transformers backend', op, () =>
    import('@huggingface/transformers').catch(importFailed),
  );
  const { env } = hf;
  const isDir = existsSync(idOrDir) && statSync(idOrDir).isDirectory();
  const saved = {
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
    localModelPath: env.localModelPath,
    cacheDir: env.cacheDir,
  };
  let modelId = idOrDir;
  if (isDir) {
    const abs = resolve(idOrDir);
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(abs) + sep;
    modelId = basename(abs);
    for (const f of ['config.json'])
      if (!existsSync(resolve(abs, f)))
        throw new ValueError(
          op,
          `${resolve(abs, f)} is missing; a transformers.js model directory needs config.json and onnx/model.onnx`,
        );
  } else {
    if (options.allowRemoteModels !== undefined) env.allowRemoteModels = options.allowRemoteModels;
    if (options.localModelPath !== undefined) env.localModelPath = options.localModelPath;
  }
  if (options.cacheDir !== undefined) env.cacheDir = options.cacheDir;
  const remote = env.allowRemoteModels;
  let model: HfModel;
  try {
    model = await hf.AutoModelForCausalLM.from_pretrained(modelId, {
      device: (options.device ?? 'cpu') as never,
      dtype: (options.dtype ?? 'fp32') as never,
      revision: options.revision,
      local_files_only: isDir || !remote,
    });
  } catch (e) {
    const msg = (e as Error).message;
    const blocked = isDir
      ? `loading the local directory ${resolve(idOrDir)} with env.allowRemoteModels = false`
      : remote
        ? `env.allowRemoteModels is true (downloads into env.cacheDir = ${env.cacheDir})`
        : `env.allowRemoteModels is false, so "${idOrDir}" must be a directory or be under env.localModelPath = ${env.localModelPath}; set allowRemoteModels: true (online) or pass a local directory`;
    throw new ValueError(op, `could not load "${idOrDir}" (${blocked}): ${msg}`);
  } finally {
    Object.assign(env, saved);
  }
  const session = (
    model as unknown as {
      sessions: Record<string, { inputMetadata: OnnxValueInfo[]; outputMetadata: OnnxValueInfo[] }>;
    }
  ).sessions.model;
  try {
    if (!session)
      throw new ValueError(
        op,
        `"${idOrDir}" did not load a single decoder session ("model"); expected a decoder-only causal LM`,
      );
    const config = causalConfigFromJson(model.config, `${idOrDir} config.json`);
    const layout = validateDecoder(
      session.inputMetadata,
      session.outputMetadata,
      config,
      `${idOrDir} (transformers.js)`,
      op,
    );
    return new TransformersCausalLM(hf, model, config, layout, options.device ?? 'cpu');
  } catch (e) {
    await model.dispose();
    throw e;
  }
}

/**
 * A `CausalLM` on a transformers.js model (create it with `loadTransformersModel`).
 * `provider` is `transformers.js:<device>`, e.g. `'transformers.js:cpu'`.
 */
export class TransformersCausalLM implements CausalLM {
  readonly vocabSize: number;
  readonly maxPositions: number;
  readonly provider: string;
  /** transformers.js runs onnxruntime-node, whose `session.run` computes on the calling thread. */
  readonly forwardOnThisThread = true;

  private readonly hf: HfModule;

  /** `hf`: the `@huggingface/transformers` module; `model`: a model it loaded. */
  constructor(
    hf: object,
    readonly model: TransformersJsModel,
    readonly config: CausalLMConfig,
    readonly layout: DecoderLayout,
    device: string,
  ) {
    this.hf = hf as HfModule;
    this.vocabSize = config.vocabSize;
    this.maxPositions = config.maxPositions;
    this.provider = `transformers.js:${device}`;
  }

  /** Next-token logits with the key/value cache, through the transformers.js model's `forward`. */
  async forward(
    inputIds: readonly (readonly number[])[],
    past: KVCache | null,
    options: ForwardOptions = {},
  ): Promise<ForwardResult> {
    const op = 'TransformersCausalLM.forward';
    const [B, T] = checkForwardInputs(op, this, inputIds, past);
    const { numLayers: L, numHeads: H, headDim: Dh } = this.layout;
    const P = past ? past.seqLength : 0;
    if (past && P > 0 && (past.numHeads !== H || past.headDim !== Dh || past.key.length !== L))
      throw new ValueError(
        op,
        `past has ${past.key.length} layers × [${past.numHeads} heads, ${past.headDim}]; expected ${L} layers × [${H}, ${Dh}]`,
      );
    const { Tensor } = this.hf;
    const ids = new BigInt64Array(B * T);
    const pos = new BigInt64Array(B * T);
    for (let b = 0; b < B; b++)
      for (let t = 0; t < T; t++) {
        ids[b * T + t] = BigInt(inputIds[b]![t]!);
        pos[b * T + t] = BigInt(P + t);
      }
    let pastKeyValues: Record<string, HfTensor> | null = null;
    if (P > 0) {
      pastKeyValues = {};
      for (let l = 0; l < L; l++) {
        pastKeyValues[`past_key_values.${l}.key`] = new Tensor('float32', plain(past!.key[l]!), [
          B,
          H,
          P,
          Dh,
        ]);
        pastKeyValues[`past_key_values.${l}.value`] = new Tensor('float32', plain(past!.value[l]!), [
          B,
          H,
          P,
          Dh,
        ]);
      }
    }
    const out = (await this.model.forward({
      input_ids: new Tensor('int64', ids, [B, T]),
      attention_mask: new Tensor('int64', new BigInt64Array(B * (P + T)).fill(1n), [B, P + T]),
      position_ids: new Tensor('int64', pos, [B, T]),
      past_key_values: pastKeyValues,
    })) as Record<string, HfTensor>;
    const dims = { B, T, P, V: this.vocabSize, L, H, Dh };
    return decoderForwardResult(op, '', (name) => out[name]!.data, dims, options.allLogits);
  }

  reorderCache(cache: KVCache, beamIndices: readonly number[]): KVCache {
    return reorderKVCache(cache, beamIndices);
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
