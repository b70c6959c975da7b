/**
 * Decoding over any `CausalLM` (UDL CM20315 "Transformers" practical): greedy, pure sampling,
 * top-k, nucleus (top-p), k-th most likely token, and beam search — the notebook's n_beam²
 * expansion algorithm (`beamSearchNotebook`, one full forward pass per hypothesis, no cache) and
 * a batched implementation with the key/value cache (`beamSearch`) that returns the same beams.
 *
 * Log-probabilities: `logProb` is Σ log p(token | prefix) under the model's own distribution
 * (log-softmax of the raw logits), the notebook's `log_prob`. Beam search ranks hypotheses by
 * the same sum computed after the logits processors (repetition penalty, no-repeat n-gram), which
 * equals `logProb` when no processor is set.
 */
import { ValueError } from '@gradkit/core';
import type { CausalLM, ForwardResult, KVCache } from '../model.js';
import type { Tokenizer } from '../tokenizer.js';
import {
  type GenerationConfig,
  type ResolvedGenerationConfig,
  resolveGenerationConfig,
  type Strategy,
} from './config.js';
import { argmaxRow, logSumExpRow, softmaxRow, topIndices } from './processors.js';

/** One beam of beam search. */
export interface Beam {
  /** Generated token ids (without the prompt). */
  tokens: number[];
  /** Σ log p under the model (raw logits). */
  logProb: number;
  /** Σ log p after the logits processors (the ranking score). */
  score: number;
  /**
   * With `outputScores` (HF `beam_indices`): for each token, the row of that step's `scores` (and
   * `logits`) it was chosen from — 0 at step 0 (the prompt's one row), a beam index after.
   */
  beamIndices?: number[];
}

/** Why generation stopped. */
export type StopReason = 'maxNewTokens' | 'eos' | 'stopSequence';

/** What `generate` returns. */
export interface GenerationResult {
  strategy: Strategy;
  /** Generated token ids (the continuation, without the prompt). */
  tokens: number[];
  /** Prompt followed by the generated ids. */
  sequence: number[];
  /** Σ log p(token | prefix) of the generated tokens under the model (NaN with `logProbs: false`). */
  logProb: number;
  /** Decoded prompt + continuation (when a tokenizer was given), as the notebook prints it. */
  text?: string;
  stopReason: StopReason;
  /** Number of `model.forward` calls. */
  forwardPasses: number;
  /** Beam search: every final beam, best first. */
  beams?: Beam[];
  /**
   * With `outputScores` (HF `output_scores`): per generated step, the processed scores, a row of
   * `vocabSize` values (beam search: one row per live beam, concatenated). See `GenerationConfig.outputScores`.
   */
  scores?: Float32Array[];
  /** With `outputLogits` (HF `output_logits`): per generated step, the model's raw logits (rows as in `scores`). */
  logits?: Float32Array[];
}

function row(logits: Float32Array, b: number, V: number): Float32Array {
  return logits.subarray(b * V, (b + 1) * V);
}

/** The logits after the config's processors (the raw row itself when there are none). */
function processed(
  cfg: ResolvedGenerationConfig,
  raw: Float32Array,
  ids: readonly number[],
): ArrayLike<number> {
  if (cfg.processors.length === 0) return raw;
  const logits = Float64Array.from(raw);
  for (const p of cfg.processors) p.apply(logits, ids);
  return logits;
}

/**
 * One row's `k` most likely tokens (`top`, of the processed logits) and log-probabilities:
 * `score(t) = logits[t] − lse` (processed), `rawLogProb(t) = raw[t] − rawLse` (the model's; the
 * same normaliser when there are no processors). The log-sum-exp reuses the maximum that the
 * top-k pass found, so a row costs one comparison pass and one exp pass.
 */
function rowScores(cfg: ResolvedGenerationConfig, raw: Float32Array, ids: readonly number[], k: number) {
  const logits = processed(cfg, raw, ids);
  const top = topIndices(logits, k);
  const lse = logSumExpRow(logits, logits[top[0]!]);
  const rawLse = logits === raw ? lse : logSumExpRow(raw);
  return {
    top,
    logits,
    lse,
    score: (t: number) => logits[t]! - lse,
    rawLogProb: (t: number) => raw[t]! - rawLse,
  };
}

