/**
 * GPT-2 → ONNX: the decoder with past key values in the Hugging Face / Optimum layout (the
 * `CausalLM` contract of `model.ts`), built node by node with standard `ai.onnx` operators and
 * the weights stored as initializers.
 *
 *   inputs   input_ids [B, T] int64, attention_mask [B, P+T] int64, position_ids [B, T] int64,
 *            past_key_values.{l}.key / .value [B, H, P, D] float32
 *   outputs  logits [B, T, V], present.{l}.key / .value [B, H, P+T, D] float32
 *
 * The graph is the forward pass of `gpt2/model.ts` (UDL chapter 12, GPT-2's pre-LN blocks):
 *
 *   x      = Gather(wte, input_ids) + Gather(wpe, position_ids)
 *   mask   = (Range(0, P+T) ≤ Range(P, P+T)ᵀ) ∧ attention_mask   [B, 1, T, P+T]  (causal, eq. 12.10)
 *   per block l:
 *     q,k,v = Split(LayerNorm(x)·W_attn + b)  → heads [B, H, T, D] (Reshape + Transpose)
 *     K, V  = Concat(past K, k), Concat(past V, v)                → present.{l}.*
 *     A     = Softmax(Where(mask, q·Kᵀ/√D, -3.4e38))               (eqs. 12.4–12.7)
 *     x    += (A·V merged back to [B, T, HD])·W_proj + b
 *     x    += gelu_new(LayerNorm(x)·W_fc + b)·W_mlp + b           (tanh GELU, decomposed)
 *   logits = LayerNorm(x)·Transpose(wte)                           (tied LM head)
 *
 * LayerNorm is ONNX `LayerNormalization` (opset ≥ 17) or, for older opsets, decomposed into
 * ReduceMean/Sub/Mul/Sqrt/Div.
 */
import { ValueError } from '@gradkit/core';
import type { Gpt2Config } from '../gpt2/config.js';
import type { Gpt2Weights } from '../gpt2/model.js';
import { GraphBuilder } from './graph.js';
import { DataType } from './schema.js';

/** Options of the GPT-2 ONNX export. */
export interface Gpt2OnnxOptions {
  /** ONNX opset of the default domain (default 17, the first with `LayerNormalization`; at least 14). */
  opset?: number;
}

/** The symbolic dimension names of the exported graph (those Optimum uses). */
export const ONNX_DIMS = {
  batch: 'batch_size',
  seq: 'sequence_length',
  past: 'past_sequence_length',
  total: 'past_sequence_length + sequence_length',
} as const;

/**
 * Encode a GPT-2 (config + weights, e.g. from `loadGpt2(dir)`) as an ONNX decoder with past key
 * values. Returns the bytes of the `.onnx` file.
 *
 * @example
 *   const model = loadGpt2('tests/fixtures/tiny-gpt2');
 *   const bytes = gpt2ToOnnx(model.config, model.weights);   // Uint8Array ModelProto
 */
