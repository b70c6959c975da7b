/**
 * GPT-2's `config.json` (Hugging Face `GPT2Config`) parsed and checked.
 */
import { ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { CausalLMConfig } from '../model.js';

/** GPT-2 hyper-parameters (the `CausalLMConfig` fields plus GPT-2's own). */
export interface Gpt2Config extends CausalLMConfig {
  /** LayerNorm epsilon (`layer_norm_epsilon`, default 1e-5). */
  layerNormEpsilon: number;
  /** Width of the MLP (`n_inner`, default `4 * hiddenSize`). */
  innerSize: number;
  /** MLP activation (`activation_function`); `gelu_new` (tanh approximation) is GPT-2's. */
  activation: 'gelu_new' | 'gelu' | 'relu';
}

/**
 * Read a GPT-2 `config.json` object. `file` names the file in error messages.
 *
 * @example
 *   parseGpt2Config({ model_type: 'gpt2', vocab_size: 50257, n_positions: 1024, n_embd: 768, n_layer: 12, n_head: 12 });
 */
export function parseGpt2Config(json: unknown, file = 'config.json'): Gpt2Config {
  const op = 'parseGpt2Config';
  if (!json || typeof json !== 'object')
    throw new ValueError(op, `${file} must hold a JSON object, received ${show(json)}`);
  const c = json as Record<string, unknown>;
  const int = (names: string[], fallback?: number): number => {
    for (const n of names)
      if (c[n] !== undefined && c[n] !== null) {
        const v = c[n];
        if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
          throw new ValueError(op, `${file}: "${n}" must be a positive integer, received ${show(v)}`);
        return v;
      }
    if (fallback !== undefined) return fallback;
    throw new ValueError(
      op,
      `${file}: missing "${names.join('" / "')}"; expected a GPT-2 config with vocab_size, n_positions, n_embd, n_layer, n_head`,
    );
  };
  const modelType = typeof c.model_type === 'string' ? c.model_type : 'gpt2';
  if (modelType !== 'gpt2')
    throw new ValueError(
      op,
      `${file}: model_type is ${show(modelType)}; the TypeScript backend implements "gpt2"`,
    );
  const hiddenSize = int(['n_embd', 'hidden_size']);
  const numHeads = int(['n_head', 'num_attention_heads']);
  if (hiddenSize % numHeads !== 0)
    throw new ValueError(op, `${file}: n_embd ${hiddenSize} is not divisible by n_head ${numHeads}`);
  const act = (c.activation_function ?? 'gelu_new') as string;
  if (!['gelu_new', 'gelu', 'relu'].includes(act))
    throw new ValueError(
      op,
      `${file}: activation_function ${show(act)} is not supported; expected gelu_new, gelu or relu`,
    );
  const eps = c.layer_norm_epsilon ?? 1e-5;
  if (typeof eps !== 'number' || !(eps > 0))
    throw new ValueError(op, `${file}: layer_norm_epsilon must be a positive number, received ${show(eps)}`);
  const vocabSize = int(['vocab_size']);
  // A token id, when given, must name a row of the embedding (it indexes logits and wte).
  const optId = (n: string): number | null => {
    const v = c[n];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= vocabSize)
      throw new ValueError(
        op,
        `${file}: "${n}" must be a token id, an integer in [0, ${vocabSize}) (vocab_size), received ${show(v)}`,
      );
    return v;
  };
  return {
    modelType,
    vocabSize,
    maxPositions: int(['n_positions', 'max_position_embeddings']),
    hiddenSize,
    numLayers: int(['n_layer', 'num_hidden_layers']),
    numHeads,
    innerSize: int(['n_inner'], 4 * hiddenSize),
    layerNormEpsilon: eps,
    activation: act as Gpt2Config['activation'],
    eosTokenId: optId('eos_token_id'),
    bosTokenId: optId('bos_token_id'),
  };
}