/** A beam row's `outputScores` entries: the beam's score plus the log-softmax of its processed logits. */
function beamScoreRow(
  out: Float32Array,
  at: number,
  prev: number,
  sc: { logits: ArrayLike<number>; lse: number },
) {
  for (let i = 0; i < sc.logits.length; i++) out[at + i] = prev + (sc.logits[i]! - sc.lse);
}

function endsWith(a: readonly number[], b: readonly number[]): boolean {
  if (b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[a.length - b.length + i] !== b[i]) return false;
  return true;
}

/**
 * Generate a continuation of `prompt` (token ids) with the strategy of `config` (see
 * `GenerationConfig`). Pass a tokenizer to get `text` and to use string stop sequences.
 *
 * @example
 *   const { model, tokenizer } = loadDefaultModel();
 *   const r = await generate(model, tokenizer.encode('Shall I compare thee'), { strategy: 'top-k', topK: 10, seed: 0 }, tokenizer);
 *   r.text; // prompt + 10 new tokens
 */
export async function generate(
  model: CausalLM,
  prompt: readonly number[],
  config: GenerationConfig = {},
  tokenizer?: Tokenizer,
): Promise<GenerationResult> {
  if (!Array.isArray(prompt))
    throw new ValueError('generate', `prompt must be an array of token ids, received ${typeof prompt}`);
  const cfg = resolveGenerationConfig(config, model, prompt.length);
  if (cfg.stopSequences.some((s) => typeof s === 'string') && !tokenizer)
    throw new ValueError(
      'generate',
      `stopSequences holds strings, which need a tokenizer; pass one or give token-id arrays`,
    );
  const result =
    cfg.strategy === 'beam'
      ? await beamSearchResolved(model, prompt, cfg)
      : await sampleLoop(model, prompt, cfg, tokenizer);
  if (tokenizer) result.text = tokenizer.decode(result.sequence);
  return result;
}

/** The longest a decoding loop holds the event loop before it lets other work run. */
export const DECODE_YIELD_MS = 8;

/** Resolves on a later turn of the event loop (`setImmediate` in Node, a message in browsers). */
function macrotask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((r) => setImmediate(r));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      r();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Keeps a decoding loop from holding the event loop: a backend that runs on this thread (the `ts`
 * backend) resolves every `forward` at once, so without it a whole `generate` would run as one
 * task (a 100-token decode froze a page or a server for 0.4–0.7 s). `breathe()` after each step
 * awaits a macrotask once the loop has not let the event loop run for {@link DECODE_YIELD_MS};
 * a sentinel macrotask, armed at most once per step, tells when it did run (while a worker-thread
 * backend such as `ort` computes), so those backends never pay for a yield.
 */
class Breather {
  private last = performance.now();
  private armed = false;
  private ran = false;

  async breathe(): Promise<void> {
    if (this.ran) {
      this.ran = false;
      this.armed = false;
    } else if (performance.now() - this.last >= DECODE_YIELD_MS) {
      await macrotask();
      this.last = performance.now();
      this.ran = false;
      this.armed = false;
    }
    if (!this.armed) {
      this.armed = true;
      void macrotask().then(() => {
        this.ran = true;
        this.last = performance.now();
      });
    }
  }
}

/** How many bytes of logits rows {@link LaterLogProbs} holds before it takes their log-sum-exps. */
export const LATER_LOG_PROBS_BYTES = 4 * 2 ** 20;

/**
 * The log-probabilities of a `generate` call that nothing reads before it returns (no `onToken`)
 * on a model whose `forward` computes on this thread (`CausalLM.forwardOnThisThread`): each
 * step's raw logits row is kept (the caller's array by the `CausalLM` contract) with the chosen
 * token, and the rows' log-sum-exps are taken together once {@link LATER_LOG_PROBS_BYTES} of them
 * are held (20 rows of GPT-2's 50,257 logits) and at the end.
 *
 * Why: between two steps the thread then only chooses the token (GPT-2's argmax, about 0.02 ms)
 * instead of also taking a log-sum-exp over the vocabulary (0.025–0.055 ms). ONNX Runtime's pool
 * threads spin for a moment after a step and then sleep, and a step that starts by waking them is
 * slower: on this project's 2-core machine, the tiny GPT-2 on ONNX Runtime's default threads took
 * 0.51–0.54 ms a token with the log-sum-exp between the steps and 0.41–0.42 ms with it put off
 * (docs/performance.md). Same values, added to `logProb` in the same order: the same sum.
 */
class LaterLogProbs {
  private readonly rows: { raw: Float32Array; token: number; max: number | undefined }[] = [];
  private readonly capacity: number;

