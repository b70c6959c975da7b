/**
 * The model interface every backend implements, and the key/value cache it passes around.
 *
 * A `CausalLM` maps a batch of token sequences to next-token logits (GPT-2's "language-model
 * head"), optionally continuing from a key/value cache of the tokens seen before, so decoding
 * strategies feed only the new token at each step instead of re-running the whole prefix.
 *
 * ## The contract (all backends)
 * - `forward(inputIds, past)`: `inputIds` is a batch of `B` sequences of equal length `T`
 *   (no padding). When `past` is given, its `batch` must be `B` and the new tokens sit at
 *   positions `past.seqLength, ..., past.seqLength + T - 1` (GPT-2's `position_ids`); every token
 *   attends to all cached tokens and to the new tokens up to itself (causal mask, attention
 *   mask all ones). `past = null` (or a cache with `seqLength` 0) starts from position 0.
 * - Returns `logits` for the LAST position of each sequence, `[B, vocabSize]` row-major float32,
 *   `allLogits` `[B, T, vocabSize]` when `options.allLogits` is set, and `present`: the cache
 *   extended with the `T` new tokens (`seqLength = past.seqLength + T`). `past` is never
 *   modified, so a strategy can keep using it (beam search branches from it). The returned
 *   arrays are the caller's: a backend does not write them again (`generate` reads a step's
 *   logits while the next step runs, and may keep them until it returns).
 * - `reorderCache(cache, beamIndices)`: a new cache whose row `i` is row `beamIndices[i]` of
 *   `cache` (Hugging Face's `_reorder_cache`); the number of rows may change (1 prompt row
 *   → `n` beams).
 * - `forward` is async so that ONNX Runtime / transformers.js backends can run without blocking
 *   the event loop; the TypeScript backend resolves immediately.
 *
 * ## Cache layout (Hugging Face's `past_key_values`)
 * Per layer `l`, `key[l]` and `value[l]` are row-major float32 `[batch, numHeads, seqLength, headDim]`.
 * An ONNX Runtime backend on a Hugging Face / Optimum decoder (`decoder_model_merged.onnx` or
 * `decoder_with_past_model.onnx`) maps it one to one: inputs `input_ids [B, T]` (int64),
 * `attention_mask [B, past + T]` (ones), `position_ids [B, T]` (`past.seqLength + t`),
 * `past_key_values.{l}.key` / `past_key_values.{l}.value` `[B, numHeads, past, headDim]`
 * (a zero-length past `[B, numHeads, 0, headDim]` on the first step) → outputs
 * `logits [B, T, vocab]`, `present.{l}.key` / `present.{l}.value` `[B, numHeads, past + T, headDim]`.
 */
import { ValueError } from '@gradkit/core';

/** A model's hyper-parameters, in the names of Hugging Face's `GPT2Config` (`config.json`). */
export interface CausalLMConfig {
  /** `model_type` from config.json, e.g. `'gpt2'`. */
  modelType: string;
  /** Number of token ids (`vocab_size`). */
  vocabSize: number;
  /** Longest sequence the model accepts (`n_positions` / `max_position_embeddings`). */
  maxPositions: number;
  /** Width of the residual stream (`n_embd` / `hidden_size`). */
  hiddenSize: number;
  /** Number of transformer blocks (`n_layer`). */
  numLayers: number;
  /** Number of attention heads (`n_head`). */
  numHeads: number;
  /** End-of-sequence token id, or `null`. */
  eosTokenId: number | null;
  /** Beginning-of-sequence token id, or `null`. */
  bosTokenId: number | null;
}

/**
 * Key/value cache (Hugging Face's `past_key_values`): for each layer a key and a value tensor,
 * row-major float32 `[batch, numHeads, seqLength, headDim]`.
 */
export interface KVCache {
  readonly batch: number;
  readonly numHeads: number;
  readonly headDim: number;
  /** Number of cached positions. */
  readonly seqLength: number;
  /** `key[l]`: `[batch, numHeads, seqLength, headDim]` for layer `l`. */
  readonly key: readonly Float32Array[];
  /** `value[l]`: `[batch, numHeads, seqLength, headDim]` for layer `l`. */
  readonly value: readonly Float32Array[];
}

/** Options of `CausalLM.forward`. */
export interface ForwardOptions {
  /** Also return the logits of every position, `[B, T, vocab]` (default `false`). */
  allLogits?: boolean;
}

/** What `CausalLM.forward` returns. */
export interface ForwardResult {
  /** Next-token logits after the last input token of each row: `[B, vocabSize]` row-major. */
  logits: Float32Array;
  /** Logits at every input position, `[B, T, vocabSize]`, when `options.allLogits` is set. */
  allLogits?: Float32Array;
  /** The cache extended with the new tokens (`seqLength = past.seqLength + T`). */
  present: KVCache;
}

/**
 * A causal language model behind any backend (TypeScript, ONNX Runtime, transformers.js).
 * See the module comment for the exact contract and the cache layout.
 *
 * @example
 *   const model = await loadGpt2('models/tiny-gpt2-shakespeare');   // from '@gradkit/transformers/node'
 *   let { logits, present } = await model.forward([[464, 1266]], null);
 *   ({ logits, present } = await model.forward([[1517]], present)); // only the new token
 */