export function gpt2ToOnnx(
  config: Gpt2Config,
  weights: Gpt2Weights,
  options: Gpt2OnnxOptions = {},
): Uint8Array {
  const op = 'gpt2ToOnnx';
  const opset = options.opset ?? 17;
  if (!Number.isInteger(opset) || opset < 14 || opset > 21)
    throw new ValueError(op, `options.opset must be an integer in [14, 21], received ${opset}`);
  const { hiddenSize: d, numHeads: H, numLayers: L, vocabSize: V, innerSize, layerNormEpsilon: eps } = config;
  const Dh = d / H;
  const { batch, seq, past, total } = ONNX_DIMS;
  const g = new GraphBuilder('gpt2_decoder_with_past');

  // ---- inputs ----
  const inputIds = g.input('input_ids', DataType.INT64, [batch, seq]);
  const attentionMask = g.input('attention_mask', DataType.INT64, [batch, total]);
  const positionIds = g.input('position_ids', DataType.INT64, [batch, seq]);
  const pastNames: [string, string][] = [];
  for (let l = 0; l < L; l++)
    pastNames.push([
      g.input(`past_key_values.${l}.key`, DataType.FLOAT, [batch, H, past, Dh]),
      g.input(`past_key_values.${l}.value`, DataType.FLOAT, [batch, H, past, Dh]),
    ]);

  // ---- constants ----
  const wte = g.float32('wte.weight', weights.wte, [V, d]);
  const wpe = g.float32('wpe.weight', weights.wpe, [config.maxPositions, d]);
  const zero = g.int64('zero', [0], []);
  const one = g.int64('one', [1], []);
  const axis1 = g.int64('axes_1', [1]);
  const axes12 = g.int64('axes_1_2', [1, 2]);
  const splitSizes = g.int64('split_qkv', [d, d, d]);
  const headShape = g.int64('shape_heads', [0, 0, H, Dh]);
  const mergeShape = g.int64('shape_merge', [0, 0, d]);
  const scale = g.scalar('attn_scale', 1 / Math.sqrt(Dh));
  const minValue = g.scalar('mask_min', -3.4028234663852886e38);
  const half = g.scalar('half', 0.5);
  const oneF = g.scalar('one_f', 1);

  // ---- embeddings ----
  const tok = g.op1('Gather', [wte, inputIds], { axis: 0 }, 'tok_emb');
  const pos = g.op1('Gather', [wpe, positionIds], { axis: 0 }, 'pos_emb');
  let x = g.op1('Add', [tok, pos], {}, 'embed');

  // ---- causal + padding mask [B, 1, T, P+T] (true = attend) ----
  const T = g.op1('Gather', [g.op1('Shape', [inputIds]), one], { axis: 0 }, 'T');
  const S = g.op1('Gather', [g.op1('Shape', [attentionMask]), one], { axis: 0 }, 'S');
  const P = g.op1('Sub', [S, T], {}, 'P');
  const queryPos = g.op1('Range', [P, S, one], {}, 'query_pos'); // [T]
  const keyPos = g.op1('Range', [zero, S, one], {}, 'key_pos'); // [S]
  const causal = g.op1('LessOrEqual', [keyPos, g.op1('Unsqueeze', [queryPos, axis1])], {}, 'causal'); // [T, S]
  const padding = g.op1(
    'Unsqueeze',
    [g.op1('Cast', [attentionMask], { to: DataType.BOOL }), axes12],
    {},
    'padding',
  ); // [B,1,1,S]
  const allowed = g.op1('And', [causal, padding], {}, 'allowed'); // [B, 1, T, S]

  const layerNorm = (input: string, w: Float32Array, b: Float32Array, name: string): string => {
    const wi = g.float32(`${name}.weight`, w, [d]);
    const bi = g.float32(`${name}.bias`, b, [d]);
    if (opset >= 17)
      return g.op1('LayerNormalization', [input, wi, bi], { axis: -1, epsilon: { f: eps } }, name);
    const mean = g.op1('ReduceMean', [input], { axes: [-1], keepdims: 1 }, `${name}_mean`);
    const centred = g.op1('Sub', [input, mean], {}, `${name}_centred`);
    const variance = g.op1(
      'ReduceMean',
      [g.op1('Mul', [centred, centred])],
      { axes: [-1], keepdims: 1 },
      `${name}_var`,
    );
    const std = g.op1('Sqrt', [g.op1('Add', [variance, g.scalar(`${name}_eps`, eps)])], {}, `${name}_std`);
    return g.op1('Add', [g.op1('Mul', [g.op1('Div', [centred, std]), wi]), bi], {}, name);
  };
  const linear = (
    input: string,
    w: Float32Array,
    b: Float32Array,
    inDim: number,
    outDim: number,
    name: string,
  ): string =>
    g.op1(
      'Add',
      [
        g.op1('MatMul', [input, g.float32(`${name}.weight`, w, [inDim, outDim])]),
        g.float32(`${name}.bias`, b, [outDim]),
      ],
      {},
      name,
    );
  const activation = (input: string, name: string): string => {
    if (config.activation === 'relu') return g.op1('Relu', [input], {}, name);
    if (config.activation === 'gelu') {
      const erf = g.op1('Erf', [g.op1('Mul', [input, g.scalar(`${name}_inv_sqrt2`, Math.SQRT1_2)])]);
      return g.op1('Mul', [g.op1('Mul', [input, half]), g.op1('Add', [erf, oneF])], {}, name);
    }
    // gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    const cube = g.op1('Mul', [g.op1('Mul', [input, input]), input], {}, `${name}_cube`);
    const inner = g.op1('Add', [input, g.op1('Mul', [cube, g.scalar(`${name}_c`, 0.044715)])]);
    const t = g.op1(
      'Tanh',
      [g.op1('Mul', [inner, g.scalar(`${name}_k`, Math.sqrt(2 / Math.PI))])],
      {},
      `${name}_tanh`,
    );
    return g.op1('Mul', [g.op1('Mul', [input, half]), g.op1('Add', [t, oneF])], {}, name);
  };
  const toHeads = (v: string, name: string): string =>
    g.op1('Transpose', [g.op1('Reshape', [v, headShape])], { perm: [0, 2, 1, 3] }, name);

  // ---- blocks ----
  for (let l = 0; l < L; l++) {
    const w = weights.blocks[l]!;
    const p = `h.${l}`;
    const h = layerNorm(x, w.ln1Weight, w.ln1Bias, `${p}.ln_1`);
    const qkv = linear(h, w.attnWeight, w.attnBias, d, 3 * d, `${p}.attn.c_attn`);
    const [q, k, v] = g.op('Split', [qkv, splitSizes], { axis: 2 }, 3, `${p}.attn.qkv`) as [
      string,
      string,
      string,
    ];
    const qh = toHeads(q, `${p}.attn.q`);
    const key = g.op('Concat', [pastNames[l]![0], toHeads(k, `${p}.attn.k`)], { axis: 2 }, [
      `present.${l}.key`,
    ])[0]!;
    const value = g.op('Concat', [pastNames[l]![1], toHeads(v, `${p}.attn.v`)], { axis: 2 }, [
      `present.${l}.value`,
    ])[0]!;
    g.output(key, `present.${l}.key`, DataType.FLOAT, [batch, H, total, Dh]);
    g.output(value, `present.${l}.value`, DataType.FLOAT, [batch, H, total, Dh]);
    const kT = g.op1('Transpose', [key], { perm: [0, 1, 3, 2] }, `${p}.attn.keyT`);
    const scores = g.op1('Mul', [g.op1('MatMul', [qh, kT]), scale], {}, `${p}.attn.scores`);
    const masked = g.op1('Where', [allowed, scores, minValue], {}, `${p}.attn.masked`);
    const probs = g.op1('Softmax', [masked], { axis: -1 }, `${p}.attn.probs`);
    const ctx = g.op1('MatMul', [probs, value], {}, `${p}.attn.ctx`);
    const merged = g.op1(
      'Reshape',
      [g.op1('Transpose', [ctx], { perm: [0, 2, 1, 3] }), mergeShape],
      {},
      `${p}.attn.merged`,
    );
    const attnOut = linear(merged, w.attnProjWeight, w.attnProjBias, d, d, `${p}.attn.c_proj`);
    x = g.op1('Add', [x, attnOut], {}, `${p}.residual_attn`);
    const h2 = layerNorm(x, w.ln2Weight, w.ln2Bias, `${p}.ln_2`);
    const fc = activation(linear(h2, w.fcWeight, w.fcBias, d, innerSize, `${p}.mlp.c_fc`), `${p}.mlp.act`);
    const mlpOut = linear(fc, w.mlpProjWeight, w.mlpProjBias, innerSize, d, `${p}.mlp.c_proj`);
    x = g.op1('Add', [x, mlpOut], {}, `${p}.residual_mlp`);
  }

  // ---- head ----
  const xf = layerNorm(x, weights.lnfWeight, weights.lnfBias, 'ln_f');
  const head = weights.lmHead === weights.wte ? wte : g.float32('lm_head.weight', weights.lmHead, [V, d]);
  const logits = g.op('MatMul', [xf, g.op1('Transpose', [head], { perm: [1, 0] }, 'lm_head_T')], {}, [
    'logits',
  ])[0]!;
  g.output(logits, 'logits', DataType.FLOAT, [batch, seq, V]);

  return g.encode({
    opset,
    docString: `GPT-2 decoder with past key values (Hugging Face / Optimum layout): ${L} layers, ${H} heads, d=${d}, vocab ${V}`,
  });
}