  constructor(V: number) {
    this.capacity = Math.max(1, Math.floor(LATER_LOG_PROBS_BYTES / (4 * V)));
  }

  /** Keep a step's raw logits, its token and, when known, the row's maximum; the log-probabilities of the rows held when that fills the store. */
  add(raw: Float32Array, token: number, max: number | undefined): number[] {
    this.rows.push({ raw, token, max });
    return this.rows.length === this.capacity ? this.take() : [];
  }

  /** The log-probabilities of the rows held, in order; empties the store. */
  take(): number[] {
    const lps = this.rows.map((r) => r.raw[r.token]! - logSumExpRow(r.raw, r.max));
    this.rows.length = 0;
    return lps;
  }
}

/**
 * The one-token-at-a-time loop of every strategy except beam search. Once the next token is
 * chosen and no stop condition holds, the next `forward` is started BEFORE this step's
 * bookkeeping (its log-probability, a log-sum-exp over the vocabulary, and the streaming
 * callback), so with a backend that runs in another thread (the `ort` worker, onnxruntime-web)
 * that work overlaps the model instead of adding to it. With a backend that computes on this
 * thread and no `onToken`, the log-probabilities wait in a {@link LaterLogProbs}. Same tokens,
 * same `logProb`, same order of callbacks.
 */
async function sampleLoop(
  model: CausalLM,
  prompt: readonly number[],
  cfg: ResolvedGenerationConfig,
  tokenizer?: Tokenizer,
): Promise<GenerationResult> {
  const V = model.vocabSize;
  const ids = [...prompt];
  const tokens: number[] = [];
  let logProb = 0;
  let passes = 1;
  let stopReason: StopReason = 'maxNewTokens';
  let textSoFar = '';
  const scores: Float32Array[] | undefined = cfg.outputScores ? [] : undefined;
  const rawLogits: Float32Array[] | undefined = cfg.outputLogits ? [] : undefined;
  const breather = new Breather();
  const later =
    cfg.logProbs && !cfg.onToken && model.forwardOnThisThread === true ? new LaterLogProbs(V) : null;
  let pending: Promise<ForwardResult> | null = model.forward([ids.slice()], null);
  try {
    for (let step = 0; step < cfg.maxNewTokens; step++) {
      const r: ForwardResult = await pending!;
      await breather.breathe();
      pending = null;
      const raw = row(r.logits, 0, V);
      const logits = processed(cfg, raw, ids);
      rawLogits?.push(Float32Array.from(raw));
      const stepScores = scores ? Float32Array.from(logits) : null;
      let token: number;
      // the argmax / k-th largest of the logits is that of the probabilities (softmax is monotone)
      if (cfg.strategy === 'greedy') token = argmaxRow(logits);
      else if (cfg.strategy === 'kth') token = topIndices(logits, cfg.kth + 1)[cfg.kth]!;
      else {
        const probs = softmaxRow(logits);
        const before = stepScores && cfg.warpers.length ? Float64Array.from(probs) : null;
        for (const w of cfg.warpers) w.apply(probs);
        // HF masks the tokens a warper removed with -inf (a probability that was already 0 stays finite)
        if (stepScores && before)
          for (let i = 0; i < V; i++)
            if (probs[i] === 0 && before[i]! > 0) stepScores[i] = Number.NEGATIVE_INFINITY;
        token = cfg.rng.choice(V, { p: probs });
      }
      if (stepScores) scores!.push(stepScores);
      ids.push(token);
      tokens.push(token);
      if (cfg.eosTokenId !== null && token === cfg.eosTokenId) stopReason = 'eos';
      else if (cfg.stopSequences.length) {
        const text =
          tokenizer && cfg.stopSequences.some((s) => typeof s === 'string') ? tokenizer.decode(tokens) : '';
        if (cfg.stopSequences.some((s) => (typeof s === 'string' ? text.includes(s) : endsWith(tokens, s))))
          stopReason = 'stopSequence';
      }
      const more = stopReason === 'maxNewTokens' && step + 1 < cfg.maxNewTokens;
      if (more) {
        pending = cfg.useCache ? model.forward([[token]], r.present) : model.forward([ids.slice()], null);
        passes++;
      }
      // greedy without processors: the chosen token's logit is the row's maximum (saves a pass)
      const max = cfg.strategy === 'greedy' && logits === raw ? raw[token] : undefined;
      let lp = Number.NaN;
      if (later) for (const l of later.add(raw, token, max)) logProb += l;
      else {
        if (cfg.logProbs) lp = raw[token]! - logSumExpRow(raw, max);
        logProb += lp;
      }
      if (cfg.onToken) {
        let text: string | undefined;
        if (tokenizer) {
          const all = tokenizer.decode(tokens);
          text = all.slice(textSoFar.length);
          textSoFar = all;
        }
        cfg.onToken({ token, step, logProb: lp, ...(text !== undefined ? { text } : {}) });
      }
      if (!more) break;
    }
    if (later) for (const l of later.take()) logProb += l;
  } finally {
    // a callback that threw leaves a forward in flight: do not let its outcome go unhandled
    (pending as Promise<ForwardResult> | null)?.catch(() => {});
  }
  return {
    strategy: cfg.strategy,
    tokens,
    sequence: ids,
    logProb,
    stopReason,
    forwardPasses: passes,
    ...(scores ? { scores } : {}),
    ...(rawLogits ? { logits: rawLogits } : {}),
  };
}

