/**
 * GPT-2 forward pass in TypeScript (Radford et al. 2019; Hugging Face `GPT2LMHeadModel`), with a
 * key/value cache. UDL chapter 12 (transformers): self-attention (eqs. 12.4–12.7), multi-head
 * attention (12.10), the residual blocks with LayerNorm, and the decoder's causal mask (12.10
 * masked self-attention) — here in GPT-2's pre-LN arrangement:
 *
 *   x⁰ = wte[ids] + wpe[positions]
 *   a  = x + c_proj(MHA(ln_1(x)))               (causal, scale 1/√d_head)
 *   x' = a + mlp.c_proj(gelu_new(c_fc(ln_2(a))))
 *   logits = ln_f(x^L) · wteᵀ                    (the LM head is tied to the token embedding)
 *
 * Weights use GPT-2's `Conv1D` layout `[in, out]` (y = x·W + b). The kernels are tight
 * Float32Array loops (float64 accumulators), row-major throughout.
 */
import { erfScalar, ValueError } from '@gradkit/core';
import { gemm, matmulResidentNT, ResidentMatrix } from '@gradkit/core/kernels';
import {
  type CausalLM,
  checkForwardInputs,
  type ForwardOptions,
  type ForwardResult,
  type KVCache,
  reorderKVCache,
} from '../model.js';
import type { SafetensorsEntry } from '../safetensors.js';
import type { Gpt2Config } from './config.js';

/** The weights of one GPT-2 block (`h.{l}`), in `Conv1D` layout `[in, out]`. */
export interface Gpt2BlockWeights {
  ln1Weight: Float32Array;
  ln1Bias: Float32Array;
  /** `attn.c_attn.weight` `[d, 3d]` (q, k, v side by side) and bias `[3d]`. */
  attnWeight: Float32Array;
  attnBias: Float32Array;
  /** `attn.c_proj.weight` `[d, d]`. */
  attnProjWeight: Float32Array;
  attnProjBias: Float32Array;
  ln2Weight: Float32Array;
  ln2Bias: Float32Array;
  /** `mlp.c_fc.weight` `[d, inner]`. */
  fcWeight: Float32Array;
  fcBias: Float32Array;
  /** `mlp.c_proj.weight` `[inner, d]`. */
  mlpProjWeight: Float32Array;
  mlpProjBias: Float32Array;
}

/** All GPT-2 weights. */
export interface Gpt2Weights {
  /** `wte.weight` `[vocab, d]` (also the LM head). */
  wte: Float32Array;
  /** `wpe.weight` `[n_positions, d]`. */
  wpe: Float32Array;
  blocks: Gpt2BlockWeights[];
  lnfWeight: Float32Array;
  lnfBias: Float32Array;
  /** `lm_head.weight` `[vocab, d]` when it is not tied to `wte`. */
  lmHead: Float32Array;
}

/**
 * Collect GPT-2 weights from a safetensors map, accepting names with or without the
 * `transformer.` prefix, checking every shape. `file` names the file in errors.
 */
