// Tokenizers of @gradkit/transformers. The GPT-2 ids of "The best thing about Bath is" are the
// notebook's (Hugging Face GPT2Tokenizer): [464, 1266, 1517, 546, 24967, 318]. The tiny
// tokenizer.json below is a byte-level BPE whose merges determine the ids by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gpt2Tokenizer, loadTokenizer, loadTokenizerFor } from '@gradkit/transformers/node';
import { describe, expect, it } from 'vitest';

describe('Gpt2Tokenizer (js-tiktoken gpt2 ranks)', () => {
  const tok = new Gpt2Tokenizer();
  it('encodes the notebook prompt to the GPT-2 ids', () => {
    expect(tok.encode('The best thing about Bath is')).toEqual([464, 1266, 1517, 546, 24967, 318]);
    expect(tok.vocabSize).toBe(50257);
  });
  it('decodes, skipping <|endoftext|> unless asked', () => {
    const ids = [...tok.encode('The best thing about Bath is'), 50256];
    expect(tok.decode(ids)).toBe('The best thing about Bath is');
    expect(tok.decode(ids, { skipSpecialTokens: false })).toBe('The best thing about Bath is<|endoftext|>');
    expect(tok.encode('<|endoftext|>')).toEqual([50256]);
  });
  it('round-trips unicode', () => {
    const s = 'Shall I compare thee to a summer’s day? — naïve 東京';
    expect(tok.decode(tok.encode(s))).toBe(s);
  });
  it('rejects ids outside the vocabulary', () => {
    expect(() => tok.decode([50257])).toThrow(/ids\[0\] = 50257/);
  });
});

describe('loadTokenizer (Hugging Face tokenizer.json)', () => {
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      {
        id: 10,
        content: '<eos>',
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      },
    ],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: null,
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      vocab: { h: 0, e: 1, l: 2, o: 3, Ġ: 4, he: 5, ll: 6, hell: 7, hello: 8, Ġhello: 9, '<eos>': 10 },
      merges: ['h e', 'l l', 'he ll', 'hell o', 'Ġ hello'],
    },
  };
  it('encodes and decodes with the merges of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-tok-'));
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(json));
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ eos_token: '<eos>' }));
    const tok = await loadTokenizer(dir);
    expect(tok.encode('hello hello')).toEqual([8, 9]);
    expect(tok.encode('hell')).toEqual([7]);
    expect(tok.encode('oh')).toEqual([3, 0]);
    expect(tok.decode([8, 9, 10])).toBe('hello hello');
    expect(tok.vocabSize).toBe(11);
  });
  it('loadTokenizerFor refuses a tokenizer with more tokens than the model has embeddings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-tok-'));
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(json));
    // 11 tokens: a model with 11 or more embedding rows takes it (padded vocabularies are common)
    expect((await loadTokenizerFor(dir, 11)).vocabSize).toBe(11);
    expect((await loadTokenizerFor(dir, 16)).encode('hello')).toEqual([8]);
    await expect(loadTokenizerFor(dir, 10)).rejects.toThrow(
      /tokenizer\.json has 11 tokens but the model's vocab_size is 10; expected a tokenizer with at most vocab_size tokens/,
    );
  });
  it('says which file is missing or malformed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-tok-'));
    await expect(loadTokenizer(dir)).rejects.toThrow(/tokenizer\.json is missing/);
    writeFileSync(join(dir, 'tokenizer.json'), '{"model": ');
    await expect(loadTokenizer(dir)).rejects.toThrow(/tokenizer\.json is not valid JSON/);
  });
});