export interface CausalLM {
  readonly config: CausalLMConfig;
  readonly vocabSize: number;
  /** Longest total sequence (prompt + generated) the model accepts. */
  readonly maxPositions: number;
  /** Which backend (and, for ONNX Runtime, which execution provider) runs the model, e.g. `'ts'`. */
  readonly provider: string;
  /**
   * Whether `forward` computes on the JavaScript thread that awaits it: the `ts` backend, the
   * `ort` backend without its worker (onnxruntime-node's `session.run` executes the graph on the
   * calling thread), transformers.js. `generate` then puts off the work nothing waits for (the
   * log-probabilities when no `onToken` reads them) and does it in batches, so that one step
   * follows another without a pause. Absent or `false` (a worker thread, a GPU): that work runs
   * between the steps, while the next one computes elsewhere.
   */
  readonly forwardOnThisThread?: boolean;
  forward(
    inputIds: readonly (readonly number[])[],
    past: KVCache | null,
    options?: ForwardOptions,
  ): Promise<ForwardResult>;
  reorderCache(cache: KVCache, beamIndices: readonly number[]): KVCache;
  dispose(): void | Promise<void>;
}

/**
 * Check a `forward` call against the contract: equal-length rows of integer ids in
 * `[0, vocabSize)`, a cache of the same batch, and `past + T <= maxPositions`. Returns `[B, T]`.
 */
export function checkForwardInputs(
  op: string,
  model: Pick<CausalLM, 'vocabSize' | 'maxPositions'>,
  inputIds: readonly (readonly number[])[],
  past: KVCache | null,
): [number, number] {
  if (!Array.isArray(inputIds) || inputIds.length === 0)
    throw new ValueError(
      op,
      `inputIds must be a non-empty array of token-id rows, received ${inputIds?.length ?? inputIds}`,
    );
  const B = inputIds.length;
  const T = inputIds[0]!.length;
  if (T === 0) throw new ValueError(op, `inputIds rows must hold at least one token, received an empty row`);
  for (let b = 0; b < B; b++) {
    const row = inputIds[b]!;
    if (row.length !== T)
      throw new ValueError(
        op,
        `inputIds rows must have equal lengths: row 0 has ${T} tokens, row ${b} has ${row.length}`,
      );
    for (let t = 0; t < T; t++) {
      const id = row[t]!;
      if (!Number.isInteger(id) || id < 0 || id >= model.vocabSize)
        throw new ValueError(
          op,
          `inputIds[${b}][${t}] = ${id} is not a token id; expected an integer in [0, ${model.vocabSize})`,
        );
    }
  }
  const P = past ? past.seqLength : 0;
  if (past && past.seqLength > 0 && past.batch !== B)
    throw new ValueError(
      op,
      `past has batch ${past.batch} but inputIds has ${B} rows; reorder the cache first`,
    );
  if (P + T > model.maxPositions)
    throw new ValueError(
      op,
      `sequence too long: ${P} cached + ${T} new tokens = ${P + T} positions, the model's context is ${model.maxPositions}`,
    );
  return [B, T];
}

/**
 * Gather cache rows: row `i` of the result is row `beamIndices[i]` of `cache` (Hugging Face's
 * `_reorder_cache`), for caches in the `[batch, numHeads, seqLength, headDim]` layout.
 */
export function reorderKVCache(cache: KVCache, beamIndices: readonly number[]): KVCache {
  const op = 'reorderCache';
  const rowSize = cache.numHeads * cache.seqLength * cache.headDim;
  for (const [i, r] of beamIndices.entries())
    if (!Number.isInteger(r) || r < 0 || r >= cache.batch)
      throw new ValueError(
        op,
        `beamIndices[${i}] = ${r} is not a cache row; expected an integer in [0, ${cache.batch})`,
      );
  const gather = (src: Float32Array): Float32Array => {
    const out = new Float32Array(beamIndices.length * rowSize);
    beamIndices.forEach((r, i) => out.set(src.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize));
    return out;
  };
  return { ...cache, batch: beamIndices.length, key: cache.key.map(gather), value: cache.value.map(gather) };
}

/**
 * A decoder's outputs in the Hugging Face / Optimum layout (`logits [B, T, V]`,
 * `present.{l}.key|value [B, H, P + T, Dh]`) turned into a `ForwardResult`: the last position's
 * logits of each row (a one-token step's `[B, 1, V]` is already `[B, V]`: no copy) and the
 * extended cache. Shared by the ONNX Runtime and transformers.js backends.
 *
 * @param op the calling function, for errors
 * @param where what produced the outputs (a file name), prefixed to errors; '' for none
 * @param output the output tensors' data by name
 * @example
 *   const r = decoderForwardResult('forward', 'model.onnx', name => out[name]?.data, dims, false);
 */
export function decoderForwardResult(
  op: string,
  where: string,
  output: (name: string) => unknown,
  dims: { B: number; T: number; P: number; V: number; L: number; H: number; Dh: number },
  allLogits: boolean | undefined,
): ForwardResult {
  const { B, T, P, V, L, H, Dh } = dims;
  const all = output('logits') as Float32Array;
  if (all.length !== B * T * V)
    throw new ValueError(
      op,
      `${where ? `${where}: ` : ''}logits has ${all.length} values; expected [${B}, ${T}, ${V}]`,
    );
  let logits = all;
  if (T > 1) {
    logits = new Float32Array(B * V);
    for (let b = 0; b < B; b++) logits.set(all.subarray((b * T + T - 1) * V, (b * T + T) * V), b * V);
  }
  const key: Float32Array[] = [];
  const value: Float32Array[] = [];
  for (let l = 0; l < L; l++) {
    key.push(output(`present.${l}.key`) as Float32Array);
    value.push(output(`present.${l}.value`) as Float32Array);
  }
  const present: KVCache = { batch: B, numHeads: H, headDim: Dh, seqLength: P + T, key, value };
  return allLogits ? { logits, allLogits: all, present } : { logits, present };
}