export function gpt2WeightsFromTensors(
  config: Gpt2Config,
  tensors: Map<string, SafetensorsEntry>,
  file = 'model.safetensors',
): Gpt2Weights {
  const op = 'loadGpt2';
  const d = config.hiddenSize;
  const get = (name: string, shape: number[]): Float32Array => {
    const t = tensors.get(`transformer.${name}`) ?? tensors.get(name);
    if (!t)
      throw new ValueError(
        op,
        `${file} has no tensor "${name}" (or "transformer.${name}"); expected a Hugging Face GPT-2 checkpoint`,
      );
    if (t.shape.length !== shape.length || t.shape.some((s, i) => s !== shape[i]))
      throw new ValueError(
        op,
        `${file}: tensor "${name}" has shape [${t.shape}]; expected [${shape}] from config.json`,
      );
    return t.data;
  };
  const blocks: Gpt2BlockWeights[] = [];
  for (let l = 0; l < config.numLayers; l++) {
    const p = `h.${l}.`;
    blocks.push({
      ln1Weight: get(`${p}ln_1.weight`, [d]),
      ln1Bias: get(`${p}ln_1.bias`, [d]),
      attnWeight: get(`${p}attn.c_attn.weight`, [d, 3 * d]),
      attnBias: get(`${p}attn.c_attn.bias`, [3 * d]),
      attnProjWeight: get(`${p}attn.c_proj.weight`, [d, d]),
      attnProjBias: get(`${p}attn.c_proj.bias`, [d]),
      ln2Weight: get(`${p}ln_2.weight`, [d]),
      ln2Bias: get(`${p}ln_2.bias`, [d]),
      fcWeight: get(`${p}mlp.c_fc.weight`, [d, config.innerSize]),
      fcBias: get(`${p}mlp.c_fc.bias`, [config.innerSize]),
      mlpProjWeight: get(`${p}mlp.c_proj.weight`, [config.innerSize, d]),
      mlpProjBias: get(`${p}mlp.c_proj.bias`, [d]),
    });
  }
  const wte = get('wte.weight', [config.vocabSize, d]);
  const head = tensors.get('lm_head.weight');
  if (head && (head.shape[0] !== config.vocabSize || head.shape[1] !== d))
    throw new ValueError(
      op,
      `${file}: tensor "lm_head.weight" has shape [${head.shape}]; expected [${config.vocabSize},${d}]`,
    );
  return {
    wte,
    wpe: get('wpe.weight', [config.maxPositions, d]),
    blocks,
    lnfWeight: get('ln_f.weight', [d]),
    lnfBias: get('ln_f.bias', [d]),
    lmHead: head ? head.data : wte,
  };
}

/** y[n, :] = x[n, :] · W + b for `x [N, inDim]`, `W [inDim, outDim]` (Conv1D). */
export function conv1d(
  x: Float32Array,
  N: number,
  inDim: number,
  W: Float32Array,
  b: Float32Array,
  outDim: number,
): Float32Array {
  const y = new Float32Array(N * outDim);
  const acc = new Float64Array(outDim);
  for (let n = 0; n < N; n++) {
    for (let j = 0; j < outDim; j++) acc[j] = b[j]!;
    const xo = n * inDim;
    for (let i = 0; i < inDim; i++) {
      const a = x[xo + i]!;
      if (a === 0) continue;
      const wo = i * outDim;
      for (let j = 0; j < outDim; j++) acc[j] += a * W[wo + j]!;
    }
    y.set(acc, n * outDim);
  }
  return y;
}

/** LayerNorm over the last axis (biased variance, eps inside the square root). */
export function layerNorm(
  x: Float32Array,
  N: number,
  d: number,
  w: Float32Array,
  b: Float32Array,
  eps: number,
): Float32Array {
  const y = new Float32Array(N * d);
  for (let n = 0; n < N; n++) {
    const o = n * d;
    let mean = 0;
    for (let i = 0; i < d; i++) mean += x[o + i]!;
    mean /= d;
    let v = 0;
    for (let i = 0; i < d; i++) {
      const c = x[o + i]! - mean;
      v += c * c;
    }
    const inv = 1 / Math.sqrt(v / d + eps);
    for (let i = 0; i < d; i++) y[o + i] = (x[o + i]! - mean) * inv * w[i]! + b[i]!;
  }
  return y;
}

/**
 * The LM head: `out[r, v] = x[r, :] · head[v, :]` for `x [R, d]`, `head [V, d]` (logits = h·Wᵀ).
 * Each row of `head` is read once for all `R` rows (batched rows share the memory traffic, the
 * reason a batch of beams is cheaper per row than one row at a time); dot products unrolled by 4.
 */
export function lmHead(x: Float32Array, R: number, d: number, head: Float32Array, V: number): Float32Array {
  const out = new Float32Array(R * V);
  const d4 = d - (d % 4);
  for (let v = 0; v < V; v++) {
    const wo = v * d;
    for (let r = 0; r < R; r++) {
      const xo = r * d;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let i = 0;
      for (; i < d4; i += 4) {
        a0 += x[xo + i]! * head[wo + i]!;
        a1 += x[xo + i + 1]! * head[wo + i + 1]!;
        a2 += x[xo + i + 2]! * head[wo + i + 2]!;
        a3 += x[xo + i + 3]! * head[wo + i + 3]!;
      }
      for (; i < d; i++) a0 += x[xo + i]! * head[wo + i]!;
      out[r * V + v] = a0 + a1 + a2 + a3;
    }
  }
  return out;
}

