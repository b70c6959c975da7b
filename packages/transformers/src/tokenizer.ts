/**
 * Tokenizers: GPT-2's byte-level BPE (`BytePairEncoding` in `bpe.ts`, O(n log n) merges, over the
 * `js-tiktoken` `gpt2` ranks, bundled in the npm package so it works offline; only those ranks, so
 * browser bundles carry ~0.66 MB of tokenizer rather than every encoding's 5.7 MB) and any Hugging Face `tokenizer.json` (through
 * `@huggingface/transformers`' `PreTrainedTokenizer`).
 *
 * The notebook's `GPT2Tokenizer.from_pretrained('gpt2')` is `new Gpt2Tokenizer()`:
 * `encode("The best thing about Bath is")` gives `[464, 1266, 1517, 546, 24967, 318]` and
 * `decode(ids)` skips special tokens (`<|endoftext|>` = 50256) like
 * `tokenizer.decode(ids, skip_special_tokens=True)`.
 */
import { IndexError, ValueError } from '@gradkit/core';
import { show } from '@gradkit/core/extend';
import gpt2Ranks from 'js-tiktoken/ranks/gpt2';
import { BytePairEncoding } from './bpe.js';
import { importFailed, importOptional } from './optional.js';

/** Options of `Tokenizer.decode`. */
export interface DecodeOptions {
  /** Drop special tokens (`<|endoftext|>`, ...) from the text. Default `true` (the notebook's `skip_special_tokens=True`). */
  skipSpecialTokens?: boolean;
}

/** What the decoding strategies and the CLI need from a tokenizer. */
export interface Tokenizer {
  /** Number of token ids (GPT-2: 50257). */
  readonly vocabSize: number;
  /** The end-of-sequence id (GPT-2: 50256), or `null` when the tokenizer has none. */
  readonly eosTokenId: number | null;
  /** Ids of the special tokens (skipped by `decode` by default). */
  readonly specialTokenIds: readonly number[];
  /** Text → token ids (no special tokens added, like `tokenizer(text)['input_ids']` for GPT-2). */
  encode(text: string): number[];
  /** Token ids → text. */
  decode(ids: readonly number[], options?: DecodeOptions): string;
}

function checkIds(op: string, ids: readonly number[], vocabSize: number): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize)
      throw new IndexError(
        op,
        `ids[${i}] = ${show(id)} is not a token id; expected an integer in [0, ${vocabSize})`,
      );
  }
}

let gpt2Encoding: BytePairEncoding | null = null;

/**
 * GPT-2's byte-level BPE tokenizer (50257 tokens: 50000 merges, 256 bytes and `<|endoftext|>`),
 * from the `js-tiktoken` `gpt2` ranks — the same ids as Hugging Face's `GPT2Tokenizer`.
 *
 * @example
 *   const tok = new Gpt2Tokenizer();
 *   tok.encode('The best thing about Bath is'); // [464, 1266, 1517, 546, 24967, 318]
 *   tok.decode([464, 1266, 50256]);            // 'The best'
 */
export class Gpt2Tokenizer implements Tokenizer {
  readonly vocabSize = 50257;
  readonly eosTokenId = 50256;
  readonly specialTokenIds: readonly number[] = [50256];
  private readonly enc: BytePairEncoding;

  constructor() {
    gpt2Encoding ??= new BytePairEncoding(gpt2Ranks);
    this.enc = gpt2Encoding;
  }

  /** Encode text; `<|endoftext|>` in the text becomes id 50256 (as Hugging Face's tokenizer does). */
  encode(text: string): number[] {
    if (typeof text !== 'string')
      throw new ValueError('Gpt2Tokenizer.encode', `text must be a string, received ${show(text)}`);
    return this.enc.encode(text);
  }

