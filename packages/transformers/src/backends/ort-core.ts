/**
 * The browser-safe part of the ONNX Runtime backends (`ort` on onnxruntime-node, `ort-web` on
 * onnxruntime-web): the decoder contract, its validation at load, and `OrtCausalLM`, which turns a
 * `CausalLM.forward` call into the contract's feeds and the session's outputs back into logits and
 * a `KVCache`. The session itself sits behind a `SessionRunner` (a worker thread or this thread in
 * Node, see `ort-runner.ts`; an onnxruntime-web session in browsers, see `ort-web.ts`).
 *
 * The contract (Hugging Face / Optimum decoder with past):
 *
 *   input_ids [B, T] int64, attention_mask [B, P+T] int64, position_ids [B, T] int64 (optional),
 *   past_key_values.{l}.key / .value [B, H, P, D] float32, use_cache_branch [1] bool (merged decoders only)
 *   → logits [B, T, V], present.{l}.key / .value [B, H, P+T, D]
 *
 * The first step feeds a zero-length past `[B, H, 0, D]`.
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import { parseGpt2Config } from '../gpt2/config.js';
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

/** An input tensor for a runner: element type, data and shape. */
export interface RunnerTensor {
  type: 'int64' | 'float32' | 'bool';
  data: BigInt64Array | Float32Array | boolean[];
  dims: number[];
}

/** An output of a run: float32 data and shape. */
export interface RunnerOutput {
  data: Float32Array;
  dims: readonly number[];
}

/** A started session: metadata, `run`, `release`. */
export interface SessionRunner {
  readonly inputMetadata: readonly OnnxValueInfo[];
  readonly outputMetadata: readonly OnnxValueInfo[];
  /** Which execution provider it runs on. */
  readonly provider: string;
  /** Failures of the providers tried before `provider`. */
  readonly failures: { provider: string; reason: string }[];
  /** Whether `run` computes on the calling JavaScript thread (see `CausalLM.forwardOnThisThread`). */
  readonly onThisThread: boolean;
  run(feeds: Record<string, RunnerTensor>): Promise<Record<string, RunnerOutput>>;
  release(): Promise<void>;
}
/** ONNX files looked for, in this order, when `loadOrtModel` is given a directory. */
export const ONNX_DECODER_FILES = [
  'onnx/decoder_model_merged.onnx',
  'onnx/model.onnx',
  'decoder_model_merged.onnx',
  'model.onnx',
  'onnx/decoder_with_past_model.onnx',
  'decoder_with_past_model.onnx',
] as const;

/**
 * Read the `CausalLMConfig` fields from a Hugging Face `config.json` object (GPT-2 names and the
 * generic `hidden_size`/`num_hidden_layers`/... names). `file` names the file in errors.
 */
export function causalConfigFromJson(json: unknown, file = 'config.json'): CausalLMConfig {
  const op = 'causalConfigFromJson';
  if (!json || typeof json !== 'object')
    throw new ValueError(op, `${file} must hold a JSON object, received ${show(json)}`);
  const c = json as Record<string, unknown>;
  if ((c.model_type ?? 'gpt2') === 'gpt2') {
    const g = parseGpt2Config(json, file);
    return {
      modelType: g.modelType,
      vocabSize: g.vocabSize,
      maxPositions: g.maxPositions,
      hiddenSize: g.hiddenSize,
      numLayers: g.numLayers,
      numHeads: g.numHeads,
      eosTokenId: g.eosTokenId,
      bosTokenId: g.bosTokenId,
    };
  }
  const int = (names: string[]): number => {
    for (const n of names) {
      const v = c[n];
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
    }
    throw new ValueError(
      op,
      `${file}: missing or invalid "${names.join('" / "')}"; expected a positive integer`,
    );
  };
  const id = (n: string): number | null => (typeof c[n] === 'number' ? (c[n] as number) : null);
  return {
    modelType: String(c.model_type),
    vocabSize: int(['vocab_size']),
    maxPositions: int(['n_positions', 'max_position_embeddings', 'n_ctx']),
    hiddenSize: int(['n_embd', 'hidden_size', 'd_model']),
    numLayers: int(['n_layer', 'num_hidden_layers', 'num_layers']),
    numHeads: int(['num_key_value_heads', 'n_head', 'num_attention_heads', 'num_heads']),
    eosTokenId: id('eos_token_id'),
    bosTokenId: id('bos_token_id'),
  };
}

