/**
 * The TypeScript backend's model folders (Node only, re-exported by `@gradkit/transformers/node`):
 * tokenizers and GPT-2 checkpoints read from directories, and the offline default model shipped
 * with the package.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValueError } from '@gradkit/core';
import type { Gpt2Model } from '../gpt2/model.js';
import { Gpt2Tokenizer, type HfTokenizer, type Tokenizer, tokenizerFromJson } from '../tokenizer.js';
import { gpt2FromBytes } from './ts.js';

function requireFile(op: string, dir: string, name: string, what: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ValueError(op, `model directory ${dir} does not exist; expected a directory with ${what}`);
  const file = join(dir, name);
  if (!existsSync(file)) throw new ValueError(op, `${file} is missing; expected ${what}`);
  if (!statSync(file).isFile())
    throw new ValueError(op, `${file} is not a file (a directory?); expected ${what}`);
  return file;
}

/**
 * Load a Hugging Face tokenizer from `dir/tokenizer.json` (and `dir/tokenizer_config.json` when
 * present) through `@huggingface/transformers`.
 *
 * @example
 *   const tok = await loadTokenizer('path/to/model');
 */
export async function loadTokenizer(dir: string): Promise<HfTokenizer> {
  const op = 'loadTokenizer';
  const file = requireFile(op, dir, 'tokenizer.json', 'a Hugging Face tokenizer.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ValueError(
      op,
      `${file} is not valid JSON (${(e as Error).message}); expected a Hugging Face tokenizer.json`,
    );
  }
  const cfgFile = join(dir, 'tokenizer_config.json');
  let cfg: unknown = {};
  if (existsSync(cfgFile)) {
    try {
      cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
    } catch (e) {
      throw new ValueError(op, `${cfgFile} is not valid JSON (${(e as Error).message})`);
    }
  }
  try {
    return await tokenizerFromJson(json, cfg);
  } catch (e) {
    throw new ValueError(op, `${file}: ${(e as Error).message}`);
  }
}

/**
 * The tokenizer of a model directory: its `tokenizer.json` when present (checked against the
 * model: at most `vocabSize` tokens, so every id it emits indexes the embedding), otherwise
 * GPT-2's byte-level BPE (js-tiktoken `gpt2` ranks) when the model's vocabulary is GPT-2's (50257).
 */
export async function loadTokenizerFor(dir: string, vocabSize: number): Promise<Tokenizer> {
  if (existsSync(join(dir, 'tokenizer.json'))) {
    const tokenizer = await loadTokenizer(dir);
    // a model may have more embedding rows than tokens (padded vocabularies), never fewer: every
    // id the tokenizer can emit must index the model's embedding
    if (tokenizer.vocabSize > vocabSize)
      throw new ValueError(
        'loadTokenizerFor',
        `${join(dir, 'tokenizer.json')} has ${tokenizer.vocabSize} tokens but the model's vocab_size is ${vocabSize}; expected a tokenizer with at most vocab_size tokens (the tokenizer of another model?)`,
      );
    return tokenizer;
  }
  if (vocabSize === 50257) return new Gpt2Tokenizer();
  throw new ValueError(
    'loadTokenizerFor',
    `${join(dir, 'tokenizer.json')} is missing and the vocabulary (${vocabSize}) is not GPT-2's 50257; expected a tokenizer.json`,
  );
}

/**
 * Load a Hugging Face GPT-2 checkpoint directory (`config.json` + `model.safetensors`) into the
 * TypeScript backend.
 *
 * @example
 *   const model = loadGpt2('models/gpt2');
 *   const { logits } = await model.forward([[464, 1266]], null);
 */
export function loadGpt2(dir: string): Gpt2Model {
  const op = 'loadGpt2';
  const cfg = requireFile(op, dir, 'config.json', 'a Hugging Face config.json and model.safetensors');
  const weights = requireFile(
    op,
    dir,
    'model.safetensors',
    'the weights as model.safetensors (Hugging Face layout)',
  );
  return gpt2FromBytes(readFileSync(cfg, 'utf8'), new Uint8Array(readFileSync(weights)), {
    config: cfg,
    weights,
  });
}

/** Directory of the offline default model shipped with the package (`models/tiny-gpt2-shakespeare`). */
export function defaultModelDir(): string {
  const here = dirname(fileURLToPath(import.meta.url)); // src/backends (dist/backends when built)
  return resolve(here, '..', '..', 'models', 'tiny-gpt2-shakespeare');
}

/**
 * The offline default model: a small GPT-2-architecture checkpoint trained on public-domain
 * Shakespeare (see `models/tiny-gpt2-shakespeare/README.md`), with GPT-2's tokenizer.
 *
 * @example
 *   const { model, tokenizer } = loadDefaultModel();
 *   await generate(model, tokenizer.encode('Shall I compare thee'), { maxNewTokens: 10 });
 */
export function loadDefaultModel(): { model: Gpt2Model; tokenizer: Gpt2Tokenizer; dir: string } {
  const dir = defaultModelDir();
  return { model: loadGpt2(dir), tokenizer: new Gpt2Tokenizer(), dir };
}