/**
 * Batched beam search with the KV cache: the prompt runs once; each later step runs all beams
 * as one batch on their last token only. The candidates are the notebook's n_beam² expansions
 * (each beam's n_beam most likely next tokens), ranked by total log-probability (ties by
 * candidate order `beam·n + k`, as a stable sort), so the beams equal `beamSearchNotebook`'s.
 * Forward passes: `maxNewTokens` (the notebook's: n + (maxNewTokens − 1)·n²).
 *
 * @example
 *   const r = await beamSearch(model, tokenizer.encode('The best thing about Bath is'), { numBeams: 5, maxNewTokens: 10 });
 *   r.beams![0].tokens; // the most likely beam
 */
export async function beamSearch(
  model: CausalLM,
  prompt: readonly number[],
  config: Omit<GenerationConfig, 'strategy'> = {},
): Promise<GenerationResult> {
  const cfg = resolveGenerationConfig({ ...config, strategy: 'beam' }, model, prompt.length);
  return beamSearchResolved(model, prompt, cfg);
}

async function beamSearchResolved(
  model: CausalLM,
  prompt: readonly number[],
  cfg: ResolvedGenerationConfig,
): Promise<GenerationResult> {
  const V = model.vocabSize;
  const n = cfg.numBeams;
  let passes = 0;
  // step 0: the prompt once, its n most likely continuations
  let r = await model.forward([prompt], null);
  passes++;
  const s0 = rowScores(cfg, row(r.logits, 0, V), prompt, n);
  const scores: Float32Array[] | undefined = cfg.outputScores ? [] : undefined;
  const rawLogits: Float32Array[] | undefined = cfg.outputLogits ? [] : undefined;
  rawLogits?.push(Float32Array.from(row(r.logits, 0, V)));
  if (scores) {
    const first = new Float32Array(V);
    beamScoreRow(first, 0, 0, s0);
    scores.push(first);
  }
  let beams: Beam[] = s0.top.map((t) => ({
    tokens: [t],
    score: s0.score(t),
    logProb: s0.rawLogProb(t),
    ...(scores ? { beamIndices: [0] } : {}),
  }));
  let cache: KVCache = model.reorderCache(r.present, new Array<number>(n).fill(0));
  const breather = new Breather();
  for (let step = 1; step < cfg.maxNewTokens; step++) {
    await breather.breathe();
    if (cfg.useCache)
      r = await model.forward(
        beams.map((b) => [b.tokens[b.tokens.length - 1]!]),
        cache,
      );
    else
      r = await model.forward(
        beams.map((b) => [...prompt, ...b.tokens]),
        null,
      );
    passes++;
    rawLogits?.push(Float32Array.from(r.logits.subarray(0, n * V)));
    const stepScores = scores ? new Float32Array(n * V) : null;
    const cands: { beam: number; token: number; score: number; logProb: number }[] = [];
    for (let b = 0; b < n; b++) {
      const sc = rowScores(cfg, row(r.logits, b, V), [...prompt, ...beams[b]!.tokens], n);
      if (stepScores) beamScoreRow(stepScores, b * V, beams[b]!.score, sc);
      for (const t of sc.top)
        cands.push({
          beam: b,
          token: t,
          score: beams[b]!.score + sc.score(t),
          logProb: beams[b]!.logProb + sc.rawLogProb(t),
        });
    }
    const order = cands.map((_, i) => i).sort((a, b) => cands[b]!.score - cands[a]!.score || a - b);
    const chosen = order.slice(0, n).map((i) => cands[i]!);
    if (stepScores) scores!.push(stepScores);
    beams = chosen.map((c) => ({
      tokens: [...beams[c.beam]!.tokens, c.token],
      score: c.score,
      logProb: c.logProb,
      ...(scores ? { beamIndices: [...beams[c.beam]!.beamIndices!, c.beam] } : {}),
    }));
    if (cfg.useCache)
      cache = model.reorderCache(
        r.present,
        chosen.map((c) => c.beam),
      );
  }
  const result = finishBeams(cfg, prompt, beams, passes);
  if (scores) result.scores = scores;
  if (rawLogits) result.logits = rawLogits;
  return result;
}