  /**
   * Decode ids to text; bytes that are not valid UTF-8 become U+FFFD (Hugging Face's
   * `errors="replace"`); a leading U+FEFF is text, kept as Hugging Face keeps it.
   */
  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    checkIds('Gpt2Tokenizer.decode', ids, this.vocabSize);
    const skip = options.skipSpecialTokens ?? true;
    const kept = skip ? ids.filter((id) => id !== 50256) : [...ids];
    return this.enc.decode(kept);
  }
}

/** The part of `@huggingface/transformers`' `PreTrainedTokenizer` that `HfTokenizer` uses. */
export interface HfPreTrainedTokenizerLike {
  encode(text: string, options?: { add_special_tokens?: boolean }): (number | undefined)[];
  decode(ids: number[], options?: { skip_special_tokens?: boolean }): string;
  get_vocab(): Map<string, number> | Record<string, number>;
  all_special_ids: number[];
  eos_token_id?: number | null;
}

/**
 * A Hugging Face tokenizer (any `tokenizer.json`: BPE, WordPiece, Unigram, ...) wrapped in the
 * `Tokenizer` interface. Build it with `tokenizerFromJson(json, config)` (browser) or
 * `loadTokenizer(dir)` from `@gradkit/transformers/node`.
 */
export class HfTokenizer implements Tokenizer {
  readonly vocabSize: number;
  readonly eosTokenId: number | null;
  readonly specialTokenIds: readonly number[];

  constructor(readonly inner: HfPreTrainedTokenizerLike) {
    const vocab = inner.get_vocab();
    const values = vocab instanceof Map ? [...vocab.values()] : Object.values(vocab);
    this.vocabSize = values.reduce((m, v) => Math.max(m, v + 1), 0);
    this.eosTokenId = inner.eos_token_id ?? null;
    this.specialTokenIds = [...inner.all_special_ids];
  }

  /** Encode text without adding special tokens (BOS/EOS), as the notebook's GPT-2 does. */
  encode(text: string): number[] {
    if (typeof text !== 'string')
      throw new ValueError('HfTokenizer.encode', `text must be a string, received ${show(text)}`);
    const ids = this.inner.encode(text, { add_special_tokens: false });
    const bad = ids.findIndex((id) => id === undefined || id === null);
    if (bad >= 0)
      throw new ValueError(
        'HfTokenizer.encode',
        `piece ${bad} of ${show(text)} has no id in the vocabulary and the tokenizer has no unknown token`,
      );
    return ids as number[];
  }

  decode(ids: readonly number[], options: DecodeOptions = {}): string {
    checkIds('HfTokenizer.decode', ids, this.vocabSize);
    return this.inner.decode([...ids], { skip_special_tokens: options.skipSpecialTokens ?? true });
  }
}

/**
 * Build a tokenizer from the parsed contents of a Hugging Face `tokenizer.json` (and optionally
 * `tokenizer_config.json`), via `@huggingface/transformers` (loaded on first use).
 *
 * @example
 *   const tok = await tokenizerFromJson(JSON.parse(text));
 *   tok.encode('hello hello');
 */
export async function tokenizerFromJson(
  tokenizerJson: unknown,
  tokenizerConfig: unknown = {},
): Promise<HfTokenizer> {
  const op = 'tokenizerFromJson';
  if (!tokenizerJson || typeof tokenizerJson !== 'object' || !('model' in tokenizerJson))
    throw new ValueError(
      op,
      `tokenizer.json must be an object with a "model" entry, received ${show(tokenizerJson)}`,
    );
  const { PreTrainedTokenizer } = await importOptional(
    '@huggingface/transformers',
    'reading a Hugging Face tokenizer.json',
    op,
    () => import('@huggingface/transformers').catch(importFailed),
  );
  let inner: HfPreTrainedTokenizerLike;
  try {
    inner = new PreTrainedTokenizer(
      tokenizerJson,
      tokenizerConfig ?? {},
    ) as unknown as HfPreTrainedTokenizerLike;
  } catch (e) {
    throw new ValueError(
      op,
      `tokenizer.json could not be read by @huggingface/transformers: ${(e as Error).message}`,
    );
  }
  return new HfTokenizer(inner);
}