/** Minimal view of a session's input/output metadata (onnxruntime-common `ValueMetadata`). */
export interface OnnxValueInfo {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: readonly (number | string)[];
}

/** The cache geometry found in a validated decoder. */
export interface DecoderLayout {
  numLayers: number;
  numHeads: number;
  headDim: number;
  hasAttentionMask: boolean;
  hasPositionIds: boolean;
  hasUseCacheBranch: boolean;
}

/**
 * Check a decoder's inputs and outputs against the Hugging Face / Optimum contract and the
 * config. Throws a `ValueError` listing every problem (missing or unexpected names, wrong element
 * types, ranks or sizes); returns the layout otherwise.
 *
 * @example
 *   validateDecoder(session.inputMetadata, session.outputMetadata, config, 'model.onnx');
 */
export function validateDecoder(
  inputs: readonly OnnxValueInfo[],
  outputs: readonly OnnxValueInfo[],
  config: CausalLMConfig,
  file = 'model.onnx',
  op = 'loadOrtModel',
): DecoderLayout {
  const problems: string[] = [];
  const L = config.numLayers;
  const H = config.numHeads;
  const Dh = config.hiddenSize / config.numHeads;
  const byName = (list: readonly OnnxValueInfo[]) => new Map(list.map((v) => [v.name, v]));
  const ins = byName(inputs);
  const outs = byName(outputs);
  const fmt = (shape?: readonly (number | string)[]) =>
    `[${(shape ?? []).map((d) => (typeof d === 'number' ? d : JSON.stringify(d))).join(', ')}]`;
  const check = (
    kind: 'input' | 'output',
    v: OnnxValueInfo | undefined,
    name: string,
    type: string,
    rank: number,
    fixed: Record<number, number> = {},
  ): void => {
    if (!v) {
      problems.push(`${kind} "${name}" is missing`);
      return;
    }
    if (!v.isTensor || v.type !== type)
      problems.push(`${kind} "${name}" has type ${v.isTensor ? v.type : 'non-tensor'}; expected ${type}`);
    const shape = v.shape ?? [];
    if (shape.length !== rank) {
      problems.push(`${kind} "${name}" has shape ${fmt(shape)}; expected rank ${rank}`);
      return;
    }
    for (const [axis, size] of Object.entries(fixed)) {
      const d = shape[Number(axis)];
      if (typeof d === 'number' && d !== size)
        problems.push(
          `${kind} "${name}" has size ${d} on axis ${axis} (shape ${fmt(shape)}); expected ${size} from config.json`,
        );
    }
  };
  check('input', ins.get('input_ids'), 'input_ids', 'int64', 2);
  const hasAttentionMask = ins.has('attention_mask');
  if (hasAttentionMask) check('input', ins.get('attention_mask'), 'attention_mask', 'int64', 2);
  const hasPositionIds = ins.has('position_ids');
  if (hasPositionIds) check('input', ins.get('position_ids'), 'position_ids', 'int64', 2);
  const hasUseCacheBranch = ins.has('use_cache_branch');
  if (hasUseCacheBranch) check('input', ins.get('use_cache_branch'), 'use_cache_branch', 'bool', 1);
  check('output', outs.get('logits'), 'logits', 'float32', 3, { 2: config.vocabSize });
  for (let l = 0; l < L; l++)
    for (const kv of ['key', 'value']) {
      check('input', ins.get(`past_key_values.${l}.${kv}`), `past_key_values.${l}.${kv}`, 'float32', 4, {
        1: H,
        3: Dh,
      });
      check('output', outs.get(`present.${l}.${kv}`), `present.${l}.${kv}`, 'float32', 4, { 1: H, 3: Dh });
    }
  const known = new Set(['input_ids', 'attention_mask', 'position_ids', 'use_cache_branch']);
  for (const v of inputs) {
    const m = /^past_key_values\.(\d+)\.(key|value)$/.exec(v.name);
    if (m ? Number(m[1]) >= L : !known.has(v.name))
      problems.push(
        `input "${v.name}" is not part of the contract${m ? ` (config.json has n_layer ${L})` : ''}`,
      );
  }
  if (problems.length > 0)
    throw new ValueError(
      op,
      `${file} does not match the decoder-with-past contract (input_ids, attention_mask, position_ids, past_key_values.{0..${L - 1}}.key/value [batch, ${H}, past, ${Dh}] → logits [batch, seq, ${config.vocabSize}], present.{l}.key/value): ${problems.join('; ')}`,
    );
  return { numLayers: L, numHeads: H, headDim: Dh, hasAttentionMask, hasPositionIds, hasUseCacheBranch };
}

