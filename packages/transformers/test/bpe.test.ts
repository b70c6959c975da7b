/**
 * GPT-2's BPE (`BytePairEncoding`, O(n log n) merges) against js-tiktoken's reference
 * implementation of the same ranks (which gives Hugging Face's GPT2Tokenizer ids): equal ids on
 * fuzzed text, linear-ish time on one long word, no stack overflow on long whitespace, and a
 * leading U+FEFF kept.
 */
import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import gpt2Ranks from 'js-tiktoken/ranks/gpt2';
import { describe, expect, it } from 'vitest';
import { BytePairEncoding, Gpt2Tokenizer } from '../src/index.js';

const reference = new Tiktoken(gpt2Ranks);
const bpe = new BytePairEncoding(gpt2Ranks);
const tok = new Gpt2Tokenizer();

describe('BytePairEncoding (GPT-2 ranks)', () => {
  it("encodes the notebook's prompt as GPT-2 does", () => {
    expect(tok.encode('The best thing about Bath is')).toEqual([464, 1266, 1517, 546, 24967, 318]);
  });

  it('equals js-tiktoken on fuzzed text: words, digits, punctuation, whitespace, any Unicode, <|endoftext|>', () => {
    const piece = fc.oneof(
      fc.constantFrom(' ', '  ', '\n', '\t', "'s", "'ll", '<|endoftext|>', '...', '1234567', ' the', 'ing'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'r', ' '), maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const ids = bpe.encode(text);
        expect(ids).toEqual(reference.encode(text, 'all'));
        expect(tok.decode(ids, { skipSpecialTokens: false })).toBe(text);
      }),
      { seed: 20261206, numRuns: 500 },
    );
  });

  it('one 20,000-letter word takes milliseconds, not the quadratic 40 s (the merges still equal the reference at 2,000)', () => {
    const word = 'a'.repeat(2000);
    expect(bpe.encode(word)).toEqual(reference.encode(word));
    const t0 = performance.now();
    const ids = bpe.encode('a'.repeat(20_000));
    const ms = performance.now() - t0;
    expect(tok.decode(ids)).toBe('a'.repeat(20_000));
    expect(ms).toBeLessThan(2000);
  });

  it('130 kB of whitespace encodes without a stack overflow and round-trips', () => {
    const ws = ' \n\t'.repeat(45_000);
    const ids = bpe.encode(ws);
    expect(tok.decode(ids)).toBe(ws);
  });

  it('keeps a leading U+FEFF, as Hugging Face does', () => {
    const text = '\uFEFFhello';
    expect(tok.decode(tok.encode(text))).toBe(text);
    expect(tok.encode(text)).toEqual(reference.encode(text));
  });

  it('rejects a non-string with a typed error naming the argument', () => {
    expect(() => bpe.encode(42 as unknown as string)).toThrow(/text must be a string, received 42/);
  });
});