/**
 * The LM head on `@gradkit/core`'s GEMM kernel: `out = x · headᵀ` (`'NT'` layout, `x [R, d]`,
 * `head [V, d]`), WebAssembly SIMD
 * (register-blocked over rows, so R beams cost far less than R single rows) when the `wasm`
 * backend is available, the JavaScript kernel otherwise. Equal to `lmHead` up to float32
 * rounding (float32 accumulation on `wasm`). It copies `head` into the kernels' memory on every
 * call; `Gpt2Model` keeps its head there instead (`matmulResidentNT` of `@gradkit/core/kernels`).
 *
 * @example
 *   const logits = lmHeadGemm(h, 5, 64, wte, 50257); // [5, 50257]
 */
export function lmHeadGemm(
  x: Float32Array,
  R: number,
  d: number,
  head: Float32Array,
  V: number,
): Float32Array {
  const out = new Float32Array(R * V);
  gemm('NT', x, 0, head, 0, out, 0, R, d, V, false);
  return out;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** GPT-2's `gelu_new`: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function geluNew(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
}

/**
 * GPT-2 in TypeScript behind the `CausalLM` interface (the `ts` backend).
 *
 * @example
 *   const model = new Gpt2Model(config, weights);
 *   const { logits } = await model.forward([[464, 1266, 1517]], null); // [1, vocab]
 */
export class Gpt2Model implements CausalLM {
  readonly provider = 'ts';
  readonly forwardOnThisThread = true;
  readonly vocabSize: number;
  readonly maxPositions: number;
  /** Number of `forward` calls so far (benchmarks count forward passes). */
  forwardCalls = 0;
  /**
   * The LM head kept in the WebAssembly kernels' memory (made on the first forward pass, freed by
   * `dispose`): a decoding step multiplies one row by it, and copying the 12.9 MB of a 50257 × 64
   * head in for every step cost more than the product.
   */
  private head: ResidentMatrix | null = null;

  constructor(
    readonly config: Gpt2Config,
    readonly weights: Gpt2Weights,
  ) {
    this.vocabSize = config.vocabSize;
    this.maxPositions = config.maxPositions;
  }

  async forward(
    inputIds: readonly (readonly number[])[],
    past: KVCache | null,
    options: ForwardOptions = {},
  ): Promise<ForwardResult> {
    return this.forwardSync(inputIds, past, options);
  }