/** Which provider runs, and why each earlier one in the list was skipped. */
export interface ProviderReport {
  /** The execution provider the session runs on. */
  provider: string;
  /** Providers tried before it, with the reason each was skipped. */
  skipped: { provider: string; reason: string }[];
  /** One line: `running on cpu (skipped cuda: ...; webgpu: ...)`. */
  message: string;
}

/**
 * A `CausalLM` on an ONNX Runtime session: onnxruntime-node (create it with `loadOrtModel`,
 * `provider` `'ort:cpu'`, `'ort:cuda'`, ...) or onnxruntime-web in a browser (`loadOrtWebModel`,
 * `provider` `'ort-web:webgpu'` or `'ort-web:wasm'`).
 */
export class OrtCausalLM implements CausalLM {
  readonly vocabSize: number;
  readonly maxPositions: number;
  readonly provider: string;
  readonly forwardOnThisThread: boolean;

  constructor(
    readonly runner: SessionRunner,
    readonly config: CausalLMConfig,
    readonly layout: DecoderLayout,
    readonly providerReport: ProviderReport,
    readonly file: string,
    runtime: 'ort' | 'ort-web' = 'ort',
  ) {
    this.vocabSize = config.vocabSize;
    this.maxPositions = config.maxPositions;
    this.provider = `${runtime}:${providerReport.provider}`;
    this.forwardOnThisThread = runner.onThisThread;
  }

  /** Next-token logits with the key/value cache (see `CausalLM.forward`); the session runs in the runner (a worker thread, this thread, or onnxruntime-web). */
  async forward(
    inputIds: readonly (readonly number[])[],
    past: KVCache | null,
    options: ForwardOptions = {},
  ): Promise<ForwardResult> {
    const op = 'OrtCausalLM.forward';
    const [B, T] = checkForwardInputs(op, this, inputIds, past);
    const { numLayers: L, numHeads: H, headDim: Dh } = this.layout;
    const P = past ? past.seqLength : 0;
    if (
      past &&
      P > 0 &&
      (past.numHeads !== H || past.headDim !== Dh || past.key.length !== L || past.value.length !== L)
    )
      throw new ValueError(
        op,
        `past has ${past.key.length} layers × [${past.numHeads} heads, ${past.headDim}]; expected ${L} layers × [${H}, ${Dh}]`,
      );
    const ids = new BigInt64Array(B * T);
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) ids[b * T + t] = BigInt(inputIds[b]![t]!);
    const feeds: Record<string, RunnerTensor> = { input_ids: { type: 'int64', data: ids, dims: [B, T] } };
    if (this.layout.hasAttentionMask)
      feeds.attention_mask = {
        type: 'int64',
        data: new BigInt64Array(B * (P + T)).fill(1n),
        dims: [B, P + T],
      };
    if (this.layout.hasPositionIds) {
      const pos = new BigInt64Array(B * T);
      for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) pos[b * T + t] = BigInt(P + t);
      feeds.position_ids = { type: 'int64', data: pos, dims: [B, T] };
    }
    if (this.layout.hasUseCacheBranch) feeds.use_cache_branch = { type: 'bool', data: [P > 0], dims: [1] };
    const empty = new Float32Array(0);
    for (let l = 0; l < L; l++) {
      feeds[`past_key_values.${l}.key`] = {
        type: 'float32',
        data: P > 0 ? past!.key[l]! : empty,
        dims: [B, H, P, Dh],
      };
      feeds[`past_key_values.${l}.value`] = {
        type: 'float32',
        data: P > 0 ? past!.value[l]! : empty,
        dims: [B, H, P, Dh],
      };
    }
    const out = await this.runner.run(feeds);
    const dims = { B, T, P, V: this.vocabSize, L, H, Dh };
    return decoderForwardResult(op, this.file, (name) => out[name]!.data, dims, options.allLogits);
  }

  reorderCache(cache: KVCache, beamIndices: readonly number[]): KVCache {
    return reorderKVCache(cache, beamIndices);
  }

  async dispose(): Promise<void> {
    await this.runner.release();
  }
}
