/**
 * The generation config: every decoding option, typed, with its default and precedence, in
 * Hugging Face's generation-config names (camelCase: `doSample`, `topK`, `topP`, `numBeams`,
 * `maxNewTokens`, `repetitionPenalty`, `noRepeatNgramSize`, `temperature`) plus the notebook's
 * strategy names (`strategy: 'greedy' | 'sample' | 'top-k' | 'top-p' | 'kth' | 'beam'`).
 * `resolveGenerationConfig` is the one place that picks the strategy and rejects bad
 * combinations, with errors that name the option.
 */
import { RandomState, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import type { CausalLM } from '../model.js';
import {
  type LogitsProcessor,
  NoRepeatNGramProcessor,
  NucleusNotebookWarper,
  type ProbabilityWarper,
  RepetitionPenaltyProcessor,
  TemperatureProcessor,
  TopKWarper,
  TopPWarper,
} from './processors.js';

/** The notebook's decoding strategies (and the CLI's `--strategy`). */
export type Strategy = 'greedy' | 'sample' | 'top-k' | 'top-p' | 'kth' | 'beam';
/** All strategy names. */
export const STRATEGIES: readonly Strategy[] = ['greedy', 'sample', 'top-k', 'top-p', 'kth', 'beam'];

/** One generated token, passed to the streaming callback. */
export interface StreamEvent {
  /** The new token id. */
  token: number;
  /** 0-based index of the token among the generated ones. */
  step: number;
  /** Its log-probability under the model (log-softmax of the raw logits); NaN for beam search, which streams the best beam at the end. */
  logProb: number;
  /** The text this token adds (when a tokenizer was given). */
  text?: string;
}

/**
 * Decoding options. Precedence: an explicit `strategy` decides; without it, the Hugging Face
 * rule applies (`numBeams > 1` → beam search, else `doSample` → sampling with the `topK` /
 * `topP` warpers given, else greedy).
 */
export interface GenerationConfig {
  /** Notebook strategy name. Default: derived from `numBeams` / `doSample` as in Hugging Face. */
  strategy?: Strategy;
  /** HF `do_sample`: sample instead of taking the argmax (used only when `strategy` is not set). Default `false`. */
  doSample?: boolean;
  /** HF `max_new_tokens`: tokens to generate. Default 10 (the notebook's loops and `beam_length`). */
  maxNewTokens?: number;
  /** HF `temperature` (> 0), applied before sampling strategies. Default 1. Ignored by greedy, kth and beam (they do not sample). */
  temperature?: number;
  /** HF `top_k` / the notebook's `k` (≥ 1) for top-k sampling. Default 20 for `strategy: 'top-k'` (the notebook's default), off otherwise. */
  topK?: number;
  /** HF `top_p` / the notebook's `thresh`, in (0, 1]. Default 0.25 for `strategy: 'top-p'` (the notebook's default), off otherwise. */
  topP?: number;
  /**
   * Nucleus rule: `'notebook'` keeps the shortest prefix whose mass exceeds p (the notebook's
   * `argmax(cumsum > thresh)`), `'hf'` the shortest prefix whose mass is at least p. Default
   * `'notebook'` with `strategy: 'top-p'`, `'hf'` with `doSample` + `topP`.
   */
  topPRule?: 'notebook' | 'hf';
  /** The notebook's k for `get_kth_most_likely_token` (0 = most likely), ≥ 0. Default 1. */
  kth?: number;
  /** HF `num_beams` (≥ 1), beam search width. Default 5 for `strategy: 'beam'`, 1 otherwise. */
  numBeams?: number;
  /** HF `repetition_penalty` (> 0; 1 = none). Default 1. */
  repetitionPenalty?: number;
  /** HF `no_repeat_ngram_size` (≥ 0; 0 = off). Default 0. */
  noRepeatNgramSize?: number;
  /** Stop when the generated text contains one of these strings, or the tokens end with one of these id sequences. Default none. */
  stopSequences?: readonly (string | readonly number[])[];
  /** HF `eos_token_id`: stop after generating it. Default: the model config's, `null` to never stop early. */
  eosTokenId?: number | null;
  /** HF `use_cache`: feed only the new token with the KV cache (default `true`); `false` re-runs the whole sequence each step. */
  useCache?: boolean;
  /**
   * Compute `logProb` (Σ log p of the generated tokens: one log-sum-exp over the vocabulary per
   * token, at float32 precision for float32 logits as PyTorch's `log_softmax`; about 0.06 ms for
   * GPT-2's 50,257 logits, a seventh of the tiny default model's forward pass on one core).
   * Default `true`; `false` skips it (`logProb` and the streamed `logProb` are NaN), as Hugging
   * Face's `generate` does unless asked for scores. Beam search always computes them (they rank the beams).
   */
  logProbs?: boolean;
  /**
   * HF `output_scores`: return `scores` in the result, one entry per generated step. Greedy,
   * k-th and sampling: the step's logits after the logits processors (temperature, repetition
   * penalty, …), with `-Infinity` for the tokens the top-k / top-p warpers removed (HF's masking),
   * so `softmax(scores[t])` is the distribution the token was drawn from. Beam search: one row per
   * live beam (one at step 0, the prompt; `numBeams` after), each the beam's score plus the
   * log-softmax of its processed logits (HF's `log_softmax(scores) + beam_scores`), and
   * `beams[b].beamIndices` names the row each token of beam `b` was chosen from. Default `false`.
   */
  outputScores?: boolean;
  /** HF `output_logits`: return `logits` in the result, the model's raw logits per step (`numBeams` rows for beam search after step 0). Default `false`. */
  outputLogits?: boolean;
  /** Seed of a fresh `RandomState` (numpy-legacy stream, like `np.random.seed`). Default 0. */
  seed?: number;
  /** A generator to draw from (takes precedence over `seed`). */
  rng?: RandomState;
  /** Streaming callback, called with each generated token (beam search: the best beam's tokens at the end). */
  onToken?: (event: StreamEvent) => void;
}

/** A config with every default filled in and the processor chain built. */
export interface ResolvedGenerationConfig {
  strategy: Strategy;
  maxNewTokens: number;
  numBeams: number;
  kth: number;
  eosTokenId: number | null;
  useCache: boolean;
  logProbs: boolean;
  outputScores: boolean;
  outputLogits: boolean;
  rng: RandomState;
  stopSequences: readonly (string | readonly number[])[];
  onToken?: (event: StreamEvent) => void;
  /** Applied to the logits before the softmax. */
  processors: LogitsProcessor[];
  /** Applied to the probabilities of sampling strategies. */
  warpers: ProbabilityWarper[];
}

/**
 * Map a Hugging Face `generation_config.json` object (snake_case) to a `GenerationConfig`.
 *
 * @example
 *   fromHfGenerationConfig({ do_sample: true, top_k: 50, max_new_tokens: 20 });
 */
export function fromHfGenerationConfig(json: Record<string, unknown>): GenerationConfig {
  const map: Record<string, keyof GenerationConfig> = {
    do_sample: 'doSample',
    max_new_tokens: 'maxNewTokens',
    temperature: 'temperature',
    top_k: 'topK',
    top_p: 'topP',
    num_beams: 'numBeams',
    repetition_penalty: 'repetitionPenalty',
    no_repeat_ngram_size: 'noRepeatNgramSize',
    eos_token_id: 'eosTokenId',
    use_cache: 'useCache',
    stop_strings: 'stopSequences',
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) if (map[k] && v !== null && v !== undefined) out[map[k]!] = v;
  // HF's top_k = 0 means "off"
  if (out.topK === 0) delete out.topK;
  return out as GenerationConfig;
}

const op = 'generate';

function checkInt(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw new ValueError(op, `${name} must be an integer >= ${min}, received ${show(v)}`);
  return v;
}

function checkPositive(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw new ValueError(op, `${name} must be a positive number, received ${show(v)}`);
  return v;
}

/**
 * Fill defaults, pick the strategy and build the processor/warper chain; reject bad values and
 * combinations (k < 1, p outside (0, 1], beams < 1, a prompt plus `maxNewTokens` longer than
 * the model's context, options that the chosen strategy would silently ignore).
 */
export function resolveGenerationConfig(
  config: GenerationConfig,
  model: Pick<CausalLM, 'vocabSize' | 'maxPositions' | 'config'>,
  promptLength: number,
): ResolvedGenerationConfig {
  const c = config ?? {};
  if (c.strategy !== undefined && !STRATEGIES.includes(c.strategy))
    throw new ValueError(
      op,
      `strategy must be one of ${STRATEGIES.join(', ')}, received ${show(c.strategy)}`,
    );
  if (c.topK !== undefined) checkInt('topK (k)', c.topK, 1);
  if (c.topP !== undefined && (typeof c.topP !== 'number' || !(c.topP > 0 && c.topP <= 1)))
    throw new ValueError(op, `topP (p) must be in (0, 1], received ${show(c.topP)}`);
  if (c.numBeams !== undefined) checkInt('numBeams (beams)', c.numBeams, 1);
  if (c.kth !== undefined) checkInt('kth (k)', c.kth, 0);
  if (c.temperature !== undefined) checkPositive('temperature', c.temperature);
  if (c.repetitionPenalty !== undefined) checkPositive('repetitionPenalty', c.repetitionPenalty);
  if (c.noRepeatNgramSize !== undefined) checkInt('noRepeatNgramSize', c.noRepeatNgramSize, 0);
  const maxNewTokens = checkInt('maxNewTokens', c.maxNewTokens ?? 10, 1);

  let strategy: Strategy;
  if (c.strategy) strategy = c.strategy;
  else if ((c.numBeams ?? 1) > 1) strategy = 'beam';
  else if (c.doSample)
    strategy =
      c.topK !== undefined && c.topP === undefined
        ? 'top-k'
        : c.topP !== undefined && c.topK === undefined
          ? 'top-p'
          : 'sample';
  else strategy = 'greedy';

  const sampling = strategy === 'sample' || strategy === 'top-k' || strategy === 'top-p';
  if (c.strategy && c.doSample === true && !sampling)
    throw new ValueError(
      op,
      `doSample is true but strategy '${strategy}' does not sample; use strategy 'sample', 'top-k' or 'top-p'`,
    );
  if (c.strategy && c.doSample === false && sampling)
    throw new ValueError(op, `doSample is false but strategy '${strategy}' samples`);
  if (c.topK !== undefined && !sampling)
    throw new ValueError(
      op,
      `topK (k) = ${c.topK} is set but strategy '${strategy}' does not sample; use strategy 'top-k' (or 'kth' with the kth option)`,
    );
  if (c.topP !== undefined && !sampling)
    throw new ValueError(
      op,
      `topP (p) = ${c.topP} is set but strategy '${strategy}' does not sample; use strategy 'top-p'`,
    );
  if (c.topK !== undefined && strategy === 'top-p' && c.strategy)
    throw new ValueError(
      op,
      `topK is set with strategy 'top-p'; use strategy 'sample' with doSample to combine topK and topP`,
    );
  if (c.topP !== undefined && strategy === 'top-k' && c.strategy)
    throw new ValueError(
      op,
      `topP is set with strategy 'top-k'; use strategy 'sample' with doSample to combine topK and topP`,
    );
  if (c.numBeams !== undefined && c.numBeams > 1 && strategy !== 'beam')
    throw new ValueError(
      op,
      `numBeams (beams) = ${c.numBeams} needs strategy 'beam', received strategy '${strategy}'`,
    );
  if (c.kth !== undefined && strategy !== 'kth')
    throw new ValueError(op, `kth is set but strategy is '${strategy}'; use strategy 'kth'`);

  const numBeams = strategy === 'beam' ? (c.numBeams ?? 5) : 1;
  const kth = strategy === 'kth' ? (c.kth ?? 1) : 0;
  if (kth >= model.vocabSize)
    throw new ValueError(op, `kth (k) = ${kth} must be below the vocabulary size ${model.vocabSize}`);
  if (numBeams > model.vocabSize)
    throw new ValueError(op, `numBeams (beams) = ${numBeams} exceeds the vocabulary size ${model.vocabSize}`);
  if (!Number.isInteger(promptLength) || promptLength < 1)
    throw new ValueError(op, `the prompt must hold at least one token, received ${promptLength}`);
  if (promptLength + maxNewTokens > model.maxPositions)
    throw new ValueError(
      op,
      `prompt too long for the context: ${promptLength} prompt tokens + maxNewTokens ${maxNewTokens} = ${promptLength + maxNewTokens} > the model's ${model.maxPositions} positions`,
    );

  const processors: LogitsProcessor[] = [];
  if (c.repetitionPenalty !== undefined && c.repetitionPenalty !== 1)
    processors.push(new RepetitionPenaltyProcessor(c.repetitionPenalty));
  if (c.noRepeatNgramSize) processors.push(new NoRepeatNGramProcessor(c.noRepeatNgramSize));
  if (sampling && c.temperature !== undefined && c.temperature !== 1)
    processors.push(new TemperatureProcessor(c.temperature));
  const warpers: ProbabilityWarper[] = [];
  if (strategy === 'top-k' || (strategy === 'sample' && c.topK !== undefined))
    warpers.push(new TopKWarper(c.topK ?? 20));
  if (strategy === 'top-p' || (strategy === 'sample' && c.topP !== undefined)) {
    const p = c.topP ?? 0.25;
    const rule = c.topPRule ?? (c.strategy === 'top-p' ? 'notebook' : 'hf');
    if (rule !== 'notebook' && rule !== 'hf')
      throw new ValueError(op, `topPRule must be 'notebook' or 'hf', received ${show(rule)}`);
    warpers.push(rule === 'notebook' ? new NucleusNotebookWarper(p) : new TopPWarper(p));
  }
  if (c.stopSequences !== undefined && !Array.isArray(c.stopSequences))
    throw new ValueError(
      op,
      `stopSequences must be an array of strings or token-id arrays, received ${show(c.stopSequences)}`,
    );
  for (const [i, s] of (c.stopSequences ?? []).entries())
    if (typeof s === 'string' ? s.length === 0 : !Array.isArray(s) || s.length === 0)
      throw new ValueError(
        op,
        `stopSequences[${i}] must be a non-empty string or token-id array, received ${show(s)}`,
      );
  for (const flag of ['useCache', 'logProbs', 'doSample', 'outputScores', 'outputLogits'] as const)
    if (c[flag] !== undefined && typeof c[flag] !== 'boolean')
      throw new ValueError(op, `${flag} must be true or false, received ${show(c[flag])}`);
  const eos = c.eosTokenId === undefined ? model.config.eosTokenId : c.eosTokenId;
  return {
    strategy,
    maxNewTokens,
    numBeams,
    kth,
    eosTokenId: eos ?? null,
    useCache: c.useCache ?? true,
    logProbs: c.logProbs ?? true,
    outputScores: c.outputScores ?? false,
    outputLogits: c.outputLogits ?? false,
    rng: c.rng ?? new RandomState(c.seed ?? 0),
    stopSequences: c.stopSequences ?? [],
    ...(c.onToken ? { onToken: c.onToken } : {}),
    processors,
    warpers,
  };
}