  /** The same as `forward`, synchronously (the TypeScript backend needs no worker). */
  forwardSync(
    inputIds: readonly (readonly number[])[],
    past: KVCache | null,
    options: ForwardOptions = {},
  ): ForwardResult {
    const [B, T] = checkForwardInputs('Gpt2Model.forward', this, inputIds, past);
    this.forwardCalls++;
    const cfg = this.config;
    const W = this.weights;
    const d = cfg.hiddenSize;
    const H = cfg.numHeads;
    const hd = d / H;
    const P = past ? past.seqLength : 0;
    const S = P + T;
    const N = B * T;
    const eps = cfg.layerNormEpsilon;
    // embeddings
    let x: Float32Array = new Float32Array(N * d);
    for (let b = 0; b < B; b++)
      for (let t = 0; t < T; t++) {
        const id = inputIds[b]![t]!;
        const o = (b * T + t) * d;
        const eo = id * d;
        const po = (P + t) * d;
        for (let i = 0; i < d; i++) x[o + i] = W.wte[eo + i]! + W.wpe[po + i]!;
      }
    const presentKey: Float32Array[] = [];
    const presentValue: Float32Array[] = [];
    const scale = 1 / Math.sqrt(hd);
    const scores = new Float64Array(S);
    for (let l = 0; l < cfg.numLayers; l++) {
      const blk = W.blocks[l]!;
      const h = layerNorm(x, N, d, blk.ln1Weight, blk.ln1Bias, eps);
      const qkv = conv1d(h, N, d, blk.attnWeight, blk.attnBias, 3 * d);
      // present = concat(past, new) along the sequence axis: [B, H, S, hd]
      const K = new Float32Array(B * H * S * hd);
      const V = new Float32Array(B * H * S * hd);
      for (let b = 0; b < B; b++)
        for (let hh = 0; hh < H; hh++) {
          const o = (b * H + hh) * S * hd;
          if (P > 0) {
            const po = (b * H + hh) * P * hd;
            K.set(past!.key[l]!.subarray(po, po + P * hd), o);
            V.set(past!.value[l]!.subarray(po, po + P * hd), o);
          }
          for (let t = 0; t < T; t++) {
            const src = (b * T + t) * 3 * d + hh * hd;
            const dst = o + (P + t) * hd;
            for (let i = 0; i < hd; i++) {
              K[dst + i] = qkv[src + d + i]!;
              V[dst + i] = qkv[src + 2 * d + i]!;
            }
          }
        }
      presentKey.push(K);
      presentValue.push(V);
      // causal attention: query at position P+t sees keys 0..P+t
      const attn = new Float32Array(N * d);
      for (let b = 0; b < B; b++)
        for (let hh = 0; hh < H; hh++) {
          const kvo = (b * H + hh) * S * hd;
          for (let t = 0; t < T; t++) {
            const qo = (b * T + t) * 3 * d + hh * hd;
            const last = P + t;
            let m = Number.NEGATIVE_INFINITY;
            for (let s = 0; s <= last; s++) {
              let dot = 0;
              const ko = kvo + s * hd;
              for (let i = 0; i < hd; i++) dot += qkv[qo + i]! * K[ko + i]!;
              const v = Math.fround(dot) * scale;
              scores[s] = v;
              if (v > m) m = v;
            }
            let z = 0;
            for (let s = 0; s <= last; s++) {
              const e = Math.exp(scores[s]! - m);
              scores[s] = e;
              z += e;
            }
            const ao = (b * T + t) * d + hh * hd;
            for (let i = 0; i < hd; i++) {
              let acc = 0;
              for (let s = 0; s <= last; s++) acc += scores[s]! * V[kvo + s * hd + i]!;
              attn[ao + i] = acc / z;
            }
          }
        }
      const proj = conv1d(attn, N, d, blk.attnProjWeight, blk.attnProjBias, d);
      for (let i = 0; i < N * d; i++) x[i] = x[i]! + proj[i]!;
      const h2 = layerNorm(x, N, d, blk.ln2Weight, blk.ln2Bias, eps);
      const f = conv1d(h2, N, d, blk.fcWeight, blk.fcBias, cfg.innerSize);
      const act = cfg.activation;
      for (let i = 0; i < f.length; i++) {
        const v = f[i]!;
        f[i] =
          act === 'gelu_new'
            ? geluNew(v)
            : act === 'relu'
              ? Math.max(0, v)
              : 0.5 * v * (1 + erfScalar(v / Math.SQRT2));
      }
      const m2 = conv1d(f, N, cfg.innerSize, blk.mlpProjWeight, blk.mlpProjBias, d);
      for (let i = 0; i < N * d; i++) x[i] = x[i]! + m2[i]!;
    }
    // final LayerNorm, only on the rows whose logits are wanted
    const V_ = cfg.vocabSize;
    const rows: number[] = [];
    for (let b = 0; b < B; b++) for (let t = options.allLogits ? 0 : T - 1; t < T; t++) rows.push(b * T + t);
    const sel = new Float32Array(rows.length * d);
    rows.forEach((r, i) => sel.set(x.subarray(r * d, (r + 1) * d), i * d));
    x = layerNorm(sel, rows.length, d, W.lnfWeight, W.lnfBias, eps);
    // logits = h · headᵀ on the resident head (a dot product per token, no packing, for few rows)
    this.head ??= new ResidentMatrix(W.lmHead, V_, d);
    const out = matmulResidentNT(x, rows.length, this.head);
    const present: KVCache = {
      batch: B,
      numHeads: H,
      headDim: hd,
      seqLength: S,
      key: presentKey,
      value: presentValue,
    };
    if (!options.allLogits) return { logits: out, present };
    const logits = new Float32Array(B * V_);
    for (let b = 0; b < B; b++) logits.set(out.subarray(((b + 1) * T - 1) * V_, (b + 1) * T * V_), b * V_);
    return { logits, allLogits: out, present };
  }

  reorderCache(cache: KVCache, beamIndices: readonly number[]): KVCache {
    return reorderKVCache(cache, beamIndices);
  }

  /** Frees the LM head's copy in the WebAssembly kernels' memory (made again if used again). */
  dispose(): void {
    this.head?.release();
    this.head = null;
  }
}
