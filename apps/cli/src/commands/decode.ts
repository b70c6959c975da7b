/**
 * `gradkit decode`: generate text with GPT-2-architecture models and the decoding strategies of
 * the UDL CM20315 "Transformers" practical (greedy, sampling, top-k, nucleus, k-th most likely
 * token, beam search). Without `--model` it uses the offline default model shipped with
 * @gradkit/transformers (a small GPT-2 trained on public-domain Shakespeare).
 *
 * With `--json` the last stdout line is `{"text", "tokens", "logProb", "provider", ...}` where
 * `text` is the prompt followed by the continuation (as the notebook prints it) and `tokens`
 * are the generated ids.
 */
import { existsSync } from 'node:fs';
import {
  type CausalLM,
  defaultModelDir,
  type GenerationConfig,
  type GenerationResult,
  generate,
  loadGpt2,
  loadTokenizerFor,
  STRATEGIES,
  type Strategy,
  type Tokenizer,
} from '@gradkit/transformers/node';
import type { Command } from 'commander';
import { type CommonOptions, emitResult, log, parseInteger, parseNumber, UsageError } from '../util.js';

/** Options of `gradkit decode`. */
export interface DecodeOptions extends CommonOptions {
  /** Model directory (Hugging Face layout); default: the offline default model. */
  model?: string;
  /** Backend: `ts` (TypeScript GPT-2), `ort` (onnxruntime-node, exported to ONNX once) or `transformers` (transformers.js). */
  backend?: string;
  /** ONNX Runtime execution providers, in order (backends that support them). */
  provider?: string;
  prompt?: string;
  strategy?: Strategy;
  /** top-k: how many tokens to keep; kth: which token (0 = most likely). */
  k?: number;
  /** top-p threshold. */
  p?: number;
  temperature?: number;
  beams?: number;
  maxNewTokens?: number;
  seed?: number;
}

/** What `gradkit decode` prints (`--json`). */
export interface DecodeResult {
  /** Prompt + continuation. */
  text: string;
  /** Generated token ids. */
  tokens: number[];
  /** Σ log p of the generated tokens under the model. */
  logProb: number;
  /** Backend and execution provider that ran the model. */
  provider: string;
  strategy: Strategy;
  model: string;
  promptTokens: number[];
  forwardPasses: number;
  stopReason: string;
  seconds: number;
  beams?: { text: string; tokens: number[]; logProb: number }[];
}

/** A backend: load a model directory into a `CausalLM` and its tokenizer. */
export type BackendLoader = (
  dir: string,
  opts: DecodeOptions,
) => Promise<{ model: CausalLM; tokenizer: Tokenizer }>;

/** The backends `--backend` accepts. Other backends register here. */
export const BACKENDS: Record<string, BackendLoader | null> = {
  ts: async (dir, opts) => {
    if (opts.provider)
      throw new UsageError(
        `--provider selects ONNX Runtime execution providers; backend 'ts' runs in TypeScript and has none`,
      );
    if (!existsSync(dir))
      throw new UsageError(
        `--model ${dir}: no such directory; the ts backend loads a local Hugging Face GPT-2 directory (config.json + model.safetensors)`,
      );
    const model = loadGpt2(dir);
    return { model, tokenizer: await loadTokenizerFor(dir, model.vocabSize) };
  },
  ort: async (dir, opts) =>
    (await import('@gradkit/transformers/node')).loadBackend('ort', dir, {
      providers: opts.provider?.split(','),
      onLog: log,
    }),
  transformers: async (dir, opts) =>
    (await import('@gradkit/transformers/node')).loadBackend('transformers', dir, {
      providers: opts.provider?.split(','),
      onLog: log,
    }),
};

/** Turn the CLI options into a generation config (the library rejects bad values, naming the option). */
export function generationConfigFromOptions(opts: DecodeOptions): GenerationConfig {
  const strategy = opts.strategy ?? 'greedy';
  const cfg: GenerationConfig = { strategy, maxNewTokens: opts.maxNewTokens ?? 10, seed: opts.seed ?? 0 };
  if (opts.k !== undefined) {
    if (strategy === 'kth') cfg.kth = opts.k;
    else if (strategy === 'top-k' || strategy === 'sample') cfg.topK = opts.k;
    else
      throw new UsageError(
        `--k applies to --strategy top-k (tokens kept) or kth (0 = most likely), not ${strategy}`,
      );
  }
  if (opts.p !== undefined) {
    if (strategy === 'top-p' || strategy === 'sample') cfg.topP = opts.p;
    else throw new UsageError(`--p applies to --strategy top-p, not ${strategy}`);
  }
  if (opts.beams !== undefined) {
    if (strategy !== 'beam') throw new UsageError(`--beams applies to --strategy beam, not ${strategy}`);
    cfg.numBeams = opts.beams;
  }
  if (opts.temperature !== undefined) {
    if (strategy !== 'sample' && strategy !== 'top-k' && strategy !== 'top-p')
      throw new UsageError(
        `--temperature applies to the sampling strategies (sample, top-k, top-p), not ${strategy}`,
      );
    cfg.temperature = opts.temperature;
  }
  return cfg;
}