function finishBeams(
  cfg: ResolvedGenerationConfig,
  prompt: readonly number[],
  beams: Beam[],
  passes: number,
): GenerationResult {
  const best = beams[0]!;
  if (cfg.onToken) best.tokens.forEach((token, step) => cfg.onToken!({ token, step, logProb: Number.NaN }));
  return {
    strategy: 'beam',
    tokens: best.tokens,
    sequence: [...prompt, ...best.tokens],
    logProb: best.logProb,
    stopReason: 'maxNewTokens',
    forwardPasses: passes,
    beams,
  };
}

/**
 * The notebook's `get_kth_most_likely_token`: run the model on the whole sequence (no cache),
 * return the k-th most likely next token (k = 0: the most likely) with its log-probability
 * (after the config's logits processors) and the model's raw log-probability.
 */
async function kthToken(model: CausalLM, cfg: ResolvedGenerationConfig, ids: readonly number[], k: number) {
  const r = await model.forward([ids], null);
  const sc = rowScores(cfg, row(r.logits, 0, model.vocabSize), ids, k + 1);
  const token = sc.top[k]!;
  return { token, score: sc.score(token), logProb: sc.rawLogProb(token) };
}

/**
 * The notebook's `do_beam_search`, as written: start from the n_beam most likely continuations;
 * then, for each of `maxNewTokens − 1` steps, extend every beam with each of its n_beam most
 * likely tokens (n_beam² hypotheses, each a full forward pass over the whole sequence), and
 * keep the n_beam with the highest log-probability (`argsort(-log_probs)`, stable). The
 * readable reference for `beamSearch`.
 *
 * @example
 *   const r = await beamSearchNotebook(model, prompt, { numBeams: 5, maxNewTokens: 10 });
 *   r.forwardPasses; // 5 + 9·25 = 230
 */
export async function beamSearchNotebook(
  model: CausalLM,
  prompt: readonly number[],
  config: Omit<GenerationConfig, 'strategy'> = {},
): Promise<GenerationResult> {
  const cfg = resolveGenerationConfig({ ...config, strategy: 'beam' }, model, prompt.length);
  if (cfg.outputScores || cfg.outputLogits)
    throw new ValueError(
      'beamSearchNotebook',
      `outputScores and outputLogits are not recorded by the notebook's beam search, received outputScores ${cfg.outputScores}, outputLogits ${cfg.outputLogits}; use beamSearch or generate with strategy 'beam'`,
    );
  const n = cfg.numBeams;
  let passes = 0;
  let beams: Beam[] = [];
  for (let c_k = 0; c_k < n; c_k++) {
    const t = await kthToken(model, cfg, prompt, c_k);
    passes++;
    beams.push({ tokens: [t.token], score: t.score, logProb: t.logProb });
  }
  const breather = new Breather();
  for (let c_pos = 0; c_pos < cfg.maxNewTokens - 1; c_pos++) {
    await breather.breathe();
    const all: Beam[] = [];
    for (let c_beam = 0; c_beam < n; c_beam++)
      for (let c_k = 0; c_k < n; c_k++) {
        const b = beams[c_beam]!;
        const t = await kthToken(model, cfg, [...prompt, ...b.tokens], c_k);
        passes++;
        all.push({
          tokens: [...b.tokens, t.token],
          score: b.score + t.score,
          logProb: b.logProb + t.logProb,
        });
      }
    const sortedIndex = all.map((_, i) => i).sort((a, b) => all[b]!.score - all[a]!.score || a - b);
    beams = sortedIndex.slice(0, n).map((i) => all[i]!);
  }
  return finishBeams(cfg, prompt, beams, passes);
}
