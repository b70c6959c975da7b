/**
 * The playground's logic, free of the DOM so Node can test it: load the offline GPT-2 of
 * `@gradkit/transformers` from its two files (fetched by the page, read from disk in Node), and
 * decode one prompt with several strategies of the Transformers practical side by side.
 */
import {
  type GenerationConfig,
  type GenerationResult,
  generate,
  gpt2FromBytes,
  type Strategy,
  type Tokenizer,
} from '@gradkit/transformers';

/**
 * GPT-2's byte-level BPE (50257 ids): the package's `Gpt2Tokenizer`, built on `js-tiktoken/lite`
 * with only the `gpt2` ranks, so the page's bundle does not carry js-tiktoken's other encodings
 * (it stays under 1 MB).
 */
export { Gpt2Tokenizer } from '@gradkit/transformers';

/** The model in the browser or in Node: `config.json` text and `model.safetensors` bytes. */
export function loadModel(configText: string, safetensors: Uint8Array) {
  return gpt2FromBytes(configText, safetensors);
}

/** Fetch the model files from `base` (the page copies them next to itself under `model/`). */
export async function fetchModel(base: string) {
  const [config, weights] = await Promise.all([
    fetch(`${base}/config.json`),
    fetch(`${base}/model.safetensors`),
  ]);
  if (!config.ok || !weights.ok)
    throw new Error(
      `could not fetch the model from ${base} (config ${config.status}, weights ${weights.status})`,
    );
  return loadModel(await config.text(), new Uint8Array(await weights.arrayBuffer()));
}

/** The knobs the page shows, shared by all strategies (each uses the ones it needs). */
export interface Knobs {
  maxNewTokens: number;
  temperature: number;
  topK: number;
  topP: number;
  kth: number;
  numBeams: number;
  seed: number;
}

/** The notebook's defaults: 10 new tokens, k = 20, p = 0.25 (its `thresh`), k-th = 1, 5 beams, seed 0. */
export const DEFAULT_KNOBS: Knobs = {
  maxNewTokens: 10,
  temperature: 1,
  topK: 20,
  topP: 0.25,
  kth: 1,
  numBeams: 5,
  seed: 0,
};

/** A strategy's row of the comparison. */
export interface Row {
  strategy: Strategy;
  label: string;
  config: GenerationConfig;
  continuation: string;
  text: string;
  tokens: number[];
  logProb: number;
  /** Perplexity of the continuation under the model: exp(−logProb / tokens). */
  perplexity: number;
  ms: number;
}

const LABELS: Record<Strategy, string> = {
  greedy: 'Greedy (argmax)',
  sample: 'Sampling',
  'top-k': 'Top-k sampling',
  'top-p': 'Nucleus (top-p) sampling',
  kth: 'k-th most likely token',
  beam: 'Beam search',
};

/** The generation config of a strategy from the page's knobs. */
export function configFor(strategy: Strategy, k: Knobs): GenerationConfig {
  const base: GenerationConfig = { strategy, maxNewTokens: k.maxNewTokens, seed: k.seed, eosTokenId: null };
  switch (strategy) {
    case 'sample':
      return { ...base, temperature: k.temperature };
    case 'top-k':
      return { ...base, temperature: k.temperature, topK: k.topK };
    case 'top-p':
      return { ...base, temperature: k.temperature, topP: k.topP };
    case 'kth':
      return { ...base, kth: k.kth };
    case 'beam':
      return { ...base, numBeams: k.numBeams };
    default:
      return base;
  }
}

/** Decode `prompt` with each strategy in turn. */
export async function compare(
  model: Parameters<typeof generate>[0],
  tokenizer: Tokenizer,
  prompt: string,
  strategies: readonly Strategy[],
  knobs: Knobs = DEFAULT_KNOBS,
): Promise<Row[]> {
  const ids = tokenizer.encode(prompt);
  if (ids.length === 0) throw new Error('compare: the prompt is empty; type a few words');
  const rows: Row[] = [];
  for (const strategy of strategies) {
    const config = configFor(strategy, knobs);
    const t0 = performance.now();
    const r: GenerationResult = await generate(model, ids, config, tokenizer);
    rows.push({
      strategy,
      label: LABELS[strategy],
      config,
      continuation: tokenizer.decode(r.tokens),
      text: r.text ?? '',
      tokens: r.tokens,
      logProb: r.logProb,
      perplexity: Math.exp(-r.logProb / Math.max(1, r.tokens.length)),
      ms: performance.now() - t0,
    });
  }
  return rows;
}