/**
 * Run a decode: load the model with the chosen backend, encode the prompt, generate.
 *
 * @example
 *   const r = await runDecode({ prompt: 'Shall I compare thee', strategy: 'beam', beams: 5 });
 *   r.text;
 */
export async function runDecode(opts: DecodeOptions): Promise<DecodeResult> {
  const backend = opts.backend ?? 'ts';
  if (!(backend in BACKENDS))
    throw new UsageError(
      `--backend must be one of ${Object.keys(BACKENDS).join(', ')}, received "${backend}"`,
    );
  const loader = BACKENDS[backend];
  if (!loader) throw new UsageError(`backend '${backend}' is not available yet; use --backend ts`);
  if (opts.strategy !== undefined && !STRATEGIES.includes(opts.strategy))
    throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, received "${opts.strategy}"`);
  const prompt = opts.prompt ?? 'Shall I compare thee';
  if (prompt.length === 0) throw new UsageError('--prompt must not be empty');
  const dir = opts.model ?? defaultModelDir();
  const config = generationConfigFromOptions(opts);
  const { model, tokenizer } = await loader(dir, opts);
  try {
    const ids = tokenizer.encode(prompt);
    log(`model ${dir} (${model.provider}), prompt: ${ids.length} tokens, strategy ${config.strategy}`);
    const t0 = performance.now();
    const r: GenerationResult = await generate(model, ids, config, tokenizer);
    const seconds = (performance.now() - t0) / 1000;
    return {
      text: r.text ?? tokenizer.decode(r.sequence),
      tokens: r.tokens,
      logProb: r.logProb,
      provider: model.provider,
      strategy: r.strategy,
      model: dir,
      promptTokens: ids,
      forwardPasses: r.forwardPasses,
      stopReason: r.stopReason,
      seconds,
      ...(r.beams
        ? {
            beams: r.beams.map((b) => ({
              text: tokenizer.decode([...ids, ...b.tokens]),
              tokens: b.tokens,
              logProb: b.logProb,
            })),
          }
        : {}),
    };
  } finally {
    await model.dispose();
  }
}

export function register(program: Command): void {
  program
    .command('decode')
    .description(
      'generate text with a GPT-2 model: greedy, sampling, top-k, top-p, k-th token or beam search',
    )
    .option(
      '--model <dir>',
      'model directory in the Hugging Face layout (default: the offline Shakespeare GPT-2)',
    )
    .option(
      '--backend <name>',
      'ts (TypeScript GPT-2), ort (ONNX Runtime, exported once to a cache) or transformers (transformers.js)',
      'ts',
    )
    .option('--provider <list>', 'execution providers in order, e.g. cuda,cpu (ONNX Runtime backends)')
    .option('--prompt <text>', 'the text to continue', 'Shall I compare thee')
    .option('--strategy <name>', `one of ${STRATEGIES.join(', ')}`, 'greedy')
    .option('--k <n>', 'top-k: tokens kept; kth: which token (0 = most likely)', parseInteger('--k'))
    .option('--p <p>', 'top-p: probability mass threshold in (0, 1]', parseNumber('--p'))
    .option('--temperature <t>', 'sampling temperature (> 0)', parseNumber('--temperature'))
    .option('--beams <n>', 'beam search: number of beams', parseInteger('--beams'))
    .option('--max-new-tokens <n>', 'tokens to generate', parseInteger('--max-new-tokens'), 10)
    .option('--seed <s>', 'random seed (numpy RandomState stream)', parseInteger('--seed', { min: 0 }), 0)
    .action(async (opts: DecodeOptions) => {
      const r = await runDecode(opts);
      emitResult(r, opts, (res) => [
        res.text,
        ...(res.beams
          ? ['---', ...res.beams.map((b, i) => `Beam ${i}, Prob ${b.logProb.toFixed(3)}: ${b.text}`)]
          : []),
        `(${res.tokens.length} tokens, log-prob ${res.logProb.toFixed(3)}, ${res.provider}, ${res.forwardPasses} forward passes, ${res.seconds.toFixed(2)} s)`,
      ]);
    });
}
